"""Progress on a terminal for work that takes more than a moment.

Shown on stderr only, only when stderr is a terminal, and only once the work
has run for ``DELAY`` seconds: pipes, files, CI logs and quick runs see nothing.
The line is rewritten in place and erased when the work ends.
"""

from __future__ import annotations

import sys
import time

DELAY = 1.5  # seconds before anything is shown
EVERY = 0.2  # seconds between redraws


class Progress:
    def __init__(self, label: str, total: int, stream=None, clock=time.monotonic):
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.drawn_at: float | None = None
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < DELAY or (self.drawn_at is not None and now - self.drawn_at < EVERY):
            return
        self.drawn_at = now
        self.stream.write(f"\r{self.label}: {done}/{self.total} ({now - self.start:.0f} s)\x1b[K")
        self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled and self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
