import json

import pytest

from diplograph.errors import EXIT_BAD_INPUT


def test_table_output(run):
    result = run("query", "meetings")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["event", "date", "place", "leader1"]
    assert lines[2].split() == [
        "event:2025-10-30-japan-south-korea-summit", "2025-10-30", "Gyeongju",
        "person:lee-jae-myung",
    ]
    assert len(lines) == 3


def test_param_iri_prefixed_name(run):
    result = run("query", "meetings", "--param", "leader2=person:xi-jinping", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith(
        "https://w3id.org/diplograph/id/event/2025-11-01-china-south-korea-summit,2025-11-01,"
    )


def test_param_date_filters(run):
    result = run("query", "meetings", "-p", "asof=2025-10-29", "-f", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "?event\t?date\t?place\t?leader1\n"


def test_param_value_is_bound_as_a_term_not_text(run):
    # A string that would break out of a spliced literal stays one literal.
    result = run("query", "people", "-p", 'lang=en") } } #', "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []


def test_json_is_w3c_results(run):
    result = run("query", "meetings", "-f", "json")
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["event", "date", "place", "leader1"]
    (row,) = document["results"]["bindings"]
    assert row["date"] == {"type": "literal", "value": "2025-10-30",
                           "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert row["place"] == {"type": "literal", "value": "Gyeongju", "xml:lang": "en"}


def test_xml_is_w3c_results(run):
    import xml.etree.ElementTree as ET

    result = run("query", "meetings", "-f", "xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(result.stdout)
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == [
        "event", "date", "place", "leader1"]
    assert len(root.findall("s:results/s:result", ns)) == 1


def test_markdown(run):
    result = run("query", "people", "-f", "md")
    assert result.stdout.splitlines()[:2] == ["| person | name | events |", "|---|---|---|"]


def test_ask(run):
    result = run("query", "has-disagreements", "-f", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    assert run("query", "has-disagreements").stdout == "true\n"


def test_construct_prints_turtle(run):
    result = run("query", "meeting-graph")
    assert result.exit_code == 0, result.output
    assert "@prefix event: <https://w3id.org/diplograph/id/event/> ." in result.stdout
    assert "time:numericDuration 45.5" in result.stdout


def test_query_file(run, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }\n")
    result = run("query", str(path), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n3\r\n"


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://x/>\n# comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL", "LOAD <http://example.org/x>", "CLEAR DEFAULT", "CREATE GRAPH <http://g>",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(run, tmp_path, update):
    path = tmp_path / "update.rq"
    path.write_text(update)
    result = run("query", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "update" in result.stderr


@pytest.mark.parametrize("name", ["../queries/sources", "/etc/passwd", "..", "a/b", ".hidden"])
def test_names_cannot_escape_the_queries_folder(run, name):
    result = run("query", name)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "path parts" in result.stderr


def test_unknown_name_suggests_close_ones(run):
    result = run("query", "meeting")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "did you mean meetings" in result.stderr


def test_missing_query_file(run, tmp_path):
    result = run("query", str(tmp_path / "nope.rq"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "does not exist" in result.stderr


@pytest.mark.parametrize("engine, lines", [("oxigraph", {5}), ("rdflib", {4, 5})])
def test_syntax_error_shows_position(run, tmp_path, engine, lines):
    path = tmp_path / "bad.rq"
    path.write_text("#+ title: bad\nSELECT * WHERE {\n  ?s dg:p ?o .\n  ?s ?p\n}")
    result = run("query", str(path), "--engine", engine)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "syntax error" in result.stderr
    # dg: was undeclared, so a PREFIX line went in front; positions are still the file's.
    line = int(result.stderr.split(f"{path}:")[1].split(":")[0])
    assert line in lines


@pytest.mark.parametrize("param, message", [
    ("asof=2025-13-45", "not a valid date"),
    ("leader1=person:has space", "not a valid iri"),
    ("leader1=<http://a>b", "not a valid iri"),
    ("leader1=nope:x", "not a valid iri"),
    ("nosuch=1", "unknown parameter nosuch"),
    ("novalue", "expected NAME=VALUE"),
])
def test_bad_parameters(run, param, message):
    result = run("query", "meetings", "-p", param)
    assert result.exit_code == EXIT_BAD_INPUT
    assert message in result.stderr
    if "unknown" in message:
        assert "declared: leader1 (iri" in result.stderr


def test_missing_required_parameter(run, tmp_path):
    path = tmp_path / "needs.rq"
    path.write_text("#+ param: who iri -- a person\nSELECT ?name WHERE { ?who schema:name ?name }")
    result = run("query", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "missing parameter who" in result.stderr
    assert "who (iri, required): a person" in result.stderr
    ok = run("query", str(path), "-p", "who=person:xi-jinping", "-f", "csv")
    assert ok.stdout_bytes == b"name\r\nXi Jinping\r\n"
