"""JSON-LD for the web: the shipped context, compaction with it, and framed views.

``context.jsonld`` (shipped in the package; ``context()`` reads it) holds the
prefixes of ``namespaces.PREFIXES`` and terms for the properties people use,
with ``@id`` coercion for links and the datatype or language where the data
always has one (``label`` is English text, ``datePublished`` an ``xsd:dateTime``).
The export carries it inline, so no processor fetches anything.

Compaction here is the JSON-LD compaction of a flat graph, deterministic: a
value takes a term only when it fits the term's coercion (else the property's
compact IRI, with the value expanded), one value is written alone and several
as a sorted array. The ``events`` frame nests, for each event (every
``event:`` resource), its participations, place, date expressions, statements
(that anticipate, react to, report on, cite or commit to it: ``anticipatedBy``,
``reactedToBy``, ``reportedOnBy``, ``citedBy``, ``committedToBy``), ordinals,
status reports and evidence (``oa:hasBody`` it), each with
its blank-node structures; people, organizations and places it names are
embedded with their type and label. Every triple of a view is a triple of the
data (the tests expand it with PyLD).
"""

import json
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox

from diplograph.errors import InputError
from diplograph.namespaces import KIND, PREFIXES, RDF, RDFS, SKOS, XSD
from diplograph.terms import compact

FRAMES = ("events",)
CONTEXT_FILE = "context.jsonld"
# Levels of embedded node objects at most (json.dumps and PyLD recurse per level).
MAX_NESTING = 40
_XSD_STRING = XSD.string


@lru_cache(maxsize=1)
def _terms() -> dict:
    return json.loads(files("diplograph.publishing").joinpath(CONTEXT_FILE).read_text("utf-8"))[
        "@context"]


def context() -> dict:
    """The JSON-LD context: the prefixes, then the shipped terms."""
    return {**{name: str(iri) for name, iri in PREFIXES.items()}, **_terms()}


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else name


@lru_cache(maxsize=1)
def _by_property() -> dict[str, tuple[str, dict]]:
    """Predicate IRI -> (term, definition), for forward terms."""
    found = {}
    for term, definition in _terms().items():
        if isinstance(definition, dict) and "@id" in definition:
            found[_expand(definition["@id"])] = (term, definition)
    return found


@lru_cache(maxsize=1)
def _reverse() -> dict[str, str]:
    """Predicate IRI -> reverse term."""
    return {_expand(d["@reverse"]): term for term, d in _terms().items()
            if isinstance(d, dict) and "@reverse" in d}


def _ref(term) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return compact(term.value) or term.value


def _fits(definition: dict, value) -> bool:
    kind = definition.get("@type")
    if kind == "@id":
        return not isinstance(value, ox.Literal)
    if not isinstance(value, ox.Literal):
        return False
    if kind is not None:
        return value.datatype.value == _expand(kind) and not value.language
    if "@language" in definition:
        return value.language == definition["@language"]
    return not value.language and value.datatype.value == _XSD_STRING


def _expanded_value(value) -> object:
    if not isinstance(value, ox.Literal):
        return {"id": _ref(value)}
    if value.language:
        return {"@value": value.value, "@language": value.language}
    if value.datatype.value == _XSD_STRING:
        return value.value
    return {"@value": value.value, "@type": _ref(value.datatype)}


def _key_and_value(predicate: str, value) -> tuple[str, object]:
    term = _by_property().get(predicate)
    if term is not None and _fits(term[1], value):
        return term[0], value.value if isinstance(value, ox.Literal) else _ref(value)
    return _ref(ox.NamedNode(predicate)), _expanded_value(value)


def _sort_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _shape(values: list) -> object:
    values = sorted(values, key=_sort_key)
    return values[0] if len(values) == 1 else values


class _Graph:
    """The triples indexed both ways, and node objects built from them."""

    def __init__(self, triples):
        self.out = defaultdict(lambda: defaultdict(list))
        self.into = defaultdict(lambda: defaultdict(list))
        for t in triples:
            self.out[t.subject][t.predicate.value].append(t.object)
            self.into[t.object][t.predicate.value].append(t.subject)

    def node(self, subject, embed, only: tuple[str, ...] | None = None, depth: int = 0) -> dict:
        """The node object of ``subject``; ``embed(o, depth)`` gives an object's node
        object, or None to write it as a reference. ``only``: just these predicates."""
        node: dict = {"id": _ref(subject)}
        grouped: dict[str, list] = defaultdict(list)
        for predicate, objects in self.out[subject].items():
            if only is not None and predicate not in only:
                continue
            for o in objects:
                if predicate == RDF.type and isinstance(o, ox.NamedNode):
                    grouped["type"].append(_ref(o))
                    continue
                key, value = _key_and_value(predicate, o)
                inner = embed(o, depth + 1)
                grouped[key].append(value if inner is None else inner)
        for key in ("type", *sorted(k for k in grouped if k != "type")):
            if key in grouped:
                node[key] = _shape(grouped[key])
        return node


def compacted(triples) -> dict:
    """A flat JSON-LD document of the triples, compacted with the inline context.

    A blank node used once as an object is embedded where it is used (as the
    Turtle export writes it inline), down to ``MAX_NESTING`` levels (so deep
    lists stay within Python's recursion limit); every other node, and one
    deeper down, is a top-level object.
    """
    graph = _Graph(triples)
    once = {o for o, by in graph.into.items() if isinstance(o, ox.BlankNode)
            and sum(len(subjects) for subjects in by.values()) == 1 and o in graph.out}
    nested = _nested(graph, once)

    def embed(o, _depth):
        return graph.node(o, embed) if o in nested else None

    subjects = sorted((s for s in graph.out if s not in nested),
                      key=lambda s: (isinstance(s, ox.BlankNode), s.value))
    return {"@context": context(), "@graph": [graph.node(s, embed) for s in subjects]}


def _nested(graph: "_Graph", once: set) -> set:
    """The once-used blank nodes written embedded: reached from a top-level node within
    ``MAX_NESTING`` levels. A chain deeper than that restarts at the top level, and so
    does a cycle of once-used blank nodes no top-level node reaches."""
    depth: dict = {}
    roots = [s for s in graph.out if s not in once]
    left = set(once)
    while True:
        todo = [(root, 0) for root in roots]
        while todo:
            subject, level = todo.pop()
            for objects in graph.out[subject].values():
                for o in objects:
                    if o in left:
                        left.discard(o)
                        if level + 1 > MAX_NESTING:
                            todo.append((o, 0))  # a top-level node: not in depth
                        else:
                            depth[o] = level + 1
                            todo.append((o, level + 1))
        if not left:
            return set(depth)
        roots = [min(left, key=lambda b: b.value)]  # an orphan cycle: start it at the top
        left.discard(roots[0])


# In the events view: embedded with their own description, or with type and label only.
_NESTED_KINDS = (KIND["participation"],)
_LABELLED_KINDS = tuple(KIND[k] for k in ("person", "organization", "place", "topic",
                                           "membership", "source"))


def events_view(triples) -> dict:
    """The ``events`` view: every event, with what it has nested (module docstring)."""
    graph = _Graph(triples)

    def labelled(o):
        if isinstance(o, ox.NamedNode) and o.value.startswith(_LABELLED_KINDS) \
                and o in graph.out:
            return graph.node(o, lambda _o, _d: None,
                              only=(RDF.type, RDFS.label, SKOS.prefLabel))
        return None

    def embed(o, depth):
        if depth > MAX_NESTING:  # a view: what lies deeper is left out, never recursed into
            return None
        if isinstance(o, ox.BlankNode) and o in graph.out:
            return graph.node(o, embed, depth=depth)
        if isinstance(o, ox.NamedNode) and o.value.startswith(_NESTED_KINDS):
            return graph.node(o, embed, depth=depth)
        return labelled(o)

    events = sorted((s for s in graph.out if isinstance(s, ox.NamedNode)
                     and s.value.startswith(KIND["event"])), key=lambda s: s.value)
    nodes = []
    for event in events:
        node = graph.node(event, embed)
        for predicate, term in sorted(_reverse().items(), key=lambda item: item[1]):
            subjects = sorted(graph.into[event].get(predicate, []), key=lambda s: s.value)
            if subjects:
                node[term] = _shape([graph.node(s, embed) for s in subjects])
        nodes.append(node)
    return {"@context": context(), "@graph": nodes}


def export_jsonld(tree, frame: str | None = None) -> str:
    """``export -f jsonld [--frame events]`` of the data tree."""
    from diplograph import rdfio
    from diplograph.canonical import canonical_triples

    if frame is not None and frame not in FRAMES:
        raise InputError(f"unknown frame {frame!r}; choose one of {', '.join(FRAMES)}")
    triples = canonical_triples(rdfio.load_data(tree).triples)
    document = events_view(triples) if frame == "events" else compacted(triples)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
