"""``diplograph add organization``: an organization with what it is part of, and evidence."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from tests_helpers import SOURCE, SOURCE_SLUG, snapshot, with_source, workspace  # noqa: F401


def test_writes_the_organization(with_source):
    organizations = with_source.root / "graph" / "entities" / "organizations.ttl"
    before = organizations.read_text(encoding="utf-8")
    result = with_source.run("add", "organization", SOURCE, "Japan’s Fisheries Agency",
                             "--name", "Fisheries Agency", "--kind", "OrganizationalUnit",
                             "--part-of", "Government of Japan", "--area", "Japan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["organization:fisheries-agency",
                                          f"evidence:{SOURCE_SLUG}-01"]
    assert organizations.read_text(encoding="utf-8") == before + """
organization:fisheries-agency a org:OrganizationalUnit ;
    rdfs:label "Fisheries Agency"@en ;
    schema:name "Fisheries Agency" ;
    org:subOrganizationOf organization:government-of-japan ;
    schema:areaServed place:japan .
"""


def test_refuses_a_part_of_that_is_not_an_organization(with_source):
    before = snapshot(with_source.root)
    result = with_source.run("add", "organization", SOURCE, "Japan’s Fisheries Agency",
                             "--name", "Fisheries Agency", "--kind", "OrganizationalUnit",
                             "--part-of", "place:japan")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        "diplograph: --part-of place:japan: place:japan is a schema:Country, not a ")
    assert snapshot(with_source.root) == before
