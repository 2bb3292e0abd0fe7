"""Stored queries against a real Oxigraph server give what the embedded engine gives.

Every ``queries/*.rq`` of the repository (on the repository's data graph) and
of the endpoint fixture (on its small graph) is run both ways after a push.
"""

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
        if local.ordered:
            assert _rows(remote) == _rows(local)
        else:
            assert Counter(_rows(remote)) == Counter(_rows(local))
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
