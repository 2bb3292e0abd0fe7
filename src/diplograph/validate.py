"""``diplograph validate``: pySHACL over the data graph with the shapes.

SHACL-SPARQL is on (advanced), there is no inference and owl:imports are never
followed. The report is the standard SHACL validation report graph; ``text``
renders it grouped by shape and focus node.
"""

import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

import pyoxigraph as ox

from diplograph import rdfio
from diplograph.errors import InputError
from diplograph.namespaces import RDF, SH
from diplograph.terms import short

FORMATS = ("text", "turtle", "json")
FAIL_ON = ("violation", "warning")
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass
class Report:
    conforms: bool
    triples: list  # the SHACL report graph as pyoxigraph triples
    counts: dict[str, int]

    def summary(self) -> str:
        found = ", ".join(f"{n} {s.lower()}{'s' if n != 1 else ''}"
                          for s, n in self.counts.items() if n)
        verdict = "conforms" if self.conforms else "does not conform"
        return f"the data graph {verdict}" + (f" ({found})" if found else "")


def validate(tree, fail_on: str = "violation") -> Report:
    if fail_on not in FAIL_ON:
        raise InputError(f"unknown --fail-on {fail_on!r}; choose one of {', '.join(FAIL_ON)}")
    shape_files = tree.shape_files()
    if not shape_files:
        raise InputError(f"no shapes found in {tree.shapes_dir}")
    data = rdfio.load_data(tree).rdflib()
    per_file = {path: rdfio.read_triples([path]) for path in shape_files}
    queries = list(_shape_queries(per_file))
    _refuse_service(queries)
    shapes = rdfio.to_rdflib(dict.fromkeys(t for triples in per_file.values() for t in triples))
    from pyshacl import validate as shacl

    try:
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
    except Exception as exc:  # pySHACL raises its own errors for broken shapes
        _explain_sparql(queries)
        first = next(iter(str(exc).strip().splitlines()), type(exc).__name__)
        raise InputError(f"shapes in {tree.shapes_dir} cannot be used: {first}") from exc
    triples = rdfio.from_rdflib(report_graph)
    ill_typed = _ill_typed(data)
    if ill_typed:
        conforms = False
        triples = _add_results(triples, ill_typed)
    counts = dict.fromkeys(SEVERITIES, 0)
    for t in triples:
        if t.predicate.value == SH.resultSeverity and t.object.value.startswith(SH):
            name = t.object.value[len(SH):]
            counts[name] = counts.get(name, 0) + 1
    return Report(bool(conforms), triples, counts)


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
    report = next((t.subject for t in triples
                   if t.predicate.value == RDF.type and t.object.value == SH.ValidationReport),
                  None) or ox.BlankNode()
    out = [t for t in triples if not (t.subject == report and t.predicate.value == SH.conforms)]
    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    out.append(ox.Triple(report, ox.NamedNode(SH.conforms), ox.Literal("false", datatype=boolean)))
    for subject, predicate, literal in ill_typed:
        result = ox.BlankNode()
        shown = literal.value if len(literal.value) <= 40 else literal.value[:39] + "…"
        message = (f"{shown!r} is not a valid {short(literal.datatype)}: an ill-typed literal, "
                   "which comparisons and arithmetic cannot use")
        out.append(ox.Triple(report, ox.NamedNode(SH.result), result))
        out += [ox.Triple(result, ox.NamedNode(SH[name]), value) for name, value in (
            ("focusNode", subject),
            ("resultPath", predicate),
            ("value", literal),
            ("resultSeverity", ox.NamedNode(SH.Violation)),
            ("sourceConstraintComponent", ox.NamedNode(SH.DatatypeConstraintComponent)),
            ("sourceShape", ox.NamedNode(WELL_TYPED)),
            ("resultMessage", ox.Literal(message)),
        )]
        out.append(ox.Triple(result, ox.NamedNode(RDF.type), ox.NamedNode(SH.ValidationResult)))
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


def render(report: Report, fmt: str = "text") -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "text":
        from diplograph.rdfwrite import serialize

        return serialize(report.triples, "turtle" if fmt == "turtle" else "jsonld")
    return _text(report)


def _text(report: Report) -> str:
    props = defaultdict(lambda: defaultdict(list))
    results = []
    for t in report.triples:
        props[t.subject][t.predicate.value].append(t.object)
        if t.predicate.value == SH.result:
            results.append(t.object)

    def one(node, name):
        values = props[node].get(SH[name])
        return values[0] if values else None

    groups = defaultdict(lambda: defaultdict(list))
    for result in results:
        shape = one(result, "sourceShape")
        focus = one(result, "focusNode")
        groups[_label(shape, props)][short(focus)].append(result)

    lines = [report.summary()[0].upper() + report.summary()[1:] + "."]
    for shape in sorted(groups):
        lines.append("")
        lines.append(f"shape {shape}")
        for focus in sorted(groups[shape]):
            lines.append(f"  {focus}")
            entries = []
            for result in groups[shape][focus]:
                severity = short(one(result, "resultSeverity")).removeprefix("sh:")
                path = one(result, "resultPath")
                value = one(result, "value")
                message = one(result, "resultMessage")
                component = short(one(result, "sourceConstraintComponent")).removeprefix("sh:")
                text = f"    {severity}: " + (message.value if message else component)
                if path is not None:
                    text += f" [path {_path(path, props)}]"
                if value is not None:
                    text += f" [value {_value(value)}]"
                entries.append(text)
            lines += sorted(entries)
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
