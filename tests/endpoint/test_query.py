"""Stored queries against a real Oxigraph server give what the embedded engine gives.

Every ``queries/*.rq`` of the repository (on the repository's data graph) and
of the endpoint fixture (on its small graph) is run both ways after a push.
"""

import re
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from diplograph import endpoint as ep
from diplograph import paths, queries, rdfio, sparql
from diplograph.errors import EndpointError, QueryError

from .conftest import DATA

TREES = {"fixture": paths.DataTree(DATA)}
_ROOT = paths.source_root()
if _ROOT is not None and _ROOT.joinpath("graph").is_dir():
    TREES["repository"] = paths.DataTree(_ROOT)

CASES = [
    pytest.param(tree, path.stem, id=f"{tree}:{path.stem}")
    for tree, data_tree in TREES.items()
    for path in data_tree.query_files()
]


@pytest.fixture(scope="module")
def pushed(oxigraph_server):
    """Each data tree pushed once into its own graph of the session's server."""
    oxigraph_server.clear()
    endpoint = oxigraph_server.endpoint()
    graphs = {}
    for name, tree in TREES.items():
        graphs[name] = f"https://example.org/test/{name}"
        ep.push(endpoint, rdfio.load_data(tree).triples, graphs[name])
    yield endpoint, graphs
    oxigraph_server.clear()


def _anonymous(term):
    """Blank nodes (and our skolem IRIs, restored to them) compare as 'some blank node'."""
    return "_:" if isinstance(term, ox.BlankNode) else str(term)


def _rows(result):
    return [tuple(_anonymous(t) for t in row) for row in result.rows]


def _order_keys(query, result):
    """The rows cut down to the projected variables ORDER BY names, in order.

    Rows that tie on the ORDER BY keys may come in any order (SPARQL leaves
    it open, and the two stores break ties differently), so it is the key
    sequence that must match, not the full rows.
    """
    tail = query.text[query.text.rfind("}") + 1 :]
    clause = re.search(r"(?is)\bORDER\s+BY\b(.*?)(\bLIMIT\b|\bOFFSET\b|$)", tail).group(1)
    names = re.findall(r"[?$](\w+)", clause)
    keys = [result.variables.index(n) for n in dict.fromkeys(names) if n in result.variables]
    assert keys, f"{query.name}: ORDER BY names no projected variable"
    return [tuple(row[i] for i in keys) for row in _rows(result)]


def test_there_are_queries_to_compare():
    assert len(CASES) >= 6


@pytest.mark.parametrize(("tree", "name"), CASES)
def test_stored_query_gives_the_same_answer_remotely(pushed, tree, name):
    endpoint, graphs = pushed
    data_tree = TREES[tree]
    query = queries.find_query(data_tree, name)
    local = sparql.run(query, rdfio.load_data(data_tree))
    remote = ep.run(query, endpoint, graph=graphs[tree])
    assert (remote.form, remote.ordered) == (local.form, local.ordered)
    if local.form == "ASK":
        assert remote.boolean is local.boolean
    elif local.form == "SELECT":
        assert remote.variables == local.variables
        assert Counter(_rows(remote)) == Counter(_rows(local))
        if local.ordered:
            assert _order_keys(query, remote) == _order_keys(query, local)
    else:
        assert isomorphic(rdfio.to_rdflib(remote.triples), rdfio.to_rdflib(local.triples))


def test_parameters_are_bound_remotely(pushed):
    endpoint, graphs = pushed
    query = queries.find_query(TREES["fixture"], "meetings")
    lee = ep.run(query, endpoint, {"person": "person:lee-jae-myung"}, graph=graphs["fixture"])
    assert {row[0].value.rsplit("/", 1)[1] for row in lee.rows} == {
        "2025-10-30-japan-south-korea-summit"
    }
    later = ep.run(query, endpoint, {"since": "2025-10-30"}, graph=graphs["fixture"])
    assert len(later.rows) == 1  # the FILTER sees ?since


@pytest.mark.parametrize(
    "value", ['x" } } ; DROP ALL ; #', "\\u0022 } INSERT DATA { <a> <b> <c> }", "\n\r\t'''\"\"\""]
)
def test_hostile_values_come_back_as_values(pushed, value):
    endpoint, graphs = pushed
    before = ep.count(endpoint, graphs["fixture"])
    query = queries.Query(
        "echo", "SELECT ?v WHERE { }\n", params=(queries.Param("v", "string", "x"),)
    )
    result = ep.run(query, endpoint, {"v": value})
    assert result.rows == [(ox.Literal(value),)]
    assert ep.count(endpoint, graphs["fixture"]) == before > 0


@pytest.mark.parametrize(
    "text", ["DROP ALL", "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }", "CLEAR DEFAULT"]
)
def test_updates_are_refused_and_not_sent(pushed, text):
    endpoint, graphs = pushed
    before = ep.count(endpoint, graphs["fixture"])
    with pytest.raises(QueryError) as caught:
        ep.run(queries.Query("update", text), endpoint)
    assert caught.value.exit_code == 2
    with pytest.raises(QueryError):  # also below the stored-query layer
        ep.select(endpoint, text)
    assert ep.count(endpoint, graphs["fixture"]) == before


def test_a_bad_query_is_one_line_with_the_status(pushed):
    endpoint, _ = pushed
    with pytest.raises(EndpointError) as caught:
        ep.select(endpoint, "SELECT ?x WHERE { ?x ?y }")
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(f"endpoint {endpoint.url}: HTTP 400")
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("test", ["isBlank(?o)", "!isBlank(?o)", "isIRI(?o)", "isURI(?s)"])
def test_term_type_tests_see_skolem_iris_as_blank_nodes(pushed, test):
    endpoint, graphs = pushed
    query = queries.Query("t", f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER({test}) }}")
    local = sparql.run(query, rdfio.load_data(TREES["fixture"]))
    remote = ep.run(query, endpoint, graph=graphs["fixture"])
    assert local.rows and Counter(_rows(remote)) == Counter(_rows(local))
