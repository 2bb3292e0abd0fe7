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


def test_turtle_report_lists_warnings_and_does_not_say_it_conforms(run):
    """SHACL: sh:conforms is false whenever the report lists a result; the exit
    code still follows --fail-on (the fixture tree's one warning passes)."""
    import rdflib

    result = run("validate", "-f", "turtle")
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(list(graph.objects(None, sh.result))) == 1
    assert set(graph.objects(None, sh.conforms)) == {rdflib.Literal(False)}


def test_bad_turtle_names_file_and_line(run, broken_tree):
    (broken_tree / "graph" / "typo.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n\n"
        "<http://a> dg:b nope:c .\n"
    )
    result = run("validate", data=broken_tree)
    assert result.exit_code == 2
    assert f"{broken_tree / 'graph' / 'typo.ttl'}:3:" in result.stderr
    assert "nope" in result.stderr


def test_no_shapes_is_an_input_error(fixture_tree, tmp_path):
    from diplograph import validate as shacl
    from diplograph.errors import InputError
    from diplograph.paths import DataTree

    tree = tmp_path / "tree"
    shutil.copytree(fixture_tree / "graph", tree / "graph")
    shutil.copytree(fixture_tree / "ontology", tree / "ontology")
    with pytest.raises(InputError, match="no shapes found"):
        shacl.validate(DataTree(tree))  # a tree with no bundled copy to borrow from


def test_a_tree_without_shapes_borrows_the_bundled_ones_and_says_so(run, broken_tree):
    shutil.rmtree(broken_tree / "shapes")
    result = run("validate", data=broken_tree)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].endswith(
        f"Data tree: {broken_tree} (--data), with the bundled shapes/."
    )
    # A shape only the bundled shapes/ has (the fixture tree's own core.ttl lacks it).
    assert "shape https://w3id.org/diplograph/shapes#CaptureShape-checksum" in result.stdout


def test_summary_names_the_tree(run, fixture_tree):
    first = run("validate").stdout.splitlines()[0]
    assert first == f"The data graph conforms (1 warning). Data tree: {fixture_tree} (--data)."


def test_results_carry_file_and_line(run, broken_tree):
    result = run("validate", data=broken_tree)
    assert "  event:x  (graph/broken.ttl:3)" in result.stdout.splitlines()


def test_violations_come_first(run, broken_tree):
    out = run("validate", data=broken_tree).stdout
    assert out.index("Violation:") < out.index("Warning:")


def test_quiet_prints_the_summary_and_one_line_per_violation(run, broken_tree):
    result = run("validate", "--quiet", data=broken_tree)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("The data graph does not conform (2 violations, 1 warning).")
    assert len(lines) == 3
    # dg:date is missing: the block's first line; sem:hasActor: the line that writes it.
    assert lines[1].startswith("graph/broken.ttl:3: event:x: Less than 1 values")
    assert lines[2].startswith("graph/broken.ttl:4: event:x: Less than 2 values")
    assert "Warning" not in result.stdout


def test_quiet_is_capped(run, broken_tree):
    from diplograph.validate import QUIET_LINES

    (broken_tree / "graph" / "many.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        + "".join(f"<https://w3id.org/diplograph/id/event/m{n}> a dg:Meeting .\n"
                  for n in range(QUIET_LINES))
    )
    lines = run("validate", "-q", data=broken_tree).stdout.splitlines()
    assert len(lines) == 1 + QUIET_LINES + 1
    assert lines[-1] == (f"… and {2 * QUIET_LINES + 2 - QUIET_LINES} more violations "
                         "(run without --quiet to see them all)")


def test_github_annotations(run, broken_tree, monkeypatch):
    monkeypatch.chdir(broken_tree)
    result = run("validate", "--format", "github", data=broken_tree)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=graph/broken.ttl,line=3,title=")
    assert "::event:x: " in lines[0]
    assert any(line.startswith("::warning file=graph/sources/") for line in lines)
    assert lines[-1].startswith("The data graph does not conform")


def test_github_names_files_from_the_working_directory(run, broken_tree, monkeypatch):
    monkeypatch.chdir(broken_tree.parent)
    lines = run("validate", "-f", "github", "-q", data=broken_tree).stdout.splitlines()
    assert lines[0].startswith("::error file=tree/graph/broken.ttl,line=3,")
    assert not any(line.startswith("::warning") for line in lines)


def test_github_escapes_messages():
    from diplograph.validate import _github_escape

    assert _github_escape("50% done\nnext") == "50%25 done%0Anext"
    assert _github_escape("a:b,c", prop=True) == "a%3Ab%2Cc"


def test_report_formats_carry_file_and_line(run, broken_tree):
    import rdflib

    result = run("validate", "-f", "turtle", data=broken_tree)
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    dgsh = rdflib.Namespace("https://w3id.org/diplograph/shapes#")
    located = {(str(f), int(n)) for r in graph.subjects(rdflib.RDF.type, None)
               for f in graph.objects(r, dgsh.file) for n in graph.objects(r, dgsh.line)}
    assert ("graph/broken.ttl", 3) in located
