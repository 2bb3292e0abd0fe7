"""Text for a terminal: control characters made visible, widths, wrapping.

Shared by error messages (cli.py) and the table, record and markdown views of
query results. Light on purpose (``re``-free, stdlib only): it is imported on
every error path and on ``diplograph query``.
"""

import os
import shutil
import unicodedata

_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def escape_controls(text: str) -> str:
    """``text`` with every non-printable character (ESC, OSC, bare CR, NUL, C1
    controls, bidi overrides …) written as a Python escape such as ``\\x1b``, so
    that a value cannot move the cursor, retitle the window or hide text."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c == " " else _VISIBLE.get(c) or repr(c)[1:-1] for c in text
    )


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide East Asian characters count 2,
    combining marks 0."""
    if text.isascii():
        return len(text)
    width = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces where
    possible and inside a word only when the word is longer than a line."""
    width = max(width, 1)
    if display_width(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if display_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while display_width(word) > width:
            head, word = _split_at(word, width)
            lines.append(head)
        line = word
    lines.append(line)
    return lines


def _split_at(word: str, width: int) -> tuple[str, str]:
    used = 0
    for i, c in enumerate(word):
        used += display_width(c)
        if used > width:
            return word[: max(i, 1)], word[max(i, 1):]
    return word, ""


def terminal_width(max_width: int | None, stream) -> int | None:
    """How wide tables may be: ``max_width`` when given; else, when ``stream``
    is a terminal, its width (``COLUMNS`` first, as ``shutil`` reads it); else
    None, so that piped output keeps full values."""
    if max_width:
        return max_width
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns
