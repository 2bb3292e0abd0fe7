"""diplograph info: which tree was read, why, the version and the files it holds."""

import json
from pathlib import Path

from click.testing import CliRunner

from diplograph.cli import cli

REPO = Path(__file__).resolve().parent.parent


def info(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [*args, "info"], env=env)


def version() -> str:
    from diplograph.info import package_version

    return package_version()


def test_outside_any_tree_it_reads_the_bundled_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = info()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"data tree   {REPO}"
    assert lines[1] == (
        "chosen      the bundled copy: no --data, no $DIPLOGRAPH_DATA, and no folder at or "
        f"above the working directory ({tmp_path.resolve()}) has ontology/ or graph/ holding *.ttl")
    assert lines[2] == f"version     diplograph {version()}, ontology {version()}"
    queries = len(list((REPO / "queries").glob("*.rq")))
    assert f"  queries/   {queries:5} *.rq   {REPO / 'queries'}" in lines


def test_a_repository_with_only_its_graph(tmp_path, monkeypatch):
    repo = tmp_path / "theirs"
    (repo / "graph" / "sources").mkdir(parents=True)
    for name in ("a.ttl", "sources/b.ttl"):
        (repo / "graph" / name).write_text("", encoding="utf-8")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    result = info("--data", str(repo), "--debug")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "chosen      given with --data"
    monkeypatch.chdir(repo / "docs")
    lines = info().stdout.splitlines()
    assert lines[0] == f"data tree   {repo.resolve()}"
    assert lines[1] == ("chosen      the nearest folder at or above the working directory "
                        f"({(repo / 'docs').resolve()}) with ontology/ or graph/ holding *.ttl")
    assert f"  graph/         2 *.ttl  {repo.resolve() / 'graph'}" in lines
    shapes = len(list((REPO / "shapes").glob("*.ttl")))
    assert f"  shapes/    {shapes:5} *.ttl  bundled: {REPO / 'shapes'}" in lines
    assert ("  ontology/      0 *.ttl  missing; validate reads the bundled "
            f"{REPO / 'ontology'}") in lines


def test_environment(fixture_tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIPLOGRAPH_DATA", str(fixture_tree))
    assert info().stdout.startswith(f"data tree   {fixture_tree}\n")
    result = CliRunner().invoke(cli, ["info", "--format", "json"])
    found = json.loads(result.stdout)
    assert found["tree"] == str(fixture_tree)
    assert found["origin"] == "$DIPLOGRAPH_DATA"
    assert found["ontology_version"] == "0.0.1"
    assert found["borrowed"] == []
    assert {f["folder"]: f["files"] for f in found["folders"]} == {
        "ontology": 1, "graph": 4, "shapes": 1,
        "queries": len(list((fixture_tree / "queries").glob("*.rq")))}


def test_a_missing_tree_is_bad_input(tmp_path):
    result = info("--data", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
