"""``diplograph find``: resources by name, label, alternate name or IRI, best first."""

import json
from pathlib import Path

from diplograph.curation.find import find_resources, normalise
from diplograph.paths import DataTree

REPO = Path(__file__).resolve().parent.parent


def test_a_name_as_printed_finds_the_person_first(run):
    # The graph spells him "Lee Jae-myung" (label) and "Lee Jae Myung" (alternate name).
    result = run("find", "LEE jae myung", "-n", "2", data=REPO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["iri", "class", "label", "file"]
    assert lines[2].split() == ["person:lee-jae-myung", "schema:Person", "Lee", "Jae-myung",
                                "graph/entities/people.ttl"]
    assert len(lines) == 4  # header, rule, two matches


def test_diacritics_hyphens_and_case_are_ignored():
    tree = DataTree(REPO)
    for text in ("Lee Jáe-Myüng", "leejaemyung", "lee-jae-myung", "Lee  Jae Myung"):
        assert find_resources(tree, text, limit=1)[0].iri.endswith("/person/lee-jae-myung"), text
    assert normalise("Jáe-Myüng’s") == "jaemyungs"


def test_a_misspelt_iri_finds_the_right_one():
    tree = DataTree(REPO)
    [match] = find_resources(tree, "person:lee-jae-myng", limit=1)
    assert match.iri == "https://w3id.org/diplograph/id/person/lee-jae-myung"
    assert match.score < 50  # a near miss, not a match on a name


def test_people_rank_above_their_roles_in_events():
    tree = DataTree(REPO)
    matches = find_resources(tree, "takaichi", limit=None)
    assert matches[0].iri.endswith("/person/sanae-takaichi")
    assert matches[0].label == "Sanae Takaichi"
    assert matches[0].file == REPO / "graph" / "entities" / "people.ttl"
    roles = [m for m in matches if "/participation/" in m.iri]
    assert roles and all(r.score < matches[0].score for r in roles)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_json_names_full_iris_types_and_the_file(run):
    result = run("find", "nara", "-n", "1", "-f", "json", data=REPO)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "iri": "https://w3id.org/diplograph/id/place/nara",
        "types": ["https://schema.org/City"],
        "label": "Nara", "file": "graph/entities/places.ttl",
        "score": 100.0, "matched": "Nara",
    }]


def test_nothing_matches_exit_1_one_line(run):
    result = run("find", "qqqzzzxxx")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "diplograph: no resource matches 'qqqzzzxxx'\n"


def test_a_changed_file_is_read_again(tmp_path):
    import shutil

    from tests_helpers import copy_tree

    root = copy_tree(REPO, tmp_path)
    tree = DataTree(root)
    assert not find_resources(tree, "Zorblat Quenn")
    people = root / "graph" / "entities" / "people.ttl"
    people.write_text(people.read_text(encoding="utf-8") + (
        '\nperson:zorblat-quenn a schema:Person ;\n    rdfs:label "Zorblat Quenn"@en .\n'),
        encoding="utf-8")
    [match] = find_resources(tree, "Zorblat Quenn")
    assert match.iri.endswith("/person/zorblat-quenn") and match.file == people
    shutil.rmtree(root)
