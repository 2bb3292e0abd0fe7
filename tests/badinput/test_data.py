"""Broken data: every case ends in a documented exit code and a message naming the file."""

import pytest

from diplograph.errors import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_INTERNAL

from .conftest import one_or_two_lines

XSD = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"


def write(tree, name, content):
    path = tree / "graph" / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["stats"], ["export"], ["query", "people"], ["validate"],
                                     ["evidence", "--sources", "."]])
def test_malformed_turtle_names_file_line_and_column_in_every_command(run, tree, command):
    bad = write(tree, "bad.ttl", '<http://a> <http://b> "x" .\n<http://a> <http://b> "y\n')
    result = run(*command, data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [f"diplograph: {bad}:2:23: Unexpected end of file"]
    assert result.stdout == ""


def test_empty_data_folder(run, tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "ontology").mkdir()
    result = run("stats", data=tmp_path)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: no data: no *.ttl file under {tmp_path / 'ontology'} or {tmp_path / 'graph'}"
    ]


def test_missing_data_folder(run, tmp_path):
    result = run("export", data=tmp_path / "nowhere")
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: data folder {tmp_path / 'nowhere'} does not exist"
    ]


@pytest.mark.parametrize("name", ["x.xyz", "extra.jsonld", "more.rdf", "noext"])
def test_a_file_in_another_format_is_refused_not_skipped(run, tree, name):
    path = write(tree, name, "whatever\n")
    result = run("stats", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    suffix = path.suffix or "unsuffixed"
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}: not read: data files are Turtle (*.ttl), not {suffix}",
        "  convert it to Turtle, or move it out of ontology/ and graph/",
    ]


def test_notes_and_hidden_files_beside_the_data_are_left_alone(run, tree):
    write(tree, "README.md", "# notes\n")
    write(tree, ".x.ttl.swp", b"\x00\x01")
    result = run("query", "has-disagreements", data=tree)
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


def test_a_ttl_that_is_binary(run, tree):
    path = write(tree, "image.ttl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("export", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:1:1: not Turtle: the file holds binary data"
    ]


def test_non_utf8_bytes(run, tree):
    path = write(tree, "latin1.ttl", '<http://a> <http://b> "café" .\n'.encode("latin-1"))
    result = run("stats", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: {path}:1:27: not UTF-8 text (Invalid UTF-8")
    assert line.endswith("Turtle files are UTF-8")


def test_undeclared_prefix(run, tree):
    path = write(tree, "prefix.ttl", "\n\n<http://a> ex:b <http://c> .\n")
    result = run("query", "people", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:3:12: The prefix ex: has not been declared"
    ]


ILL_TYPED = XSD + (
    '<https://w3id.org/diplograph/id/event/x> <https://w3id.org/diplograph/ontology#date> '
    '"2025-13-45"^^xsd:date .\n'
)


def test_an_ill_typed_literal_is_read_as_written(run, tree):
    """RDF lets it be written: query, stats and export take it as it is, silently."""
    write(tree, "date.ttl", ILL_TYPED)
    result = run("export", "-f", "ntriples", data=tree)
    assert result.exit_code == 0, result.output
    assert '"2025-13-45"^^<http://www.w3.org/2001/XMLSchema#date> .' in result.stdout
    assert result.stderr == ""


def test_validate_flags_an_ill_typed_literal(run, tree):
    write(tree, "date.ttl", ILL_TYPED)
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_CHECK_FAILED
    # The second violation: event:x has no rdf:type (lint's UntypedResource).
    assert one_or_two_lines(result.stderr) == [
        "diplograph: the data graph does not conform (2 violations, 1 warning)"
    ]
    assert "event:x has no rdf:type" in result.stdout
    block = result.stdout.split("shape https://w3id.org/diplograph/shapes#WellTypedLiterals\n")[1]
    assert block.splitlines()[:2] == [
        "  event:x  (graph/date.ttl:2)",
        "    Violation: '2025-13-45' is not a valid xsd:date: an ill-typed literal, which "
        "comparisons and arithmetic cannot use [path dg:date] [value 2025-13-45]",
    ]


def test_a_literal_over_the_parser_limit_is_refused_quickly(run, tree):
    path = tree / "graph" / "huge.ttl"
    with open(path, "w", encoding="utf-8") as out:
        out.write('<http://a> <http://b> """')
        for _ in range(50):
            out.write("x" * (1024 * 1024))
        out.write('""" .\n')
    result = run("stats", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}: a literal or IRI is longer than the Turtle parser reads (16 MiB)",
        "  keep large texts outside the graph (e.g. as captured files)",
    ]


def test_a_large_literal_under_the_limit_goes_through(run, tree):
    text = "界" * (4 * 1024 * 1024)  # 12 MB of UTF-8
    write(tree, "large.ttl", f'<http://a> <http://b> """{text}""" .\n')
    result = run("export", "-f", "ntriples", data=tree)
    assert result.exit_code == 0, result.output
    assert f'<http://a> <http://b> "{text}" .\n' in result.stdout


def test_valid_rdf_that_fails_the_shapes_names_the_shape(run, tree):
    write(tree, "meeting.ttl",
          "<https://w3id.org/diplograph/id/event/x> a "
          "<https://w3id.org/diplograph/ontology#Meeting> .\n")
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_CHECK_FAILED
    assert one_or_two_lines(result.stderr) == [
        "diplograph: the data graph does not conform (2 violations, 1 warning)"
    ]
    block = result.stdout.split("shape [property dg:date]\n")[1].split("\n\n")[0]
    assert block.splitlines()[0] == "  event:x  (graph/meeting.ttl:1)"
    assert "Violation" in block and "[path dg:date]" in block


def test_an_unexpected_library_error_is_an_internal_error(run, tree, monkeypatch):
    import pyoxigraph

    def broken(*args, **kwargs):
        raise RuntimeError("storage exploded\nsecond line of detail")

    monkeypatch.setattr(pyoxigraph.Store, "load", broken, raising=False)
    quiet = run("stats", data=tree)
    assert quiet.exit_code == EXIT_INTERNAL == 4
    assert one_or_two_lines(quiet.stderr) == [
        "diplograph: internal error: RuntimeError: storage exploded",
        "  this is a bug; run with --debug for the traceback and report it",
    ]
    loud = run("--debug", "stats", data=tree)
    assert loud.exit_code == EXIT_INTERNAL
    assert "Traceback" in loud.stderr and "storage exploded" in loud.stderr
