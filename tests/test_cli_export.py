import os
import shutil

import pytest

from diplograph.rdfwrite import FORMATS

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                 "jsonld": "json-ld", "xml": "xml"}


def source_graph(tree):
    import rdflib

    graph = rdflib.Graph()
    for folder in ("ontology", "graph"):
        for path in sorted((tree / folder).rglob("*.ttl")):
            graph.parse(path, format="turtle")
    return graph


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trips(run, fixture_tree, fmt):
    import rdflib
    from rdflib.compare import isomorphic

    result = run("export", "-f", fmt)
    assert result.exit_code == 0, result.output
    if fmt in ("nquads", "trig"):
        # Named graphs (tests/test_publishing_graphs.py); their union less the
        # dataset description is the data graph.
        parsed = rdflib.Dataset()
        parsed.parse(data=result.stdout, format=RDFLIB_FORMAT[fmt])
        union = rdflib.Graph()
        for graph in parsed.graphs():
            if str(graph.identifier) != "https://w3id.org/diplograph/graph/description":
                union += graph
        parsed = union
    else:
        parsed = rdflib.Graph().parse(data=result.stdout, format=RDFLIB_FORMAT[fmt])
    assert isomorphic(parsed, source_graph(fixture_tree))


# TriG and N-Quads keep a graph per file, so merging the files changes them by design.
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("nquads", "trig")])
def test_export_is_byte_identical_whatever_the_file_order(run, fixture_tree, tmp_path, fmt):
    # Same triples, written differently: one file, statements reversed, blank nodes renamed.
    first = run("export", "-f", fmt).stdout_bytes
    assert run("export", "-f", fmt).stdout_bytes == first
    other = tmp_path / "other"
    (other / "graph").mkdir(parents=True)
    reversed_nt = run("export", "-f", "ntriples").stdout.replace("_:b", "_:zz").splitlines()
    (other / "graph" / "all.ttl").write_text("\n".join(reversed(reversed_nt)) + "\n")
    assert run("export", "-f", fmt, data=other).stdout_bytes == first


def test_turtle_inlines_value_structures(run):
    out = run("export").stdout
    assert "spdx:checksum [\n        a spdx:Checksum ;" in out
    assert "_:" not in out


def test_output_file_is_written_atomically(run, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old")
    result = run("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text() == run("export").stdout
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_failed_export_keeps_the_previous_file(run, fixture_tree, tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(fixture_tree, tree)
    (tree / "graph" / "bad.ttl").write_text("<http://a> <http://b> .\n")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "graph.ttl"
    target.write_text("previous")
    result = run("export", "-o", str(target), data=tree)
    assert result.exit_code == 2
    assert "bad.ttl:1" in result.stderr
    assert target.read_text() == "previous"
    assert os.listdir(out) == ["graph.ttl"]


def test_missing_output_folder(run, tmp_path):
    result = run("export", "-o", str(tmp_path / "no" / "such.ttl"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def write_tree(tmp_path, name: str, text: str):
    tree = tmp_path / name
    (tree / "graph").mkdir(parents=True)
    (tree / "graph" / "data.ttl").write_text(text, encoding="utf-8")
    return tree


def rings_turtle(names: list[str]) -> str:
    """A ring of six blank nodes and two rings of three, labelled with ``names``."""
    lines = ["@prefix ex: <http://example.org/> ."]
    for ring in ([0, 1, 2, 3, 4, 5], [6, 7, 8], [9, 10, 11]):
        for i, a in enumerate(ring):
            lines.append(f"_:{names[a]} ex:next _:{names[ring[(i + 1) % len(ring)]]} .")
    lines.append("<http://example.org/s> ex:p [ ex:q _:x1, _:x2 ] . _:x1 ex:v 1 . _:x2 ex:v 1 .")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_permuted_blank_node_labels_give_byte_identical_exports(run, tmp_path, fmt):
    """Every blank node on these rings has the same neighbourhood (colour refinement
    cannot tell them apart), yet they are not interchangeable: RDFC-1.0 labels them."""
    import random

    names = [f"n{i}" for i in range(12)]
    outputs = set()
    for seed in range(4):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        result = run("export", "-f", fmt, data=write_tree(tmp_path, f"t{seed}", rings_turtle(
            shuffled)))
        assert result.exit_code == 0, result.output
        outputs.add(result.stdout_bytes)
    assert len(outputs) == 1


DEEP = 2000


def deep_collection() -> str:
    return ('@prefix ex: <http://example.org/> .\nex:s ex:items '
            + "( " * DEEP + '"deepest"' + " )" * DEEP + " .\n")


def deep_property_lists() -> str:
    return ('@prefix ex: <http://example.org/> .\nex:s ex:inner '
            + "[ ex:inner " * DEEP + '"deepest"' + " ]" * DEEP + " .\n")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("text", [deep_collection(), deep_property_lists()],
                         ids=["collection", "property-lists"])
def test_deeply_nested_rdf_exports_in_every_format(run, tmp_path, fmt, text):
    import pyoxigraph as ox

    from diplograph.rdfwrite import serialize

    result = run("export", "-f", fmt, data=write_tree(tmp_path, "deep", text))
    assert result.exit_code == 0, result.output
    wanted = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
    assert len(wanted) == (2 * DEEP if "( " in text else DEEP) + 1
    parse_as = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}[fmt]
    description = "https://w3id.org/diplograph/graph/description"  # TriG, N-Quads: its own graph
    back = [q.triple for q in ox.parse(result.stdout_bytes, format=parse_as)
            if getattr(q.graph_name, "value", None) != description]
    assert serialize(back, "ntriples") == serialize(wanted, "ntriples")


def test_turtle_writes_rdf_lists_as_collections(run, tmp_path):
    tree = write_tree(tmp_path, "list", '<http://example.org/s> <http://example.org/p> '
                      '( "a" [ <http://example.org/q> "b" ] ( "c" ) ) .\n')
    result = run("export", data=tree)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "<http://example.org/s>\n"
        '    <http://example.org/p> ( "a" [\n'
        '        <http://example.org/q> "b"\n'
        '    ] ( "c" ) ) .\n'
    )
