"""Every data file is read or the command fails (issue 9 items 4, 5, 11, 12).

Blank-node labels are scoped per file, folders reached through links are read,
files that are not regular files are refused unopened, an empty data graph is
an error, and a byte-order mark is accepted.
"""

import os
import shutil

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

from .conftest import one_or_two_lines

BOM = b"\xef\xbb\xbf"
TWO_FILES_ONE_LABEL = (
    "@prefix ex: <http://example.org/> .\nex:{s} ex:holds _:t .\n_:t ex:value \"{v}\" .\n"
)


def run(tree, *args):
    return CliRunner().invoke(cli, ["--data", str(tree), *args])


def test_blank_node_labels_are_scoped_to_their_file(tree):
    for name, subject, value in (("a.ttl", "a", "1"), ("b.ttl", "b", "2")):
        (tree / "graph" / name).write_text(TWO_FILES_ONE_LABEL.format(s=subject, v=value))
    count = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?s <http://example.org/holds> ?x }"
    for engine in ("oxigraph", "rdflib"):
        result = run(tree, "query", "-e", count, "--engine", engine, "-f", "csv")
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["n", "2"], engine
    exported = run(tree, "export", "-f", "ntriples").stdout.splitlines()
    holders = {line.split()[2] for line in exported if "<http://example.org/holds>" in line}
    values = [line for line in exported if "<http://example.org/value>" in line]
    assert len(holders) == 2 and len(values) == 2


def test_a_folder_reached_through_a_link_is_read(tree, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "more.ttl").write_text(
        "@prefix ex: <http://example.org/> .\nex:linked ex:p ex:o .\n")
    os.symlink(elsewhere, tree / "graph" / "linked")
    result = run(tree, "query", "-e", "ASK { <http://example.org/linked> ?p ?o }", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "true" in result.stdout


def test_a_broken_link_is_named(tree):
    os.symlink(tree / "nowhere.ttl", tree / "graph" / "gone.ttl")
    result = run(tree, "validate")
    assert result.exit_code == 2
    (line, *_) = one_or_two_lines(result.stderr)
    assert "gone.ttl: cannot be read" in line


@pytest.mark.parametrize("command", [["validate"], ["export"], ["stats"]])
def test_a_fifo_is_refused_without_being_opened(tree, command):
    os.mkfifo(tree / "graph" / "x.ttl")  # opening it would block forever
    result = run(tree, *command)
    assert result.exit_code == 2
    (line, *_) = one_or_two_lines(result.stderr)
    assert line.endswith("x.ttl: not a regular file (a FIFO, socket or device); "
                         "data files must be regular files")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named(tree):
    locked = tree / "graph" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run(tree, "validate")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert "folder cannot be read" in result.stderr


@pytest.mark.parametrize("content", ["", "# only a comment\n@prefix ex: <http://e/> .\n"])
def test_an_empty_data_graph_is_an_error(tree, content):
    shutil.rmtree(tree / "graph")
    (tree / "graph").mkdir()
    (tree / "graph" / "empty.ttl").write_text(content)
    result = run(tree, "validate")
    assert result.exit_code == 2
    (line, *_) = one_or_two_lines(result.stderr)
    assert line == f"diplograph: no data: {tree / 'graph'} holds no triples"


def test_a_graph_folder_without_files_is_an_error(tree):
    shutil.rmtree(tree / "graph")
    (tree / "graph").mkdir()
    result = run(tree, "export")
    assert result.exit_code == 2
    assert "holds no triples (no *.ttl file)" in result.stderr


def test_a_byte_order_mark_is_accepted_in_data_shapes_and_queries(tree):
    data = tree / "graph" / "bom.ttl"
    data.write_bytes(BOM + b"@prefix ex: <http://example.org/> .\nex:bom ex:p ex:o .\n")
    for shapes in (tree / "shapes").glob("*.ttl"):
        shapes.write_bytes(BOM + shapes.read_bytes())
        break
    query = tree / "ask.rq"
    query.write_bytes(BOM + b"ASK { <http://example.org/bom> ?p ?o }\n")
    result = run(tree, "query", str(query), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "true" in result.stdout
    for engine in ("oxigraph", "rdflib"):
        assert run(tree, "query", str(query), "--engine", engine).exit_code == 0
    assert run(tree, "validate").exit_code in (0, 1)  # read, whatever the verdict
    assert "bom.ttl" not in run(tree, "validate").stderr


def test_a_byte_order_mark_in_a_file_that_is_also_broken_still_names_the_line(tree):
    (tree / "graph" / "bad.ttl").write_bytes(BOM + b"@prefix ex: <http://e/> .\nex:a ex:b .\n")
    result = run(tree, "export")
    assert result.exit_code == 2
    assert "bad.ttl:2" in result.stderr


def test_a_home_folder_that_does_not_exist_is_bad_input():
    result = CliRunner().invoke(cli, ["--data", "~no-such-user-here/x", "stats"])
    assert result.exit_code == 2
    (line, *_) = one_or_two_lines(result.stderr)
    assert line.startswith("diplograph: data folder ~no-such-user-here/x: ")


def test_a_huge_capture_is_refused_before_it_is_read(tmp_path):
    from diplograph.paths import source_root

    captures = tmp_path / "captures"
    shutil.copytree(source_root().parent / "shared" / "seeds", captures) \
        if (source_root().parent / "shared" / "seeds").is_dir() else captures.mkdir()
    graph_files = list((source_root() / "graph" / "sources").glob("*.ttl"))
    name = next(line.split('"')[1] for line in graph_files[0].read_text().splitlines()
                if "dg:fileName" in line)
    huge = captures / name
    huge.unlink(missing_ok=True)
    with open(huge, "wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: 3 GB that take no disk
    result = CliRunner().invoke(cli, ["evidence", "--sources", str(captures)])
    assert result.exit_code == 2
    assert f"{huge}: 3,221,225,472 bytes is not a captured article text" in result.stderr
