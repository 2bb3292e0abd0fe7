"""Output files: never partial, never truncated, the previous file never lost.

Writes go to a temp file in the same folder, then os.replace. The faults are
real where they can be caused (a file where a folder should be, /proc, a full
device, two processes at once); an interrupt or failure in the middle of a
write is simulated inside the writer, after part of the output is out.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from diplograph import fileio
from diplograph.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED

from .conftest import REPO, one_or_two_lines


def test_a_file_where_the_folder_should_be(run, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    result = run("export", "-o", str(blocker / "sub" / "graph.ttl"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: cannot write {blocker / 'sub' / 'graph.ttl'}: {blocker} is a file, "
        "not a folder"
    ]
    assert blocker.read_text() == "keep me"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_nobody_can_create_files_in(run):
    result = run("export", "-o", "/proc/diplograph-export.ttl")  # not even root can
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith("diplograph: cannot write /proc/diplograph-export.ttl: ")


class Interrupting:
    """A file object that writes part of what it is given, then fails with ``error``."""

    def __init__(self, real, error):
        self.real, self.error = real, error

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, text):
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise self.error

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("error, code, message", [
    (KeyboardInterrupt(), EXIT_INTERRUPTED, "diplograph: interrupted"),
    (OSError(28, "No space left on device"), EXIT_BAD_INPUT,
     "diplograph: cannot write {target}: No space left on device"),
])
def test_a_write_stopped_halfway_keeps_the_previous_file(run, tmp_path, monkeypatch, error,
                                                         code, message):
    target = tmp_path / "graph.ttl"
    target.write_text("previous export\n")
    partial = []
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        partial.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        return Interrupting(real_fdopen(fd, *args, **kwargs), error)

    monkeypatch.setattr(fileio.os, "fdopen", fdopen)
    result = run("export", "-o", str(target))
    assert result.exit_code == code
    assert one_or_two_lines(result.stderr) == [message.format(target=target)]
    assert target.read_text() == "previous export\n"
    assert sorted(os.listdir(tmp_path)) == ["graph.ttl"]  # the half-written temp is gone
    (temp,) = partial  # the writer started on a temp file beside the target
    assert temp.parent == tmp_path and temp.name.startswith(".graph.ttl.")


def test_a_full_device_on_standard_output(fixture_tree):
    """Real: /dev/full refuses every write with ENOSPC."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "diplograph", "--data", str(fixture_tree), "export"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=_env(), cwd="/",
        )
    assert done.returncode == EXIT_BAD_INPUT
    assert one_or_two_lines(done.stderr) == [
        "diplograph: cannot write to standard output: No space left on device"
    ]


def test_a_pipe_is_written_to_not_replaced(run, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run("export", "-f", "ntriples", "-o", str(pipe))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert received == [run("export", "-f", "ntriples").stdout_bytes]
    assert pipe.is_fifo()


def test_a_symlink_is_followed(run, tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    result = run("export", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text() == run("export").stdout
    assert sorted(os.listdir(tmp_path)) == ["link.ttl", "real.ttl"]


def test_two_exports_at_once_leave_one_complete_file(tmp_path):
    target = tmp_path / "graph.nt"
    command = [sys.executable, "-m", "diplograph", "--data", str(REPO), "export", "-f",
               "ntriples", "-o", str(target)]
    both = [subprocess.Popen(command, stderr=subprocess.PIPE, env=_env(), cwd="/")
            for _ in range(2)]
    for process in both:
        assert process.wait(60) == 0, process.stderr.read()
        process.stderr.close()
    single = subprocess.run([*command[:-2]], capture_output=True, env=_env(), cwd="/",
                            check=True).stdout
    assert single.count(b"\n") > 1000
    assert target.read_bytes() == single
    assert os.listdir(tmp_path) == ["graph.nt"]


def _env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPLOGRAPH_")}
    env["PYTHONPATH"] = str(REPO / "src")
    return env
