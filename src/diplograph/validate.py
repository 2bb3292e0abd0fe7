"""``diplograph validate``: pySHACL over the data graph with the shapes.

SHACL-SPARQL is on (advanced), there is no inference and owl:imports are never
followed. The report is the standard SHACL validation report graph, with the
built-in checks added as results of their own ``dgsh:`` names (ill-typed
literals, and every ``lint`` finding as a violation). Each result whose focus
node is written in a data file gets ``dgsh:file`` and ``dgsh:line``: for lint
findings the line of the offending term, for shape results the line of the
focus node's subject block (of the value or path where the block writes it;
a blank focus node is found in the block of the named subject that holds it).

``text`` renders the report grouped by shape and focus node, violations
first; ``--quiet`` keeps the summary and one line per violation (at most
``QUIET_LINES``); ``github`` writes GitHub Actions workflow commands
(``::error file=…,line=…::``).
"""

import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from diplograph import rdfio
from diplograph.errors import InputError
from diplograph.lint import CHECKS, Linter
from diplograph.namespaces import DGSH, RDF, SH, XSD
from diplograph.terms import short

FORMATS = ("text", "turtle", "json", "github")
# "fast": the shapes compiled to SPARQL on pyoxigraph (engines/fast_shacl.py);
# "pyshacl": the reference engine. Both give the same results.
ENGINES = ("fast", "pyshacl")
FAIL_ON = ("violation", "warning")
SEVERITIES = ("Violation", "Warning", "Info")
QUIET_LINES = 20  # violations --quiet lists; the rest are counted


@dataclass
class Report:
    conforms: bool
    triples: list  # the SHACL report graph as pyoxigraph triples
    counts: dict[str, int]
    tree: str = ""  # which data tree was read, as info.tree_label says it
    root: Path | None = None  # its root: dgsh:file labels are relative to it
    engine: str = "pyshacl"
    note: str | None = None  # why the fast engine was not used, shown on stderr

    def summary(self) -> str:
        found = ", ".join(f"{n} {s.lower()}{'s' if n != 1 else ''}"
                          for s, n in self.counts.items() if n)
        verdict = "conforms" if self.conforms else "does not conform"
        return f"the data graph {verdict}" + (f" ({found})" if found else "")

    def headline(self) -> str:
        """The first line of the text report: the summary and which tree was read."""
        text = self.summary()[0].upper() + self.summary()[1:] + "."
        return text + (f" Data tree: {self.tree}." if self.tree else "")


def validate(tree, fail_on: str = "violation", engine: str = "fast") -> Report:
    if fail_on not in FAIL_ON:
        raise InputError(f"unknown --fail-on {fail_on!r}; choose one of {', '.join(FAIL_ON)}")
    if engine not in ENGINES:
        raise InputError(f"unknown --engine {engine!r}; choose one of {', '.join(ENGINES)}")
    tree = tree.for_validation()
    shape_files = tree.shape_files()
    if not shape_files:
        raise InputError(f"no shapes found in {tree.shapes_dir}")
    data_graph = rdfio.load_data(tree)
    per_file = {path: rdfio.read_triples([path]) for path in shape_files}
    queries = list(_shape_queries(per_file))
    _refuse_service(queries)
    shape_triples = list(dict.fromkeys(t for triples in per_file.values() for t in triples))
    outcome, note = None, None
    if engine == "fast":
        from diplograph.engines import fast_shacl

        try:
            # A private in-memory store: the engine keeps its focus nodes in it.
            store = rdfio.load_store(data_graph.files)
            outcome = fast_shacl.validate(store, shape_triples, _allowed(fail_on))
        except fast_shacl.Unsupported as exc:
            note = f"validated with pySHACL: the fast engine does not compile {exc}"
        except fast_shacl.BadShape as exc:
            raise InputError(f"shapes in {tree.shapes_dir} cannot be used: {exc}") from exc
        except SyntaxError as exc:  # a SHACL-SPARQL query pyoxigraph cannot parse
            _explain_sparql(queries)
            raise InputError(f"shapes in {tree.shapes_dir} cannot be used: {exc}") from exc
    if outcome is not None:
        conforms, triples, ill_typed = outcome.conforms, outcome.triples, outcome.ill_typed
    else:
        data = data_graph.rdflib()
        try:
            conforms, triples = run_pyshacl(data, rdfio.to_rdflib(shape_triples), fail_on)
        except Exception as exc:  # pySHACL raises its own errors for broken shapes
            _explain_sparql(queries)
            first = next(iter(str(exc).strip().splitlines()), type(exc).__name__)
            raise InputError(f"shapes in {tree.shapes_dir} cannot be used: {first}") from exc
        ill_typed = _ill_typed(data)
    if ill_typed:
        conforms = False
        triples = _add_results(triples, ill_typed)
    from diplograph.info import tree_label

    linter = Linter(tree, data_graph)
    findings = linter.findings()
    if findings:
        conforms = False
        triples = _add_findings(triples, findings, tree)
    triples = _add_locations(triples, linter, tree)
    counts = dict.fromkeys(SEVERITIES, 0)
    for t in triples:
        if t.predicate.value == SH.resultSeverity and t.object.value.startswith(SH):
            name = t.object.value[len(SH):]
            counts[name] = counts.get(name, 0) + 1
    if any(counts.values()):
        # SHACL: sh:conforms is true only when the report lists no result at all,
        # warnings included. The verdict (and the exit code) follow --fail-on instead.
        _, triples = _failing(triples)
    return Report(bool(conforms), triples, counts, tree_label(tree), tree.root,
                  "fast" if outcome is not None else "pyshacl", note)


def run_pyshacl(data, shapes, fail_on: str = "violation") -> tuple[bool, list]:
    """The reference engine on rdflib graphs: (conforms, the report graph's triples)."""
    from pyshacl import validate as shacl

    with _prepared_queries():
        conforms, report_graph, _ = shacl(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            do_owl_imports=False,
            allow_infos=True,
            allow_warnings=fail_on == "violation",
            abort_on_first=False,
            meta_shacl=False,
        )
    return bool(conforms), rdfio.from_rdflib(report_graph)


def _allowed(fail_on: str) -> tuple[str, ...]:
    """Severities that still conform (pySHACL's allow_infos and allow_warnings)."""
    return (SH.Info, SH.Warning) if fail_on == "violation" else (SH.Info,)


# ------------------------------------------------------------ ill-typed literals

# The built-in check's name in reports: no file in shapes/ declares it.
WELL_TYPED = "https://w3id.org/diplograph/shapes#WellTypedLiterals"


def _ill_typed(graph) -> list[tuple]:
    """Triples whose literal is not a valid value of its XSD datatype ("2025-13-45"^^xsd:date).

    RDF lets such a literal be written (every command reads it as written), but
    it means nothing: comparisons and arithmetic on it fail. rdflib knows the
    lexical spaces of the XSD datatypes.
    """
    import rdflib

    found = [
        (rdfio.from_rdflib_term(s), rdfio.from_rdflib_term(p), rdfio.from_rdflib_term(o))
        for s, p, o in graph
        if isinstance(o, rdflib.Literal) and o.ill_typed
    ]
    return sorted(found, key=lambda spo: tuple(map(str, spo)))


def _add_results(triples: list, ill_typed: list[tuple]) -> list:
    """The report with one sh:Violation per ill-typed literal, and sh:conforms false."""
    report, out = _failing(triples)
    for subject, predicate, literal in ill_typed:
        shown = literal.value if len(literal.value) <= 40 else literal.value[:39] + "…"
        message = (f"{shown!r} is not a valid {short(literal.datatype)}: an ill-typed literal, "
                   "which comparisons and arithmetic cannot use")
        out += _result(report, subject, predicate, literal, WELL_TYPED,
                       SH.DatatypeConstraintComponent, message)
    return out


def _failing(triples: list) -> tuple:
    """The report node, and the report's triples with sh:conforms false."""
    report = next((t.subject for t in triples
                   if t.predicate.value == RDF.type and t.object.value == SH.ValidationReport),
                  None) or ox.BlankNode()
    out = [t for t in triples if not (t.subject == report and t.predicate.value == SH.conforms)]
    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    out.append(ox.Triple(report, ox.NamedNode(SH.conforms), ox.Literal("false", datatype=boolean)))
    return report, out


def _result(report, focus, path, value, shape: str, component: str, message: str,
            location: tuple[str, int | None] | None = None) -> list:
    """The triples of one sh:Violation of a built-in check."""
    result = ox.BlankNode()
    fields = [("focusNode", focus), ("resultPath", path), ("value", value),
              ("resultSeverity", ox.NamedNode(SH.Violation)),
              ("sourceConstraintComponent", ox.NamedNode(component)),
              ("sourceShape", ox.NamedNode(shape)), ("resultMessage", ox.Literal(message))]
    out = [ox.Triple(report, ox.NamedNode(SH.result), result),
           ox.Triple(result, ox.NamedNode(RDF.type), ox.NamedNode(SH.ValidationResult))]
    out += [ox.Triple(result, ox.NamedNode(SH[name]), term)
            for name, term in fields if term is not None]
    return out + _location(result, location)


# ------------------------------------------------------------ lint and locations

LINT_COMPONENT = DGSH.LintConstraintComponent
BUILT_IN = {WELL_TYPED, *(DGSH[name] for name in CHECKS)}


def _add_findings(triples: list, findings: list, tree) -> list:
    """The report with one sh:Violation per lint finding (dgsh:UndeclaredTerm, …)."""
    from diplograph.info import file_label

    report, out = _failing(triples)
    for f in findings:
        out += _result(report, f.focus, f.predicate, f.value, f.shape, LINT_COMPONENT,
                       f.message, (file_label(f.path, tree), f.line))
    return out


def _location(result, location) -> list:
    if location is None:
        return []
    label, line = location
    out = [ox.Triple(result, ox.NamedNode(DGSH.file), ox.Literal(label))]
    if line:
        out.append(ox.Triple(result, ox.NamedNode(DGSH.line),
                             ox.Literal(str(line), datatype=ox.NamedNode(XSD.integer))))
    return out


def _add_locations(triples: list, linter, tree) -> list:
    """dgsh:file and dgsh:line for every result that has none and whose focus is in a file.

    The results are located file by file (each file's text is let go after), and their
    triples added in the report's order.
    """
    from diplograph.info import file_label

    fields = defaultdict(dict)
    for t in triples:
        fields[t.subject].setdefault(t.predicate.value, t.object)
    wanted = []
    for node, values in fields.items():
        if values.get(RDF.type) != ox.NamedNode(SH.ValidationResult) or DGSH.file in values:
            continue
        focus = values.get(SH.focusNode)
        if focus is None:
            continue
        value, path = values.get(SH.value), values.get(SH.resultPath)
        term = value if isinstance(value, ox.NamedNode | ox.Literal) else (
            path if isinstance(path, ox.NamedNode) else None)
        wanted.append((node, focus, term, linter.source(focus)))
    located, labels, previous = {}, {}, None
    for node, focus, term, source in sorted(
            (w for w in wanted if w[3] is not None), key=lambda w: str(w[3])):
        if source != previous and previous is not None:
            linter.locator.release(previous)
        previous = source
        found = linter.locate(focus, term)
        if found[0] not in labels:
            labels[found[0]] = file_label(found[0], tree)
        located[node] = (labels[found[0]], found[1])
    out = list(triples)
    for node, *_ in wanted:
        if node in located:
            out += _location(node, located[node])
    return out


# ------------------------------------------------------------ SPARQL in the shapes

_SPARQL_PREDICATES = {SH.select: "query", SH.ask: "query", SH.construct: "query",
                      SH.update: "update"}


def _shape_queries(per_file: dict):
    """(file, shape, kind, text) for every SPARQL text in the shapes (sh:select, sh:ask, …)."""
    for path, triples in per_file.items():
        owner = {t.object: t.subject for t in triples if isinstance(t.object, ox.BlankNode)}
        for t in triples:
            kind = _SPARQL_PREDICATES.get(t.predicate.value)
            if kind and isinstance(t.object, ox.Literal):
                node, seen = t.subject, set()
                while isinstance(node, ox.BlankNode) and node in owner and node not in seen:
                    seen.add(node)
                    node = owner[node]
                yield path, node, kind, t.object.value


def _where(path, text: str, line: int = 1) -> str:
    """``file:line`` of line ``line`` of a SPARQL text written in the shapes file."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(path)
    at = source.find(text)
    if at < 0:
        return str(path)
    return f"{path}:{source.count(chr(10), 0, at) + line}"


def _refuse_service(queries) -> None:
    from diplograph.binding import service_position

    for path, shape, _, text in queries:
        found = service_position(text)
        if found:
            raise InputError(
                f"{_where(path, text, found[0])}: shape {short(shape)}: its SPARQL uses SERVICE, "
                "which would call another endpoint; validate never touches the network"
            )


def _explain_sparql(queries) -> None:
    """InputError naming the shape and file of the first SPARQL text that does not parse."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    for path, shape, kind, text in queries:
        try:
            (parseUpdate if kind == "update" else parseQuery)(text)
        except Exception as exc:
            line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
            reason = next(iter(str(exc).strip().splitlines()), type(exc).__name__)
            reason = re.sub(r"\s*\(at char \d+\).*$", "", reason)
            where = _where(path, text, line or 1)
            at = f" (line {line}, column {column} of the query)" if line and column else ""
            raise InputError(
                f"{where}: shape {short(shape)}: its SPARQL does not parse: {reason}{at}"
            ) from exc


@contextmanager
def _prepared_queries():
    """Parse each SHACL-SPARQL query once instead of once per focus node.

    pySHACL hands rdflib the same query text for every focus node, and rdflib
    parses it every time (about 40 ms each); prepared queries are meant to be
    reused with different initBindings, so cache them while validating.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache: dict = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(
                    processor.parseQuery(strOrQuery), base, initNs
                )
            strOrQuery = cache[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def render(report: Report, fmt: str = "text", quiet: bool = False) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("turtle", "json"):
        from diplograph.rdfwrite import serialize

        return serialize(report.triples, "turtle" if fmt == "turtle" else "jsonld")
    results = _results(report)
    if fmt == "github":
        return _github(report, results, quiet)
    return _quiet(report, results) if quiet else _text(report, results)


@dataclass
class _Result:
    severity: str  # Violation, Warning, Info
    shape: str
    focus: str
    text: str  # the message with its [path …] and [value …]
    file: str | None
    line: int | None

    @property
    def rank(self) -> tuple[int, int]:
        """Violations first; among equals the built-in checks, which often explain the rest
        (an untyped resource fails every shape that points at it)."""
        severity = SEVERITIES.index(self.severity) if self.severity in SEVERITIES else 9
        return severity, 0 if self.shape in BUILT_IN else 1

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file


def _results(report: Report) -> list[_Result]:
    props = defaultdict(lambda: defaultdict(list))
    nodes = []
    for t in report.triples:
        props[t.subject][t.predicate.value].append(t.object)
        if t.predicate.value == SH.result:
            nodes.append(t.object)

    def one(node, name, namespace=SH):
        values = props[node].get(namespace[name])
        return values[0] if values else None

    found = []
    for node in nodes:
        severity = short(one(node, "resultSeverity")).removeprefix("sh:")
        path, value = one(node, "resultPath"), one(node, "value")
        message = one(node, "resultMessage")
        component = short(one(node, "sourceConstraintComponent")).removeprefix("sh:")
        text = message.value if message else component
        if path is not None:
            text += f" [path {_path(path, props)}]"
        if value is not None:
            text += f" [value {_value(value)}]"
        file, line = one(node, "file", DGSH), one(node, "line", DGSH)
        found.append(_Result(severity, _label(one(node, "sourceShape"), props),
                             short(one(node, "focusNode")), text,
                             file.value if file is not None else None,
                             int(line.value) if line is not None else None))
    return sorted(found, key=lambda r: (r.rank, r.shape, r.focus, r.text))


def _text(report: Report, results: list[_Result]) -> str:
    """Grouped by shape and focus node; shapes with violations first."""
    groups = defaultdict(lambda: defaultdict(list))
    rank: dict[str, tuple] = {}
    for r in results:
        groups[r.shape][r.focus].append(r)
        rank[r.shape] = min(rank.get(r.shape, r.rank), r.rank)
    lines = [report.headline()]
    for shape in sorted(groups, key=lambda name: (rank[name], name)):
        lines.append("")
        lines.append(f"shape {shape}")
        for focus in sorted(groups[shape]):
            entries = groups[shape][focus]
            where = entries[0].where
            lines.append(f"  {focus}" + (f"  ({where})" if where else ""))
            lines += sorted(f"    {r.severity}: {r.text}"
                            + (f"  ({r.where})" if r.where and r.where != where else "")
                            for r in entries)
    return "\n".join(lines) + "\n"


def _quiet(report: Report, results: list[_Result]) -> str:
    """The summary and one line per violation, at most QUIET_LINES of them."""
    violations = [r for r in results if r.severity == "Violation"]
    lines = [report.headline()]
    for r in violations[:QUIET_LINES]:
        lines.append(f"{r.where or '(no file)'}: {r.focus}: {r.text} [{r.shape}]")
    if len(violations) > QUIET_LINES:
        lines.append(f"… and {len(violations) - QUIET_LINES} more violations "
                     "(run without --quiet to see them all)")
    return "\n".join(lines) + "\n"


_GITHUB_LEVEL = {"Violation": "error", "Warning": "warning", "Info": "notice"}


def _github_escape(text: str, prop: bool = False) -> str:
    """Escape as GitHub's workflow commands do (%, CR, LF; also ':' and ',' in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _github(report: Report, results: list[_Result], quiet: bool) -> str:
    """One ``::error file=…,line=…,title=…::message`` line per result, then the summary."""
    lines = []
    for r in results:
        if quiet and r.severity != "Violation":
            continue
        props = []
        if r.file:
            from diplograph.info import from_working_directory

            shown = from_working_directory(r.file, report.root) if report.root else r.file
            props.append(f"file={_github_escape(shown, True)}")
            if r.line:
                props.append(f"line={r.line}")
        props.append(f"title={_github_escape(r.shape.replace(DGSH, 'dgsh:'), True)}")
        level = _GITHUB_LEVEL.get(r.severity, "notice")
        lines.append(f"::{level} {','.join(props)}::{_github_escape(f'{r.focus}: {r.text}')}")
    lines.append(report.headline())
    return "\n".join(lines) + "\n"


def _label(node, props) -> str:
    if node is None:
        return "(no shape)"
    if isinstance(node, ox.BlankNode):
        # A property shape or path without a name: describe it by its sh:path.
        path = props[node].get(SH.path)
        inverse = props[node].get(SH.inversePath)
        if inverse:
            return "^" + _label(inverse[0], props)
        if path:
            return f"[property {_label(path[0], props)}]"
        return "[blank node]"
    return short(node)


_PATH_SUFFIX = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


def _path(node, props, depth: int = 0) -> str:
    """A SHACL property path in SPARQL syntax: a/b, (a | b), ^a, a*."""
    if not isinstance(node, ox.BlankNode) or depth > 20:
        return short(node)
    around = props[node]
    if RDF.first in around:
        return "/".join(_path(item, props, depth + 1) for item in _items(node, props))
    if SH.alternativePath in around:
        items = _items(around[SH.alternativePath][0], props)
        return "(" + " | ".join(_path(item, props, depth + 1) for item in items) + ")"
    if SH.inversePath in around:
        return "^" + _path(around[SH.inversePath][0], props, depth + 1)
    for name, mark in _PATH_SUFFIX.items():
        if SH[name] in around:
            return _path(around[SH[name]][0], props, depth + 1) + mark
    return "[blank node]"


def _items(node, props) -> list:
    items, seen = [], set()
    while isinstance(node, ox.BlankNode) and node not in seen and RDF.first in props[node]:
        seen.add(node)
        items.append(props[node][RDF.first][0])
        node = props[node].get(RDF.rest, [None])[0]
    return items


def _value(term) -> str:
    text = short(term)
    return text if len(text) <= 60 else text[:57] + "..."
