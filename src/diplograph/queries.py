"""Stored queries: finding them, reading their ``#+`` header, typing parameters.

A stored query is ``queries/NAME.rq``, headed by grlc/BASIL-style decorators::

    #+ title: Meetings between two leaders
    #+ description: Every meeting both leaders took part in.
    #+ param: leader1 iri person:lee-jae-myung -- the first leader
    #+ param: asof date 2026-01-01 -- reference date
    SELECT ... WHERE { ... ?leader1 ... }

``#+ param: NAME TYPE [DEFAULT] [-- description]`` binds the SPARQL variable
``?NAME`` to a typed RDF term (never spliced into the text). Without a default
the parameter is required. A default or value may be a prefixed name
(``person:lee-jae-myung``) using the prefixes in ``namespaces.PREFIXES``.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.errors import ParameterError, QueryError
from diplograph.namespaces import PREFIXES, XSD
from diplograph.sparqltext import code_only

PARAM_TYPES = ("iri", "string", "date", "datetime", "integer", "decimal", "boolean", "langstring")
UPDATE_KEYWORDS = {
    "INSERT", "DELETE", "DROP", "LOAD", "CLEAR", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}

_HEADER = re.compile(r"^\s*#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What may precede the query form: blanks, comments, PREFIX and BASE declarations.
_PROLOGUE = re.compile(
    r"\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>",
)
_PREFIX_DECL = re.compile(r"(?i:PREFIX)\s+([^\s:]*):\s*<")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def describe(self) -> str:
        default = "required" if self.required else f"default {self.default}"
        text = f"{self.name} ({self.type}, {default})"
        return f"{text}: {self.description}" if self.description else text


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    path: Path | None = None
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    @property
    def form(self) -> str:
        return query_form(self.text)

    @property
    def ordered(self) -> bool:
        """True when the outermost query has ORDER BY (row order then matters)."""
        code = code_only(self.text)
        tail = code[code.rfind("}") + 1 :]
        return re.search(r"(?i)\bORDER\s+BY\b", tail) is not None

    def full_text(self) -> tuple[str, int]:
        """The text with PREFIX lines for prefixes it uses but does not declare.

        Returns the text and how many lines were put in front (to map error
        positions back to the stored file).
        """
        code = code_only(self.text)
        declared = set(_PREFIX_DECL.findall(self.text))
        used = set(re.findall(r"(?<![\w.:?$-])([A-Za-z][\w.-]*)?:[\w-]", code))
        missing = [name for name in PREFIXES if name in used and name not in declared]
        lines = "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in missing)
        return lines + self.text, len(missing)

    def where(self) -> str:
        return str(self.path) if self.path else self.name

    def bind(self, values: dict[str, str]):
        """Typed pyoxigraph terms for every declared parameter."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise ParameterError(
                f"query {self.name}: unknown parameter {', '.join(unknown)}",
                hint=self._declared_hint(),
            )
        bound = {}
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is None:
                raise ParameterError(
                    f"query {self.name}: missing parameter {param.name}",
                    hint=self._declared_hint(),
                )
            bound[param.name] = typed_term(param, raw)
        return bound

    def _declared_hint(self) -> str:
        if not self.params:
            return "it declares no parameters"
        return "declared: " + "; ".join(p.describe() for p in self.params)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; QueryError for updates and nonsense."""
    pos = 0
    while (match := _PROLOGUE.match(text, pos)) and match.end() > pos:
        pos = match.end()
    word = re.match(r"[A-Za-z]*", text[pos:]).group(0).upper()
    if word in QUERY_FORMS:
        return word
    if word in UPDATE_KEYWORDS:
        raise QueryError(f"{word} is a SPARQL update; diplograph query only reads (read-only)")
    line = text.count("\n", 0, pos) + 1
    found = word or text[pos : pos + 10]
    raise QueryError(f"line {line}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found {found!r}")


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    title, description, params = "", [], []
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        elif key == "param":
            params.append(_parse_param(value, number))
    names = [p.name for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise QueryError(f"parameter {', '.join(duplicates)} declared more than once")
    return title, " ".join(description), tuple(params)


def _parse_param(value: str, line: int) -> Param:
    spec, _, description = value.partition(" -- ")
    parts = spec.split(None, 2)
    if len(parts) < 2:
        raise QueryError(f"line {line}: '#+ param:' needs NAME TYPE [DEFAULT] [-- description]")
    name, kind = parts[0].lstrip("?$"), parts[1].lower()
    if not _NAME.match(name):
        raise QueryError(f"line {line}: {name!r} is not a SPARQL variable name")
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"line {line}: parameter {name} has unknown type {kind!r}",
            hint="types: " + ", ".join(PARAM_TYPES),
        )
    default = parts[2].strip() if len(parts) > 2 else None
    if default and len(default) >= 2 and default[0] == default[-1] and default[0] in "\"'":
        default = default[1:-1]
    param = Param(name, kind, default or None, description.strip())
    if param.default is not None:
        try:
            typed_term(param, param.default)
        except ParameterError as exc:
            raise QueryError(f"line {line}: bad default: {exc.message}") from exc
    return param


def read_query(path: Path, name: str | None = None) -> Query:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query ({exc})") from exc
    try:
        title, description, params = parse_header(text)
    except QueryError as exc:
        raise QueryError(f"{path}: {exc.message}", hint=exc.hint) from exc
    return Query(name or path.stem, text, path, title, description, params)


def stored_queries(tree) -> list[Query]:
    return [read_query(path) for path in tree.query_files()]


def find_query(tree, ref: str) -> Query:
    """A stored query by name, or a query file when ``ref`` ends in ``.rq``."""
    if ref.endswith(".rq"):
        path = Path(ref)
        if not path.is_file():
            raise QueryError(f"query file {ref} does not exist")
        return read_query(path)
    if not re.fullmatch(r"[\w.-]+", ref) or ref.startswith("."):
        raise QueryError(
            f"query name {ref!r} has path parts; a name is a file stem in {tree.queries_dir}",
            hint="to run a query file give its path ending in .rq",
        )
    names = {path.stem: path for path in tree.query_files()}
    if ref not in names:
        close = difflib.get_close_matches(ref, list(names), n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else "see: diplograph queries"
        raise QueryError(f"no stored query named {ref!r}", hint=hint)
    return read_query(names[ref])


# ---------------------------------------------------------------- typing values

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_DATE = re.compile(r"^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_LANG = re.compile(r"^(.*)@([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$", re.S)
_ABSOLUTE_SCHEMES = ("http://", "https://", "urn:", "mailto:", "tag:", "file:")


def expand_iri(value: str) -> str:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES:
        value = PREFIXES[prefix] + local
    elif not value.startswith(_ABSOLUTE_SCHEMES):
        raise ValueError(
            f"not an IRI or known prefixed name (prefixes: {', '.join(PREFIXES)})"
        )
    if _IRI_FORBIDDEN.search(value):
        raise ValueError("an IRI cannot contain spaces or any of <>\"{}|^`\\")
    return value


def _check_date(value: str) -> None:
    if not _DATE.match(value):
        raise ValueError("expected a date YYYY-MM-DD")
    dt.date.fromisoformat(value.lstrip("-")[:10])


def _check_datetime(value: str) -> None:
    if not _DATETIME.match(value):
        raise ValueError("expected a date-time YYYY-MM-DDThh:mm:ss[zone]")
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def typed_term(param: Param, raw: str):
    """The pyoxigraph term for a raw value, or ParameterError."""
    import pyoxigraph as ox

    kind = param.type
    try:
        if kind == "iri":
            return ox.NamedNode(expand_iri(raw))
        if kind == "string":
            return ox.Literal(raw)
        if kind == "langstring":
            match = _LANG.match(raw)
            if not match:
                raise ValueError("expected text@lang, e.g. Gyeongju@en")
            return ox.Literal(match.group(1), language=match.group(2))
        if kind == "date":
            _check_date(raw)
        elif kind == "datetime":
            _check_datetime(raw)
            kind = "dateTime"
        elif kind == "integer" and not _INTEGER.match(raw):
            raise ValueError("expected an integer")
        elif kind == "decimal" and not _DECIMAL.match(raw):
            raise ValueError("expected a decimal number")
        elif kind == "boolean":
            if raw not in ("true", "false", "1", "0"):
                raise ValueError("expected true or false")
            raw = "true" if raw in ("true", "1") else "false"
        return ox.Literal(raw, datatype=ox.NamedNode(XSD[kind]))
    except ValueError as exc:
        raise ParameterError(
            f"parameter {param.name}: {raw!r} is not a valid {param.type}: {exc}"
        ) from exc
