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
        parsed = rdflib.Dataset()
        parsed.parse(data=result.stdout, format=RDFLIB_FORMAT[fmt])
        parsed = rdflib.Graph().__iadd__(parsed.default_graph)
    else:
        parsed = rdflib.Graph().parse(data=result.stdout, format=RDFLIB_FORMAT[fmt])
    assert isomorphic(parsed, source_graph(fixture_tree))


@pytest.mark.parametrize("fmt", FORMATS)
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
