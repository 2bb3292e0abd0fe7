"""``diplograph prefixes``: the known prefixes, as text, Turtle, SPARQL and JSON."""

import json

import pyoxigraph as ox

from diplograph.namespaces import PREFIXES


def test_text_lists_every_prefix(run):
    result = run("prefixes")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(PREFIXES)
    assert lines[0].split() == ["dg:", "https://w3id.org/diplograph/ontology#"]
    assert ["person:", "https://w3id.org/diplograph/id/person/"] in [line.split() for line in lines]


def test_turtle_block_parses_and_declares_each(run):
    text = run("prefixes", "-f", "turtle").stdout
    assert text.splitlines()[0] == "@prefix dg: <https://w3id.org/diplograph/ontology#> ."
    parser_input = text + "person:x schema:name \"X\" .\n"
    (triple,) = ox.parse(parser_input.encode(), format=ox.RdfFormat.TURTLE)
    assert triple.subject == ox.NamedNode("https://w3id.org/diplograph/id/person/x")


def test_sparql_block_is_a_query_prologue(run):
    text = run("prefixes", "-f", "sparql").stdout
    assert text.splitlines()[1] == "PREFIX schema: <https://schema.org/>"
    assert bool(ox.Store().query(text + "ASK { FILTER (STR(person:x) != '') }"))


def test_json_maps_names_to_namespaces(run):
    assert json.loads(run("prefixes", "-f", "json").stdout) == dict(PREFIXES)
