import os

import pytest

from diplograph import fileio
from diplograph.errors import InputError


def test_replaces_the_file(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    fileio.write_atomic(target, "new")
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.ttl"]


def test_failure_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        fileio.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.ttl"]
