"""``diplograph add statement``: a statement with speaker and occasion, and its quotation."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from tests_helpers import SOURCE, SOURCE_SLUG, snapshot, with_source, workspace  # noqa: F401

OCCASION = "event:2026-01-13-japan-south-korea-summit-in-nara"  # dated 2026-01-13


def _add(ws, *args):
    return ws.run("add", "statement", SOURCE, *args)


def test_writes_the_statement_and_a_quotation_of_it(with_source):
    statements = with_source.root / "graph" / "statements.ttl"
    before = statements.read_text(encoding="utf-8")
    result = _add(with_source, "a fresh step for our neighbours", "--occurrence", "1",
                  "--label", "Takaichi: a fresh step for the neighbours",
                  "--speaker", "Sanae Takaichi", "--occasion", OCCASION, "--verb", "said",
                  "--gist", "The meeting was a fresh step.", "--kind", "Hope",
                  "--topic", "topic:bilateral-relations")
    assert result.exit_code == 0, result.output
    statement = "statement:2026-01-13-takaichi-a-fresh-step-for-the-neighbours"
    assert result.stdout.splitlines() == [statement, f"evidence:{SOURCE_SLUG}-01"]
    assert statements.read_text(encoding="utf-8") == before + f"""
{statement} a dg:Hope ;
    rdfs:label "Takaichi: a fresh step for the neighbours"@en ;
    schema:agent person:sanae-takaichi ;
    dg:occasion {OCCASION} ;
    dg:reportingVerb "said" ;
    dg:gist "The meeting was a fresh step."@en ;
    dcterms:subject topic:bilateral-relations .
"""
    assert with_source.source_facts().endswith(f"""
evidence:{SOURCE_SLUG}-01 a oa:Annotation , dg:Evidence , dg:Quotation ;
    oa:motivatedBy dg:evidencing ;
    oa:hasBody {statement} ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "a fresh step for our neighbours" ;
            oa:prefix "was “" ;
            oa:suffix ".”\\nThe" ] ] .
""")


def _refused(ws, *args, message: str):
    before = snapshot(ws.root)
    result = _add(ws, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == f"diplograph: {message}", result.stderr
    assert snapshot(ws.root) == before, "no file touched"


def test_part_of_a_name_is_not_taken_for_the_whole(with_source):
    _refused(with_source, "Moriyama said", "--label", "x", "--speaker", "Takaichi",
             message="--speaker 'Takaichi': no speaker of that name in the graph")


def test_refuses_a_statement_without_speaker_or_of_an_unknown_kind(with_source):
    _refused(with_source, "Moriyama said", "--label", "x",
             message="say who made the statement: --speaker IRI-OR-NAME")
    _refused(with_source, "Moriyama said", "--label", "x", "--speaker", "Sanae Takaichi",
             "--kind", "Promise", message="--kind Promise: not a kind of dg:Statement")
    _refused(with_source, "Moriyama said", "--label", "x", "--speaker", "Sanae Takaichi",
             "--occasion", "event:2026-01-13-japan-south-korea-summit-in-narra",
             message="--occasion event:2026-01-13-japan-south-korea-summit-in-narra: the graph "
                     "does not describe event:2026-01-13-japan-south-korea-summit-in-narra")


def test_refuses_an_ambiguous_quotation(with_source):
    _refused(with_source, "a fresh step for our neighbours", "--label", "x",
             "--speaker", "Sanae Takaichi",
             message="900_5e1f0c2a9b7d4e63.txt: the words occur 2 times; pass --occurrence 1 "
                     "to 2 to say which")


def test_refuses_a_country_as_speaker(with_source):
    """A state speaks as its government: the country is a place (docs/modelling.md)."""
    _refused(with_source, "Moriyama said", "--label", "x", "--speaker", "place:china",
             message="--speaker place:china: place:china is a schema:Country, not a schema:Person "
                     "or org:Organization or org:FormalOrganization or org:OrganizationalUnit or "
                     "schema:NewsMediaOrganization")
