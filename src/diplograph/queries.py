"""Stored queries: finding them, reading their ``#+`` header, typing parameters.

A stored query is ``queries/NAME.rq`` (or ``.sparql``): complete SPARQL that
runs as written in any SPARQL tool, headed by grlc-style decorators (YAML in
``#+`` comment lines)::

    #+ summary: Meetings between two leaders
    #+ description: Every meeting both leaders took part in.
    #+ params:
    #+   - leader1: iri -- one leader
    #+   - asof: date -- reference date
    #+ defaults:
    #+   - leader1: person:lee-jae-myung
    #+   - asof: 2026-01-01
    #+ enumerate:
    #+   - cameo:
    #+     - "036"
    #+     - "042"
    PREFIX person: <https://w3id.org/diplograph/id/person/>
    SELECT ... WHERE {
      VALUES ?leader1 { person:lee-jae-myung }   # the default, so the file runs as is
      ...
    }

``summary``, ``description``, ``defaults`` and ``enumerate`` are grlc's keys;
``params`` (NAME: TYPE -- description) is ours, as grlc reads types from
variable names. A parameter binds the SPARQL variable ``?NAME`` to a typed
RDF term (never spliced into the text); without a default it is required;
with ``enumerate`` its value must be one of those listed. A one-variable
``VALUES ?NAME { … }`` block for a declared parameter holds the default for
tools that know nothing of parameters, and is dropped when diplograph binds
the parameter. A default or value may be a prefixed name
(``person:lee-jae-myung``) using the prefixes in ``namespaces.PREFIXES``.

The older one-line form ``#+ title: …`` and ``#+ param: NAME TYPE [DEFAULT]
[-- description]`` is still read (query files written for earlier versions).
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from diplograph.errors import ParameterError, QueryError
from diplograph.namespaces import PREFIXES, XSD
from diplograph.sparqltext import SPARQL_TOKEN, code_only

PARAM_TYPES = ("iri", "string", "date", "datetime", "integer", "decimal", "boolean", "langstring")
UPDATE_KEYWORDS = {
    "INSERT", "DELETE", "DROP", "LOAD", "CLEAR", "CREATE", "ADD", "MOVE", "COPY", "WITH",
}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}

_HEADER = re.compile(r"^\s*#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_DECORATOR = re.compile(r"^\s*#\+(.*)$")
QUERY_SUFFIXES = (".rq", ".sparql")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What may precede the query form: blanks, comments, PREFIX and BASE declarations.
_PROLOGUE = re.compile(
    r"\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>",
)
_PREFIX_DECL = re.compile(r"(?i:PREFIX)\s+([^\s:]*):\s*<")
_PREFIX_USE = re.compile(r"(?<![\w.:%\\-])([A-Za-z_][\w.-]*)?:")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""
    choices: tuple[str, ...] = ()  # from #+ enumerate: the only values allowed

    @property
    def required(self) -> bool:
        return self.default is None

    def describe(self) -> str:
        default = "required" if self.required else f"default {self.default}"
        text = f"{self.name} ({self.type}, {default})"
        if self.choices:
            text += " one of " + ", ".join(self.choices)
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
        """The text ready to bind: PREFIX lines put in front for known prefixes
        it uses but does not declare, and the default ``VALUES`` blocks of its
        parameters blanked (the binding replaces them).

        Returns the text and how many lines were put in front (to map error
        positions back to the stored file). QueryError for a prefix that is
        neither declared nor known.
        """
        declared = set(_PREFIX_DECL.findall(self.text))
        used: list[str] = []
        for match in SPARQL_TOKEN.finditer(self.text):
            if match.lastgroup != "word" or ":" not in match.group():
                continue
            # One word may hold several names: dg:eventStatus/skos:prefLabel.
            for name in _PREFIX_USE.finditer(match.group()):
                prefix = name.group(1) or ""
                if prefix in declared or prefix in used or prefix == "_":
                    continue
                if prefix not in PREFIXES:
                    raise self.unknown_prefix(prefix, match.start() + name.start())
                used.append(prefix)
        missing = [name for name in PREFIXES if name in used]
        lines = "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in missing)
        return lines + self._without_default_values(), len(missing)

    def unknown_prefix(self, prefix: str, at: int) -> QueryError:
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        close = difflib.get_close_matches(prefix, list(PREFIXES), n=3, cutoff=0.6)
        hint = (f"did you mean {' or '.join(c + ':' for c in close)}? " if close else "")
        return QueryError(
            f"{self.where()}:{line}:{column}: unknown prefix {prefix}: "
            f"(not declared with PREFIX and not a known prefix)",
            hint=hint + "known: " + ", ".join(PREFIXES) + " (diplograph prefixes)",
        )

    def _without_default_values(self) -> str:
        """The text with each ``VALUES ?param { term }`` of a declared parameter
        blanked out, line breaks kept so that positions stay."""
        names = {p.name for p in self.params}
        if not names:
            return self.text
        text = self.text
        tokens = [m for m in SPARQL_TOKEN.finditer(text) if m.lastgroup not in ("ws", "comment")]
        spans = []
        for i, token in enumerate(tokens[:-3]):
            if token.group().upper() != "VALUES" or tokens[i + 1].lastgroup != "var":
                continue
            if tokens[i + 1].group()[1:] not in names or tokens[i + 2].group() != "{":
                continue
            end = next((j for j in range(i + 3, len(tokens)) if tokens[j].group() == "}"), None)
            if end is not None:
                spans.append((token.start(), tokens[end].end()))
        for start, end in reversed(spans):
            blank = re.sub(r"[^\n]", " ", text[start:end])
            text = text[:start] + blank + text[end:]
        return text

    def column_order(self, variables: list[str]) -> list[str]:
        """The variables of a ``SELECT *`` answer in the order they first appear
        in the query (engines sort them); an explicit projection is kept as is."""
        tokens = (m for m in SPARQL_TOKEN.finditer(self.text)
                  if m.lastgroup not in ("ws", "comment"))
        seen_select = False
        for token in tokens:
            word = token.group().upper()
            if not seen_select:
                seen_select = word == "SELECT"
                continue
            if word in ("DISTINCT", "REDUCED"):
                continue
            if word != "*":
                return list(variables)
            break
        else:
            return list(variables)
        order: dict[str, int] = {}
        for match in SPARQL_TOKEN.finditer(self.text):
            if match.lastgroup == "var":
                order.setdefault(match.group()[1:], len(order))
        return sorted(variables, key=lambda v: order.get(v, len(order)))

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
            if param.choices and raw not in param.choices:
                raise ParameterError(
                    f"query {self.name}: parameter {param.name}: {raw!r} is not one of "
                    + ", ".join(param.choices)
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
    """(summary, description, parameters) from the ``#+`` decorators."""
    title, description, declared = "", [], []
    defaults: dict[str, str] = {}
    choices: dict[str, list[str]] = {}
    for key, value, items, number in _decorators(text):
        if key in ("summary", "title"):
            title = value
        elif key == "description":
            description.append(value)
        elif key == "param":
            declared.append((_parse_param(value, number), number))
        elif key == "params":
            for name, spec, line in items:
                declared.append((_parse_param(f"{name} {spec}", line, defaults=False), line))
        elif key == "defaults":
            defaults.update((name, _unquote(spec)) for name, spec, _ in items)
        elif key == "enumerate":
            for name, values, _ in items:
                choices[name] = [_unquote(v) for v in values]
    names = [p.name for p, _ in declared]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise QueryError(f"parameter {', '.join(duplicates)} declared more than once")
    for name in sorted((set(defaults) | set(choices)) - set(names)):
        raise QueryError(f"'#+ defaults' or '#+ enumerate' names {name}, which no "
                         "'#+ params' entry declares")
    params = []
    for param, line in declared:
        default = defaults.get(param.name, param.default)
        param = Param(param.name, param.type, default, param.description,
                      tuple(choices.get(param.name, ())))
        if default is not None:
            try:
                typed_term(param, default)
            except ParameterError as exc:
                raise QueryError(f"line {line}: bad default: {exc.message}") from exc
        params.append(param)
    return title, " ".join(description), tuple(params)


def _decorators(text: str):
    """``(key, value, items, line)`` for each top-level ``#+ key:``; ``items``
    are the ``- name: value`` entries below it, with the value a list when
    the entry holds a nested ``- value`` list (grlc's ``enumerate``)."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _DECORATOR.match(line)
        if not match:
            continue
        rest = match.group(1)
        body = rest.strip()
        if not body:
            continue
        nested = rest.startswith("  ") or body.startswith("-")
        if not nested:
            key, sep, value = body.partition(":")
            if not sep or not re.fullmatch(r"\w+", key.strip()):
                raise QueryError(f"line {number}: expected '#+ key: value', found {body!r}")
            if current:
                yield current
            current = (key.strip().lower(), value.strip(), [], number)
            continue
        if current is None or not body.startswith("-"):
            raise QueryError(f"line {number}: expected '#+   - name: value' under a '#+ key:'")
        entry = body[1:].strip()
        name, sep, value = entry.partition(":")
        items = current[2]
        if sep and re.fullmatch(r"[?$]?\w+", name.strip()):
            value = value.strip()
            items.append((name.strip().lstrip("?$"), value if value else [], number))
        elif items and isinstance(items[-1][1], list):
            items[-1][1].append(entry)
        else:
            raise QueryError(f"line {number}: expected '#+   - name: value', found {body!r}")
    if current:
        yield current


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _parse_param(value: str, line: int, defaults: bool = True) -> Param:
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
    if len(parts) > 2 and not defaults:
        raise QueryError(f"line {line}: '#+ params' gives NAME: TYPE [-- description]; "
                         "defaults go in '#+ defaults'")
    default = _unquote(parts[2]) if len(parts) > 2 else None
    param = Param(name, kind, default or None, description.strip())
    if param.default is not None:
        try:
            typed_term(param, param.default)
        except ParameterError as exc:
            raise QueryError(f"line {line}: bad default: {exc.message}") from exc
    return param


def read_query(path: Path, name: str | None = None) -> Query:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not query text
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
    """A stored query by name, or a query file when ``ref`` ends in .rq or .sparql."""
    if ref.endswith(QUERY_SUFFIXES):
        path = Path(ref)
        if not path.is_file():
            raise QueryError(f"query file {ref} does not exist")
        return read_query(path)
    if not re.fullmatch(r"[\w.-]+", ref) or ref.startswith("."):
        raise QueryError(
            f"query name {ref!r} has path parts; a name is a file stem in {tree.queries_dir}",
            hint="a query file ends in .rq or .sparql; query text goes in -e 'SELECT …' "
                 "or on standard input: diplograph query -",
        )
    names = {path.stem: path for path in tree.query_files()}
    if ref not in names:
        close = difflib.get_close_matches(ref, list(names), n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else "see: diplograph queries"
        raise QueryError(f"no stored query named {ref!r}", hint=hint)
    return read_query(names[ref])


def text_query(text: str, name: str) -> Query:
    """A query given as text (``-e`` or standard input), named for messages."""
    try:
        title, description, params = parse_header(text)
    except QueryError as exc:
        raise QueryError(f"{name}: {exc.message}", hint=exc.hint) from exc
    return Query(name, text, None, title, description, params)


# ------------------------------------------------- resources named by a parameter

# What a name as printed may hold (no IRI or SPARQL punctuation), with two letters or digits.
_NAME_TEXT = re.compile(r"^(?=(?:.*?[^\W_]){2})[\w .,'’&()–-]+$")


def resolve_resource_values(tree, query: Query, values: dict[str, str], local: bool = True):
    """``values`` with each name given to an ``iri`` parameter replaced by the
    IRI it names, and warnings for IRIs that name no resource.

    A value that is not an IRI or prefixed name resolves as curators' names
    do (``curation.common.resolve``: the whole name, as printed, of just one
    resource of the kind asked for; case, spaces, hyphens and diacritics
    aside), the kind being the classes of the resources that share the namespace of
    the parameter's default (``person:`` for a default ``person:…``);
    InputError (exit 2) with "did you mean" otherwise. An IRI that no data
    file describes (gives an rdf:type) runs, with a warning naming the
    closest IRIs (``find``). With ``local`` false (the query goes to an
    endpoint, whose data the tree may not be) nothing is looked up, and a
    name is refused with a hint.

    Returns ``(values, notes)``: lines for standard error, saying what each
    name resolved to and warning of IRIs that name nothing.
    """
    declared = {p.name: p for p in query.params}
    resolved, notes = dict(values), []
    for name, raw in values.items():
        param = declared.get(name)
        if param is None or param.type != "iri":
            continue
        try:
            iri = expand_iri(raw)
        except ValueError:
            iri = None
        if iri is None and not _NAME_TEXT.match(raw):
            continue  # a malformed IRI or no name at all: binding says what is wrong
        if not local:
            if iri is None:
                raise ParameterError(
                    f"parameter {name}: {raw!r} is a name; with --endpoint give an IRI",
                    hint=f"names resolve on the local data only: diplograph find {raw!r}")
            continue
        from diplograph.curation.common import compact, resolve
        from diplograph.curation.find import find_resources, index

        resources = index(tree)
        if iri is not None:
            if iri not in resources:
                close = ", ".join(compact(m.iri) + (f" ({m.label})" if m.label else "")
                                  for m in find_resources(tree, raw, limit=3))
                notes.append(f"warning: parameter {name}: {raw} names no resource in the data"
                             + (f"; closest: {close}" if close else ""))
            continue
        found = resolve(tree, raw, what="resource", option=f"parameter {name}:",
                        types=_kind_classes(param, resources))
        resolved[name] = found
        label = resources[found].label
        notes.append(f"parameter {name}: {raw!r} is {compact(found)}"
                     + (f" ({label})" if label else ""))
    return resolved, notes


def _kind_classes(param: Param, resources: dict) -> tuple[str, ...]:
    """The classes of the described resources in the namespace of the parameter's
    default (every event class for a default ``event:…``); () when it has none."""
    from diplograph.namespaces import KIND

    try:
        default = expand_iri(param.default) if param.default else ""
    except ValueError:
        return ()
    namespace = next((ns for ns in KIND.values() if default.startswith(ns)), None)
    if namespace is None:
        return ()
    return tuple(sorted({t for iri, r in resources.items() if iri.startswith(namespace)
                         for t in r.types}))


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
        if colon and re.fullmatch(r"[A-Za-z][\w.-]*", prefix):
            raise ValueError(f"unknown prefix {prefix}: (known: {', '.join(PREFIXES)})")
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
