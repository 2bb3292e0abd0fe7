"""Named graphs: TriG and N-Quads keep a graph per article file, read back the same
by rdflib and by Oxigraph; queries see the union."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/diplograph/graph/"
ANNOTATION = "http://www.w3.org/ns/oa#Annotation"
OX_FORMAT = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def _expected(tree: Path) -> dict[str, "object"]:
    """Graph IRI -> rdflib Graph, by the documented derivation, parsed file by file."""
    import rdflib

    graphs: dict[str, rdflib.Graph] = {}

    def add(name: str, path: Path) -> None:
        graphs.setdefault(name, rdflib.Graph()).parse(path, format="turtle")

    for path in sorted((tree / "ontology").rglob("*.ttl")):
        add(GRAPH + "ontology", path)
    for path in sorted((tree / "graph").rglob("*.ttl")):
        relative = path.relative_to(tree / "graph")
        if relative.parts[0] == "sources" and len(relative.parts) == 2:
            add(GRAPH + "source/" + path.stem, path)
        else:
            add(GRAPH + "shared", path)
    return graphs


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
@pytest.mark.parametrize("tree", ["fixture", "bundled"])
def test_each_file_is_its_graph_through_rdflib(run, fixture_tree, fmt, tree):
    import rdflib
    from rdflib.compare import isomorphic

    data = fixture_tree if tree == "fixture" else REPO
    result = run("export", "-f", fmt, data=data)
    assert result.exit_code == 0, result.output
    parsed = rdflib.Dataset()
    parsed.parse(data=result.stdout, format=fmt)
    assert len(parsed.default_graph) == 0, "nothing in the default graph"
    found = {str(g.identifier): g for g in parsed.graphs() if len(g)}
    expected = _expected(data)
    assert sorted(found) == sorted([*expected, GRAPH + "description"])
    for name, graph in expected.items():
        assert isomorphic(rdflib.Graph() + found[name], graph), name


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_each_file_is_its_graph_through_oxigraph(run, fmt):
    from diplograph.rdfio import read_triples

    result = run("export", "-f", fmt, data=REPO)
    store = ox.Store()
    store.load(result.stdout_bytes, format=OX_FORMAT[fmt])
    article = REPO / "graph" / "sources" / "2025-10-25-summit-meeting-eyed.ttl"
    name = ox.NamedNode(GRAPH + "source/2025-10-25-summit-meeting-eyed")
    in_store = list(store.quads_for_pattern(None, None, None, name))
    assert len(in_store) == len(read_triples([article]))
    ground = {q.triple for q in in_store if not isinstance(q.subject, ox.BlankNode)
              and not isinstance(q.object, ox.BlankNode)}
    # The store keeps values ("+00:00" comes back "Z"): compare with the file as stored.
    alone = ox.Store()
    alone.load(path=str(article), format=ox.RdfFormat.TURTLE)
    assert ground == {q.triple for q in alone if not isinstance(q.subject, ox.BlankNode)
                      and not isinstance(q.object, ox.BlankNode)}
    # The union of the data graphs is the merged export.
    merged = ox.Store()
    merged.load(run("export", "-f", "ntriples", data=REPO).stdout_bytes,
                format=ox.RdfFormat.N_TRIPLES)
    union = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                        f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{GRAPH}description>) }} }}")
    assert int(next(union)[0].value) == len(merged)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_exports_are_byte_identical(run, fmt):
    first = run("export", "-f", fmt, data=REPO).stdout_bytes
    assert run("export", "-f", fmt, data=REPO).stdout_bytes == first


def test_query_sees_the_union_and_graph_by_article(tmp_path):
    from diplograph.paths import DataTree
    from diplograph.publishing.graphs import load_dataset

    store = load_dataset(DataTree(REPO))
    rows = list(store.query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?e a <{ANNOTATION}> }} }}"
        " GROUP BY ?g ORDER BY ?g"))
    assert [r[0].value.rsplit("/", 1)[-1] for r in rows] == [
        "2025-10-25-summit-meeting-eyed", "2025-10-31-asahi-takaichi-lee-first-meeting",
        "2025-10-31-get-leaders-pledge-future-oriented-cooperation",
        "2026-01-09-lee-to-visit-japan-next-week", "undated-lee-takaichi-first-summit"]
    union = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?e a <{ANNOTATION}> }}",
                        use_default_graph_as_union=True)
    assert int(next(union)[0].value) == sum(int(r[1].value) for r in rows)


def test_article_files_are_named_as_their_article():
    """The graph name derives from the file's stem, which is its article's slug."""
    from diplograph.rdfio import read_triples

    schema_article = "https://schema.org/NewsArticle"
    for path in sorted((REPO / "graph" / "sources").glob("*.ttl")):
        articles = [t.subject.value for t in read_triples([path])
                    if t.predicate.value.endswith("#type") and t.object.value == schema_article]
        assert articles == [f"https://w3id.org/diplograph/id/source/{path.stem}"], path.name


def test_same_blank_structure_in_two_graphs_is_refused(run, tmp_path):
    tree = tmp_path / "tree"
    (tree / "graph" / "sources").mkdir(parents=True)
    same = "<https://example.org/a> <https://example.org/p> [ <https://example.org/q> 1 ] .\n"
    (tree / "graph" / "sources" / "one.ttl").write_text(same)
    (tree / "graph" / "sources" / "two.ttl").write_text(same)
    result = run("export", "-f", "nquads", data=tree)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"diplograph: graphs <{GRAPH}source/one> and "
                                    f"<{GRAPH}source/two> hold the same blank-node structure")
    assert run("export", "-f", "turtle", data=tree).exit_code == 0


def test_query_command_can_use_graph(run, tmp_path):
    query = tmp_path / "by-article.rq"
    query.write_text("SELECT ?g (COUNT(DISTINCT ?e) AS ?n) WHERE "
                     "{ GRAPH ?g { ?e a oa:Annotation } } GROUP BY ?g ORDER BY ?g\n")
    result = run("query", str(query), "-f", "csv", data=REPO)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "g,n",
        f"{GRAPH}source/2025-10-25-summit-meeting-eyed,17",
        f"{GRAPH}source/2025-10-31-asahi-takaichi-lee-first-meeting,34",
        f"{GRAPH}source/2025-10-31-get-leaders-pledge-future-oriented-cooperation,42",
        f"{GRAPH}source/2026-01-09-lee-to-visit-japan-next-week,41",
        f"{GRAPH}source/undated-lee-takaichi-first-summit,29",
    ]
    # Without GRAPH the query sees the merged graph, each triple once.
    merged = tmp_path / "merged.rq"
    merged.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n")
    triples = json.loads(run("stats", "-f", "json", data=REPO).stdout)["triples"]
    assert run("query", str(merged), "-f", "csv", data=REPO).stdout.splitlines()[1] == str(triples)
