"""A structural OWL 2 DL check of an RDF graph (the ontology plus the data).

It follows the typing rules of the OWL 2 mapping to RDF, without a reasoner:

- every IRI used as a class (the object of ``rdf:type``, either side of
  ``rdfs:subClassOf``, the domain of a property, the range of an object
  property) is declared ``owl:Class`` and nothing else;
- every IRI used as a property is declared exactly one of
  ``owl:ObjectProperty``, ``owl:DatatypeProperty`` and
  ``owl:AnnotationProperty`` (or is a built-in annotation property);
- an object property never has a literal value, a datatype property never an
  IRI or blank node value; a sub-property is of its super-property's kind;
- no reserved IRI (``rdf:``, ``rdfs:``, ``owl:``, ``xsd:``) is used as a
  class or declared as an entity, except the built-ins OWL 2 allows.

No ``rdf:`` term but ``rdf:type`` and the list vocabulary is used as a property:
the actor of a ``sem:Role`` is ``dg:participant`` (SEM writes ``rdf:value``) and
an inferred triple is ``dg:inferredSubject``/``dg:inferredPredicate``/
``dg:inferredObject`` (not RDF reification), docs/modelling.md, OWL 2 DL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

RESERVED = (str(RDF), str(RDFS), str(OWL), str(XSD))

CLASS, DATATYPE = "class", "datatype"
OBJECT, DATA, ANNOTATION = "object property", "datatype property", "annotation property"
INDIVIDUAL, ONTOLOGY = "individual", "ontology"

DECLARATION = {
    OWL.Class: CLASS,
    RDFS.Datatype: DATATYPE,
    OWL.ObjectProperty: OBJECT,
    OWL.DatatypeProperty: DATA,
    OWL.AnnotationProperty: ANNOTATION,
    OWL.NamedIndividual: INDIVIDUAL,
    OWL.Ontology: ONTOLOGY,
}
# Property characteristics: they type a property without declaring its kind.
CHARACTERISTICS = {OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                   OWL.TransitiveProperty, OWL.SymmetricProperty,
                   OWL.AsymmetricProperty, OWL.ReflexiveProperty,
                   OWL.IrreflexiveProperty}
BUILTIN_CLASSES = {OWL.Thing, OWL.Nothing}
BUILTIN_DATATYPES = {RDFS.Literal, RDF.langString, RDF.PlainLiteral, RDF.XMLLiteral,
                     OWL.real, OWL.rational}
BUILTIN_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
                       OWL.versionInfo, OWL.deprecated, OWL.priorVersion,
                       OWL.backwardCompatibleWith, OWL.incompatibleWith}
ONTOLOGY_PROPERTIES = {OWL.versionIRI, OWL.imports}
# Triples the mapping reads as axioms: their predicates are not entities.
AXIOM_PREDICATES = {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain,
                    RDFS.range, OWL.equivalentClass, OWL.disjointWith,
                    OWL.equivalentProperty, OWL.inverseOf, OWL.sameAs,
                    OWL.differentFrom, RDF.first, RDF.rest,
                    # class expressions (a union domain), read as part of an axiom
                    OWL.unionOf, OWL.intersectionOf, OWL.complementOf, OWL.oneOf}


@dataclass(frozen=True, order=True)
class Finding:
    check: str
    term: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.term}: {self.message}"


def reserved(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(RESERVED)


def builtin_datatype(term) -> bool:
    return term in BUILTIN_DATATYPES or (isinstance(term, URIRef)
                                         and str(term).startswith(str(XSD)))


def load(files: Iterable[Path]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def check(graph: rdflib.Graph) -> list[Finding]:
    """Every way the graph falls outside OWL 2 DL that this check knows of."""
    qname = graph.namespace_manager.normalizeUri
    declared: dict[URIRef, set[str]] = defaultdict(set)
    for s, o in graph.subject_objects(RDF.type):
        if o in DECLARATION and isinstance(s, URIRef):
            declared[s].add(DECLARATION[o])

    def kinds(term) -> set[str]:
        found = set(declared.get(term, ()))
        if term in BUILTIN_CLASSES:
            found.add(CLASS)
        if builtin_datatype(term):
            found.add(DATATYPE)
        if term in BUILTIN_ANNOTATIONS:
            found.add(ANNOTATION)
        return found

    findings: set[Finding] = set()

    def need(term, kind: str, why: str) -> None:
        if not isinstance(term, URIRef):
            return
        if reserved(term) and kind == CLASS and term not in BUILTIN_CLASSES:
            findings.add(Finding("ReservedAsClass", qname(term),
                                 f"reserved vocabulary used as a class ({why})"))
            return
        if kind not in kinds(term):
            findings.add(Finding(f"Undeclared{kind.title().replace(' ', '')}", qname(term),
                                 f"used as {kind} ({why}) but not declared one"))

    def property_kind(term) -> set[str]:
        return kinds(term) & {OBJECT, DATA, ANNOTATION}

    for term, found in declared.items():
        props = found & {OBJECT, DATA, ANNOTATION}
        if len(props) > 1:
            findings.add(Finding("PropertyPunning", qname(term),
                                 f"declared {' and '.join(sorted(props))}"))
        if CLASS in found and DATATYPE in found:
            findings.add(Finding("ClassDatatypePunning", qname(term),
                                 "declared both a class and a datatype"))
        if reserved(term) and term not in BUILTIN_CLASSES | BUILTIN_ANNOTATIONS:
            findings.add(Finding("ReservedDeclared", qname(term),
                                 "reserved vocabulary declared as an entity"))

    for s, p, o in graph:
        if p == RDF.type:
            if o in DECLARATION or o in CHARACTERISTICS:
                continue
            need(o, CLASS, f"rdf:type of {qname(s) if isinstance(s, URIRef) else 'a node'}")
        elif p in (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith):
            need(s, CLASS, f"{qname(p)}")
            need(o, CLASS, f"{qname(p)} of {qname(s)}")
        elif p in (RDFS.subPropertyOf, OWL.equivalentProperty):
            mine, theirs = property_kind(s), property_kind(o)
            if not theirs and isinstance(o, URIRef):
                findings.add(Finding("UndeclaredProperty", qname(o),
                                     f"super-property of {qname(s)} but not declared"))
            elif mine and theirs and not mine & theirs:
                findings.add(Finding("SubPropertyKind", qname(s),
                                     f"a {'/'.join(sorted(mine))} under "
                                     f"{qname(o)}, a {'/'.join(sorted(theirs))}"))
        elif p == RDFS.domain:
            if ANNOTATION not in property_kind(s):
                need(o, CLASS, f"rdfs:domain of {qname(s)}")
        elif p == RDFS.range:
            pk = property_kind(s)
            if OBJECT in pk:
                need(o, CLASS, f"rdfs:range of {qname(s)}")
            elif DATA in pk:
                need(o, DATATYPE, f"rdfs:range of {qname(s)}")
        elif p in AXIOM_PREDICATES or p in ONTOLOGY_PROPERTIES:
            continue
        else:
            pk = property_kind(p)
            if reserved(p) and p not in BUILTIN_ANNOTATIONS:
                findings.add(Finding("ReservedAsProperty", qname(p),
                                     "reserved vocabulary used as a property (OWL 2 DL "
                                     "allows only its built-in annotation properties)"))
            elif not pk:
                findings.add(Finding("UndeclaredProperty", qname(p),
                                     "used as a property but not declared"))
            elif isinstance(o, Literal) and OBJECT in pk:
                findings.add(Finding("LiteralOfObjectProperty", qname(p),
                                     f"an object property with a literal value on {qname(s)}"))
            elif isinstance(o, (URIRef, BNode)) and DATA in pk:
                findings.add(Finding("NodeOfDatatypeProperty", qname(p),
                                     f"a datatype property with a node value on {qname(s)}"))
    return sorted(findings)
