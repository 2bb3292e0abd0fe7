import re
import subprocess
import sys
from pathlib import Path

import pytest

from diplograph.cli import cli

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"diplograph {command}" in result.stdout.split("Example:")[1]


def test_version_comes_from_the_ontology(run):
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("diplograph")
    except PackageNotFoundError:
        pytest.skip("diplograph is not installed")
    ontology = (REPO / "ontology" / "diplograph.ttl").read_text(encoding="utf-8")
    assert installed == re.search(r'owl:versionInfo "([^"]+)"', ontology).group(1)
    assert run("--version").stdout == f"diplograph {installed}\n"


def test_errors_are_short_and_debug_shows_the_traceback(run):
    quiet = run("query", "nope")
    assert quiet.exit_code == 2
    assert "Traceback" not in quiet.stderr
    assert len(quiet.stderr.splitlines()) <= 2
    loud = run("--debug", "query", "nope")
    assert loud.exit_code == 2
    assert "Traceback" in loud.stderr


def test_keyboard_interrupt_exits_130(run, monkeypatch):
    import diplograph.api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(diplograph.api, "run_query", interrupted)
    result = run("query", "meetings")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


def test_bad_data_folder(run, tmp_path):
    assert run("stats", data=tmp_path / "nope").exit_code == 2
    result = run("stats", data=tmp_path)
    assert result.exit_code == 2
    assert "neither ontology/ nor graph/" in result.stderr


def test_data_from_environment(fixture_tree, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("DIPLOGRAPH_DATA", str(fixture_tree))
    result = CliRunner().invoke(cli, ["query", "has-disagreements"])
    assert result.stdout == "true\n"


def test_query_path_imports_no_heavy_library(fixture_tree, tmp_path):
    # Run in a fresh interpreter from another directory: startup time depends on it.
    code = (
        "import sys\n"
        "from diplograph.cli import main\n"
        f"sys.argv = ['diplograph', '--data', {str(fixture_tree)!r}, 'query', 'meetings']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'pyshacl', 'SPARQLWrapper') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {"PYTHONPATH": str(REPO / "src"), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env=env, check=True).stdout
    assert "event:2025-10-30-japan-south-korea-summit" in out
    assert out.rstrip().endswith("HEAVY []")
