"""bind_values: parameters become a VALUES block of serialized terms, never spliced text."""


import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from diplograph.binding import bind_values, sparql_term, where_group_start
from diplograph.errors import ParameterError, QueryError
from diplograph.queries import Param, Query
from diplograph.rdfio import to_rdflib_term

XSD = "http://www.w3.org/2001/XMLSchema#"
PLACEHOLDER = ox.Literal("placeholder")

# Query shapes the parameter can sit in; ?v is the parameter.
SHAPES = [
    "SELECT ?s WHERE { ?s <http://x/p> ?o FILTER(?o != ?v) } ORDER BY ?s",
    "PREFIX x: <http://x/> SELECT ?s ?v { ?s x:p ?v . # a comment with { and }\n }",
    'ASK WHERE { ?s <http://x/p> "}{\\"" . FILTER(?v = ?v) }',
    "CONSTRUCT { ?s <http://x/q> ?v } WHERE { ?s <http://x/p> ?o OPTIONAL { ?o ?p ?v } }",
    "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?s WHERE { ?s ?p ?o } } BIND(?v AS ?w) }",
    "DESCRIBE ?v",
]

# Text meant to break out of a string: quotes, braces, comment starts, escapes
# (\u0022 is a quote to a parser that decodes codepoint escapes first), line breaks.
HOSTILE_SHAPES = ['"', "'", ">", "{", "}", "\n", "\r", "} ; DROP ALL ; {", '" } ; DROP ALL ; { "',
                  "\\u0022", "\\U00000022", "\\u003E", "\\u007D", "\\", "'''", '"""', "#"]
hostile_text = st.lists(
    st.sampled_from(HOSTILE_SHAPES)
    | st.sampled_from(list("\"'\\{}()<>#.;?$\n\r\t ") + ["a", "é", "\u2028", "\x00", "\x7f", "u",
                                                        "0", "2", "F"]),
    max_size=12,
).map("".join) | st.text(max_size=40)
hostile_literal = st.one_of(
    hostile_text.map(ox.Literal),
    st.tuples(hostile_text, st.sampled_from(["en", "ja", "ko-Kore"])).map(
        lambda t: ox.Literal(t[0], language=t[1])
    ),
    st.tuples(hostile_text, st.sampled_from(["date", "integer", "anyURI"])).map(
        lambda t: ox.Literal(t[0], datatype=ox.NamedNode(XSD + t[1]))
    ),
)
no_surrogates = st.characters(blacklist_categories=("Cs",))


def _swap(node, old, new):
    """The parsed algebra with every occurrence of the term ``old`` replaced by ``new``."""
    if isinstance(node, dict):
        out = type(node)(node.name) if hasattr(node, "name") else {}
        for key, value in node.items():
            out[_swap(key, old, new)] = _swap(value, old, new)
        return out
    if isinstance(node, list | tuple):
        return type(node)(_swap(x, old, new) for x in node)
    if isinstance(node, set):
        return {_swap(x, old, new) for x in node}
    if (
        type(node) is type(old)
        and node == old
        and getattr(node, "language", None) == getattr(old, "language", None)
        and getattr(node, "datatype", None) == getattr(old, "datatype", None)
    ):
        return new
    return node


def _algebra(text):
    return translateQuery(parseQuery(text)).algebra


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=st.sampled_from(SHAPES), value=hostile_literal)
def test_hostile_value_changes_nothing_but_the_value(shape, value):
    # rdflib decodes \uXXXX anywhere, even right after an escaped backslash: the bound
    # text must read back the same all the same (see binding._no_codepoint_escape).
    hostile = _algebra(bind_values(shape, {"v": value}))
    harmless = _algebra(bind_values(shape, {"v": PLACEHOLDER}))
    assert _swap(hostile, to_rdflib_term(value), to_rdflib_term(PLACEHOLDER)) == harmless


PLACEHOLDERS = {
    "iri": ox.NamedNode("http://x/placeholder"),
    "string": PLACEHOLDER,
    "date": ox.Literal("2000-01-01", datatype=ox.NamedNode(XSD + "date")),
    "integer": ox.Literal("0", datatype=ox.NamedNode(XSD + "integer")),
}
# Raw command-line values: hostile text, alone or after a start that looks right.
raw_values = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["", "http://x/", "person:", "2025-01-0", "2025-01-01", "1", "-"]),
    hostile_text,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.sampled_from(SHAPES),
    kind=st.sampled_from(["iri", "string", "date", "integer", "langstring"]),
    raw=raw_values,
    lang=st.sampled_from(["en", "ko-Kore", "e n", "", "en}"]),
)
def test_stored_query_parameters_change_nothing_but_the_value(shape, kind, raw, lang):
    """Through the stored query's own typing (queries.Query.bind), as the CLI binds them."""
    if kind == "langstring":
        raw = f"{raw}@{lang}"
    query = Query("q", shape, params=(Param("v", kind),))
    try:
        bound = query.bind({"v": raw})["v"]
    except ParameterError as exc:  # refused before anything is bound
        assert exc.message.startswith(f"parameter v: {raw!r} is not a valid {kind}: ")
        return
    placeholder = PLACEHOLDERS.get(kind) or ox.Literal("placeholder", language=bound.language)
    hostile = _algebra(bind_values(shape, {"v": bound}))
    harmless = _algebra(bind_values(shape, {"v": placeholder}))
    assert _swap(hostile, to_rdflib_term(bound), to_rdflib_term(placeholder)) == harmless


@settings(max_examples=300, deadline=None)
@given(
    value=st.text(alphabet=no_surrogates, max_size=60),
    lang=st.sampled_from([None, "en", "zh-Hant"]),
)
def test_any_text_comes_back_exactly_from_oxigraph(value, lang):
    """The embedded Oxigraph (the server's own parser) reads the bound value back unchanged."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    term = ox.Literal(value, language=lang)
    text = bind_values("SELECT ?s ?v WHERE { ?s ?p ?o }", {"v": term})
    rows = list(store.query(text))
    assert [(r["s"], r["v"]) for r in rows] == [(ox.NamedNode("http://x/s"), term)]


def test_filter_sees_the_bound_value():
    store = ox.Store()
    for i in range(3):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://x/{i}"),
                ox.NamedNode("http://x/n"),
                ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")),
            )
        )
    text = bind_values(
        "SELECT ?s WHERE { ?s <http://x/n> ?n FILTER(?n >= ?min) } ORDER BY ?s",
        {"min": ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))},
    )
    assert [r["s"].value for r in store.query(text)] == ["http://x/1", "http://x/2"]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE {"),
        ("select * { ?s ?p ?o }", "select * {"),
        ('CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }', 'CONSTRUCT { ?s ?p "{" } WHERE {'),
        (
            "CONSTRUCT { ?s ?p ?o } FROM <http://g> { ?s ?p ?o }",
            "CONSTRUCT { ?s ?p ?o } FROM <http://g> {",
        ),
        (
            "SELECT (EXISTS { ?a ?b ?c } AS ?x) WHERE { ?s ?p ?o }",
            "SELECT (EXISTS { ?a ?b ?c } AS ?x) WHERE {",
        ),
        (
            "# SELECT { \nPREFIX where: <http://w/> SELECT ?where WHERE { ?where where:x 1 }",
            "SELECT ?where WHERE {",
        ),
        ("ASK { <http://a#x> ?p '''}'''}", "ASK {"),
    ],
)
def test_where_group_is_found(text, after):
    at = where_group_start(text)
    assert text[:at].endswith(after)
    assert text[:at].count(after) == 1


def test_no_group_gets_a_trailing_values_clause():
    text = bind_values("DESCRIBE ?v", {"v": ox.NamedNode("http://x/a")})
    assert text == "DESCRIBE ?v\nVALUES (?v) { (<http://x/a>) }\n"
    _algebra(text)


def test_line_numbers_are_kept():
    text = "SELECT ?s WHERE {\n ?s ?p ?v\n}\n"
    bound = bind_values(text, {"v": ox.Literal("x\ny")})
    assert bound.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    ["CONSTRUCT WHERE { ?s ?p ?v }", "SELECT * WHERE { ?s ?p ?v", "SELECT * WHERE { ?s ?p ?v }}"],
)
def test_unbindable_queries_are_refused(text):
    with pytest.raises(QueryError):
        bind_values(text, {"v": ox.Literal("x")})


@pytest.mark.parametrize(
    "term",
    [
        ox.BlankNode("b"),
        rdflib.Literal("x\ud800"),
        rdflib.BNode(),
        ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.NamedNode("http://c")),
    ],
)
def test_unbindable_terms_are_refused(term):
    with pytest.raises(ParameterError):
        sparql_term(term)


def test_bad_variable_names_are_refused():
    with pytest.raises(ParameterError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"o) } INSERT": ox.Literal("x")})


def test_rdflib_terms_are_accepted():
    assert sparql_term(rdflib.Literal('a"b', lang="en")) == '"a\\"b"@en'
    assert sparql_term(rdflib.URIRef("http://x/a")) == "<http://x/a>"


def test_no_bindings_leave_the_text_alone():
    assert bind_values("SELECT * {}", {}) == "SELECT * {}"
