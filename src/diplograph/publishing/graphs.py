"""Named graphs: which graph each data file's triples belong to.

The derivation (documented in README, "Exporting and publishing"):

* ``ontology/**/*.ttl``            -> ``https://w3id.org/diplograph/graph/ontology``
* ``graph/sources/{slug}.ttl``     -> ``https://w3id.org/diplograph/graph/source/{slug}``
  (one graph per article: the file's stem is its article's slug, ``source:{slug}``)
* every other ``graph/**/*.ttl``   -> ``https://w3id.org/diplograph/graph/shared``
  (the entities, events, statements and disagreements the articles share)

A stem that is not an IRI-safe slug is percent-encoded, so every file has a graph.
"""

from pathlib import Path
from urllib.parse import quote

from diplograph.namespaces import GRAPH

ONTOLOGY_GRAPH = GRAPH.ontology
SHARED_GRAPH = GRAPH.shared
ARTICLE_GRAPHS = GRAPH["source/"]


def article_graph(slug: str) -> str:
    return ARTICLE_GRAPHS + quote(slug, safe="")


def graph_of(tree, path: Path) -> str:
    """The graph IRI of one data file of ``tree`` (see the module docstring)."""
    path = Path(path)
    ontology = tree.folder("ontology")
    if path.is_relative_to(ontology):
        return ONTOLOGY_GRAPH
    relative = path.relative_to(tree.folder("graph"))
    if len(relative.parts) == 2 and relative.parts[0] == "sources":
        return article_graph(relative.stem)
    return SHARED_GRAPH


def graph_triples(tree) -> dict[str, list]:
    """Graph IRI -> its triples (pyoxigraph), each file read as written; graphs sorted.

    Refuses what ``rdfio.load_data`` refuses (no data, a file that is not Turtle).
    """
    from diplograph import rdfio

    files = rdfio.load_data(tree).files
    grouped: dict[str, dict] = {}
    for path in files:
        triples = grouped.setdefault(graph_of(tree, path), {})
        for triple in rdfio.read_triples([path]):
            triples[triple] = None
    return {name: list(grouped[name]) for name in sorted(grouped)}


def load_dataset(tree):
    """A pyoxigraph store with each file in its named graph, nothing in the default graph.

    Query it with ``use_default_graph_as_union=True`` to see the merged graph.
    """
    import pyoxigraph as ox

    store = ox.Store()
    for name, triples in graph_triples(tree).items():
        graph = ox.NamedNode(name)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return store


def query_dataset(data):
    """The store a query that names graphs runs on: the merged data graph as the default
    graph (a set: a triple two files state is there once) and each file's triples in
    its named graph (``graph_of``), so ``GRAPH ?g`` finds the article that says a thing.

    ``data`` is an ``rdfio.DataGraph``; its merged ``store`` is reused, not reloaded.
    """
    import pyoxigraph as ox

    from diplograph import rdfio

    store = ox.Store()
    store.extend(data.store)
    for path in data.files:
        name = ox.NamedNode(graph_of(data.tree, path))
        rdfio._parse_errors(path, lambda p=path, g=name: store.load(
            path=str(p), format=ox.RdfFormat.TURTLE, to_graph=g))
    return store


def names_graphs(query_text: str) -> bool:
    """True when the query uses ``GRAPH`` or ``FROM NAMED`` (tokens, not text in strings)."""
    from diplograph.sparqltext import SPARQL_TOKEN

    previous = None
    for match in SPARQL_TOKEN.finditer(query_text):
        if match.lastgroup in ("ws", "comment"):
            continue
        word = match.group().upper() if match.lastgroup == "word" else None
        if word == "GRAPH" or (word == "NAMED" and previous == "FROM"):
            return True
        previous = word
    return False
