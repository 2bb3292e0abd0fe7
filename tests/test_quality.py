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
