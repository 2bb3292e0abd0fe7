"""Every export format reads back as the graph it was written from.

For the real graph (the repository's tree) and for random graphs: IRIs with
non-ASCII and astral characters, literals holding anything (control
characters, quotes, line breaks, astral characters), language tags, datatypes,
and blank nodes in chains, trees and cycles. Each output is parsed back by
pyoxigraph (every format) and, for the real graph, by rdflib too, then compared
as graphs (isomorphism: blank node names do not matter).
"""

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph import paths, rdfio
from diplograph.errors import InputError
from diplograph.namespaces import PREFIXES, XSD
from diplograph.rdfwrite import FORMATS, serialize

from .conftest import REPO

OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
             "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
             "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                 "jsonld": "json-ld", "xml": "xml"}


def read_back(text: str, fmt: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(text.encode(), format=OX_FORMAT[fmt])]


def canonical(triples) -> ox.Dataset:
    """The graph with canonical blank node names (pyoxigraph's RDF canonicalization)."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def same_graph(a, b) -> bool:
    return canonical(a) == canonical(b)


@pytest.fixture(scope="module")
def real_graph():
    return rdfio.load_data(paths.DataTree(REPO)).triples


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_real_graph_round_trips_through_both_parsers(real_graph, fmt):
    import rdflib

    text = serialize(real_graph, fmt)
    expected = canonical(real_graph)
    assert canonical(read_back(text, fmt)) == expected
    if fmt in ("nquads", "trig"):
        dataset = rdflib.Dataset()
        dataset.parse(data=text, format=RDFLIB_FORMAT[fmt])
        parsed = rdflib.Graph()
        for triple in dataset.default_graph:
            parsed.add(triple)
    else:
        parsed = rdflib.Graph().parse(data=text, format=RDFLIB_FORMAT[fmt])
    assert canonical(rdfio.from_rdflib(parsed)) == expected


# ------------------------------------------------------------------ random graphs

NAMESPACES = ["http://example.org/", "urn:x:", *PREFIXES.values()]
# IRI characters: unreserved ASCII, a few sub-delims, and non-ASCII (incl. astral) ucschars.
iri_local = st.text(
    alphabet=st.sampled_from(list("abcXYZ019-._~!$&'()*+,;=:@/") + ["é", "ß", "한", "日", "😀",
                                                                     "\U00010348"]),
    max_size=12,
) | st.just("%41%e2%80%94")
iris = st.builds(lambda ns, local: ox.NamedNode(ns + local), st.sampled_from(NAMESPACES),
                 iri_local)
# Predicates that RDF/XML can write (an XML name after the last / or #).
predicates = st.builds(lambda ns, local: ox.NamedNode(ns + local),
                       st.sampled_from(NAMESPACES[:1] + NAMESPACES[3:]),
                       st.from_regex(r"[A-Za-zé][A-Za-z0-9_.é-]{0,6}", fullmatch=True))
# Any text, control characters and astral ones included; no surrogates (not text).
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
languages = st.sampled_from(["en", "EN-gb", "ko-Kore", "zh-Hant-TW", "de-CH-1996", "ja-x-kana"])
literals = st.one_of(
    texts.map(ox.Literal),
    st.builds(lambda t, lang: ox.Literal(t, language=lang), texts, languages),
    st.integers(-10**20, 10**20).map(
        lambda i: ox.Literal(str(i), datatype=ox.NamedNode(XSD.integer))),
    st.dates().map(lambda d: ox.Literal(d.isoformat(), datatype=ox.NamedNode(XSD.date))),
    st.builds(lambda t, dt: ox.Literal(t, datatype=dt), texts, iris),
)


@st.composite
def graphs(draw, xml: bool = False):
    """IRIs, literals and blank nodes; blank nodes may form chains, trees and cycles."""
    bnodes = [ox.BlankNode(f"n{i}") for i in range(draw(st.integers(0, 5)))]
    subjects = st.sampled_from(bnodes) | iris if bnodes else iris
    objects = st.one_of(iris, literals, *([st.sampled_from(bnodes)] if bnodes else []))
    triples = draw(st.lists(
        st.builds(ox.Triple, subjects, predicates if xml else iris, objects), max_size=12))
    if bnodes and draw(st.booleans()):  # a cycle through every blank node
        p = draw(predicates)
        after = bnodes[1:] + bnodes[:1]
        triples += [ox.Triple(a, p, b) for a, b in zip(bnodes, after, strict=True)]
    return triples


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(graphs(), st.sampled_from([f for f in FORMATS if f != "xml"]))
def test_random_graphs_round_trip(triples, fmt):
    assert same_graph(read_back(serialize(triples, fmt), fmt), triples)


XML_CHARS = {"\t", "\n", "\r"}


def xml_can_hold(triples) -> bool:
    """XML 1.0 has no way to write the other C0 control characters, even escaped."""
    return not any(
        (c < " " and c not in XML_CHARS) or c in "\ufffe\uffff"
        for t in triples for term in (t.subject, t.object) if isinstance(term, ox.Literal)
        for c in term.value
    )


@SETTINGS
@given(graphs(xml=True))
def test_random_graphs_round_trip_through_rdf_xml_or_are_refused(triples):
    if xml_can_hold(triples):
        assert same_graph(read_back(serialize(triples, "xml"), "xml"), triples)
    else:
        with pytest.raises(InputError, match="XML 1.0 cannot hold"):
            serialize(triples, "xml")
