"""``diplograph describe``: VoID and DCAT computed from the data, equal to ``stats``."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parent.parent
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
DATASET = "https://w3id.org/diplograph/dataset"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _store(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _rows(store, query: str) -> list[tuple]:
    prefixes = (f"PREFIX void: <{VOID}> PREFIX dcat: <{DCAT}> PREFIX dcterms: <{DCTERMS}> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
    return [tuple(term.value for term in row) for row in store.query(prefixes + query)]


@pytest.mark.parametrize("tree", ["fixture", "bundled"])
def test_description_equals_stats(run, fixture_tree, tmp_path, tree):
    data = fixture_tree if tree == "fixture" else REPO
    described = run("describe", data=data)
    assert described.exit_code == 0, described.output
    figures = json.loads(run("stats", "-f", "json", data=data).stdout)
    store = _store(described.stdout)
    [(triples,)] = _rows(store, f"SELECT ?n WHERE {{ <{DATASET}> void:triples ?n }}")
    assert int(triples) == figures["triples"]
    partitions = _rows(store, f"SELECT ?c ?n WHERE {{ <{DATASET}> void:classPartition "
                              "[ void:class ?c ; void:entities ?n ] }")
    from diplograph.terms import short

    by_class = {short(ox.NamedNode(c)): int(n) for c, n in partitions}
    assert by_class == figures["classes"]
    [(entities,)] = _rows(store, f"SELECT ?n WHERE {{ <{DATASET}> void:entities ?n }}")
    count = tmp_path / "count-typed.rq"
    count.write_text("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }\n")
    typed = run("query", str(count), "-f", "csv", data=data)
    assert typed.exit_code == 0, typed.output
    assert int(entities) == int(typed.stdout.split()[-1])


def test_property_partitions_add_up_to_the_triples(run):
    store = _store(run("describe", data=REPO).stdout)
    [(triples,)] = _rows(store, f"SELECT ?n WHERE {{ <{DATASET}> void:triples ?n }}")
    [(total,)] = _rows(store, f"SELECT (SUM(?n) AS ?t) WHERE {{ <{DATASET}> "
                              "void:propertyPartition [ void:triples ?n ] }")
    assert int(total) == int(triples)


def test_bundled_dataset_states_licence_rights_vocabularies_and_distributions(run):
    store = _store(run("describe", data=REPO).stdout)
    assert _rows(store, f"SELECT ?l WHERE {{ <{DATASET}> dcterms:license ?l }}") == [(CC_BY,)]
    [(rights,)] = _rows(store, f"SELECT ?r WHERE {{ <{DATASET}> dcterms:rights ?r }}")
    assert "short excerpts" in rights and "not covered by this licence" in rights
    vocabularies = {v for (v,) in _rows(store, f"SELECT ?v WHERE {{ <{DATASET}> "
                                               "void:vocabulary ?v }")}
    assert {"https://w3id.org/diplograph/ontology#", "https://schema.org/",
            "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#"} <= vocabularies
    assert not any("/id/" in v for v in vocabularies), "resource namespaces are no vocabulary"
    media = sorted(m for (m,) in _rows(store, f"SELECT ?m WHERE {{ <{DATASET}> "
                                              "dcat:distribution/dcat:mediaType ?m }"))
    assert [m.rsplit("/", 2)[-2] + "/" + m.rsplit("/", 1)[-1] for m in media] == [
        "application/ld+json", "application/n-quads", "application/n-triples",
        "application/rdf+xml", "application/trig", "text/turtle"]
    articles = _rows(store, f"SELECT ?s WHERE {{ <{DATASET}> dcterms:source ?s }}")
    assert len(articles) == 5
    examples = {e.split("/id/")[1].split("/")[0] for (e,) in _rows(
        store, f"SELECT ?e WHERE {{ <{DATASET}> void:exampleResource ?e }}")}
    assert examples == {"source", "event", "person", "statement"}
    assert not _rows(store, "SELECT ?e WHERE { ?d void:sparqlEndpoint ?e }")


def test_subsets_are_the_named_graphs_with_their_counts(run):
    store = _store(run("describe", data=REPO).stdout)
    subsets = dict(_rows(store, f"SELECT ?g ?n WHERE {{ <{DATASET}> void:subset ?g . "
                                "?g void:triples ?n }"))
    quads = ox.Store()
    quads.load(run("export", "-f", "nquads", data=REPO).stdout_bytes,
               format=ox.RdfFormat.N_QUADS)
    for graph, n in subsets.items():
        assert len(list(quads.quads_for_pattern(None, None, None, ox.NamedNode(graph)))) \
            == int(n), graph
    assert "https://w3id.org/diplograph/graph/source/2025-10-25-summit-meeting-eyed" in subsets


def test_endpoint_is_stated_as_void_and_dcat(run):
    url = "https://example.org/sparql"
    store = _store(run("describe", "--endpoint", url, data=REPO).stdout)
    assert _rows(store, f"SELECT ?e WHERE {{ <{DATASET}> void:sparqlEndpoint ?e }}") == [(url,)]
    assert _rows(store, f"SELECT ?e WHERE {{ <{DATASET}> dcat:distribution/dcat:accessService "
                        f"?s . ?s dcat:endpointURL ?e ; dcat:servesDataset <{DATASET}> }}") \
        == [(url,)]


def test_data_without_a_licence_states_none(run, fixture_tree):
    store = _store(run("describe", data=fixture_tree).stdout)
    assert not _rows(store, "SELECT ?l WHERE { ?d dcterms:license ?l }")


def test_description_is_byte_identical_and_written_atomically(run, tmp_path):
    first = run("describe", data=REPO).stdout_bytes
    assert run("describe", data=REPO).stdout_bytes == first
    target = tmp_path / "void.ttl"
    result = run("describe", "-o", str(target), data=REPO)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes() == first


def test_bad_endpoint_is_exit_2_with_one_line(run):
    result = run("describe", "--endpoint", "ftp://example.org/x")
    assert result.exit_code == 2
    assert result.stderr == "diplograph: --endpoint 'ftp://example.org/x': not an http(s) URL\n"
