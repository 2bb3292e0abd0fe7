"""The writer's output depends only on the graph: not on order or blank-node names."""

import random

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.errors import InputError
from diplograph.namespaces import XSD
from diplograph.rdfwrite import FORMATS, serialize

EX = "https://w3id.org/diplograph/id/event/"
P = [ox.NamedNode(f"http://www.w3.org/2006/time#{n}") for n in ("a", "b", "c")]
VALUES = st.one_of(
    st.integers(0, 3).map(lambda i: ox.NamedNode(f"{EX}e{i}")),
    st.text(max_size=5).map(ox.Literal),
    st.sampled_from(["en", "ko"]).map(lambda lang: ox.Literal("x", language=lang)),
)


@st.composite
def graphs(draw):
    """IRI subjects with nested blank-node value structures (as in the real graph)."""
    triples = []
    counter = iter(range(10_000))

    def node(depth):
        bnode = ox.BlankNode(f"n{next(counter)}")
        for _ in range(draw(st.integers(1, 3))):
            predicate = draw(st.sampled_from(P))
            if depth < 2 and draw(st.booleans()):
                triples.append(ox.Triple(bnode, predicate, node(depth + 1)))
            else:
                triples.append(ox.Triple(bnode, predicate, draw(VALUES)))
        return bnode

    for i in range(draw(st.integers(1, 4))):
        subject = ox.NamedNode(f"{EX}s{i}")
        for _ in range(draw(st.integers(1, 3))):
            obj = node(0) if draw(st.booleans()) else draw(VALUES)
            triples.append(ox.Triple(subject, draw(st.sampled_from(P)), obj))
    return triples


def disguise(triples, seed):
    """The same graph: triples shuffled, blank nodes renamed."""
    rng = random.Random(seed)
    names = {}

    def rename(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"x{rng.randrange(10**9)}"))
        return term

    out = [ox.Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples]
    rng.shuffle(out)
    return out


@settings(max_examples=60, deadline=None)
@given(graphs(), st.integers(), st.sampled_from(FORMATS))
def test_output_depends_only_on_the_graph(triples, seed, fmt):
    assert written(triples, fmt) == written(disguise(triples, seed), fmt)


def written(triples, fmt):
    """The output, or the refusal (RDF/XML cannot hold most control characters)."""
    try:
        return serialize(triples, fmt)
    except InputError as exc:
        assert fmt == "xml"
        return exc.message


@settings(max_examples=40, deadline=None)
@given(graphs())
def test_turtle_round_trips(triples):
    text = serialize(triples, "turtle")
    parsed = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
    assert serialize(parsed, "ntriples") == serialize(triples, "ntriples")


def test_turtle_writes_numbers_and_prefixes_compactly():
    def typed(value, datatype):
        return ox.Literal(value, datatype=ox.NamedNode(XSD[datatype]))

    subject = ox.NamedNode(EX + "x")
    triples = [ox.Triple(subject, P[0], typed("45", "integer")),
               ox.Triple(subject, P[1], typed("2025-10-30", "date"))]
    assert serialize(triples, "turtle") == (
        "@prefix time: <http://www.w3.org/2006/time#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix event: <https://w3id.org/diplograph/id/event/> .\n\n"
        "event:x\n    time:a 45 ;\n    time:b \"2025-10-30\"^^xsd:date .\n"
    )
