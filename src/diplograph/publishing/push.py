"""``diplograph push --per-source``: the dataset loaded graph by graph.

Each named graph (``graphs``: the ontology, the shared entities and facts, one
per article, and the dataset description with the endpoint stated) replaces
its graph in the store, atomically, one graph at a time:

* with ``graph_store`` (a SPARQL 1.1 Graph Store HTTP Protocol URL, e.g.
  Oxigraph's ``…/store``), by one ``PUT ?graph=IRI`` of the graph as N-Triples:
  the store swaps the graph in one transaction and keeps blank nodes as
  blank nodes (no skolem IRIs);
* otherwise by SPARQL Update (``endpoint.push`` with ``replace``: batches of
  INSERT DATA into a temporary graph, then one ``MOVE``), blank nodes skolemized.

After each graph, a COUNT must find as many triples as the graph holds
(as the store keeps them: value-equal literals fold, see README). Graphs the
dataset does not name are never touched; ``only`` limits the push to some
articles' graphs (by slug), leaving every other graph as it was.
"""

import time
import urllib.parse
from collections.abc import Callable

import pyoxigraph as ox

from diplograph.errors import InputError

GSP_MEDIA_TYPE = "application/n-triples"


def _as_stored(triples) -> int:
    """How many triples the store will hold: Oxigraph folds value-equal literals."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return len(store)


def put_graph(endpoint, graph_store: str, graph: str, triples) -> None:
    """One Graph Store Protocol PUT: ``graph`` becomes exactly ``triples``.

    Sent by the endpoint transport (``http.fetch``): the deadline, the retries and
    credentials only to the endpoint's own origins apply as to every request.
    """
    from diplograph import http
    from diplograph.rdfwrite import serialize

    body = serialize(triples, "ntriples").encode("utf-8")
    url = graph_store + ("&" if "?" in graph_store else "?") + urllib.parse.urlencode(
        {"graph": graph})
    http.fetch(endpoint, http.Request(url, body=body, content_type=GSP_MEDIA_TYPE,
                                      verb="PUT", shown=graph_store))


def push_per_source(
    tree,
    url: str | None,
    *,
    update_url: str | None = None,
    graph_store: str | None = None,
    only: tuple[str, ...] = (),
    timeout: float | None = None,
    max_answer: int | None = None,
    max_triples: int = 2000,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Push every graph of the dataset (or the articles ``only`` names); a summary line."""
    from diplograph import endpoint as remote
    from diplograph.http import Endpoint, _check_url, redact_url
    from diplograph.publishing.describe import DESCRIPTION_GRAPH, description_triples
    from diplograph.publishing.graphs import article_graph, graph_triples

    endpoint = Endpoint.resolve(url, update_url=update_url, timeout=timeout,
                                max_answer=max_answer)
    if graph_store:
        graph_store = _check_url(graph_store, "graph store")
    graphs = graph_triples(tree)
    graphs[DESCRIPTION_GRAPH] = description_triples(tree, endpoint.url)
    if only:
        wanted = {article_graph(slug): slug for slug in only}
        unknown = sorted(slug for name, slug in wanted.items() if name not in graphs)
        if unknown:
            raise InputError(f"--source {unknown[0]}: no graph/sources/{unknown[0]}.ttl "
                             "in the data tree")
        graphs = {name: graphs[name] for name in graphs if name in wanted}
    say = progress or (lambda _line: None)
    sent = 0
    started = time.perf_counter()
    for name, triples in graphs.items():
        if graph_store:
            put_graph(endpoint, graph_store, name, triples)
            expected = _as_stored(triples)
            held = remote.count(endpoint, name)
            if held != expected:
                raise endpoint.fail(graph_store, f"graph <{name}> was accepted but holds "
                                                 f"{held} triples, not {expected}")
        else:
            report = remote.push(endpoint, triples, name, replace=True,
                                 max_triples=max_triples)
            held = report.held
        sent += len(triples)
        say(f"graph <{name}>: {held} triples, verified")
    how = (f"by Graph Store Protocol at {redact_url(graph_store)}" if graph_store
           else f"by SPARQL Update at {redact_url(endpoint.update_url)}")
    return (f"replaced {len(graphs)} graph{'s' if len(graphs) != 1 else ''} {how}: "
            f"{sent} triples, verified, in {time.perf_counter() - started:.2f} s")
