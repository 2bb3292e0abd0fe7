"""push against a real Oxigraph server: what lands, twice, replaced, and never half-replaced."""

import threading

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from diplograph import endpoint as ep
from diplograph import paths, rdfio
from diplograph.errors import EndpointError

from .conftest import DATA

GRAPH = "https://example.org/diplograph-test"


@pytest.fixture(scope="module")
def data():
    return rdfio.load_data(paths.data_tree(DATA)).triples


def graph_of(triples):
    return rdfio.to_rdflib(triples)


def as_stored(triples):
    """The triples as Oxigraph stores them: it keeps literals by value (oxigraph#526),
    so ``"01"^^xsd:positiveInteger`` comes back as ``"1"^^xsd:integer``. The embedded
    engine of the same version does exactly what the server does."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return [quad.triple for quad in store]


def test_oxigraph_keeps_literals_by_value_not_as_written(server):
    """Why the comparisons go through as_stored: this is the server, not our push."""
    endpoint = server.endpoint()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    sent = [
        ox.Triple(
            s,
            p,
            ox.Literal("2025-10-30T17:45:00+09:00", datatype=ox.NamedNode(xsd + "dateTimeStamp")),
        ),
        ox.Triple(s, p, ox.Literal("07", datatype=ox.NamedNode(xsd + "positiveInteger"))),
    ]
    ep.push(endpoint, sent, GRAPH)
    back = set(ep.fetch_graph(endpoint, GRAPH))
    assert back == set(as_stored(sent)) != set(sent)
    assert ox.Literal("7", datatype=ox.NamedNode(xsd + "integer")) in {t.object for t in back}


def has_bnodes(triples):
    return any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    )


@pytest.mark.parametrize("graph", [None, GRAPH])
def test_push_lands_a_graph_isomorphic_to_the_data(server, data, graph):
    assert has_bnodes(data), "the fixture must exercise blank nodes"
    endpoint = server.endpoint()
    report = ep.push(endpoint, data, graph, max_triples=7)
    assert report.triples == len(data)
    assert report.batches == -(-len(data) // 7)
    assert report.held == len(data)
    assert isomorphic(graph_of(ep.fetch_graph(endpoint, graph)), graph_of(as_stored(data)))


def test_second_push_adds_nothing(server, data):
    endpoint = server.endpoint()
    ep.push(endpoint, data, GRAPH)
    again = rdfio.load_data(paths.data_tree(DATA)).triples  # fresh blank node labels
    assert {str(t) for t in again} != {str(t) for t in data}
    report = ep.push(endpoint, again, GRAPH)
    assert report.held == ep.count(endpoint, GRAPH) == len(data)
    assert isomorphic(graph_of(ep.fetch_graph(endpoint, GRAPH)), graph_of(as_stored(data)))


def test_skolem_iris_are_content_addressed(data):
    first = ep.skolemize(data)
    again = ep.skolemize(rdfio.load_data(paths.data_tree(DATA)).triples)
    assert set(map(str, first)) == set(map(str, again))
    assert not has_bnodes(first)
    assert isomorphic(graph_of([ep.deskolemize_triple(t) for t in first]), graph_of(data))
    # the two captures carry identical checksum structures: still two distinct nodes
    checksums = {t.object for t in first if t.predicate.value.endswith("#checksum")}
    assert len(checksums) == 2
    # a change elsewhere in the graph leaves the skolem IRIs alone
    fewer = [t for t in data if "japan-china" not in str(t.subject)]
    assert {t.subject for t in ep.skolemize(fewer) if t.subject.value.startswith(ep.GENID)} == {
        t.subject for t in first if t.subject.value.startswith(ep.GENID)
    }


def test_identical_components_stay_distinct():
    s, p, q = (ox.NamedNode(f"http://x/{n}") for n in "spq")
    a, b = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(s, p, a),
        ox.Triple(a, q, ox.Literal("1")),
        ox.Triple(s, p, b),
        ox.Triple(b, q, ox.Literal("1")),
    ]
    skolem = ep.skolemize(triples)
    assert len(set(map(str, skolem))) == 4
    assert isomorphic(graph_of([ep.deskolemize_triple(t) for t in skolem]), graph_of(triples))


@pytest.mark.parametrize("graph", [None, GRAPH])
def test_replace_swaps_the_contents(server, data, graph):
    endpoint = server.endpoint()
    stale = ox.Triple(ox.NamedNode("http://x/stale"), ox.NamedNode("http://x/p"), ox.Literal("old"))
    ep.push(endpoint, data + [stale], graph)
    assert ep.count(endpoint, graph) == len(data) + 1
    report = ep.push(endpoint, data, graph, replace=True, max_triples=10)
    assert report.replaced and report.held == len(data)
    assert isomorphic(graph_of(ep.fetch_graph(endpoint, graph)), graph_of(as_stored(data)))
    # no temporary graph is left behind
    assert not ep.ask(
        endpoint, "ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:uuid:')) }"
    )


def test_replace_with_nothing_empties_the_graph(server, data):
    endpoint = server.endpoint()
    ep.push(endpoint, data, GRAPH)
    report = ep.push(endpoint, [], GRAPH, replace=True)
    assert report.held == 0 and ep.count(endpoint, GRAPH) == 0


def test_replace_is_never_seen_empty_or_half_loaded(server, data):
    """A reader polling during --replace only ever sees the old graph or the new one."""
    endpoint = server.endpoint()
    old = [
        ox.Triple(ox.NamedNode(f"http://x/old/{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)))
        for i in range(300)
    ]
    ep.push(endpoint, old, GRAPH)
    seen, stop = set(), threading.Event()

    def reader():
        while not stop.is_set():
            seen.add(ep.count(endpoint, GRAPH))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(3):
            ep.push(endpoint, data, GRAPH, replace=True, max_triples=5)
            ep.push(endpoint, old, GRAPH, replace=True, max_triples=50)
    finally:
        stop.set()
        thread.join()
    assert len(seen) > 1, "the reader never ran during the pushes"
    assert seen <= {len(old), len(data)}


def test_a_failed_replace_leaves_the_target_alone(server, data, monkeypatch):
    endpoint = server.endpoint()
    ep.push(endpoint, data[:10], GRAPH)
    before = graph_of(ep.fetch_graph(endpoint, GRAPH))
    real_update, calls = ep.update, []

    def failing_update(endpoint_, text):
        calls.append(text)
        if len(calls) == 3:  # the third batch: the store goes away mid-load
            raise endpoint_.fail(endpoint_.update_url, "HTTP 503 Service Unavailable")
        return real_update(endpoint_, text)

    monkeypatch.setattr(ep, "update", failing_update)
    with pytest.raises(EndpointError, match="HTTP 503"):
        ep.push(endpoint, data, GRAPH, replace=True, max_triples=5)
    assert calls[-1].startswith("DROP SILENT GRAPH <urn:uuid:"), "the temporary graph is dropped"
    monkeypatch.undo()
    assert isomorphic(graph_of(ep.fetch_graph(endpoint, GRAPH)), before)
    others = f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{GRAPH}>) }}"
    assert not ep.ask(endpoint, others)


def test_batches_are_bounded(data):
    parts = ep.batches(ep.skolemize(data), max_triples=4, max_bytes=400)
    assert sum(len(part) for part in parts) == len(data)
    assert all(len(part) <= 4 for part in parts)
    assert all(len(" .\n".join(part)) <= 400 or len(part) == 1 for part in parts)


def test_awkward_literals_survive_the_trip(server):
    endpoint = server.endpoint()
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    values = ['"', "\\", "\\u0022", "'''", '"""', "}", "\n\r\t", "\x00\x1f\x7f", "𝄞 é 高市", " # x"]
    triples = [ox.Triple(s, p, ox.Literal(v)) for v in values]
    triples.append(ox.Triple(s, p, ox.Literal("x", language="ko-Kore")))
    triples.append(
        ox.Triple(
            s,
            p,
            ox.Literal(
                "2025-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth")
            ),
        )
    )
    ep.push(endpoint, triples, GRAPH)
    assert set(ep.fetch_graph(endpoint, GRAPH)) == set(triples)


def test_a_graph_iri_that_would_break_the_update_is_refused(server, data):
    with pytest.raises(Exception, match="not a valid IRI|IRI"):
        ep.push(server.endpoint(), data, "http://x/> } ; DROP ALL ; INSERT DATA { <http://y")
    assert ep.count(server.endpoint()) == 0


def test_replace_accepts_a_store_that_folds_value_equal_literals(server):
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    sent = [
        ox.Triple(s, p, ox.Literal("1", datatype=ox.NamedNode(xsd + "byte"))),
        ox.Triple(s, p, ox.Literal("01", datatype=ox.NamedNode(xsd + "integer"))),
    ]
    report = ep.push(server.endpoint(), sent, GRAPH, replace=True)
    assert (report.triples, report.held) == (2, 1)
