"""Where a term is written in a Turtle file: line numbers for lint and validate results.

The parsers give triples without positions, so the file is read once more by a
light tokenizer (the tokens of ``sparqltext.SPARQL_TOKEN``: Turtle's strings, IRIs,
comments and prefixed names are spelt as in SPARQL), one regular-expression match
per token. It follows ``@prefix``/``PREFIX``
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

import heapq
import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from urllib.parse import urljoin

from diplograph.namespaces import RDF, XSD

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


# Whitespace and comments, skipped before each token (possessive: never tried again).
_SKIP = r"(?:\s+|\#[^\n]*)*+"
_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_PNAME_CHAR = r"[^\s(){}<>,;\"'\\#.]"
# A prefixed name never ends in "." (that is the statement's end), unless escaped.
_PNAME = (r"(?:[A-Za-z_][\w.-]*)?:(?:\\.|" + _PNAME_CHAR + r"|\.+(?=" + _PNAME_CHAR
          + r"|\\))*")
_STRING = (r'"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
           + r'|"(?:[^"\\\n\r]|\\.)*"' + r"|'(?:[^'\\\n\r]|\\.)*'")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*[eE][+-]?\d+|\.\d+|[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
_SUFFIX = (_SKIP + r"(?:\^" + _SKIP + r"\^" + _SKIP + "(?P<dt>" + _IRI + "|" + _PNAME + ")"
           "|(?P<lang>" + _AT_WORD.pattern + "))")
_VAR = r"""[?$][^\s(){}<>,;.!=|&+*/\[\]"'^#-]*"""
_WORD = _PNAME + r"|[A-Za-z_]\w*"
# One token after the skipped space, tried in this order: a number ("45." is the number
# 45, then the statement's end), an @word, a string with its ^^datatype or @lang, an
# IRI, a variable, a word, any other character: SPARQL_TOKEN's tokens, in one match.
_TOKEN = re.compile(
    _SKIP + "(?:(?P<number>" + _NUMBER + ")|(?P<at>" + _AT_WORD.pattern + ")"
    "|(?P<string>(?P<body>" + _STRING + ")(?:" + _SUFFIX + ")?)"
    "|(?P<iri>" + _IRI + ")|(?P<var>" + _VAR + ")|(?P<word>" + _WORD + ")"
    r"|(?P<punct>.)|(?P<end>\Z))",  # end: only space and comments left
    re.S,
)
# A whole statement in one match where it is simple: an IRI or a prefixed name, then
# tokens (each matched as _TOKEN would, never re-split) up to its final "." with no
# bracket; anything else is read token by token.
_PLAIN_TOKEN = ("(?>" + _SKIP + "(?:" + _NUMBER + "|" + _AT_WORD.pattern + "|(?:" + _STRING
                + ")(?:" + re.sub(r"\(\?P<\w+>", "(?:", _SUFFIX) + ")?|" + _IRI + "|" + _VAR
                + "|" + _WORD + r"|[^.\[\]()]))")
_STATEMENT = re.compile(
    _SKIP + "(?P<first>(?>" + _IRI + "|" + _PNAME + "))(?:" + _PLAIN_TOKEN + r")*+" + _SKIP
    + r"\.", re.S)
_SKIPPED = re.compile(_SKIP)
_TYPE_KEY = f"<{RDF.type}>"
_TRUE_KEY, _FALSE_KEY = f'"true"^^<{XSD.boolean}>', f'"false"^^<{XSD.boolean}>'
_STRING_DT = f"^^<{XSD.string}>"


def _iri_key(value: str, base: str) -> str:
    if not base and "\\" not in value:
        return value  # already <iri>
    return f"<{urljoin(base, _unescape(value[1:-1]))}>"


def _pname_key(value: str, prefixes: dict[str, str]) -> str:
    prefix, _, local = value.partition(":")
    if prefix not in prefixes:
        return ""
    if "\\" in local:
        local = _PNAME_ESCAPE.sub(r"\1", local)
    return "<" + prefixes[prefix] + local + ">"


def _events(text: str, pos: int, prefixes: dict[str, str], base: str):
    """The tokens from a statement's start, as (event, data, start, end) with the offsets of
    the token: ("key", key, …) for each term written, ("subject", key, …) for the one that
    opens a block, ("open", …) for a bracket that opens one, ("close", …) for a
    statement's final ".", ("env", (prefixes, base), …) after a directive, ("eof", …) at
    the last token. Directives are followed, so a scan may go on past them."""
    depth, at_start = 0, True
    directive, args, after_directive = "", [], False
    last = pos
    for m in _TOKEN.finditer(text, pos):
        kind = m.lastgroup
        value = m.group(kind)
        at = m.start(kind)
        if directive:  # @prefix p: <iri> .   PREFIX p: <iri>   @base <iri> .   BASE <iri>
            args.append(value)
            if directive == "prefix" and len(args) == 2:
                prefixes = {**prefixes, args[0].rstrip(":"): urljoin(base, args[1][1:-1])}
            elif directive == "base":
                base = urljoin(base, args[0][1:-1])
            else:
                continue
            directive, after_directive = "", True
            yield "env", (prefixes, base), at, m.end()
            continue
        if after_directive:
            after_directive = False
            if value == ".":
                continue
        key = ""
        if kind == "iri":
            key = _iri_key(value, base)
        elif kind == "word":
            if ":" in value:
                key = _pname_key(value, prefixes)
            elif at_start and depth == 0 and value.lower() in ("prefix", "base"):
                directive, args = value.lower(), []
                continue
            elif value == "a" and not at_start:
                key = _TYPE_KEY
            elif value == "true":
                key = _TRUE_KEY
            elif value == "false":
                key = _FALSE_KEY
        elif kind == "punct":
            if value == "." and depth == 0:
                at_start = True
                yield "close", None, at, m.end()
            elif value == "[" or value == "(":
                if at_start and depth == 0:
                    at_start = False
                    yield "open", None, at, m.end()
                depth += 1
            elif value == "]" or value == ")":
                depth = max(0, depth - 1)
            last = at
            continue
        elif kind == "string":
            body = _string_body(m.group("body"))
            datatype, lang = m.group("dt"), m.group("lang")
            if datatype is not None:
                if datatype[0] == "<":
                    dt = urljoin(base, datatype[1:-1])
                else:
                    prefix, _, local = datatype.partition(":")
                    dt = prefixes.get(prefix, "") + local
                key = f'"{body}"^^<{dt}>'
            elif lang is not None:
                key = f'"{body}"@{lang[1:].lower()}'
            else:
                key = f'"{body}"' + _STRING_DT
        elif kind == "number":
            key = _number_key(value)
        elif kind == "at":
            if at_start and depth == 0 and value.lower() in ("@prefix", "@base"):
                directive, args = value.lower()[1:], []
                continue
        elif kind == "end":
            yield "eof", None, last, m.end()
            return
        last = at
        if key:
            if at_start and depth == 0:
                at_start = False
                yield "subject", key, at, m.end()
            yield "key", key, at, m.end()


class FileLines:
    """The subject blocks of one Turtle file and the lines each term is written on.

    The blocks are found when the file is indexed, most statements in one match each;
    the terms are read only where asked for: the lines of a block (and all of the file
    for a term asked for outside any block).
    """

    def __init__(self, path: Path, text: str = ""):
        self.path = path
        self._text: str | None = text
        self.blocks: dict[str, list[tuple[int, int]]] = {}
        # The offset of each line break (from the lengths of the lines, without a loop here).
        lengths = map((1).__add__, map(len, text.split("\n")[:-1]))
        self._breaks = list(accumulate(lengths, initial=-1))[1:]
        self._chunks: list[int] = []  # where each statement starts
        # The prefixes and base in force from each offset on (changed by directives).
        self._env_from: list[int] = [-1]
        self._envs: list[tuple[dict, str]] = [({}, "")]
        self._near: dict[tuple[int, int], dict[str, list[int]]] = {}
        self._near_subject: dict[str, dict[str, int]] = {}
        self._mentions: dict[str, list[int]] | None = None

    @property
    def text(self) -> str:
        """The file's text (read again after ``release``)."""
        if self._text is None:
            self._text = self.path.read_text(encoding="utf-8")
        return self._text

    def release(self) -> None:
        """Let the text go (the blocks stay); it is read again where a term is asked for."""
        if self._text:
            self._text = None

    def line(self, offset: int) -> int:
        return bisect_right(self._breaks, offset) + 1

    @property
    def mentions(self) -> dict[str, list[int]]:
        """Every line each term is written on, in order."""
        if self._mentions is None:
            self._mentions = self._keys(0, ({}, ""), len(self.text))
        return self._mentions

    def _start(self, offset: int) -> tuple[int, tuple[dict, str]]:
        """The start of the statement that holds an offset, and the prefixes and base there."""
        i = bisect_right(self._chunks, offset) - 1
        pos = self._chunks[i] if i >= 0 else 0
        return pos, self._envs[bisect_right(self._env_from, pos) - 1]

    def _keys(self, pos: int, env, stop: int, begin: int = 0) -> dict[str, list[int]]:
        """The lines of the terms whose token starts in [begin, stop), read from ``pos``."""
        found: dict[str, list[int]] = {}
        for event, key, at, _ in _events(self.text, pos, *env):
            if at >= stop:
                break
            if event == "key" and at >= begin:
                found.setdefault(key, []).append(self.line(at))
        return found

    def _lines(self, first: int, last: int) -> dict[str, list[int]]:
        """The terms written on lines first to last (as the whole file's mentions has them)."""
        span = (first, last)
        if span not in self._near:
            begin = self._breaks[first - 2] + 1 if first > 1 else 0
            stop = self._breaks[last - 1] if last - 1 < len(self._breaks) else len(self.text)
            pos, env = self._start(begin)
            self._near[span] = self._keys(pos, env, stop, begin)
        return self._near[span]

    def _in_blocks(self, subject: str) -> dict[str, int]:
        """The first line each term is written on within the lines of a subject's blocks.

        (The blocks come in file order, so the first block that writes a term holds its
        first line there.) Neighbouring blocks are read in one pass.
        """
        if subject not in self._near_subject:
            runs: list[list[int]] = []
            for first, last in self.blocks.get(subject, []):
                if runs and first <= runs[-1][1] + 1:
                    runs[-1][1] = max(runs[-1][1], last)
                else:
                    runs.append([first, last])
            found: dict[str, int] = {}
            for first, last in runs:
                for key, lines in self._lines(first, last).items():
                    if key not in found or lines[0] < found[key]:
                        found[key] = lines[0]
            self._near_subject[subject] = found
        return self._near_subject[subject]

    def line_of(self, subject: str, term: str | None = None) -> int | None:
        spans = self.blocks.get(subject, [])
        if term and spans:
            line = self._in_blocks(subject).get(term)
            if line is not None:
                return line
        if spans:
            return spans[0][0]
        return self.first_mention(term) if term else None

    def first_mention(self, term: str) -> int | None:
        if self._mentions is None and self._searchable(term):
            return self._first_written(term)
        lines = self.mentions.get(term)
        return lines[0] if lines else None

    def _searchable(self, term: str) -> bool:
        """Whether every spelling of a term can be searched for in the text: no @base and no
        escapes in the file; an IRI written in full, as prefix:local (or ``a``); a literal
        whose lexical form is not empty (and then written in it)."""
        if "\\" in self.text or any(base for _, base in self._envs):
            return False
        return term.startswith("<") or (term.startswith('"') and term.rindex('"') > 1)

    def _found(self, spelling: str):
        at = self.text.find(spelling)
        while at >= 0:
            yield at
            at = self.text.find(spelling, at + 1)

    def _first_written(self, term: str) -> int | None:
        """The first line of a term that ``_searchable`` allows: the places the text spells
        it, in order, each read as a token until one is the term (not inside a string,
        comment or longer name)."""
        if term.startswith("<"):
            iri, spellings, before = term[1:-1], {term}, 0
            for prefixes in {id(env[0]): env[0] for env in self._envs}.values():
                spellings.update(f"{name}:{iri[len(ns):]}" for name, ns in prefixes.items()
                                 if iri.startswith(ns))
            places = [self._found(spelling) for spelling in spellings]
            if term == _TYPE_KEY:
                places.append(m.start() for m in re.finditer(r"\ba\b", self.text))
        else:  # the lexical form, as a number or boolean is written, or inside its quotes
            places, before = [self._found(term[1:term.rindex('"')])], 3
        for at in heapq.merge(*places):
            begin = max(0, at - before)
            pos, env = self._start(begin)
            lines = self._keys(pos, env, at + 1, begin).get(term)
            if lines:
                return lines[0]
        return None


def index(path: Path) -> FileLines:
    """The blocks of a Turtle file (an unreadable file gives an empty index)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return FileLines(path)
    found = FileLines(path, text)
    blocks, chunks, breaks = found.blocks, found._chunks, found._breaks
    prefixes, base = env = ({}, "")
    statement, skip = _STATEMENT.match, _SKIPPED.match
    pos = 0
    while True:
        m = statement(text, pos)
        if m is not None:
            first = m.group("first")
            if first[0] != "<":
                key = _pname_key(first, prefixes)
            elif base or "\\" in first:
                key = _iri_key(first, base)
            else:
                key = first
            if key:
                at = m.start("first")
                pos = m.end()
                chunks.append(at)
                span = (bisect_right(breaks, at) + 1, bisect_right(breaks, pos - 1) + 1)
                spans = blocks.get(key)
                if spans is None:
                    blocks[key] = [span]
                else:
                    spans.append(span)
                continue
        # A statement (or directive) read token by token.
        subject, start = "", 0
        chunks.append(skip(text, pos).end())
        for event, key, at, end in _events(text, pos, prefixes, base):
            if event == "subject":
                subject, start = key, found.line(at)
            elif event == "open":
                start = found.line(at)
            elif event == "close" or event == "eof":
                if subject:
                    blocks.setdefault(subject, []).append((start, found.line(at)))
                if event == "eof":
                    return found
                pos = end
                break
            elif event == "env":
                prefixes, base = env = key
                found._env_from.append(end)
                found._envs.append(env)
                pos = end
                break


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

    def release(self, path: Path) -> None:
        """Let a file's text go (a large tree is read one file at a time)."""
        if path in self._files:
            self._files[path].release()
