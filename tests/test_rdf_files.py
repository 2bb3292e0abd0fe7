"""Every RDF file parses and every stored query prepares, on both engines."""

from pathlib import Path

import pytest

from diplograph import rdfio
from diplograph.queries import read_query
from diplograph.sparql import prepare

REPO = Path(__file__).resolve().parent.parent
RDF_FILES = sorted(p for folder in ("ontology", "graph", "shapes")
                   for p in (REPO / folder).rglob("*.ttl"))
QUERIES = sorted((REPO / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", RDF_FILES, ids=[p.stem for p in RDF_FILES])
def test_rdf_file_parses(path):
    assert rdfio.read_triples([path])


def test_there_is_data():
    assert any(p.parent.name == "ontology" for p in RDF_FILES)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_prepares(path, engine):
    query = read_query(path)
    assert query.title, f"{path.name} has no '#+ title:'"
    prepare(query, engine)
