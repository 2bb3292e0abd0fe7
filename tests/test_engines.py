"""Both engines give the same answers: as multisets, in order when ORDER BY.

Runs every stored query of the fixture tree and of the repository, comparing
the engine-neutral solutions (and the table/csv bytes printed from them).
"""

from collections import Counter
from pathlib import Path

import pytest

from diplograph import rdfio
from diplograph.paths import DataTree
from diplograph.queries import read_query
from diplograph.results import neutral, render
from diplograph.sparql import run

TESTS = Path(__file__).resolve().parent
TREES = {"fixture": TESTS / "data" / "tree", "repo": TESTS.parent}
CASES = [(tree, path) for tree, root in TREES.items()
         for path in sorted((root / "queries").glob("*.rq"))]


@pytest.fixture(scope="module")
def datasets():
    return {name: rdfio.load_data(DataTree(root)) for name, root in TREES.items()}


def solutions(result):
    result = neutral(result)
    rows = [tuple(None if t is None else str(t) for t in row) for row in result.rows]
    return rows if result.ordered else Counter(rows)


@pytest.mark.parametrize("tree, path", CASES, ids=[f"{t}-{p.stem}" for t, p in CASES])
def test_engines_agree(datasets, tree, path):
    query = read_query(path)
    ox_result = run(query, datasets[tree], {}, "oxigraph")
    rdflib_result = run(query, datasets[tree], {}, "rdflib")
    if query.form == "SELECT":
        assert ox_result.variables == rdflib_result.variables
        assert solutions(ox_result) == solutions(rdflib_result)
    for fmt in ("table", "csv"):
        assert render(ox_result, fmt) == render(rdflib_result, fmt)


def test_agreement_is_not_vacuous(datasets):
    query = read_query(TREES["fixture"] / "queries" / "people.rq")
    result = run(query, datasets["fixture"], {}, "oxigraph")
    assert len(result.rows) == 3
