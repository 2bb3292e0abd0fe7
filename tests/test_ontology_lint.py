"""Lint the ontology against its use: every dg: term used anywhere is declared,
every declared term is labelled and defined, and the version is stated once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from diplograph.lint import lint, sparql_terms
from diplograph.paths import DataTree

ROOT = Path(__file__).resolve().parents[1]
DG = "https://w3id.org/diplograph/ontology#"
ONTOLOGY = rdflib.URIRef("https://w3id.org/diplograph/ontology")
OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


def parse(files) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def ttl(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.ttl"))


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return parse(ttl("ontology"))


def test_every_dg_term_used_is_declared():
    """The lint validate runs (diplograph.lint): data files, shapes and their SPARQL, queries."""
    undeclared = [f"{f.path.relative_to(ROOT)}:{f.line}: {f.message}"
                  for f in lint(DataTree(ROOT)) if f.check == "UndeclaredTerm"]
    assert not undeclared, "dg: terms used but not declared (no rdf:type in ontology/):\n" + \
        "\n".join(undeclared)


def test_every_ontology_term_is_labelled_and_defined(ontology):
    missing = []
    for term in sorted({s for s in ontology.subjects(rdflib.RDF.type, None)
                        if isinstance(s, rdflib.URIRef) and str(s).startswith(DG)}):
        for prop in (rdflib.RDFS.label, SKOS.definition):
            if ontology.value(term, prop) is None:
                name = prop.n3(ontology.namespace_manager)
                missing.append(f"dg:{str(term)[len(DG):]} has no {name}")
    assert not missing, "\n".join(missing)


def test_ontology_itself_is_labelled_and_defined(ontology):
    assert ontology.value(ONTOLOGY, rdflib.RDFS.label) is not None
    assert ontology.value(ONTOLOGY, SKOS.definition) is not None


def test_version_info_matches_version_iri(ontology):
    infos = list(ontology.objects(ONTOLOGY, OWL.versionInfo))
    iris = list(ontology.objects(ONTOLOGY, OWL.versionIRI))
    assert len(infos) == 1 and len(iris) == 1, "exactly one owl:versionInfo and one owl:versionIRI"
    version = str(infos[0])
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"owl:versionInfo {version!r} is not X.Y.Z"
    assert str(iris[0]) == f"{ONTOLOGY}/{version}", f"{iris[0]} does not end in /{version}"


def test_version_is_stated_once_in_the_ontology_file():
    text = (ROOT / "ontology" / "diplograph.ttl").read_text(encoding="utf-8")
    assert len(re.findall(r'owl:versionInfo\s+"', text)) == 1, (
        "pyproject reads the first owl:versionInfo")


def test_lint_can_fail():
    """The scanner does see terms: in Turtle, in SPARQL text, spelt in full."""
    query = f"SELECT * {{ ?e dg:occasion ?o ; <{DG}notATerm> ?x }}"
    assert sparql_terms(query) == {"occasion", "notATerm"}
    assert not sparql_terms("dgsh:x")
    assert not sparql_terms("PREFIX xdg: <a#> SELECT * { ?a xdg:b ?c }")
