"""``diplograph describe``: a VoID and DCAT description of the data, computed from it.

The dataset ``https://w3id.org/diplograph/dataset`` is a ``dcat:Dataset`` and a
``void:Dataset`` with:

* ``void:triples`` (distinct triples of the merged data graph: ``stats``'s
  "triples"), ``void:entities`` (distinct resources with an ``rdf:type``),
  ``void:distinctSubjects``, ``void:distinctObjects``, ``void:properties``, ``void:classes``;
* a ``void:classPartition`` per class (``void:entities``: ``stats``'s "resources
  by class") and a ``void:propertyPartition`` per property (``void:triples``);
* a ``void:subset`` per named graph (``publishing.graphs``) with its triple count;
* ``void:vocabulary`` for each namespace of ``namespaces.PREFIXES`` whose
  classes or properties the data uses; ``void:uriSpace``; ``void:exampleResource``
  (the first article, event, person and statement by IRI);
* ``dcterms:license`` (the ontology's ``dcterms:license``: CC BY 4.0 for the
  bundled graph; nothing is stated when the data states none) and ``dcterms:rights``
  on the quoted text; ``dcterms:source`` for each article;
* a ``dcat:Distribution`` per export format, and with ``endpoint`` a SPARQL
  distribution, ``void:sparqlEndpoint`` and a ``dcat:DataService``.

The description is not part of the data: ``export`` writes it into TriG and
N-Quads as its own graph, ``https://w3id.org/diplograph/graph/description``,
and leaves Turtle, N-Triples, JSON-LD and RDF/XML the data alone, so every
count it states stays true of what it describes.
"""

import re

from diplograph.errors import InputError
from diplograph.namespaces import (
    DATASET_IRI,
    DCAT,
    DCTERMS,
    GRAPH,
    ID,
    KIND,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SCHEMA,
    VOID,
    XSD,
)

DESCRIPTION_GRAPH = GRAPH.description
# Media types of the export formats (IANA), in rdfwrite.FORMATS order.
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
FORMAT_TITLES = {"turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads",
                 "trig": "TriG", "jsonld": "JSON-LD", "xml": "RDF/XML"}
IANA = "https://www.iana.org/assignments/media-types/"
RIGHTS = (
    "The facts, their structure and the descriptions are data under the licence given. "
    "Evidence quotes (oa:exact) are short excerpts of the news articles named by their "
    "oa:hasSource, quoted only as evidence for the facts, each with its source and "
    "publisher named; the articles' text is not part of the dataset and its copyright "
    "stays with the publishers, not covered by this licence."
)
_EXAMPLE_KINDS = ("source", "event", "person", "statement")
_ENDPOINT = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _select(store, query: str) -> list[tuple]:
    from diplograph.namespaces import sparql_prefixes

    return [tuple(row) for row in store.query(sparql_prefixes() + query)]


def description_triples(tree, endpoint: str | None = None) -> list:
    """The description as pyoxigraph triples (computed from the data of ``tree``)."""
    import pyoxigraph as ox

    from diplograph import rdfio
    from diplograph.publishing.graphs import graph_triples
    from diplograph.rdfwrite import FORMATS

    if endpoint is not None and not _ENDPOINT.match(endpoint):
        raise InputError(f"--endpoint {endpoint!r}: not an http(s) URL")
    store = rdfio.load_data(tree).store
    graphs = graph_triples(tree)
    dataset = ox.NamedNode(DATASET_IRI)
    out: list = []

    def iri(value: str):
        return ox.NamedNode(value)

    def add(s, p: str, o) -> None:
        out.append(ox.Triple(s, iri(p), o))

    def integer(n: int):
        return ox.Literal(str(n), datatype=iri(XSD.integer))

    def english(text: str):
        return ox.Literal(text, language="en")

    def count(query: str) -> int:
        return int(_select(store, query)[0][0].value)

    articles = [row[0] for row in _select(
        store, "SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle } ORDER BY ?a")]
    add(dataset, RDF.type, iri(DCAT.Dataset))
    add(dataset, RDF.type, iri(VOID.Dataset))
    add(dataset, DCTERMS["title"], english("diplograph data graph"))
    add(dataset, DCTERMS.description, english(
        f"Diplomatic summit facts as {len(articles)} news article"
        f"{'s' if len(articles) != 1 else ''} report them, each fact with the evidence "
        "quoted from its sources."))
    for row in _select(store, "SELECT DISTINCT ?l WHERE { ?o a owl:Ontology ; "
                              "dcterms:license ?l } ORDER BY ?l"):
        add(dataset, DCTERMS.license, row[0])
    add(dataset, DCTERMS.rights, english(RIGHTS))
    for row in _select(store, "SELECT DISTINCT ?v WHERE { ?o a owl:Ontology ; "
                              "owl:versionInfo ?v } ORDER BY ?v"):
        add(dataset, OWL.versionInfo, row[0])
    for article in articles:
        add(dataset, DCTERMS.source, article)
    add(dataset, VOID.uriSpace, ox.Literal(ID))
    add(dataset, VOID.triples, integer(len(store)))
    add(dataset, VOID.entities, integer(count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }")))
    add(dataset, VOID.distinctSubjects, integer(count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")))
    add(dataset, VOID.distinctObjects, integer(count(
        "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")))
    classes = _select(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } "
                             "GROUP BY ?c ORDER BY ?c")
    properties = _select(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } "
                                "GROUP BY ?p ORDER BY ?p")
    add(dataset, VOID.classes, integer(len(classes)))
    add(dataset, VOID.properties, integer(len(properties)))
    for cls, n in classes:
        part = _partition(ox, "class", cls)
        add(dataset, VOID.classPartition, part)
        add(part, VOID["class"], cls)
        add(part, VOID.entities, integer(int(n.value)))
    for prop, n in properties:
        part = _partition(ox, "property", prop)
        add(dataset, VOID.propertyPartition, part)
        add(part, VOID.property, prop)
        add(part, VOID.triples, integer(int(n.value)))
    for vocabulary in _vocabularies([c for c, _ in classes] + [p for p, _ in properties]):
        add(dataset, VOID.vocabulary, iri(vocabulary))
    for example in _examples(store):
        add(dataset, VOID.exampleResource, example)
    for name, triples in graphs.items():
        graph = iri(name)
        add(dataset, VOID.subset, graph)
        add(graph, RDF.type, iri(VOID.Dataset))
        add(graph, VOID.triples, integer(len(triples)))
    for fmt in FORMATS:
        distribution = iri(f"{DATASET_IRI}/distribution/{fmt}")
        add(dataset, DCAT.distribution, distribution)
        add(distribution, RDF.type, iri(DCAT.Distribution))
        add(distribution, DCTERMS["title"], english(FORMAT_TITLES[fmt]))
        add(distribution, DCAT.mediaType, iri(IANA + MEDIA_TYPES[fmt]))
        add(distribution, RDFS.comment, english(f"diplograph export -f {fmt}"))
        for row in _select(store, "SELECT DISTINCT ?l WHERE { ?o a owl:Ontology ; "
                                  "dcterms:license ?l } ORDER BY ?l"):
            add(distribution, DCTERMS.license, row[0])
    if endpoint is not None:
        add(dataset, VOID.sparqlEndpoint, iri(endpoint))
        service = iri(f"{DATASET_IRI}/service/sparql")
        distribution = iri(f"{DATASET_IRI}/distribution/sparql")
        add(dataset, DCAT.distribution, distribution)
        add(distribution, RDF.type, iri(DCAT.Distribution))
        add(distribution, DCTERMS["title"], english("SPARQL endpoint"))
        add(distribution, DCAT.accessURL, iri(endpoint))
        add(distribution, DCAT.accessService, service)
        add(service, RDF.type, iri(DCAT.DataService))
        add(service, DCAT.endpointURL, iri(endpoint))
        add(service, DCTERMS.conformsTo, iri("https://www.w3.org/TR/sparql11-protocol/"))
        add(service, DCAT.servesDataset, dataset)
    return out


def _partition(ox, kind: str, term):
    """A partition: a blank node (written inline), one per class or property."""
    import hashlib

    return ox.BlankNode(kind + hashlib.sha256(term.value.encode()).hexdigest()[:24])


def _vocabularies(terms) -> list[str]:
    """Namespaces of PREFIXES (not our resource kinds) that the terms come from."""
    kinds = set(KIND.values()) | {ID}
    namespaces = sorted((ns for ns in PREFIXES.values() if ns not in kinds),
                        key=len, reverse=True)
    used = set()
    for term in terms:
        for ns in namespaces:
            if term.value.startswith(ns):
                used.add(str(ns))
                break
    return sorted(used)


def _examples(store) -> list:
    found = []
    for kind in _EXAMPLE_KINDS:
        rows = _select(store, f"SELECT ?s WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?s), "
                              f"\"{KIND[kind]}\")) }} ORDER BY ?s LIMIT 1")
        found += [row[0] for row in rows]
    return found


def describe(tree, fmt: str = "turtle", endpoint: str | None = None) -> str:
    """The description, written as ``export`` writes RDF (deterministic bytes)."""
    from diplograph.rdfwrite import serialize

    return serialize(description_triples(tree, endpoint), fmt)


__all__ = ["DESCRIPTION_GRAPH", "RIGHTS", "SCHEMA", "describe", "description_triples"]
