"""``diplograph validate``: pySHACL over the data graph with the shapes.

SHACL-SPARQL is on (advanced), there is no inference and owl:imports are never
followed. The report is the standard SHACL validation report graph; ``text``
renders it grouped by shape and focus node.
"""

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
    shapes = rdfio.to_rdflib(rdfio.read_triples(shape_files))
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
        raise InputError(f"shapes in {tree.shapes_dir} cannot be used: {exc}") from exc
    triples = rdfio.from_rdflib(report_graph)
    counts = dict.fromkeys(SEVERITIES, 0)
    for t in triples:
        if t.predicate.value == SH.resultSeverity and t.object.value.startswith(SH):
            name = t.object.value[len(SH):]
            counts[name] = counts.get(name, 0) + 1
    return Report(bool(conforms), triples, counts)


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
