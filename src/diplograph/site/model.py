"""The data graph as the site sees it: resources, their labels, facts and evidence.

Built once per build from the exact triples (``rdfio.DataGraph.triples``), so a
page shows every literal as written. Everything here is sorted, so that two
builds of the same graph give the same bytes.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplograph.errors import InputError
from diplograph.namespaces import DG, ID, KIND, OA, RDF, RDFS, SCHEMA, SEM, SKOS
from diplograph.terms import nt, short

# A slug becomes a file name: keep it to characters every file system and URL takes.
_SAFE_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline)
TIME_PROPERTIES = (
    SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp,
    SEM.hasEarliestBeginTimeStamp, SEM.hasLatestBeginTimeStamp,
    SEM.hasEarliestEndTimeStamp, SEM.hasLatestEndTimeStamp,
)


def term_key(term) -> str:
    return nt(term)


@dataclass(frozen=True)
class Quote:
    """One evidence annotation: its words in an article and the facts it supports."""

    evidence: str  # IRI
    source: str | None  # article IRI
    exact: str
    prefix: str = ""
    suffix: str = ""
    bodies: tuple[str, ...] = ()
    quotation: bool = False


@dataclass
class Graph:
    triples: list
    out: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    inc: dict = field(default_factory=lambda: defaultdict(list))
    quotes: list[Quote] = field(default_factory=list)

    def __post_init__(self):
        for t in self.triples:
            self.out[t.subject][t.predicate.value].append(t.object)
            if not isinstance(t.object, ox.Literal):
                self.inc[t.object].append((t.subject, t.predicate.value))
        # Two blank values of one property (two articles' printed lengths of one
        # meeting) are ordered by what they say, not by their labels, which differ
        # from one load to the next.
        described = {s: "|".join(sorted(f"{p} {'[]' if isinstance(o, ox.BlankNode) else nt(o)}"
                                        for p, objects in props.items() for o in objects))
                     for s, props in self.out.items() if isinstance(s, ox.BlankNode)}

        def key(term) -> tuple[str, str]:
            return (described.get(term, ""), term_key(term))

        for props in self.out.values():
            for p in props:
                props[p] = sorted(set(props[p]), key=key)
        for o in self.inc:
            self.inc[o] = sorted(set(self.inc[o]), key=lambda sp: (term_key(sp[0]), sp[1]))
        self.quotes = self._quotes()
        self._by_body: dict[str, list[Quote]] = defaultdict(list)
        self._by_source: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.quotes:
            for body in quote.bodies:
                self._by_body[body].append(quote)
            self._by_source[quote.source].append(quote)

    # ------------------------------------------------------------ lookups

    def objects(self, subject, predicate: str) -> list:
        if isinstance(subject, str):
            subject = ox.NamedNode(subject)
        return self.out.get(subject, {}).get(predicate, [])

    def value(self, subject, predicate: str):
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def incoming(self, target) -> list[tuple]:
        """(named subject, property path) for every fact pointing at ``target``, blank
        nodes on the way followed back to the named resources that hold them."""
        found, todo, seen = set(), [(target, ())], {target}
        while todo:
            node, path = todo.pop()
            for subject, predicate in self.inc.get(node, ()):
                if isinstance(subject, ox.BlankNode):
                    if subject not in seen:
                        seen.add(subject)
                        todo.append((subject, (predicate, *path)))
                else:
                    found.add((subject, (predicate, *path)))
        return sorted(found, key=lambda sp: (term_key(sp[0]), sp[1]))

    def types(self, subject) -> list[str]:
        return [o.value for o in self.objects(subject, RDF.type) if isinstance(o, ox.NamedNode)]

    def label(self, term) -> str:
        """rdfs:label (English first), skos:prefLabel, schema:name; else the prefixed name."""
        if isinstance(term, ox.Literal):
            return term.value
        for predicate in LABEL_PROPERTIES:
            found = self.objects(term, predicate)
            if found:
                english = [o for o in found if getattr(o, "language", None) == "en"]
                return (english or found)[0].value
        return short(term)

    def subclass_closure(self, root: str) -> set[str]:
        """``root`` and every class below it (rdfs:subClassOf*)."""
        found, todo = {root}, [root]
        while todo:
            for sub, predicate in self.inc.get(ox.NamedNode(todo.pop()), ()):
                if predicate == RDFS.subClassOf and isinstance(sub, ox.NamedNode) \
                        and sub.value not in found:
                    found.add(sub.value)
                    todo.append(sub.value)
        return found

    def instances(self, classes: set[str]) -> list[ox.NamedNode]:
        return sorted({s for s, props in self.out.items() if isinstance(s, ox.NamedNode)
                       and any(o.value in classes for o in props.get(RDF.type, ()))},
                      key=term_key)

    def resources(self) -> list[ox.NamedNode]:
        """Every subject in our namespace (https://w3id.org/diplograph/id/{kind}/{slug})."""
        found = []
        for subject in self.out:
            if isinstance(subject, ox.NamedNode) and resource_path(subject.value):
                found.append(subject)
        return sorted(found, key=term_key)

    def description(self, subject) -> list:
        """The subject's triples and those of the blank nodes they reach (its CBD)."""
        triples, todo, seen = [], [subject], set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for predicate, objects in self.out.get(node, {}).items():
                for o in objects:
                    triples.append(ox.Triple(node, ox.NamedNode(predicate), o))
                    if isinstance(o, ox.BlankNode):
                        todo.append(o)
        return triples

    # ------------------------------------------------------------ evidence

    def _quotes(self) -> list[Quote]:
        quotes = []
        for subject, props in self.out.items():
            if not isinstance(subject, ox.NamedNode) or OA.hasTarget not in props:
                continue
            bodies = tuple(sorted(b.value for b in props.get(OA.hasBody, ())
                                  if isinstance(b, ox.NamedNode)))
            quotation = any(t.value == DG.Quotation for t in props.get(RDF.type, ()))
            for target in props[OA.hasTarget]:
                source = self.value(target, OA.hasSource)
                for selector in self.objects(target, OA.hasSelector):
                    exact = self.value(selector, OA.exact)
                    if exact is None:
                        continue
                    prefix = self.value(selector, OA.prefix)
                    suffix = self.value(selector, OA.suffix)
                    quotes.append(Quote(
                        subject.value, source.value if source is not None else None,
                        exact.value, prefix.value if prefix else "",
                        suffix.value if suffix else "", bodies, quotation,
                    ))
        return sorted(quotes, key=lambda q: (q.source or "", q.evidence, q.exact))

    def quotes_for(self, resource: str) -> list[Quote]:
        return self._by_body.get(resource, [])

    def quotes_in(self, source: str) -> list[Quote]:
        return self._by_source.get(source, [])


def resource_path(iri: str) -> str | None:
    """``id/{kind}/{slug}`` for an IRI in our namespace, else None.

    InputError for a slug that cannot be a file name (a page is never left out
    silently).
    """
    if not iri.startswith(ID):
        return None
    kind, sep, slug = iri[len(ID):].partition("/")
    if not sep or kind not in KIND:
        return None
    if not _SAFE_SLUG.match(slug):
        raise InputError(
            f"cannot make a page for <{iri}>: its slug {slug!r} is not a safe file name",
            hint="slugs are letters, digits, '.', '_' and '-' (docs/modelling.md)",
        )
    return f"id/{kind}/{slug}"


def is_ours(iri: str) -> bool:
    return iri.startswith(ID)
