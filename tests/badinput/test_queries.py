"""Bad queries: unknown names, syntax errors, escapes from the queries folder,
updates (locally, from a file, from the queries folder and against a real
endpoint), SERVICE on the local graph, and an engine that fails on a valid query.

Cases already covered in tests/test_cli_query.py (a close name suggested, the
position of a syntax error in a query file, the usual path parts, updates from
a file on the local graph, bad parameters) are not repeated here.
"""

import pytest
from click.testing import CliRunner

from diplograph import endpoint as ep
from diplograph.cli import cli
from diplograph.errors import EXIT_BAD_INPUT, EXIT_INTERNAL

from .conftest import one_or_two_lines

UPDATES = [
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "insert data { <http://x/a> <http://x/b> <http://x/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR DEFAULT",
    "CREATE GRAPH <http://x/g>",
    "ADD DEFAULT TO <http://x/g>",
    "MOVE DEFAULT TO <http://x/g>",
    "COPY DEFAULT TO <http://x/g>",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://x/>\nPREFIX x: <http://x/>\n# a comment\nDELETE DATA { x:a x:b x:c }",
]


def test_no_close_name_points_to_the_catalogue(run):
    result = run("query", "zzzz")
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        "diplograph: no stored query named 'zzzz'", "  see: diplograph queries"
    ]


def test_several_close_names_are_offered(run):
    result = run("query", "meeting-graf")
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        "diplograph: no stored query named 'meeting-graf'",
        "  did you mean meeting-graph or meetings?",
    ]


@pytest.mark.parametrize("name", ["sources/../sources", "./sources", "~/sources", "C:\\x",
                                  "sources\x00", "queries/../../etc/passwd"])
def test_more_names_that_would_leave_the_queries_folder(run, name):
    result = run("query", name)
    assert result.exit_code == EXIT_BAD_INPUT
    lines = one_or_two_lines(result.stderr)
    assert lines[0].startswith("diplograph: query name ") and "has path parts" in lines[0]
    assert "\x00" not in result.stderr  # control characters are shown escaped


def test_syntax_error_in_a_stored_query_names_its_file_line_and_column(run, tree):
    path = tree / "queries" / "broken.rq"
    path.write_text('#+ title: broken\nSELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p "open\n}\n')
    result = run("query", "broken", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: {path}:4:14: syntax error: expected one of ")


def test_a_query_file_that_is_not_utf8(run, tmp_path):
    path = tmp_path / "latin.rq"
    path.write_bytes('SELECT * WHERE { ?s ?p "café" }'.encode("latin-1"))
    result = run("query", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: {path}: cannot read query ('utf-8' codec can't decode")


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_in_the_queries_folder_is_refused(run, tree, update):
    (tree / "queries" / "wipe.rq").write_text(update + "\n")
    result = run("query", "wipe", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    word = update.split("\n")[-1].split()[0].upper()
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {word} is a SPARQL update; diplograph query only reads (read-only)"
    ]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_service_is_refused_on_the_local_graph(run, tmp_path, engine):
    path = tmp_path / "remote.rq"
    path.write_text("SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE <http://127.0.0.1:9/sparql> "
                    "{ ?s ?q ?r }\n}\n")
    result = run("query", str(path), "--engine", engine)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:3:3: SERVICE would call another endpoint; local queries never "
        "touch the network",
        "  run it on a store that may call out: --endpoint URL",
    ]


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service <http://x/SERVICE> "SERVICE" } # SERVICE',
    "PREFIX service: <http://x/>\nSELECT * WHERE { ?s service:SERVICE ?o }",
])
def test_the_word_service_elsewhere_is_fine(run, tmp_path, text):
    path = tmp_path / "fine.rq"
    path.write_text(text)
    result = run("query", str(path), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == []


def test_an_engine_failing_on_a_valid_query_is_an_internal_error(run, tmp_path):
    # rdflib sorts ORDER BY keys with Python's sorted(); an expression that is an
    # error on every row makes it compare None with None (TypeError).
    path = tmp_path / "order.rq"
    path.write_text('SELECT ?o WHERE { VALUES ?o { "a" "b" } } ORDER BY (?o + 1)\n')
    result = run("query", str(path), "--engine", "rdflib")
    assert result.exit_code == EXIT_INTERNAL
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}: the rdflib engine failed: TypeError: '<' not supported between "
        "instances of 'NoneType' and 'NoneType'",
        "  the default engine may run it: --engine oxigraph",
    ]
    assert run("query", str(path), "-f", "csv").stdout_bytes == b"o\r\na\r\nb\r\n"


# ------------------------------------------------------------------ against a real endpoint


@pytest.fixture
def loaded(server, fixture_tree):
    """The real server holding the fixture tree's data graph."""
    env = {"DIPLOGRAPH_ENDPOINT": None, "DIPLOGRAPH_UPDATE_ENDPOINT": None}
    pushed = CliRunner().invoke(cli, ["--data", str(fixture_tree), "push", "--endpoint",
                                      server.query_url, "--update-endpoint", server.update_url],
                                env=env)
    assert pushed.exit_code == 0, pushed.output
    return server


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_is_never_sent_to_an_endpoint(run, loaded, tmp_path, update):
    before = ep.count(loaded.endpoint())
    path = tmp_path / "wipe.rq"
    path.write_text(update + "\n")
    # The query URL doubles as the update URL here, so a leaked update would run.
    result = run("query", str(path), "--endpoint", loaded.update_url)
    assert result.exit_code == EXIT_BAD_INPUT
    word = update.split("\n")[-1].split()[0].upper()
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {word} is a SPARQL update; diplograph query only reads (read-only)"
    ]
    assert ep.count(loaded.endpoint()) == before > 0
