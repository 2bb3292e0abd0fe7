"""Every namespace diplograph uses, defined once.

Import from here rather than spelling an IRI out anywhere else; the Turtle
prefixes written by ``export`` and put in front of stored queries come from
``PREFIXES`` too. This module is imported by every command, so it must stay
free of heavy imports (no rdflib): terms are plain strings, wrap them in
``rdflib.URIRef`` or ``pyoxigraph.NamedNode`` where needed.
"""


class Namespace(str):
    """An IRI prefix; ``NS.term`` and ``NS["term"]`` give the full IRI as a str."""

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, name):  # type: ignore[override]
        if isinstance(name, str):
            return str(self) + name
        return str.__getitem__(self, name)


# Our own terms and resources.
ONTOLOGY_IRI = "https://w3id.org/diplograph/ontology"
DG = Namespace(ONTOLOGY_IRI + "#")
ID = Namespace("https://w3id.org/diplograph/id/")
# The shapes and diplograph's built-in checks (shapes/*.ttl, validate, lint).
DGSH = Namespace("https://w3id.org/diplograph/shapes#")
# Skolem IRIs that stand for blank nodes in a remote store (RDF 1.1 Concepts 3.5).
# A path of our own namespace: RFC 8615 well-known paths belong at an authority's
# root (https://w3id.org/.well-known/), which is not ours to mint under.
GENID = Namespace("https://w3id.org/diplograph/genid/")
# Named graphs (publishing.graphs): one per article file, one for the shared
# entities and facts, one for the ontology (README: exporting and publishing).
GRAPH = Namespace("https://w3id.org/diplograph/graph/")
# The dataset description (publishing.describe) and its distributions.
DATASET_IRI = "https://w3id.org/diplograph/dataset"
# A predicate that exists only inside canonical labelling (canonical.py), never in output.
CANONICAL_COLOUR = "https://w3id.org/diplograph/.well-known/canonical-colour"

# Standard vocabularies we reuse.
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# One prefix per resource kind: https://w3id.org/diplograph/id/{kind}/{slug}
RESOURCE_KINDS = (
    "source",
    "capture",
    "evidence",
    "person",
    "organization",
    "role",
    "membership",
    "post",
    "place",
    "event",
    "image",
    "participation",
    "statement",
    "rendering",
    "status",
    "date",
    "claim",
    "disagreement",
    "topic",
    "inference",
    "ordinal",
    # Curation provenance (publishing.provenance): who added a source file, with what.
    "curation",
    "agent",
)
KIND = {kind: Namespace(f"{ID}{kind}/") for kind in RESOURCE_KINDS}

# The classes a resource of each kind may have (it needs one of them, or a subclass
# the data graph declares with rdfs:subClassOf); docs/modelling.md has the table.
KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "source": (SCHEMA.NewsArticle, SCHEMA.Article),
    "capture": (DCAT.Distribution,),
    "evidence": (OA.Annotation,),
    "person": (SCHEMA.Person,),
    "organization": (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
                     SCHEMA.Organization,
                     SCHEMA.NewsMediaOrganization),
    "role": (ORG.Role,),
    "membership": (ORG.Membership,),
    "post": (ORG.Post,),
    "place": (SCHEMA.Place, SCHEMA.City, SCHEMA.Country, SCHEMA.BodyOfWater,
              SCHEMA.EventVenue, SCHEMA.AdministrativeArea, SCHEMA.Continent),
    "event": (SEM.Event, SCHEMA.Event, SCHEMA.EventSeries),
    "image": (SCHEMA.ImageObject,),
    "participation": (SEM.Role,),
    "statement": (DG.Statement,),
    "rendering": (DG.Rendering,),
    "status": (DG.StatusReport,),
    "date": (DG.DateExpression,),
    "claim": (DG.SourceClaim,),
    "disagreement": (DG.Disagreement,),
    "topic": (SKOS.Concept, SKOS.ConceptScheme),
    "inference": (DG.InferredStatement, RDF.Statement),
    "ordinal": (DG.Ordinal,),
    "curation": (PROV.Activity,),
    "agent": (PROV.Agent, PROV.Person, PROV.Organization, PROV.SoftwareAgent),
}
# The slug of a minted IRI: lower-case ASCII words joined by "-".
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# Prefix name -> namespace, in the order export writes them.
PREFIXES: dict[str, Namespace] = {
    "dg": DG,
    "schema": SCHEMA,
    "sem": SEM,
    "org": ORG,
    "oa": OA,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "dcat": DCAT,
    "void": VOID,
    "dcterms": DCTERMS,
    "spdx": SPDX,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "sh": SH,
    "xsd": XSD,
    **KIND,
}


def mint(kind: str, slug: str) -> str:
    """The IRI of a resource by the one documented pattern: {ID}{kind}/{slug}."""
    if kind not in KIND:
        raise ValueError(f"unknown resource kind {kind!r}")
    return KIND[kind] + slug


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace, for queries that leave them out."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def prefix_block(fmt: str = "text") -> str:
    """Every known prefix: aligned ``name: <iri>`` lines, a Turtle ``@prefix``
    block, a SPARQL ``PREFIX`` block, or a JSON object."""
    if fmt == "sparql":
        return sparql_prefixes()
    if fmt == "turtle":
        return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    if fmt == "json":
        import json

        return json.dumps(dict(PREFIXES), indent=2) + "\n"
    width = max(len(name) for name in PREFIXES) + 1
    return "".join(f"{name + ':':<{width}}  {iri}\n" for name, iri in PREFIXES.items())
