"""A deterministic RDF writer: the same triples give the same bytes, always.

Triples are sorted; blank nodes get canonical labels (``canonical``: W3C
RDFC-1.0 per component of blank nodes), so the labels do not depend on parse
order, the labels written in the files, run or machine; prefixes come from
``namespaces.PREFIXES`` in its order. In Turtle and TriG a blank node used
exactly once as an object is written inline as ``[ ... ]``.
"""

import json
import re
from collections import defaultdict

import pyoxigraph as ox

from diplograph.canonical import canonical_triples
from diplograph.errors import InputError
from diplograph.namespaces import PREFIXES, RDF
from diplograph.terms import XSD_STRING, compact, nt, turtle, xml_attr, xml_text

FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")
SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig",
            "jsonld": ".jsonld", "xml": ".rdf"}
RDF_TYPE = RDF.type


def serialize(triples, fmt: str = "turtle") -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    triples = canonical_triples(triples)
    return _WRITERS[fmt](triples)


def _ntriples(triples) -> str:
    lines = sorted({f"{nt(t.subject)} {nt(t.predicate)} {nt(t.object)} ." for t in triples})
    return "".join(line + "\n" for line in lines)


def _subject_key(term) -> tuple:
    return (isinstance(term, ox.BlankNode), term.value)


def _by_subject(triples) -> dict:
    subjects = defaultdict(lambda: defaultdict(set))
    for t in triples:
        subjects[t.subject][t.predicate.value].add(t.object)
    return subjects


def _predicate_order(predicates):
    return sorted(predicates, key=lambda p: (p != RDF_TYPE, p))


def _used_prefixes(text_terms) -> list[str]:
    used = {term.split(":", 1)[0] for term in text_terms}
    return [name for name in PREFIXES if name in used]


def _inlinable(subjects, once: set[str]) -> set[str]:
    """Blank nodes used once as object that a written subject reaches (no orphan cycles)."""
    inline = {b for b in once if ox.BlankNode(b) in subjects}
    while True:
        reached, todo = set(), [s for s in subjects
                                 if not (isinstance(s, ox.BlankNode) and s.value in inline)]
        while todo:
            for objects in subjects[todo.pop()].values():
                for o in objects:
                    if isinstance(o, ox.BlankNode) and o.value in inline and o.value not in reached:
                        reached.add(o.value)
                        todo.append(o)
        orphans = inline - reached
        if not orphans:
            return inline
        inline.discard(min(orphans))


# Nesting levels that indent further; deeper structures stay at this indent, so
# the output stays linear in the data however deep it nests.
MAX_INDENT = 12
RDF_FIRST, RDF_REST, RDF_NIL = RDF.first, RDF.rest, RDF.nil


def _collections(subjects, inline: set[str]) -> set[str]:
    """Inlined blank nodes that head a well-formed RDF list, written as ``( ... )``.

    A list node has exactly one rdf:first, one rdf:rest and nothing else; its
    rest is rdf:nil or another inlined list node (used once: by this rest).
    """

    def rest_of(node: str):
        around = subjects[ox.BlankNode(node)]
        if set(around) != {RDF_FIRST, RDF_REST} or len(around[RDF_FIRST]) != 1 \
                or len(around[RDF_REST]) != 1:
            return None
        return next(iter(around[RDF_REST]))

    decided: dict[str, bool] = {}
    for start in inline:
        path, node, verdict = [], start, False
        while node not in decided and node not in path:
            path.append(node)
            rest = rest_of(node)
            if isinstance(rest, ox.NamedNode) and rest.value == RDF_NIL:
                verdict = True
                break
            if not (isinstance(rest, ox.BlankNode) and rest.value in inline):
                break
            node = rest.value
        else:
            verdict = decided.get(node, False)  # joins a decided chain (or loops: not a list)
        for member in path:
            decided[member] = verdict
    return {node for node, ok in decided.items() if ok}


def _turtle(triples) -> str:
    """Turtle, written with an explicit stack (no recursion, however deep the data)."""
    subjects = _by_subject(triples)
    uses = defaultdict(int)
    for t in triples:
        if isinstance(t.object, ox.BlankNode):
            uses[t.object.value] += 1
    # Inline a blank node used once as an object (and not part of a cycle back to itself).
    inline = _inlinable(subjects, {b for b, n in uses.items() if n == 1})
    lists = _collections(subjects, inline)
    names: set[str] = set()

    def term(x) -> str:
        text = turtle(x)
        if not text.startswith(("<", '"', "_:")) and ":" in text:
            names.add(text)
        elif '"^^' in text and not text.endswith(">"):
            names.add(text.rsplit("^^", 1)[1])
        return text

    def pad(depth: int) -> str:
        return "    " * min(depth, MAX_INDENT)

    def value(o, depth: int) -> list:
        """Actions writing one object: text, or a nested structure to expand."""
        if not (isinstance(o, ox.BlankNode) and o.value in inline):
            return [term(o)]
        if o.value in lists:
            return [("list", o, depth)]
        return ["[\n", ("body", o, depth + 1), "\n" + pad(depth) + "]"]

    def sort_key(o) -> str:
        if isinstance(o, ox.BlankNode) and o.value in inline:
            # Canonical labels: nodes that swap places without changing the graph
            # are written alike, so this order is canonical too.
            return ("(" if o.value in lists else "[") + o.value
        return turtle(o)

    def body(subject, depth: int) -> list:
        actions: list = []
        for number, p in enumerate(_predicate_order(subjects[subject])):
            if number:
                actions.append(" ;\n")
            # "a" stands for rdf:type only as a predicate (as a subject or object it is a
            # syntax error: void:property rdf:type in a dataset description).
            predicate = "a" if p == RDF_TYPE else term(ox.NamedNode(p))
            actions.append(f"{pad(depth)}{predicate} ")
            for index, o in enumerate(sorted(subjects[subject][p], key=sort_key)):
                if index:
                    actions.append(", ")
                actions += value(o, depth)
        return actions

    def collection(head, depth: int) -> list:
        actions: list = ["("]
        node = head
        while isinstance(node, ox.BlankNode):
            around = subjects[node]
            actions.append(" ")
            actions += value(next(iter(around[RDF_FIRST])), depth)
            node = next(iter(around[RDF_REST]))
        actions.append(" )")
        return actions

    def write(subject) -> str:
        out: list[str] = [term(subject), "\n"]
        stack = list(reversed(body(subject, 1)))
        while stack:
            action = stack.pop()
            if isinstance(action, str):
                out.append(action)
                continue
            kind, node, depth = action
            expanded = body(node, depth) if kind == "body" else collection(node, depth)
            stack += reversed(expanded)
        out.append(" .\n")
        return "".join(out)

    blocks = [write(subject) for subject in sorted(subjects, key=_subject_key)
              if not (isinstance(subject, ox.BlankNode) and subject.value in inline)]
    prefixes = "".join(f"@prefix {n}: <{PREFIXES[n]}> .\n" for n in _used_prefixes(names))
    return prefixes + ("\n" if prefixes and blocks else "") + "\n".join(blocks)


def _jsonld(triples) -> str:
    def ref(x) -> str:
        if isinstance(x, ox.BlankNode):
            return f"_:{x.value}"
        return compact(x.value) or x.value

    def value(o) -> dict:
        if not isinstance(o, ox.Literal):
            return {"@id": ref(o)}
        if o.language:
            return {"@value": o.value, "@language": o.language}
        if o.datatype.value == XSD_STRING:
            return {"@value": o.value}
        return {"@value": o.value, "@type": ref(o.datatype)}

    nodes = []
    subjects = _by_subject(triples)
    for subject in sorted(subjects, key=_subject_key):
        node = {"@id": ref(subject)}
        for p in _predicate_order(subjects[subject]):
            objects = subjects[subject][p]
            if p == RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
                node["@type"] = sorted(ref(o) for o in objects)
            else:
                node[ref(ox.NamedNode(p))] = sorted(
                    (value(o) for o in objects), key=lambda v: json.dumps(v, sort_keys=True)
                )
        nodes.append(node)
    document = {"@context": dict(PREFIXES), "@graph": nodes}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _xml_name(iri: str, extra: dict[str, str]) -> str:
    name = compact(iri)
    if name and _ncname(name.split(":", 1)[1]):
        return name
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    namespace, local = iri[:cut], iri[cut:]
    if not _ncname(local):
        raise InputError(f"cannot write predicate <{iri}> in RDF/XML (no XML name for it)")
    return f"{extra[namespace]}:{local}"


def _ncname(local: str) -> bool:
    return bool(local) and (local[0].isalpha() or local[0] == "_") and all(
        c.isalnum() or c in "_.-" for c in local
    )


# Characters XML 1.0 cannot hold at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_chars(triples) -> None:
    bad = [t for t in triples
           if isinstance(t.object, ox.Literal) and _NOT_XML.search(t.object.value)]
    if bad:
        first = min(bad, key=lambda t: (nt(t.subject), nt(t.predicate), nt(t.object)))
        char = _NOT_XML.search(first.object.value).group()
        raise InputError(
            f"cannot write RDF/XML: a literal of {nt(first.subject)} holds U+{ord(char):04X}, "
            "which XML 1.0 cannot hold",
            hint="export it as Turtle, N-Triples, TriG, N-Quads or JSON-LD instead",
        )


def _xml(triples) -> str:
    _check_xml_chars(triples)
    subjects = _by_subject(triples)
    predicates = {t.predicate.value for t in triples}
    extra: dict[str, str] = {}
    for iri in sorted(predicates):
        name = compact(iri)
        if not (name and _ncname(name.split(":", 1)[1])):
            cut = max(iri.rfind("#"), iri.rfind("/")) + 1
            extra.setdefault(iri[:cut], f"ns{len(extra) + 1}")
    names = {p: _xml_name(p, extra) for p in predicates}
    used = _used_prefixes(list(names.values()) + ["rdf:RDF"])
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"    xmlns:{n}={xml_attr(PREFIXES[n])}" for n in used]
    lines += [f"    xmlns:{n}={xml_attr(ns)}" for ns, n in extra.items()]
    lines[-1] += ">"
    for subject in sorted(subjects, key=_subject_key):
        about = (f"rdf:nodeID={xml_attr(subject.value)}" if isinstance(subject, ox.BlankNode)
                 else f"rdf:about={xml_attr(subject.value)}")
        lines.append(f"  <rdf:Description {about}>")
        for p in _predicate_order(subjects[subject]):
            tag = names[p]
            for o in sorted(subjects[subject][p], key=nt):
                if isinstance(o, ox.NamedNode):
                    lines.append(f"    <{tag} rdf:resource={xml_attr(o.value)}/>")
                elif isinstance(o, ox.BlankNode):
                    lines.append(f"    <{tag} rdf:nodeID={xml_attr(o.value)}/>")
                elif o.language:
                    lines.append(f"    <{tag} xml:lang={xml_attr(o.language)}>"
                                 f"{xml_text(o.value)}</{tag}>")
                elif o.datatype.value == XSD_STRING:
                    lines.append(f"    <{tag}>{xml_text(o.value)}</{tag}>")
                else:
                    lines.append(f"    <{tag} rdf:datatype={xml_attr(o.datatype.value)}>"
                                 f"{xml_text(o.value)}</{tag}>")
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"


_WRITERS = {"turtle": _turtle, "trig": _turtle, "ntriples": _ntriples, "nquads": _ntriples,
            "jsonld": _jsonld, "xml": _xml}
