"""Printing query results: table, records, md, csv, tsv, json, xml, jsonl, objects.

json and xml are the W3C SPARQL 1.1 results formats, csv and tsv the W3C
SPARQL 1.1 CSV/TSV formats; jsonl (one JSON object per row) and objects (one
JSON array of objects) give plain values: IRIs as strings, numbers and
booleans as JSON numbers and booleans, unbound as null. Before printing,
results are made engine-neutral: numbers and booleans take their canonical
form, blank nodes are relabelled ``b0, b1, ...`` in order of appearance, and
rows of a query without ORDER BY are sorted, so both engines print the same
bytes.

The views for people (table, records, md) escape control characters, so a
literal cannot drive the terminal, and by default show each IRI as its label
(``labels.py``); an IRI column whose labels another column of the same row
already shows keeps its compact IRIs instead, so nothing prints twice. Given a
width, a table fits it: columns wider than their share are wrapped, and when
the columns cannot each get ``MIN_COLUMN`` characters the rows print as
records (one field per line). Without a width nothing is cut.
"""

import csv
import io
import json

import pyoxigraph as ox

from diplograph.display import display_width, escape_controls, pad, wrap
from diplograph.errors import InputError
from diplograph.sparql import Result
from diplograph.terms import XSD, XSD_STRING, normalise, nt, short, xml_attr, xml_text

FORMATS = ("table", "records", "md", "csv", "tsv", "json", "xml", "jsonl", "objects")
# Formats whose cells may show labels instead of IRIs; the first three by default.
READABLE = ("table", "records", "md")
LABELLED = (*READABLE, "csv", "jsonl", "objects")
MIN_COLUMN = 10  # narrowest a wrapped column may get before the table turns into records
MAX_WORD = 30  # a longer word (an IRI) may be split to fit a column


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


def wants_labels(fmt: str, labels: bool | None) -> bool:
    """Whether ``fmt`` shows labels: by default in the views for people;
    InputError when asked of a format whose cells are typed RDF terms."""
    if labels is None:
        return fmt in READABLE
    if labels and fmt not in LABELLED:
        raise InputError(f"--labels does not apply to -f {fmt} (its cells are RDF terms); "
                         f"it applies to {', '.join(LABELLED)}")
    return labels


def render(result: Result, fmt: str = "table", *, width: int | None = None,
           labels: bool | None = None) -> str:
    """The answer in ``fmt``; ``width`` bounds table lines (None: no limit);
    ``labels`` (default: for table, records, md) shows IRIs by ``result.labels``."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        from diplograph.rdfwrite import serialize

        return serialize((ox.Triple(t.subject, t.predicate, normalise(t.object))
                          for t in result.triples), "turtle")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    shown = result.labels if wants_labels(fmt, labels) else {}
    result = neutral(result)
    if fmt == "table":
        return _table(result, width, shown)
    if fmt == "records":
        return _records(result, width, shown)
    if fmt in ("md", "csv", "jsonl", "objects"):
        return _WRITERS[fmt](result, shown)
    return _WRITERS[fmt](result)


def _boolean(result: Result) -> str:
    return "true\n" if result.boolean else "false\n"


def _readable_cells(result: Result, labels: dict[str, str]) -> list[list[str]]:
    """Each cell as text for people: an IRI as its label (where it has one and
    the row does not already show that label), control characters escaped."""
    cells = [[short(term) for term in row] for row in result.rows]
    if labels:
        for column in range(len(result.variables)):
            named = [(r, labels[row[column].value]) for r, row in enumerate(result.rows)
                     if isinstance(row[column], ox.NamedNode) and row[column].value in labels]
            if not named:
                continue
            shown_elsewhere = all(
                label in (cells[r][:column] + cells[r][column + 1:]) for r, label in named
            )
            if shown_elsewhere:
                continue
            for r, label in named:
                cells[r][column] = label
    return [[escape_controls(cell) for cell in row] for row in cells]


def _fit(widths: list[int], words: list[int], room: int) -> list[int] | None:
    """Column widths within ``room`` characters, or None when a column would get
    less than MIN_COLUMN (and less than it needs).

    As browsers lay out tables: when every column can have its longest word
    (at least MIN_COLUMN, at most a cap that starts at MAX_WORD and shrinks
    until the columns fit), each gets that and the rest of the room goes to
    the columns in proportion to how much more they need; otherwise narrow
    columns keep their width and the rest share what is left equally.
    """
    for cap in range(MAX_WORD, MIN_COLUMN - 1, -2):
        # Short columns whole; others at least their longest word, up to cap.
        least = [min(w, max(word, MIN_COLUMN), cap) for w, word in zip(widths, words, strict=True)]
        if sum(least) <= room:
            spare = room - sum(least)
            wanted = [w - m for w, m in zip(widths, least, strict=True)]
            total = sum(wanted) or 1
            fitted = [m + spare * want // total for m, want in zip(least, wanted, strict=True)]
            return [min(f, w) for f, w in zip(fitted, widths, strict=True)]
    fitted = list(widths)
    order = sorted(range(len(widths)), key=lambda i: widths[i])
    left = room
    for done, i in enumerate(order):
        share = left // (len(widths) - done)
        fitted[i] = min(widths[i], share)
        if fitted[i] < min(widths[i], MIN_COLUMN):
            return None
        left -= fitted[i]
    return fitted


def _table(result: Result, width: int | None = None, labels: dict | None = None) -> str:
    if result.form == "ASK":
        return _boolean(result)
    header = [escape_controls(v) for v in result.variables]
    cells = _readable_cells(result, labels or {})
    widths = [display_width(h) for h in header]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]
    room = None if width is None else width - 2 * (len(widths) - 1)
    if room is not None and sum(widths) > room:
        words = [max((display_width(word) for row in [header, *cells]
                      for word in row[i].split(" ")), default=0) for i in range(len(widths))]
        fitted = _fit(widths, words, room)
        if fitted is None:
            return _records(result, width, labels)
        widths = fitted

    def lines_of(row: list[str]) -> list[str]:
        wrapped = [wrap(c, w) for c, w in zip(row, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        return ["  ".join(pad(w[i] if i < len(w) else "", n)
                          for w, n in zip(wrapped, widths, strict=True)).rstrip()
                for i in range(height)]

    body = [lines_of(row) for row in cells]
    lines = lines_of(header) + ["  ".join("-" * w for w in widths)]
    for number, block in enumerate(body):
        if number and (len(block) > 1 or len(body[number - 1]) > 1):
            lines.append("")  # a wrapped row stands apart from its neighbours
        lines += block
    return "\n".join(lines) + "\n"


def _records(result: Result, width: int | None = None, labels: dict | None = None) -> str:
    """One field per line, rows numbered (psql's expanded view); values wrap
    to ``width`` under their first line."""
    if result.form == "ASK":
        return _boolean(result)
    names = [escape_controls(v) for v in result.variables]
    key = max((display_width(n) for n in names), default=0)
    value_width = None if width is None else max(width - key - 2, MIN_COLUMN)
    blocks = []
    for number, row in enumerate(_readable_cells(result, labels or {}), 1):
        title = f"-[ {number} ]"
        lines = [title + "-" * max((width or 40) - len(title), 0)]
        for name, cell in zip(names, row, strict=True):
            parts = wrap(cell, value_width) if value_width else [cell]
            lines.append((pad(name, key) + "  " + parts[0]).rstrip())
            lines += [" " * (key + 2) + part for part in parts[1:]]
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n" if blocks else "(no rows)\n"


def _md(result: Result, labels: dict | None = None) -> str:
    if result.form == "ASK":
        return _boolean(result)
    readable = _readable_cells(result, labels or {})

    def cell(term, text) -> str:
        text = text.replace("|", "\\|")
        if isinstance(term, ox.NamedNode | ox.BlankNode) and text == short(term):
            return f"`{text}`"
        return text

    lines = ["| " + " | ".join(escape_controls(v) for v in result.variables) + " |",
             "|" + "|".join("---" for _ in result.variables) + "|"]
    lines += ["| " + " | ".join(cell(t, c) for t, c in zip(row, texts, strict=True)) + " |"
              for row, texts in zip(result.rows, readable, strict=True)]
    return "\n".join(lines) + "\n"


def _csv(result: Result, labels: dict | None = None) -> str:
    if result.form == "ASK":
        return _boolean(result)
    labels = labels or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (
            f"_:{t.value}" if isinstance(t, ox.BlankNode) else labels.get(t.value, t.value)
            if isinstance(t, ox.NamedNode) else t.value) for t in row])
    return out.getvalue()


_JSON_NUMBERS = {XSD.integer: int, XSD.decimal: float, XSD.double: float, XSD.float: float}


def _plain(term, labels: dict):
    """A term as a plain JSON value (jsonl, objects)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return labels.get(term.value, term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value if not term.language else None
    if datatype == XSD.boolean and term.value in ("true", "false"):
        return term.value == "true"
    if datatype in _JSON_NUMBERS:
        try:
            number = _JSON_NUMBERS[datatype](term.value)
        except ValueError:
            return term.value
        if number == number and number not in (float("inf"), float("-inf")):
            return number
    return term.value


def _objects_of(result: Result, labels: dict | None) -> list[dict]:
    return [{v: _plain(t, labels or {}) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows]


def _jsonl(result: Result, labels: dict | None = None) -> str:
    if result.form == "ASK":
        return json.dumps({"boolean": bool(result.boolean)}) + "\n"
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in _objects_of(result, labels))


def _objects(result: Result, labels: dict | None = None) -> str:
    if result.form == "ASK":
        return json.dumps(bool(result.boolean)) + "\n"
    return json.dumps(_objects_of(result, labels), indent=2, ensure_ascii=False) + "\n"


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


_WRITERS = {"csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml, "md": _md,
            "jsonl": _jsonl, "objects": _objects}
