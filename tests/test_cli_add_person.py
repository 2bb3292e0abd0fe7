"""``diplograph add person``: a person and the office they hold, with evidence."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from tests_helpers import SOURCE, SOURCE_SLUG, snapshot, with_source, workspace  # noqa: F401

WORDS = "Japan's new Foreign Minister Hana Moriyama"


def _add(ws, *args):
    return ws.run("add", "person", SOURCE, *args)


def test_writes_the_person_and_the_membership(with_source):
    people = with_source.root / "graph" / "entities" / "people.ttl"
    offices = with_source.root / "graph" / "entities" / "offices.ttl"
    people_before = people.read_text(encoding="utf-8")
    offices_before = offices.read_text(encoding="utf-8")
    result = _add(with_source, WORDS, "--name", "Hana Moriyama", "--family-name", "Moriyama",
                  "--alternate-name", "Moriyama Hana", "--office", "Foreign Minister of Japan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "person:hana-moriyama", "membership:hana-moriyama-foreign-minister-of-japan",
        f"evidence:{SOURCE_SLUG}-01"]
    assert result.stderr.splitlines() == [
        "wrote graph/entities/offices.ttl", "wrote graph/entities/people.ttl",
        f"wrote graph/sources/{SOURCE_SLUG}.ttl"]
    assert people.read_text(encoding="utf-8") == people_before + """
person:hana-moriyama a schema:Person ;
    rdfs:label "Hana Moriyama"@en ;
    schema:name "Hana Moriyama" ;
    schema:alternateName "Moriyama Hana" ;
    schema:familyName "Moriyama" .
"""
    # organization and role are the post's own
    assert offices.read_text(encoding="utf-8") == offices_before + """
membership:hana-moriyama-foreign-minister-of-japan a org:Membership ;
    dg:post post:foreign-minister-of-japan ;
    rdfs:label "Hana Moriyama, Foreign Minister of Japan"@en ;
    org:member person:hana-moriyama ;
    org:organization organization:government-of-japan ;
    org:role role:foreign-minister .
"""
    assert with_source.source_facts().endswith(f"""\
    oa:hasBody membership:hana-moriyama-foreign-minister-of-japan ,
        person:hana-moriyama ,
        post:foreign-minister-of-japan ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "{WORDS}" ] ] .
""")


def _refused(ws, *args, message: str, hint: str | None = None):
    before = snapshot(ws.root)
    result = _add(ws, *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"diplograph: {message}", result.stderr
    if hint:
        assert lines[1] == f"  {hint}"
    assert snapshot(ws.root) == before, "no file touched"


def test_refuses_a_person_the_graph_has(with_source):
    _refused(with_source, "Lee Jae Myung", "--name", "Lee Jae-myung",
             message="the graph already describes person:lee-jae-myung",
             hint="reuse it: cite the words --about it")


def test_refuses_an_office_that_is_not_a_post(with_source):
    _refused(with_source, WORDS, "--name", "Hana Moriyama", "--office", "Foreign Minister",
             message="--office 'Foreign Minister': no office of that name in the graph",
             hint="did you mean post:foreign-minister-of-japan (Foreign Minister of Japan)?")
