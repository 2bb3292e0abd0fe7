"""Finding a curator's exact words in a captured text, as a W3C text-quote selector.

The words must occur verbatim (curly quotes, dashes and all). When they occur
more than once, ``--occurrence N`` picks one and the selector gets the
``oa:prefix`` and ``oa:suffix`` that tell it apart, as Hypothes.is does: here
the fewest whole words either side that make prefix + exact + suffix occur once
(the house style: ``oa:prefix "advocates “"``), so ``diplograph evidence``
finds exactly one place.
"""

import difflib
from dataclasses import dataclass

from diplograph.errors import InputError


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str = ""
    suffix: str = ""


def occurrences(text: str, words: str) -> list[int]:
    """Where the words start in the text (overlapping occurrences count)."""
    starts, start = [], text.find(words)
    while start != -1:
        starts.append(start)
        start = text.find(words, start + 1)
    return starts


def select(text: str, words: str, *, occurrence: int | None, where: str) -> Selector:
    """The selector for the words in the text; InputError naming ``where`` when they are not.

    ``where`` names the capture in messages. Refused: empty words, words not in
    the text (the message shows the closest passage and the first character that
    differs), words that occur more than once without ``occurrence`` (1-based),
    and an ``occurrence`` beyond the last.
    """
    if not words.strip():
        raise InputError("the words to cite are empty")
    if words != words.strip():
        raise InputError(f"the words to cite start or end with white space: {words!r}",
                         hint="quote from the first to the last character that matters")
    starts = occurrences(text, words)
    if not starts:
        raise InputError(f"{where}: the words are not in the capture verbatim: {_cut(words)}",
                         hint=closest(text, words))
    if occurrence is None:
        if len(starts) == 1:
            return Selector(words)
        places = "; ".join(f"{n}: …{_context(text, s, len(words))}…"
                           for n, s in enumerate(starts[:3], 1))
        raise InputError(f"{where}: the words occur {len(starts)} times; "
                         f"pass --occurrence 1 to {len(starts)} to say which",
                         hint=places + ("; …" if len(starts) > 3 else ""))
    if not 1 <= occurrence <= len(starts):
        raise InputError(f"--occurrence {occurrence}: the words occur {len(starts)} "
                         f"time{'s' if len(starts) != 1 else ''} in {where}")
    if len(starts) == 1:
        return Selector(words)
    return _disambiguated(text, words, starts[occurrence - 1])


def _disambiguated(text: str, words: str, start: int) -> Selector:
    end = start + len(words)
    before, after = start, end
    while True:
        prefix, suffix = text[before:start], text[end:after]
        if len(occurrences(text, prefix + words + suffix)) == 1 and \
                _has_word(prefix, before) and _has_word(suffix, after - len(text)):
            return Selector(words, prefix, suffix)
        if before == 0 and after == len(text):
            return Selector(words, prefix, suffix)
        before = _word_back(text, before)
        after = _word_forward(text, after)


def _has_word(side: str, at_edge: int) -> bool:
    """A side that reaches the text's edge may be empty; otherwise it holds a letter or digit."""
    return at_edge == 0 or any(c.isalnum() for c in side)


def _word_back(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _word_forward(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def closest(text: str, words: str) -> str:
    """The passage of the text nearest the words and the first character where they differ."""
    matcher = difflib.SequenceMatcher(None, text, words, autojunk=False)
    a, b, size = matcher.find_longest_match(0, len(text), 0, len(words))
    if size == 0:
        return "no passage of the capture comes close"
    # Starts near where the longest run of the words is, and the start of the longest
    # verbatim run of their beginning; the best is the window most like the words.
    candidates = set(range(max(0, a - b - 8), min(len(text), a - b + 9)))
    candidates.add(max(range(len(text)), key=lambda i: _common_prefix(text, i, words)))

    def likeness(start: int) -> tuple[float, int]:
        window = text[start:start + len(words)]
        ratio = difflib.SequenceMatcher(None, window, words, autojunk=False).ratio()
        return ratio, _common_prefix(text, start, words)

    start = max(sorted(candidates), key=likeness)
    differs = _common_prefix(text, start, words)
    passage = text[start:start + len(words)]
    found = text[start + differs] if start + differs < len(text) else None
    typed = words[differs] if differs < len(words) else None
    return (f"closest passage: {_cut(passage)}; character {differs + 1} differs: "
            f"the capture has {_char(found)}, the words have {_char(typed)}")


def _common_prefix(text: str, start: int, words: str) -> int:
    n = 0
    while n < len(words) and start + n < len(text) and text[start + n] == words[n]:
        n += 1
    return n


def _char(c: str | None) -> str:
    if c is None:
        return "nothing (the text ends)"
    import unicodedata

    name = unicodedata.name(c, "")
    return f"{c!r} (U+{ord(c):04X}{' ' + name if name else ''})"


def _context(text: str, start: int, length: int, width: int = 24) -> str:
    return " ".join(text[max(0, start - width):start + length + width].split())


def _cut(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")
