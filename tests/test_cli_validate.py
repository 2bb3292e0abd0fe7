import json
import shutil

import pytest


@pytest.fixture
def broken_tree(tmp_path, fixture_tree):
    """The fixture tree with a meeting that has no date and only one actor."""
    tree = tmp_path / "tree"
    shutil.copytree(fixture_tree, tree)
    (tree / "graph" / "broken.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
        "<https://w3id.org/diplograph/id/event/x> a dg:Meeting ;\n"
        "    sem:hasActor <https://w3id.org/diplograph/id/person/lee-jae-myung> .\n"
    )
    return tree


def test_warnings_alone_pass_but_are_printed(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("The data graph conforms (1 warning).")
    assert "an article should name its authors" in result.stdout
    assert "source:2025-10-25-yomiuri-summit-eyed" in result.stdout


def test_fail_on_warning(run):
    result = run("validate", "--fail-on", "warning")
    assert result.exit_code == 1
    assert "does not conform (1 warning)" in result.stderr


def test_violations_fail_grouped_by_shape_and_focus(run, broken_tree):
    result = run("validate", data=broken_tree)
    assert result.exit_code == 1
    out = result.stdout
    assert "does not conform (2 violations, 1 warning)" in out
    block = out[out.index("event:x"):]
    assert "Violation" in block and "[path dg:date]" in block and "[path sem:hasActor]" in block


def test_sparql_constraints_run(run, broken_tree):
    (broken_tree / "graph" / "nameless.ttl").write_text(
        '<https://w3id.org/diplograph/id/person/nobody> a <https://schema.org/Person> ;\n'
        '    <https://schema.org/name> "Nobody"@ko .\n'
    )
    result = run("validate", data=broken_tree)
    assert "a person needs an English schema:name" in result.stdout
    assert "person:nobody" in result.stdout


def test_json_report_is_jsonld_with_inline_context(run, broken_tree):
    import rdflib

    result = run("validate", "-f", "json", data=broken_tree)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert isinstance(document["@context"], dict)
    graph = rdflib.Graph().parse(data=result.stdout, format="json-ld")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, rdflib.RDF.type, sh.ValidationReport) in graph
    assert len(list(graph.objects(None, sh.result))) == 3


def test_turtle_report(run):
    import rdflib

    result = run("validate", "-f", "turtle")
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, sh.conforms, rdflib.Literal(True)) in graph


def test_bad_turtle_names_file_and_line(run, broken_tree):
    (broken_tree / "graph" / "typo.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n\n"
        "<http://a> dg:b nope:c .\n"
    )
    result = run("validate", data=broken_tree)
    assert result.exit_code == 2
    assert f"{broken_tree / 'graph' / 'typo.ttl'}:3:" in result.stderr
    assert "nope" in result.stderr


def test_no_shapes_is_an_input_error(run, broken_tree):
    shutil.rmtree(broken_tree / "shapes")
    result = run("validate", data=broken_tree)
    assert result.exit_code == 2
    assert "no shapes found" in result.stderr
