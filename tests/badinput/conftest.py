"""Shared helpers for the bad-input battery: a copy of the fixture tree to break.

Every test asserts the exit code and the message; nothing here depends on the
working directory.
"""

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
FIXTURE_TREE = TESTS / "data" / "tree"


@pytest.fixture
def tree(tmp_path) -> Path:
    """A private copy of the fixture data tree, free to break."""
    copy = tmp_path / "tree"
    shutil.copytree(FIXTURE_TREE, copy)
    return copy


def one_or_two_lines(stderr: str) -> list[str]:
    """stderr as lines, checked to be a short error: one or two lines, no traceback."""
    lines = stderr.splitlines()
    assert 1 <= len(lines) <= 2, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("diplograph: ")
    return lines
