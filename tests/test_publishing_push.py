"""``push --per-source`` against a real Oxigraph server: graph by graph, by the Graph
Store Protocol or by SPARQL Update; one article replaced, the others untouched."""

import shutil
import urllib.request

import pyoxigraph as ox
import pytest

from diplograph import endpoint as ep

GRAPH = "https://w3id.org/diplograph/graph/"
ASAHI = GRAPH + "source/2025-10-31-asahi-first-meeting"
YOMIURI = GRAPH + "source/2025-10-25-yomiuri-summit-eyed"
FOREIGN = "https://example.org/someone-elses-graph"
NEW_LABEL = "A line added to the fictional Asahi file"


@pytest.fixture
def tree(fixture_tree, tmp_path):
    copy = tmp_path / "tree"
    shutil.copytree(fixture_tree, copy)
    return copy


def how(server, method: str) -> list[str]:
    args = ["push", "--endpoint", server.query_url, "--per-source"]
    if method == "gsp":
        return [*args, "--graph-store", server.base + "/store"]
    return [*args, "--update-endpoint", server.update_url]


def graphs_held(endpoint) -> dict[str, int]:
    answer = ep.select(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                 "GROUP BY ?g")
    return {g.value: int(n.value) for g, n in answer.rows}


def expected_counts(tree) -> dict[str, int]:
    from diplograph.paths import DataTree
    from diplograph.publishing.graphs import graph_triples

    return {name: len(triples) for name, triples in graph_triples(DataTree(tree)).items()}


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_every_graph_lands_and_one_article_is_replaced_alone(run, server, tree, method):
    endpoint = server.endpoint()
    result = run(*how(server, method), data=tree)
    assert result.exit_code == 0, result.output
    by = "Graph Store Protocol" if method == "gsp" else "SPARQL Update"
    assert result.stdout.startswith(f"replaced 5 graphs by {by} at ")
    held = graphs_held(endpoint)
    assert {g: n for g, n in held.items() if g != GRAPH + "description"} == expected_counts(tree)
    assert held[GRAPH + "description"] > 0

    ep.update(endpoint, f'INSERT DATA {{ GRAPH <{FOREIGN}> {{ <urn:x> <urn:p> "kept" }} }}')
    yomiuri_before = set(ep.fetch_graph(endpoint, YOMIURI))
    shared_before = set(ep.fetch_graph(endpoint, GRAPH + "shared"))
    article = tree / "graph" / "sources" / "2025-10-31-asahi-first-meeting.ttl"
    article.write_text(article.read_text() + "\n<https://w3id.org/diplograph/id/source/"
                       "2025-10-31-asahi-first-meeting> "
                       f'<http://www.w3.org/2000/01/rdf-schema#comment> "{NEW_LABEL}" .\n')
    again = run(*how(server, method), "--source", "2025-10-31-asahi-first-meeting", data=tree)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"replaced 1 graph by {by} at ")
    asahi = ep.fetch_graph(endpoint, ASAHI)
    assert NEW_LABEL in {t.object.value for t in asahi}
    assert len(asahi) == expected_counts(tree)[ASAHI]
    assert set(ep.fetch_graph(endpoint, YOMIURI)) == yomiuri_before
    assert set(ep.fetch_graph(endpoint, GRAPH + "shared")) == shared_before
    assert graphs_held(endpoint)[FOREIGN] == 1


def test_pushing_twice_holds_the_same(run, server, tree):
    for method in ("gsp", "gsp", "update", "update"):
        assert run(*how(server, method), data=tree).exit_code == 0
        held = graphs_held(server.endpoint())
        assert {g: n for g, n in held.items() if g != GRAPH + "description"} \
            == expected_counts(tree)


def test_graph_store_keeps_blank_nodes_update_skolemizes(run, server, tree):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{YOMIURI}> " \
            "{ ?s ?p ?o FILTER(isBlank(?o)) } }"

    def blank_objects() -> int:
        request = urllib.request.Request(
            server.query_url, data=query.encode(),
            headers={"Content-Type": "application/sparql-query",
                     "Accept": "application/sparql-results+json"})
        import json

        with urllib.request.urlopen(request, timeout=10) as response:
            return int(json.load(response)["results"]["bindings"][0]["n"]["value"])

    run(*how(server, "gsp"), data=tree)
    assert blank_objects() > 0
    run(*how(server, "update"), data=tree)
    assert blank_objects() == 0


def test_description_names_the_endpoint(run, server, tree):
    run(*how(server, "gsp"), data=tree)
    triples = ep.fetch_graph(server.endpoint(), GRAPH + "description")
    assert ox.NamedNode(server.query_url) in {t.object for t in triples}


def test_unknown_source_and_wrong_options_are_exit_2(run, server, tree):
    result = run(*how(server, "gsp"), "--source", "no-such-article", data=tree)
    assert result.exit_code == 2
    assert result.stderr == ("diplograph: --source no-such-article: no "
                             "graph/sources/no-such-article.ttl in the data tree\n")
    result = run(*how(server, "gsp"), "--replace", data=tree)
    assert result.exit_code == 2 and "takes neither --graph nor --replace" in result.stderr
    result = run("push", "--endpoint", server.query_url, "--source", "x", data=tree)
    assert result.exit_code == 2 and "go with --per-source" in result.stderr
    assert graphs_held(server.endpoint()) == {}


def test_graph_store_error_is_exit_3_naming_it(run, server, tree):
    result = run("push", "--endpoint", server.query_url, "--per-source",
                 "--graph-store", server.base + "/no-store-here", data=tree)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"diplograph: endpoint {server.base}/no-store-here: HTTP 404")
