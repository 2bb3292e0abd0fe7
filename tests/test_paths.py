"""Which data tree: --data, then $DIPLOGRAPH_DATA, then the nearest folder at or above
the working directory that holds the layout, then the bundled copy. Every test sets
its own working directory, so none depends on where pytest was started."""

from pathlib import Path

import pytest

from diplograph import paths
from diplograph.errors import InputError
from diplograph.paths import DataTree, data_tree

REPO = Path(__file__).resolve().parent.parent


def make_tree(root: Path, *folders: str) -> Path:
    for folder in folders:
        (root / folder).mkdir(parents=True)
        suffix = ".rq" if folder == "queries" else ".ttl"
        (root / folder / f"x{suffix}").write_text("", encoding="utf-8")
    return root


def test_outside_any_tree_the_bundled_copy_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree = data_tree()
    assert tree.root == REPO  # an editable install's bundled copy is the checkout
    assert tree.origin == paths.BUNDLED
    assert tree.borrowed == []


def test_inside_the_checkout_the_checkout_is_read(monkeypatch):
    monkeypatch.chdir(REPO / "graph" / "sources")
    tree = data_tree()
    assert tree.root == REPO
    assert tree.origin == paths.FROM_WORKING_DIRECTORY


def test_the_nearest_tree_above_the_working_directory_wins(tmp_path, monkeypatch):
    outer = make_tree(tmp_path / "outer", "graph")
    inner = make_tree(outer / "projects" / "inner", "ontology")
    (inner / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(inner / "deep" / "er")
    assert data_tree().root == inner
    monkeypatch.chdir(outer / "projects")
    assert data_tree().root == outer


def test_a_graph_folder_without_turtle_is_not_a_tree(tmp_path, monkeypatch):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "notes.md").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert data_tree().origin == paths.BUNDLED


def test_option_beats_environment_beats_working_directory(tmp_path, monkeypatch):
    here = make_tree(tmp_path / "here", "graph")
    env = make_tree(tmp_path / "env", "graph")
    given = make_tree(tmp_path / "given", "graph")
    monkeypatch.chdir(here)
    monkeypatch.setenv("DIPLOGRAPH_DATA", str(env))
    assert (data_tree(given).root, data_tree(given).origin) == (given, paths.FROM_OPTION)
    assert (data_tree().root, data_tree().origin) == (env, paths.FROM_ENV)
    monkeypatch.delenv("DIPLOGRAPH_DATA")
    assert (data_tree().root, data_tree().origin) == (here, paths.FROM_WORKING_DIRECTORY)


def test_a_tree_with_only_graph_borrows_the_bundled_folders(tmp_path):
    root = make_tree(tmp_path / "mine", "graph")
    tree = data_tree(root)
    assert tree.borrowed == ["shapes", "queries"]
    assert tree.shapes_dir == REPO / "shapes"
    assert tree.queries_dir == REPO / "queries"
    assert tree.data_files() == [root / "graph" / "x.ttl"]  # query, export, push: its own data
    checked = tree.for_validation()
    assert checked.borrowed == ["ontology", "shapes", "queries"]
    assert checked.data_files()[0] == REPO / "ontology" / "diplograph.ttl"
    assert checked.data_files()[-1] == root / "graph" / "x.ttl"


def test_a_folder_that_exists_is_never_mixed_with_the_bundled_one(tmp_path):
    root = make_tree(tmp_path / "mine", "graph", "ontology", "shapes", "queries")
    tree = data_tree(root).for_validation()
    assert tree.borrowed == []
    assert [p.parent for p in tree.data_files()] == [root / "ontology", root / "graph"]
    assert tree.shape_files() == [root / "shapes" / "x.ttl"]


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
