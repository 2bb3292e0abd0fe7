"""Every stored query (queries/*.rq, collected by glob) against its pinned output.

The expected files are written by ``python -m diplograph._regenerate`` (which runs
``scripts/expected_queries.py --regenerate``)
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
        f"no pinned output for {query.name}: run  python -m diplograph._regenerate"
    )
    assert expected_queries.output(query, data, engine) == expected.read_text(encoding="utf-8"), (
        f"{expected.name} is stale or {engine} answers differently; if the change is meant, "
        "run  python -m diplograph._regenerate  and read the diff")


def test_no_orphan_expected_files():
    names = {p.stem for p in QUERIES}
    expected_dir = REPO / "tests" / "queries" / "expected"
    orphans = [p.name for p in expected_dir.glob("*") if p.stem not in names]
    assert not orphans, f"{orphans}: no such query; run  python -m diplograph._regenerate"
