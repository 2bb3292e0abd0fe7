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

import re
from bisect import bisect_right
from dataclasses import dataclass, field
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


# Whitespace and comments, skipped before each token (possessive: never tried again).
_SKIP = r"(?:\s+|\#[^\n]*)*+"
_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_PNAME_CHAR = r"[^\s(){}<>,;\"'\\#.]"
# A prefixed name never ends in "." (that is the statement's end), unless escaped.
_PNAME = (r"(?:[A-Za-z_][\w.-]*)?:(?:\\.|" + _PNAME_CHAR + r"|\.+(?=" + _PNAME_CHAR
          + r"|\\))*")
_STRING = (r'"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
           + r'|"(?:[^"\\\n\r]|\\.)*"' + r"|'(?:[^'\\\n\r]|\\.)*'")
# One token after the skipped space, tried in this order: a number ("45." is the number
# 45, then the statement's end), an @word, a string with its ^^datatype or @lang, an
# IRI, a variable, a word, any other character: SPARQL_TOKEN's tokens, in one match.
_TOKEN = re.compile(
    _SKIP + "(?:"
    r"(?P<number>[+-]?(?:\d+(?:\.\d*[eE][+-]?\d+|\.\d+|[eE][+-]?\d+)?"
    r"|\.\d+(?:[eE][+-]?\d+)?))"
    "|(?P<at>" + _AT_WORD.pattern + ")"
    "|(?P<string>(?P<body>" + _STRING + ")"
    "(?:" + _SKIP + r"(?:\^" + _SKIP + r"\^" + _SKIP + "(?P<dt>" + _IRI + "|" + _PNAME + ")"
    "|(?P<lang>" + _AT_WORD.pattern + ")))?)"
    "|(?P<iri>" + _IRI + ")"
    r"""|(?P<var>[?$][^\s(){}<>,;.!=|&+*/\[\]"'^#-]*)"""
    "|(?P<word>" + _PNAME + r"|[A-Za-z_]\w*)"
    "|(?P<punct>.)"
    r"|(?P<end>\Z)"  # only space and comments left
    ")",
    re.S,
)


def index(path: Path) -> FileLines:
    """The blocks and mentions of a Turtle file (an unreadable file gives an empty index).

    One regular-expression match per token; a token's line is found from its offset
    among the file's line breaks.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return FileLines(path)
    found = FileLines(path)
    breaks = [m.start() for m in re.finditer("\n", text)]
    blocks, mentions = found.blocks, found.mentions
    prefixes: dict[str, str] = {}
    iris: dict[str, str] = {}  # an IRI as written -> its key, against the current base
    base = ""
    depth, subject, start, at_start = 0, "", 0, True
    directive, args, after_directive = "", [], False
    line = 1
    type_key, true_key = f"<{RDF.type}>", f'"true"^^<{XSD.boolean}>'
    false_key, string_dt = f'"false"^^<{XSD.boolean}>', f"^^<{XSD.string}>"

    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group(kind)
        line = bisect_right(breaks, m.start(kind)) + 1
        if directive:  # @prefix p: <iri> .   PREFIX p: <iri>   @base <iri> .   BASE <iri>
            args.append(value)
            if directive == "prefix" and len(args) == 2:
                prefixes[args[0].rstrip(":")] = urljoin(base, args[1][1:-1])
            elif directive == "base":
                base = urljoin(base, args[0][1:-1])
                iris.clear()
            else:
                continue
            directive, after_directive = "", True
            continue
        if after_directive:
            after_directive = False
            if value == ".":
                continue
        key = ""
        if kind == "iri":
            if not base and "\\" not in value:
                key = value  # already <iri>
            else:
                key = iris.get(value)
                if key is None:
                    key = iris[value] = f"<{urljoin(base, _unescape(value[1:-1]))}>"
        elif kind == "word":
            if ":" in value:
                prefix, _, local = value.partition(":")
                if prefix in prefixes:
                    if "\\" in local:
                        local = _PNAME_ESCAPE.sub(r"\1", local)
                    key = "<" + prefixes[prefix] + local + ">"
            elif at_start and depth == 0 and value.lower() in ("prefix", "base"):
                directive, args = value.lower(), []
                continue
            elif value == "a" and not at_start:
                key = type_key
            elif value == "true":
                key = true_key
            elif value == "false":
                key = false_key
        elif kind == "punct":
            if value == "." and depth == 0:
                if subject:
                    blocks.setdefault(subject, []).append((start, line))
                subject, at_start = "", True
            elif value == "[" or value == "(":
                if at_start and depth == 0:
                    at_start, start = False, line
                depth += 1
            elif value == "]" or value == ")":
                depth = max(0, depth - 1)
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
                key = f'"{body}"' + string_dt
        elif kind == "number":
            key = _number_key(value)
        elif kind == "at":
            if at_start and depth == 0 and value.lower() in ("@prefix", "@base"):
                directive, args = value.lower()[1:], []
                continue
        elif kind == "end":
            break
        if key:
            if at_start and depth == 0:
                subject, start, at_start = key, line, False
            mentions.setdefault(key, []).append(line)
    if subject:
        blocks.setdefault(subject, []).append((start, line))
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
