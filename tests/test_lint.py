"""Lint (diplograph.lint): each check fires on its slip, with the file and line, and
stays silent on the bundled graph; validate reports the findings as violations."""

import shutil
from pathlib import Path

import pytest

from diplograph.lint import lint, sparql_terms
from diplograph.namespaces import RDF, XSD
from diplograph.paths import DataTree

REPO = Path(__file__).resolve().parent.parent
PREFIXES = """\
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix person: <https://w3id.org/diplograph/id/person/> .
@prefix event: <https://w3id.org/diplograph/id/event/> .
@prefix evidence: <https://w3id.org/diplograph/id/evidence/> .
"""
BASE = PREFIXES + """
person:ann-lee a schema:Person ;
    schema:name "Ann Lee" .
"""


@pytest.fixture
def tree(tmp_path) -> Path:
    """The real ontology and one small graph file; no shapes, no queries."""
    root = tmp_path / "tree"
    shutil.copytree(REPO / "ontology", root / "ontology")
    (root / "graph").mkdir()
    (root / "graph" / "base.ttl").write_text(BASE, encoding="utf-8")
    return root


def findings(root: Path, text: str, name: str = "slip.ttl"):
    (root / "graph" / name).write_text(PREFIXES + text, encoding="utf-8")
    return [(f.check, f.path.name, f.line, f.message) for f in lint(DataTree(root))]


HEAD = PREFIXES.count("\n")  # lines before the text findings() appends


def test_the_bundled_tree_is_clean():
    assert lint(DataTree(REPO)) == []


def test_a_clean_file_gives_nothing(tree):
    assert findings(tree, "person:bo-kim a schema:Person .\n") == []


def test_undeclared_term_with_a_suggestion(tree):
    found = findings(tree, "person:bo-kim a schema:Person ;\n"
                           "    dg:occassion event:x .\nevent:x a dg:SummitMeeting .\n")
    assert found == [("UndeclaredTerm", "slip.ttl", HEAD + 2,
                      "dg:occassion is not declared in the ontology (did you mean dg:occasion?)")]


def test_dangling_reference_as_an_evidence_body(tree):
    found = findings(tree, "evidence:x-01 a dg:Evidence ;\n"
                           "    oa:motivatedBy dg:evidencing ;\n"
                           "    oa:hasBody person:ann-le .\n")
    assert found == [("DanglingReference", "slip.ttl", HEAD + 3,
                      "person:ann-le is used (as object of evidence:x-01) but nothing describes "
                      "it (did you mean person:ann-lee?)")]


def test_untyped_resource(tree):
    found = findings(tree, "\nperson:bo-kim\n    schema:name \"Bo Kim\" .\n")
    assert found == [("UntypedResource", "slip.ttl", HEAD + 2,
                      "person:bo-kim has no rdf:type, so no shape checks it; "
                      "a person is a schema:Person")]


def test_type_must_match_the_kind(tree):
    found = findings(tree, "person:bo-kim a dg:SummitMeeting .\n")
    assert found == [("TypeMatchesKind", "slip.ttl", HEAD + 1,
                      "person:bo-kim is a dg:SummitMeeting, but a person IRI names a "
                      "schema:Person (or a subclass)")]


@pytest.mark.parametrize("cls", ["org:Organization", "org:FormalOrganization",
                                 "org:OrganizationalUnit", "schema:NewsMediaOrganization"])
def test_every_class_the_organization_shapes_accept_fits_an_organization_iri(tree, cls):
    text = ("@prefix org: <http://www.w3.org/ns/org#> .\n"
            "@prefix organization: <https://w3id.org/diplograph/id/organization/> .\n"
            f"organization:a-bureau a {cls} .\n")
    assert findings(tree, text) == []


def test_subclasses_declared_in_the_data_count_for_the_kind(tree):
    # dg:SummitMeeting is a sem:Event through the ontology's rdfs:subClassOf chain.
    assert findings(tree, "event:x a dg:SummitMeeting .\n") == []


@pytest.mark.parametrize("iri, why", [
    ("<https://w3id.org/diplograph/id/persons/bo-kim>", "unknown kind 'persons'"),
    ("<https://w3id.org/diplograph/id/person/Bo_Kim>",
     "slug 'Bo_Kim' is not lower-case words joined by '-'"),
])
def test_iri_pattern(tree, iri, why):
    found = findings(tree, f"{iri} a schema:Person .\n")
    checks = {f[0]: f for f in found}
    assert checks["IriPattern"][2] == HEAD + 1
    assert checks["IriPattern"][3].endswith(why)


@pytest.mark.parametrize("written, datatype, canonical", [
    ("PT90M", "duration", "PT1H30M"),
    ("P1Y13M", "duration", "P2Y1M"),
    ("007", "integer", "7"),
    ("+5", "integer", "5"),
    ("45.0", "decimal", "45"),
    (".5", "decimal", "0.5"),
    ("1", "boolean", "true"),
    ("0", "boolean", "false"),
    ("2025-10-30T10:00:00Z", "dateTime", "2025-10-30T10:00:00+00:00"),
    ("2025-10-30T10:00:00-00:00", "dateTime", "2025-10-30T10:00:00+00:00"),
    ("2025-10-30T10:00:00.000", "dateTime", "2025-10-30T10:00:00"),
    ("C868AB", "hexBinary", "c868ab"),
])
def test_non_canonical_literal_names_the_form_to_write(tree, written, datatype, canonical):
    found = findings(tree, f'person:bo-kim a schema:Person ;\n'
                           f'    schema:name "Bo Kim" ;\n'
                           f'    dg:value "{written}"^^xsd:{datatype} .\n')
    assert found == [(
        "CanonicalLiteral", "slip.ttl", HEAD + 3,
        f"{written!r}^^xsd:{datatype} is read back as {canonical!r} (not its canonical form); "
        f'write "{canonical}"^^xsd:{datatype}',
    )]


@pytest.mark.parametrize("written, datatype", [
    ("PT1H30M", "duration"), ("7", "integer"), ("45.5", "decimal"), ("true", "boolean"),
    ("2025-10-30T10:00:00+09:00", "dateTime"), ("2025-10-30T10:00:00+00:00", "dateTime"),
    ("2025-10", "gYearMonth"), ("c868ab", "hexBinary"),
])
def test_canonical_literals_pass(tree, written, datatype):
    text = f'person:bo-kim a schema:Person ; dg:value "{written}"^^xsd:{datatype} .\n'
    assert findings(tree, text) == []


def test_bare_numbers_are_checked_too(tree):
    found = findings(tree, "person:bo-kim a schema:Person ;\n    dg:value 007 .\n")
    assert [(f[0], f[2]) for f in found] == [("CanonicalLiteral", HEAD + 2)]


def test_an_ill_typed_literal_is_left_to_validate(tree):
    text = 'person:bo-kim a schema:Person ; dg:value "2025-13-45"^^xsd:date .\n'
    assert findings(tree, text) == []


def test_a_blank_node_finding_has_the_line_of_its_term(tree):
    found = findings(tree, "person:bo-kim a schema:Person ;\n"
                           "    dg:value [\n        dg:occassion 1 ] .\n")
    assert [(f[0], f[2]) for f in found] == [("UndeclaredTerm", HEAD + 3)]


def test_undeclared_terms_in_shapes_and_queries(tree):
    (tree / "shapes").mkdir()
    (tree / "shapes" / "s.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://w3id.org/diplograph/shapes#S> a sh:NodeShape ;\n"
        '    sh:sparql [ sh:select """SELECT $this WHERE {\n'
        '        $this dg:ocasion ?o }""" ] .\n', encoding="utf-8")
    (tree / "queries").mkdir()
    (tree / "queries" / "q.rq").write_text(
        "# dg:inAComment is not a use\nSELECT * WHERE {\n  ?s dg:zzzUnheardOf ?o }\n",
        encoding="utf-8")
    found = [(f.check, f.path.name, f.line, f.message) for f in lint(DataTree(tree))]
    assert found == [
        ("UndeclaredTerm", "q.rq", 3, "dg:zzzUnheardOf is not declared in the ontology"),
        ("UndeclaredTerm", "s.ttl", 4,
         "dg:ocasion is not declared in the ontology (did you mean dg:occasion?)"),
    ]


def test_sparql_terms():
    query = "SELECT * { ?e dg:occasion ?o ; <https://w3id.org/diplograph/ontology#notATerm> ?x }"
    assert sparql_terms(query) == {"occasion", "notATerm"}
    assert not sparql_terms("dgsh:x")
    assert not sparql_terms("PREFIX xdg: <a#> SELECT * { ?a xdg:b ?c }")


def test_validate_reports_the_four_slips_of_issue_8(tmp_path, monkeypatch):
    """The slips that once passed validate: each is now a violation with its file and line."""
    from click.testing import CliRunner

    from diplograph.cli import cli

    root = tmp_path / "repo"
    for folder in ("ontology", "graph", "shapes"):
        shutil.copytree(REPO / folder, root / folder)
    people = root / "graph" / "entities" / "people.ttl"
    text = people.read_text(encoding="utf-8")
    assert "person:lee-jae-myung a schema:Person ;\n" in text
    people.write_text(text.replace("person:lee-jae-myung a schema:Person ;\n",
                                   "person:lee-jae-myung\n", 1), encoding="utf-8")
    slips = root / "graph" / "slips.ttl"
    slips.write_text(PREFIXES + (
        "evidence:slips-01 a dg:Evidence ;\n"                      # +1
        "    oa:motivatedBy dg:evidencing ;\n"                     # +2
        "    oa:hasBody person:lee-jae-myng .\n"                   # +3
        "event:slips a dg:SummitMeeting ;\n"                       # +4
        "    dg:occassion event:2025-10-30-japan-south-korea-summit ;\n"  # +5
        '    dg:value "PT90M"^^xsd:duration .\n'                   # +6
    ), encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["validate", "--quiet"])
    assert result.exit_code == 1
    out = result.stdout
    assert f"Data tree: {root.resolve()} (found at or above the working directory)" in out
    people_line = text.splitlines().index("person:lee-jae-myung a schema:Person ;") + 1
    for expected in (
        f"graph/slips.ttl:{HEAD + 3}: evidence:slips-01: person:lee-jae-myng is used",
        f"graph/slips.ttl:{HEAD + 5}: event:slips: dg:occassion is not declared",
        f"graph/slips.ttl:{HEAD + 6}: event:slips: 'PT90M'^^xsd:duration is read back as "
        "'PT1H30M'",
        f"graph/entities/people.ttl:{people_line}: person:lee-jae-myung: person:lee-jae-myung "
        "has no rdf:type",
    ):
        assert any(line.startswith(expected) for line in out.splitlines()), (expected, out)
    github = CliRunner().invoke(cli, ["validate", "--format", "github", "--quiet"]).stdout
    assert (f"::error file=graph/slips.ttl,line={HEAD + 5},title=dgsh%3AUndeclaredTerm::"
            "event:slips: dg:occassion is not declared in the ontology") in github


def test_a_blank_focus_node_is_located_in_its_named_subjects_block(tree):
    import pyoxigraph as ox

    from diplograph.lint import Linter

    (tree / "graph" / "capture.ttl").write_text(PREFIXES + (
        "person:bo-kim a schema:Person ;\n"                      # +1
        '    schema:name "Bo Kim" ;\n'                           # +2
        "    dg:value [ a dg:Thing ;\n"                          # +3
        '        schema:name "inner" ] .\n'), encoding="utf-8")  # +4
    linter = Linter(DataTree(tree))
    triples = linter.context.per_file[tree / "graph" / "capture.ttl"]
    blank = next(t.subject for t in triples if isinstance(t.subject, ox.BlankNode))
    path, line = linter.locate(blank, ox.Literal("inner"))
    assert (path.name, line) == ("capture.ttl", HEAD + 4)
    assert linter.locate(blank)[1] == HEAD + 1


def test_line_index_reads_language_tags_numbers_and_directives(tmp_path):
    from diplograph.turtlelines import index

    path = tmp_path / "x.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\n"      # 1
        "PREFIX p: <http://example.org/p/>\n"        # 2
        "ex:a ex:name \"Seoul\"@en-GB ,\n"           # 3
        "        \"서울\"@ko ;\n"                      # 4
        "    ex:n 45.\n"                              # 5
        "p:b ex:t \"\"\"two\n"                        # 6
        "lines\"\"\"^^ex:dt ; ex:u 1.5e3 .\n",        # 7
        encoding="utf-8")
    lines = index(path)
    assert lines.blocks == {"<http://example.org/a>": [(3, 5)],
                            "<http://example.org/p/b>": [(6, 7)]}
    assert lines.line_of("<http://example.org/a>", '"Seoul"@en-gb') == 3
    assert lines.line_of("<http://example.org/a>", '"서울"@ko') == 4
    assert lines.line_of("<http://example.org/a>",
                         '"45"^^<http://www.w3.org/2001/XMLSchema#integer>') == 5
    assert lines.line_of("<http://example.org/p/b>",
                         '"two\\nlines"^^<http://example.org/dt>') == 6
    assert lines.line_of("<http://example.org/p/b>",
                         '"1.5e3"^^<http://www.w3.org/2001/XMLSchema#double>') == 7


def test_line_index_finds_a_term_outside_blocks_only_where_it_is_a_token(tmp_path):
    """A term asked for outside any block is found at its first token: not in a comment or
    a string that spells it, as ``a`` for rdf:type, under the prefix in force there."""
    from diplograph.turtlelines import index

    path = tmp_path / "x.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\n"                          # 1
        "# ex:b in a comment, <http://example.org/b> too\n"              # 2
        "ex:a ex:p \"ex:b <http://example.org/b>\" . ex:c ex:p ex:b .\n"  # 3
        "PREFIX ex: <http://example.org/other/>\n"                       # 4
        "ex:b a ex:T .\n",                                               # 5
        encoding="utf-8")
    lines = index(path)
    assert lines.blocks == {"<http://example.org/a>": [(3, 3)], "<http://example.org/c>": [(3, 3)],
                            "<http://example.org/other/b>": [(5, 5)]}
    assert lines.line_of("<http://nowhere/>", "<http://example.org/b>") == 3
    assert lines.first_mention(f"<{RDF.type}>") == 5
    assert lines.first_mention("<http://example.org/other/T>") == 5
    assert lines.first_mention("<http://example.org/T>") is None
    assert lines.first_mention(f'"ex:b <http://example.org/b>"^^<{XSD.string}>') == 3
    assert lines.line_of("<http://example.org/other/b>", "<http://example.org/other/T>") == 5


def test_borrowed_folders_are_used_but_not_reported_on(tmp_path):
    """A tree with its own small ontology and no shapes/ or queries/: the bundled shapes
    and queries use dg: terms it does not declare, which its owners cannot fix."""
    root = tmp_path / "theirs"
    (root / "ontology").mkdir(parents=True)
    (root / "ontology" / "mini.ttl").write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "dg:note a owl:DatatypeProperty .\n", encoding="utf-8")
    (root / "graph").mkdir()
    (root / "graph" / "a.ttl").write_text(PREFIXES + (
        'person:bo-kim a schema:Person ; dg:note "x" ; dg:nothing "y" .\n'), encoding="utf-8")
    from diplograph.paths import data_tree

    tree = data_tree(root).for_validation()
    assert tree.borrowed == ["shapes", "queries"]
    assert [(f.check, f.path.name, f.message) for f in lint(tree)] == [
        ("UndeclaredTerm", "a.ttl", "dg:nothing is not declared in the ontology")]
