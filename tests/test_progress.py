"""Progress is drawn on a terminal only, and only for work that lasts."""

import io

from diplograph.progress import DELAY, Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_nothing_when_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    with Progress("loading", 10, stream, clock) as progress:
        clock.now = DELAY + 5
        progress.update(3)
    assert stream.getvalue() == ""


def test_nothing_for_quick_work_on_a_terminal():
    stream, clock = Terminal(), Clock()
    with Progress("loading", 10, stream, clock) as progress:
        clock.now = DELAY / 2
        progress.update(9)
    assert stream.getvalue() == ""


def test_slow_work_on_a_terminal_shows_progress_then_erases_it():
    stream, clock = Terminal(), Clock()
    with Progress("loading", 10, stream, clock) as progress:
        clock.now = DELAY + 1
        progress.update(4)
    text = stream.getvalue()
    assert "\rloading: 4/10 (" in text
    assert text.endswith("\r\x1b[K")


def test_the_cli_prints_no_progress_into_a_pipe(run, monkeypatch):
    monkeypatch.setattr("diplograph.progress.DELAY", 0.0)
    result = run("validate")
    assert "validating" not in result.stderr
