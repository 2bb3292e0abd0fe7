"""``diplograph cite``: one evidence annotation, checked verbatim against the capture."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

import test_graph_files as house_rules
from diplograph.curation.quote import select
from diplograph.errors import InputError
from diplograph.publishing.provenance import MARKER
from tests_helpers import (  # noqa: F401
    SOURCE,
    SOURCE_SLUG,
    snapshot,
    with_source,
    workspace,
)


def _cite(ws, *args, **kwargs):
    return ws.run("cite", SOURCE, *args, **kwargs)


def test_appends_one_evidence_block_with_the_next_id(with_source):
    before = with_source.source_file.read_text(encoding="utf-8")
    result = _cite(with_source, "met South Korean President Lee Jae Myung in Seoul",
                   "--about", "Lee Jae-myung", "--about", "place:seoul",
                   "--supports", "dg:datelinePlace")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"evidence:{SOURCE_SLUG}-01\n"
    assert result.stderr == f"wrote graph/sources/{SOURCE_SLUG}.ttl\n"
    after = with_source.source_file.read_text(encoding="utf-8")
    head, provenance = before.split(MARKER)  # evidence goes before the provenance block
    assert after == head + f"""\
evidence:{SOURCE_SLUG}-01 a oa:Annotation , dg:Evidence ;
    oa:motivatedBy dg:evidencing ;
    oa:hasBody person:lee-jae-myung ,
        place:seoul ;
    dg:supportsProperty dg:datelinePlace ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "met South Korean President Lee Jae Myung in Seoul" ] ] .

""" + MARKER + provenance
    result = _cite(with_source, "her first trip abroad", "--about", "person:lee-jae-myung")
    assert result.stdout == f"evidence:{SOURCE_SLUG}-02\n"
    house_rules.test_turtle_file_style(with_source.source_file)


def test_the_same_citation_writes_the_same_bytes(with_source, tmp_path):
    from tests_helpers import CAPTURE, REPO, Workspace, copy_tree

    other = Workspace(copy_tree(REPO, tmp_path / "other"), with_source.captures)
    other.new_source()
    for ws in (with_source, other):
        assert _cite(ws, "Moriyama said", "--about", "person:lee-jae-myung").exit_code == 0
    assert with_source.source_file.read_bytes() == other.source_file.read_bytes()
    assert CAPTURE.name in with_source.source_file.read_text(encoding="utf-8")


def test_an_ambiguous_quote_gets_a_prefix_and_suffix(with_source):
    result = _cite(with_source, "a fresh step for our neighbours", "--about", "Lee Jae-myung",
                   "--occurrence", "2")
    assert result.exit_code == 0, result.output
    text = with_source.source_facts()
    assert text.endswith("""\
            oa:exact "a fresh step for our neighbours" ;
            oa:prefix "be “" ;
            oa:suffix "” as" ] ] .
""")
    # and `diplograph evidence` finds exactly that one place
    from diplograph.evidence import check_evidence
    from diplograph.paths import DataTree
    from diplograph.rdfio import load_data

    problems = check_evidence(load_data(DataTree(with_source.root)), with_source.captures)
    assert [p for p in problems if SOURCE_SLUG in p.subject] == []


def test_prefix_and_suffix_are_the_fewest_words_that_tell_places_apart():
    text = "one two “x y” three. four “x y” five. one two “x y” six."
    assert select(text, "x y", occurrence=1, where="t").prefix == "two “"
    assert select(text, "x y", occurrence=1, where="t").suffix == "” three."
    third = select(text, "x y", occurrence=3, where="t")
    assert (third.prefix, third.suffix) == ("two “", "” six.")
    assert select("x y and x y", "x y", occurrence=1, where="t").prefix == ""


def _refused(ws, *args, message: str, hint: str | None = None):
    before = snapshot(ws.root)
    result = ws.run("cite", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"diplograph: {message}", result.stderr
    if hint is not None:
        assert lines[1] == f"  {hint}"
    assert len(lines) <= 2
    assert snapshot(ws.root) == before, "no file touched"


def test_refuses_an_ambiguous_quote_without_occurrence(with_source):
    _refused(with_source, SOURCE, "a fresh step for our neighbours", "--about", "Lee Jae-myung",
             message="900_5e1f0c2a9b7d4e63.txt: the words occur 2 times; pass --occurrence 1 "
                     "to 2 to say which")


def test_refuses_words_not_verbatim_and_shows_where_they_differ(with_source):
    # straight quotes where the article prints curly ones
    _refused(with_source, SOURCE, 'the meeting was "a fresh step', "--about", "Lee Jae-myung",
             message="900_5e1f0c2a9b7d4e63.txt: the words are not in the capture verbatim: "
                     "'the meeting was \"a fresh step'",
             hint="closest passage: 'the meeting was “a fresh step'; character 17 differs: "
                  "the capture has '“' (U+201C LEFT DOUBLE QUOTATION MARK), the words have "
                  "'\"' (U+0022 QUOTATION MARK)")
    _refused(with_source, SOURCE, "Lee told reporter after the talks", "--about", "Lee Jae-myung",
             message="900_5e1f0c2a9b7d4e63.txt: the words are not in the capture verbatim: "
                     "'Lee told reporter after the talks'",
             hint="closest passage: 'Lee told reporters after the talk'; character 18 differs: "
                  "the capture has 's' (U+0073 LATIN SMALL LETTER S), the words have ' ' "
                  "(U+0020 SPACE)")


def test_refuses_an_iri_the_graph_does_not_describe(with_source):
    _refused(with_source, SOURCE, "Moriyama said", "--about", "person:lee-jae-myng",
             message="--about person:lee-jae-myng: the graph does not describe "
                     "person:lee-jae-myng",
             hint="did you mean person:lee-jae-myung (Lee Jae-myung)?")
    _refused(with_source, SOURCE, "Moriyama said", "--about", "person:lee-jae-myung",
             "--supports", "dg:occassion",
             message="--supports dg:occassion: the graph does not describe dg:occassion",
             hint="did you mean dg:occasion (occasion)?")


def test_about_takes_a_whole_name_only(with_source):
    # --about may be anything, so part of a name is not enough to pick one resource
    _refused(with_source, SOURCE, "Moriyama said", "--about", "Takaichi",
             message="--about 'Takaichi': no resource of that name in the graph")


def test_refuses_a_quotation_of_what_is_not_a_statement(with_source):
    _refused(with_source, SOURCE, "Moriyama said", "--quotation-of", "person:lee-jae-myung",
             message="--quotation-of person:lee-jae-myung: person:lee-jae-myung is a "
                     "schema:Person, not a " + " or ".join(sorted(
                         f"dg:{k}" for k in ("Agreement", "Assessment", "Hope", "Intention",
                                             "Pledge", "Proposal", "Statement"))))


def test_refuses_a_source_that_does_not_exist(with_source):
    _refused(with_source, "source:2026-02-03-nope", "Moriyama said", "--about", "Lee Jae-myung",
             message="source source:2026-02-03-nope does not exist (no "
                     f"{with_source.root}/graph/sources/2026-02-03-nope.ttl)")


def test_refuses_when_the_capture_is_missing_or_changed(with_source):
    capture = with_source.captures / "900_5e1f0c2a9b7d4e63.txt"
    original = capture.read_bytes()
    capture.write_bytes(original + b"An added line.\n")
    before = snapshot(with_source.root)
    result = _cite(with_source, "Moriyama said", "--about", "Lee Jae-myung")
    assert result.exit_code == 2
    assert "SHA-256 is" in result.stderr and "not the text this source was captured as" in \
        result.stderr
    capture.unlink()
    result = _cite(with_source, "Moriyama said", "--about", "Lee Jae-myung")
    assert result.exit_code == 2
    assert result.stderr == f"diplograph: capture {capture} does not exist\n"
    result = _cite(with_source, "Moriyama said", "--about", "Lee Jae-myung",
                   env={"DIPLOGRAPH_SOURCES": ""})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "diplograph: where are the captured texts? 900_5e1f0c2a9b7d4e63.txt is needed",
        "  pass --sources DIR or set $DIPLOGRAPH_SOURCES"]
    assert snapshot(with_source.root) == before


def test_refuses_a_long_quote_unless_it_is_a_quotation(with_source):
    words = ("Japan's new Foreign Minister Hana Moriyama met South Korean President Lee Jae "
             "Myung in Seoul on Tuesday, her first trip abroad since taking office.")
    assert len(words) > 120
    _refused(with_source, SOURCE, words, "--about", "Lee Jae-myung",
             message=f"the words are {len(words)} characters; evidence quotes at most 120 "
                     "(only a quotation of a statement may be longer)")


def test_refuses_nothing_to_be_evidence_for(with_source):
    _refused(with_source, SOURCE, "Moriyama said",
             message="say what the words are evidence for: --about IRI or "
                     "--quotation-of STATEMENT")


def test_select_refuses_surrounding_white_space():
    try:
        select("a b c", " b", occurrence=None, where="t")
    except InputError as exc:
        assert "start or end with white space" in exc.message
    else:
        raise AssertionError("white space at the edge of the words was accepted")


def test_a_prefix_the_file_lacks_is_declared_with_its_canonical_iri():
    from diplograph.curation.common import append_blocks

    text = "# Things.\n\n@prefix dg: <https://w3id.org/diplograph/ontology#> .\n\ndg:a a dg:B .\n"
    added = append_blocks(text, ['person:x a schema:Person ;\n    rdfs:label "date: b"@en .'])
    assert added == (
        "# Things.\n\n@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix person: <https://w3id.org/diplograph/id/person/> .\n\n"
        'dg:a a dg:B .\n\nperson:x a schema:Person ;\n    rdfs:label "date: b"@en .\n')


def test_a_quotation_of_a_statement(with_source):
    statement = "statement:2026-01-07-lee-japan-as-important-as-china"
    result = _cite(with_source, "a fresh step for our neighbours", "--occurrence", "2",
                   "--quotation-of", statement)
    assert result.exit_code == 0, result.output
    assert with_source.source_facts().endswith(f"""
evidence:{SOURCE_SLUG}-01 a oa:Annotation , dg:Evidence , dg:Quotation ;
    oa:motivatedBy dg:evidencing ;
    oa:hasBody {statement} ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "a fresh step for our neighbours" ;
            oa:prefix "be “" ;
            oa:suffix "” as" ] ] .
""")
