"""``diplograph add place``: a place with the place it is in, and evidence."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from tests_helpers import SOURCE, SOURCE_SLUG, snapshot, with_source, workspace  # noqa: F401


def test_writes_the_place(with_source):
    places = with_source.root / "graph" / "entities" / "places.ttl"
    before = places.read_text(encoding="utf-8")
    result = with_source.run("add", "place", SOURCE, "the port city of Busan", "--name", "Busan",
                             "--kind", "City", "--in", "South Korea", "--alternate-name", "Pusan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["place:busan", f"evidence:{SOURCE_SLUG}-01"]
    assert places.read_text(encoding="utf-8") == before + """
place:busan a schema:City ;
    rdfs:label "Busan"@en ;
    schema:name "Busan" ;
    schema:alternateName "Pusan" ;
    schema:containedInPlace place:south-korea .
"""
    assert with_source.source_facts().endswith("""\
    oa:hasBody place:busan ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource source:2026-02-03-moriyama-lee-fisheries-talks ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "the port city of Busan" ] ] .
""")


def test_refuses_a_known_place_or_an_unknown_kind(with_source):
    before = snapshot(with_source.root)
    result = with_source.run("add", "place", SOURCE, "in Seoul", "--name", "Seoul",
                             "--kind", "City")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "diplograph: the graph already describes place:seoul"
    result = with_source.run("add", "place", SOURCE, "the port city of Busan", "--name", "Busan",
                             "--kind", "Port")
    assert result.exit_code == 2
    assert result.stderr == ("diplograph: --kind Port: not one of Place, City, Country, "
                             "EventVenue, AdministrativeArea, BodyOfWater, Continent\n")
    assert snapshot(with_source.root) == before
