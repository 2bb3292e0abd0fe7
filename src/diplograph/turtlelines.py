"""Where a term is written in a Turtle file: line numbers for lint and validate results.

The parsers give triples without positions, so the file is read once more by a
light tokenizer (``sparqltext.SPARQL_TOKEN``: Turtle's strings, IRIs, comments
and prefixed names are spelt as in SPARQL). It follows ``@prefix``/``PREFIX``
and ``@base``/``BASE``, expands prefixed names and ``a``, pairs strings with
their ``^^datatype`` or ``@lang``, and splits the file into subject blocks (from
a statement's subject to its final ``.``). Nested ``[ … ]`` and ``( … )`` belong
to the block around them, so a blank node's triples are found at the line of
the named subject that holds them.

A term is keyed by ``term_key``: ``<iri>``, ``"lexical"^^<datatype>`` or
``"lexical"@lang``. ``line_of(subject, term)`` is the first line in the
subject's block where the term is written, else the block's first line, else the
first line the term is written anywhere; None when the file never spells it
(e.g. a relative IRI against an unusual base).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from diplograph.namespaces import RDF, XSD
from diplograph.sparqltext import SPARQL_TOKEN

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}
_PNAME_ESCAPE = re.compile(r"\\(.)")
# A language tag or a directive: @en-GB, @prefix, @base.
_AT_WORD = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")


def term_key(term) -> str:
    """The key of a pyoxigraph term (NamedNode or Literal); blank nodes have none."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return f"<{term.value}>"
    if kind == "Literal":
        if term.language:
            return f'"{term.value}"@{term.language.lower()}'
        return f'"{term.value}"^^<{term.datatype.value}>'
    return ""


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m):
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _ECHAR.get(m.group(3), m.group(3))

    return _ESCAPE.sub(one, text)


def _string_body(token: str) -> str:
    quote = 3 if token[:3] in ('"""', "'''") else 1
    return _unescape(token[quote:-quote])


def _number_key(text: str) -> str:
    if "e" in text or "E" in text:
        datatype = XSD.double
    elif "." in text:
        datatype = XSD.decimal
    else:
        datatype = XSD.integer
    return f'"{text}"^^<{datatype}>'


@dataclass
class FileLines:
    """The subject blocks of one Turtle file and the lines each term is written on."""

    path: Path
    blocks: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    mentions: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, subject: str, term: str | None = None) -> int | None:
        spans = self.blocks.get(subject, [])
        lines = self.mentions.get(term, []) if term else []
        for first, last in spans:
            for line in lines:
                if first <= line <= last:
                    return line
        if spans:
            return spans[0][0]
        return lines[0] if lines else None

    def first_mention(self, term: str) -> int | None:
        lines = self.mentions.get(term)
        return lines[0] if lines else None


# One pattern for every token, tried in this order at each position: a number, an
# @word, then SPARQL's tokens (a number or @word that does not match falls through).
_TOKEN = re.compile(
    r"(?P<number>" + _NUMBER.pattern + r")|(?P<at>" + _AT_WORD.pattern + r")|"
    + SPARQL_TOKEN.pattern,
    re.X | re.S,
)


def _tokens(text: str):
    """(kind, text, line) of every significant token; numbers are one token."""
    pos, line, size = 0, 1, len(text)
    match = _TOKEN.match
    while pos < size:
        found_match = match(text, pos)
        kind = found_match.lastgroup
        if kind == "ws":
            line += found_match.group().count("\n")
            pos = found_match.end()
            continue
        if kind == "comment":
            pos = found_match.end()
            continue
        found = found_match.group()
        if kind == "number":
            if found.endswith(".") and not found[:-1].endswith((".", "e", "E")):
                found = found[:-1]  # "45 ." ends a statement; Turtle decimals need a digit after
        elif kind == "word" and found.endswith(".") and ":" in found:
            found = found.rstrip(".")  # a prefixed name never ends in "."
        yield kind, found, line
        if kind == "string":
            line += found.count("\n")
        pos += len(found)


def index(path: Path) -> FileLines:
    """The blocks and mentions of a Turtle file (an unreadable file gives an empty index)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return FileLines(path)
    found = FileLines(path)
    tokens = list(_tokens(text))
    prefixes: dict[str, str] = {}
    base = ""
    depth, subject, start, at_start = 0, "", 0, True
    i = 0

    mentions = found.mentions

    def close(line: int) -> None:
        nonlocal subject, at_start
        if subject:
            found.blocks.setdefault(subject, []).append((start, line))
        subject, at_start = "", True

    count = len(tokens)
    while i < count:
        kind, value, line = tokens[i]
        # Directives: @prefix p: <iri> .   PREFIX p: <iri>   @base <iri> .   BASE <iri>
        if at_start and depth == 0 and (
            (kind == "at" and value.lower() in ("@prefix", "@base"))
            or (kind == "word" and value.lower() in ("prefix", "base"))
        ):
            j = i
            directive = value.lower().lstrip("@")
            if directive == "prefix" and j + 2 < len(tokens):
                name = tokens[j + 1][1].rstrip(":")
                prefixes[name] = urljoin(base, tokens[j + 2][1][1:-1])
                i = j + 3
            elif directive == "base" and j + 1 < len(tokens):
                base = urljoin(base, tokens[j + 1][1][1:-1])
                i = j + 2
            else:
                i = j + 1
            if i < len(tokens) and tokens[i][1] == ".":
                i += 1
            continue
        key = ""
        if kind == "iri":
            key = f"<{urljoin(base, _unescape(value[1:-1]))}>"
        elif kind == "word" and ":" in value:
            prefix, _, local = value.partition(":")
            if prefix in prefixes:
                if "\\" in local:
                    local = _PNAME_ESCAPE.sub(r"\1", local)
                key = "<" + prefixes[prefix] + local + ">"
        elif kind == "word" and value == "a" and not at_start:
            key = f"<{RDF.type}>"
        elif kind == "word" and value in ("true", "false"):
            key = f'"{value}"^^<{XSD.boolean}>'
        elif kind == "number":
            key = _number_key(value)
        elif kind == "string":
            nxt = tokens[i + 1] if i + 1 < count else ("", "", line)
            body = _string_body(value)
            if nxt[1] == "^" and i + 3 < len(tokens) and tokens[i + 2][1] == "^":
                datatype = tokens[i + 3]
                if datatype[0] == "iri":
                    dt = urljoin(base, datatype[1][1:-1])
                else:
                    prefix, _, local = datatype[1].partition(":")
                    dt = prefixes.get(prefix, "") + local
                key = f'"{body}"^^<{dt}>'
                i += 3
            elif nxt[0] == "at":
                key = f'"{body}"@{nxt[1][1:].lower()}'
                i += 1
            else:
                key = f'"{body}"^^<{XSD.string}>'
        elif value in "[(":
            if at_start and depth == 0:
                at_start, start = False, line
            depth += 1
        elif value in "])":
            depth = max(0, depth - 1)
        elif value == "." and depth == 0:
            close(line)
        if key:
            if at_start and depth == 0:
                subject, start, at_start = key, line, False
            mentions.setdefault(key, []).append(line)
        i += 1
    close(tokens[-1][2] if tokens else 1)
    return found


class Locator:
    """Lines of terms across the files of a data tree, each file tokenized on first use."""

    def __init__(self):
        self._files: dict[Path, FileLines] = {}

    def file(self, path: Path) -> FileLines:
        if path not in self._files:
            self._files[path] = index(path)
        return self._files[path]

    def line_of(self, path: Path, subject: str, term: str | None = None) -> int | None:
        return self.file(path).line_of(subject, term)
