"""Printing query results: table, csv, tsv, json, xml, md.

json and xml are the W3C SPARQL 1.1 results formats, csv and tsv the W3C
SPARQL 1.1 CSV/TSV formats. Before printing, results are made engine-neutral:
numbers and booleans take their canonical form, blank nodes are relabelled
``b0, b1, ...`` in order of appearance, and rows of a query without ORDER BY
are sorted, so both engines print the same bytes.
"""

import csv
import io
import json

import pyoxigraph as ox

from diplograph.errors import InputError
from diplograph.sparql import Result
from diplograph.terms import XSD_STRING, normalise, nt, short, xml_attr, xml_text

FORMATS = ("table", "csv", "tsv", "json", "xml", "md")


def neutral(result: Result) -> Result:
    """Canonical numbers, relabelled blank nodes, sorted rows unless ORDER BY."""
    labels: dict[str, ox.BlankNode] = {}

    def fix(term):
        if term is None:
            return None
        if isinstance(term, ox.BlankNode):
            if term.value not in labels:
                labels[term.value] = ox.BlankNode(f"b{len(labels)}")
            return labels[term.value]
        return normalise(term)

    rows = result.rows
    if not result.ordered:
        rows = sorted(rows, key=lambda row: [("" if t is None else nt(t)) for t in row])
    rows = [tuple(fix(term) for term in row) for row in rows]
    return Result(result.form, list(result.variables), rows, result.boolean,
                  result.triples, result.ordered)


def render(result: Result, fmt: str = "table") -> str:
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        from diplograph.rdfwrite import serialize

        return serialize((ox.Triple(t.subject, t.predicate, normalise(t.object))
                          for t in result.triples), "turtle")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    result = neutral(result)
    return _WRITERS[fmt](result)


def _boolean(result: Result) -> str:
    return "true\n" if result.boolean else "false\n"


def _table(result: Result) -> str:
    if result.form == "ASK":
        return _boolean(result)
    header = list(result.variables)
    cells = [[short(term) for term in row] for row in result.rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    return "\n".join(lines) + "\n"


def _md(result: Result) -> str:
    if result.form == "ASK":
        return _boolean(result)

    def cell(term) -> str:
        text = short(term).replace("|", "\\|").replace("\n", " ")
        return f"`{text}`" if isinstance(term, ox.NamedNode | ox.BlankNode) else text

    lines = ["| " + " | ".join(result.variables) + " |",
             "|" + "|".join("---" for _ in result.variables) + "|"]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _csv(result: Result) -> str:
    if result.form == "ASK":
        return _boolean(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (t.value if not isinstance(t, ox.BlankNode)
                                               else f"_:{t.value}") for t in row])
    return out.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    text = nt(term)
    return text.replace("\t", "\\t")


def _tsv(result: Result) -> str:
    if result.form == "ASK":
        return _boolean(result)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def _json(result: Result) -> str:
    if result.form == "ASK":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_text(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={xml_attr(term.language)}>{xml_text(term.value)}</literal>"
    if term.datatype.value == XSD_STRING:
        return f"<literal>{xml_text(term.value)}</literal>"
    return f"<literal datatype={xml_attr(term.datatype.value)}>{xml_text(term.value)}</literal>"


def _xml(result: Result) -> str:
    lines = ['<?xml version="1.0"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    lines += [f"    <variable name={xml_attr(v)}/>" for v in result.variables]
    lines.append("  </head>")
    if result.form == "ASK":
        lines.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("  <results>")
        for row in result.rows:
            lines.append("    <result>")
            lines += [f"      <binding name={xml_attr(v)}>{_xml_term(t)}</binding>"
                      for v, t in zip(result.variables, row, strict=True) if t is not None]
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


_WRITERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml, "md": _md}
