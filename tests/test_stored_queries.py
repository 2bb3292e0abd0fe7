"""Every stored query (queries/*.rq, collected by glob) against its pinned output.

The expected files are written by ``scripts/expected_queries.py --regenerate``
and read by a human; here each query runs with its header defaults on both
engines, and both must print exactly the pinned bytes.
"""

import importlib.util
from pathlib import Path

import pytest

from diplograph import rdfio
from diplograph.paths import DataTree
from diplograph.queries import read_query

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "queries").glob("*.rq"))

_spec = importlib.util.spec_from_file_location("expected_queries",
                                               REPO / "scripts" / "expected_queries.py")
expected_queries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(expected_queries)


@pytest.fixture(scope="module")
def data():
    return rdfio.load_data(DataTree(REPO))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_output(path, engine, data):
    query = read_query(path)
    expected = expected_queries.expected_path(query)
    assert expected.exists(), (
        f"no pinned output for {query.name}: run python scripts/expected_queries.py --regenerate"
    )
    assert expected_queries.output(query, data, engine) == expected.read_text(encoding="utf-8")


def test_no_orphan_expected_files():
    names = {p.stem for p in QUERIES}
    expected_dir = REPO / "tests" / "queries" / "expected"
    orphans = [p.name for p in expected_dir.glob("*") if p.stem not in names]
    assert not orphans


# ----------------------------------------------- the files as any SPARQL tool sees them

@pytest.fixture(scope="module")
def bare_server(oxigraph_server):
    """The session's Oxigraph server holding the bundled graph, loaded from the
    Turtle files themselves (the Graph Store protocol; nothing of diplograph)."""
    import urllib.request

    oxigraph_server.clear()
    for path in DataTree(REPO).data_files():
        request = urllib.request.Request(
            oxigraph_server.base + "/store?default", data=path.read_bytes(), method="POST",
            headers={"Content-Type": "text/turtle"},
        )
        with urllib.request.urlopen(request, timeout=30):
            pass
    return oxigraph_server


def run_as_written(server, text: str):
    """The query text exactly as stored, sent as a SPARQL protocol request."""
    import urllib.parse
    import urllib.request

    import pyoxigraph as ox

    request = urllib.request.Request(
        server.query_url, data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.JSON)


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_runs_as_written_on_a_bare_server(path, bare_server):
    from diplograph.results import render
    from diplograph.sparql import result_of

    query = read_query(path)
    result = result_of(run_as_written(bare_server, path.read_text(encoding="utf-8")))
    result.ordered = query.ordered
    expected = expected_queries.expected_path(query).read_text(encoding="utf-8")
    assert render(result, "tsv") == expected


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_header_is_grlc_style_and_defaults_agree(path):
    """summary and description on every file; each parameter's VALUES block
    holds exactly its #+ defaults value, so the file as written answers what
    diplograph answers with the defaults."""
    import pyoxigraph as ox

    from diplograph.namespaces import sparql_prefixes
    from diplograph.queries import typed_term

    text = path.read_text(encoding="utf-8")
    assert text.startswith("#+ summary: ")
    assert "\n#+ description: " in text
    assert "#+ title:" not in text and "#+ param:" not in text  # the older form
    query = read_query(path)
    for param in query.params:
        (block,) = [line.strip() for line in text.splitlines()
                    if line.strip().startswith(f"VALUES ?{param.name} ")]
        answer = ox.Store().query(sparql_prefixes() + f"SELECT * WHERE {{ {block} }}")
        assert [s[param.name] for s in answer] == [typed_term(param, param.default)]
