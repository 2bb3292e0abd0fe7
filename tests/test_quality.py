"""ruff is clean and README.md's generated sections are fresh."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "scripts",
                             "bench"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_is_fresh():
    from diplograph import _readme

    current = (REPO / "README.md").read_text(encoding="utf-8")
    assert _readme.render(current) == current, (
        "README.md is stale: run  python -m diplograph._regenerate")


def test_release_pins_follow_the_version():
    from diplograph import _regenerate

    number = _regenerate.version(REPO)
    for name in _regenerate.PINNED:
        text = (REPO / name).read_text(encoding="utf-8")
        assert _regenerate.pinned(text, number) == text, (
            f"{name} pins another release than {number}: run  {_regenerate.COMMAND}")


def test_regenerate_check_finds_nothing_stale(capsys):
    """The one command that refreshes every generated file agrees they are all fresh."""
    from diplograph import _regenerate

    assert _regenerate.main(["--check"]) == 0, capsys.readouterr().err


def test_regenerate_check_names_a_stale_pin():
    from diplograph import _regenerate

    stale = "rev: v0.0.9\nx @ git+https://github.com/diplograph/diplograph@v0.0.9\n"
    assert _regenerate.pinned(stale, "1.2.3") == (
        "rev: v1.2.3\nx @ git+https://github.com/diplograph/diplograph@v1.2.3\n")
