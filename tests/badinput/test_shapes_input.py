"""Broken shapes: exit 2 with the shapes file (and line) and the shape named."""

import pytest

from diplograph.errors import EXIT_BAD_INPUT

from .conftest import one_or_two_lines

HEAD = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix schema: <https://schema.org/> .\n"
)
SPARQL_SHAPE = HEAD + (
    "<https://w3id.org/diplograph/shapes#Broken> a sh:NodeShape ;\n"  # line 3
    "    sh:targetClass schema:Person ;\n"
    '    sh:sparql [ sh:message "broken" ; sh:select """\n'  # line 5
    "        SELECT $this WHERE {\n"
    "            $this schema:name ?name {QUERY_LINE}\n"  # line 7: the query's line 3
    '        }""" ] .\n'
)


def shapes_file(tree, text):
    path = tree / "shapes" / "extra.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_malformed_shapes_file_names_file_line_and_column(run, tree):
    path = shapes_file(tree, HEAD + "<https://w3id.org/diplograph/shapes#S> a sh:NodeShape ;\n"
                       "    sh:property [ sh:path schema:name ; sh:minCount 1 \n")
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [f"diplograph: {path}:5:1: Unexpected end"]
    assert result.stdout == ""


def test_a_sparql_constraint_that_does_not_parse(run, tree):
    path = shapes_file(tree, SPARQL_SHAPE.replace("{QUERY_LINE}", "FILTER(?name = }"))
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:7: shape https://w3id.org/diplograph/shapes#Broken: its SPARQL "
        "does not parse: Expected SelectQuery, found 'FILTER' (line 3, column 37 of the query)"
    ]


def test_a_sparql_constraint_with_service_is_refused(run, tree):
    path = shapes_file(
        tree, SPARQL_SHAPE.replace("{QUERY_LINE}", "SERVICE <http://127.0.0.1:9/s> { ?a ?b ?c }")
    )
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:7: shape https://w3id.org/diplograph/shapes#Broken: its SPARQL "
        "uses SERVICE, which would call another endpoint; validate never touches the network"
    ]


@pytest.mark.parametrize("constraint, detail", [
    ("sh:path schema:name ; sh:minCount \"many\"", "minCount"),
    ("sh:path \"schema:name\"", "path"),
])
def test_a_shape_pyshacl_cannot_use_is_one_line(run, tree, constraint, detail):
    shapes_file(tree, HEAD + "<https://w3id.org/diplograph/shapes#S> a sh:NodeShape ;\n"
                "    sh:targetClass schema:Person ;\n"
                f"    sh:property [ {constraint} ] .\n")
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: shapes in {tree / 'shapes'} cannot be used: ")
    assert detail in line
