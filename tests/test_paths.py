from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.paths import DataTree, data_tree

REPO = Path(__file__).resolve().parent.parent


def test_checkout_finds_the_repo_root():
    assert data_tree().root == REPO


def test_override_and_environment(fixture_tree, monkeypatch):
    assert data_tree(fixture_tree).root == fixture_tree
    monkeypatch.setenv("DIPLOGRAPH_DATA", str(fixture_tree))
    assert data_tree().root == fixture_tree


def test_files_are_collected_recursively_in_a_stable_order(fixture_tree):
    tree = DataTree(fixture_tree)
    names = [p.relative_to(fixture_tree).as_posix() for p in tree.data_files()]
    assert names == [
        "ontology/diplograph.ttl",
        "graph/entities/people.ttl",
        "graph/events.ttl",
        "graph/sources/2025-10-25-yomiuri-summit-eyed.ttl",
        "graph/sources/2025-10-31-asahi-first-meeting.ttl",
    ]
    assert [p.name for p in tree.shape_files()] == ["core.ttl"]


def test_missing_folder(tmp_path):
    with pytest.raises(InputError):
        data_tree(tmp_path / "missing")
