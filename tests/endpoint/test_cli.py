"""``diplograph push`` and ``query --endpoint`` end to end, in-process, on a real server."""

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from diplograph import endpoint as ep
from diplograph import paths, rdfio
from diplograph.cli import cli

from .conftest import DATA
from .test_push import as_stored

GRAPH = "https://example.org/cli-test"
FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
QUERIES = [path.stem for path in paths.DataTree(DATA).query_files()]


def invoke(*args, env=None):
    env = {"DIPLOGRAPH_ENDPOINT": None, "DIPLOGRAPH_UPDATE_ENDPOINT": None, **(env or {})}
    return CliRunner().invoke(cli, ["--data", str(DATA), *args], env=env, catch_exceptions=False)


def push_args(server, *more):
    return ["push", "--endpoint", server.query_url, "--update-endpoint", server.update_url, *more]


def server_graph(server, graph=GRAPH):
    return rdfio.to_rdflib(ep.fetch_graph(server.endpoint(), graph))


def exported():
    result = invoke("export", "--format", "ntriples")
    assert result.exit_code == 0, result.output
    return [q.triple for q in ox.parse(result.output.encode(), format=ox.RdfFormat.N_TRIPLES)]


def test_push_then_again_then_replace(server):
    first = invoke(*push_args(server, "--graph", GRAPH, "--batch-size", "9"))
    assert first.exit_code == 0, first.output
    assert f"graph <{GRAPH}>" in first.stdout and "in 8 batches, verified" in first.stdout
    export = exported()
    assert isomorphic(server_graph(server), rdfio.to_rdflib(as_stored(export)))

    second = invoke(*push_args(server, "--graph", GRAPH))
    assert second.exit_code == 0, second.output
    assert ep.count(server.endpoint(), GRAPH) == len(export)  # nothing duplicated

    extra = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <http://x/stale> <http://x/p> 1 }} }}"
    ep.update(server.endpoint(), extra)
    replaced = invoke(*push_args(server, "--graph", GRAPH, "--replace"))
    assert replaced.exit_code == 0, replaced.output
    assert replaced.stdout.startswith(f"replaced graph <{GRAPH}>")
    assert isomorphic(server_graph(server), rdfio.to_rdflib(as_stored(export)))


def test_push_to_the_default_graph_from_the_environment(server):
    env = {"DIPLOGRAPH_ENDPOINT": server.query_url, "DIPLOGRAPH_UPDATE_ENDPOINT": server.update_url}
    result = invoke("push", env=env)
    assert result.exit_code == 0, result.output
    assert "the default graph" in result.stdout
    assert ep.count(server.endpoint()) == len(rdfio.load_data(paths.DataTree(DATA)).triples)


@pytest.mark.parametrize("name", QUERIES)
def test_query_prints_the_same_remotely_in_every_format(server, name):
    assert invoke(*push_args(server, "--graph", GRAPH)).exit_code == 0
    for fmt in FORMATS:
        local = invoke("query", name, "--format", fmt)
        remote = invoke(
            "query", name, "--format", fmt, "--endpoint", server.query_url, "--graph", GRAPH
        )
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout, fmt
        if local.stdout.startswith("@prefix") or "CONSTRUCT" in local.stdout:
            break  # CONSTRUCT and DESCRIBE print Turtle whatever the format


def test_query_parameters_remotely(server):
    assert invoke(*push_args(server)).exit_code == 0
    args = ("query", "meetings", "-p", "person=person:xi-jinping", "-f", "csv")
    local, remote = invoke(*args), invoke(*args, "--endpoint", server.query_url)
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    assert "japan-china-summit" in remote.stdout and "south-korea" not in remote.stdout


def test_query_refuses_updates_with_exit_2(server, tmp_path):
    update = tmp_path / "wipe.rq"
    update.write_text("DROP ALL\n")
    assert invoke(*push_args(server)).exit_code == 0
    result = invoke("query", str(update), "--endpoint", server.query_url)
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert ep.count(server.endpoint()) > 0


def test_unreachable_endpoint_is_one_line_exit_3():
    result = invoke("query", "names", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "2")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "diplograph: endpoint http://127.0.0.1:9/sparql: cannot connect"
    )
    assert "Traceback" not in result.output


def test_credentials_never_reach_the_output(server):
    url = server.query_url.replace("http://", "http://ann:s3cret@")
    result = invoke("query", "names", "--endpoint", url)
    assert result.exit_code == 2
    assert "s3cret" not in result.output and "ann:" not in result.output

    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "s3cret"}
    result = invoke("query", "names", "--endpoint", server.base + "/nowhere", env=env)
    assert result.exit_code == 3
    assert "HTTP 404" in result.stderr and "s3cret" not in result.output


def test_push_without_an_endpoint_is_bad_usage():
    result = invoke("push")
    assert result.exit_code == 2
    assert "DIPLOGRAPH_ENDPOINT" in result.stderr


def test_push_refuses_a_graph_that_is_not_an_iri(server):
    result = invoke(*push_args(server, "--graph", "x> } ; DROP ALL ; INSERT DATA { <y"))
    assert result.exit_code == 2
    assert ep.count(server.endpoint()) == 0


def test_update_at_the_query_url_hints_at_update_endpoint(server):
    result = invoke("push", "--endpoint", server.query_url)
    assert result.exit_code == 3
    assert "HTTP 415" in result.stderr and "--update-endpoint" in result.stderr
