"""Endpoint faults through the command line: exit 3, one line naming the endpoint
and what went wrong (the HTTP status where there is one), never a traceback.

Faults a real store produces are caused on the real Oxigraph server of
tests/oxigraph_server.py (no listener, 404, a query it rejects, a huge
result); the rest (401, 403, 429, 500, a server that never answers, a wrong
content type, broken or cut-short JSON) come from the scripted 127.0.0.1
server of tests/endpoint/test_http.py. The retry policy itself is tested there.
"""

import json

import pytest

from diplograph import endpoint as ep
from diplograph.errors import EXIT_ENDPOINT
from endpoint.test_http import scripted  # noqa: F401 - the scripted-server fixture
from oxigraph_server import free_port  # tests/ is on sys.path under pytest

from .conftest import one_or_two_lines


def query(run, url, *more):
    return run("query", "has-disagreements", "--endpoint", url, "--timeout", "2", *more)


def test_connection_refused_for_push(run):
    url = f"http://127.0.0.1:{free_port()}/update"
    result = run("push", "--endpoint", url, "--timeout", "2")
    assert result.exit_code == EXIT_ENDPOINT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: endpoint {url}: cannot connect (")
    assert "refused" in line.lower()


def test_404_on_push_to_a_real_server(run, server):
    url = server.base + "/no-such-update"
    result = run("push", "--endpoint", server.query_url, "--update-endpoint", url)
    assert result.exit_code == EXIT_ENDPOINT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: endpoint {url}: HTTP 404 Not Found")


def test_500_from_the_real_server(run, server, tmp_path):
    path = tmp_path / "unknown-function.rq"
    path.write_text("SELECT (<http://x/nosuchfunction>(1) AS ?x) WHERE { }\n")
    result = run("query", str(path), "--endpoint", server.query_url)
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.query_url}: HTTP 500 Internal Server Error: "
        "The custom function <http://x/nosuchfunction> is not supported"
    ]


def test_a_huge_result_from_the_real_server(run, server, tmp_path):
    rows = 300
    data = " ".join(f"<http://x/s{i}> <http://x/p> {i} ." for i in range(rows))
    ep.update(server.endpoint(), f"INSERT DATA {{ {data} }}")
    path = tmp_path / "cross.rq"  # 300 × 300 = 90,000 rows, about 10 MB of JSON
    path.write_text("SELECT ?a ?b WHERE { ?a <http://x/p> ?x . ?b <http://x/p> ?y }\n")
    result = run("query", str(path), "--endpoint", server.query_url, "-f", "tsv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == rows * rows + 1
    assert result.stderr == ""


@pytest.mark.parametrize("status, reason", [
    (401, "Unauthorized"), (403, "Forbidden"), (502, "Bad Gateway"),
])
def test_http_errors(run, scripted, status, reason):  # noqa: F811
    server = scripted((status, {"Content-Type": "text/plain"}, b"go away\nmore", 0))
    result = query(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: HTTP {status} {reason}: go away"
    ]


def test_429_until_the_retries_run_out(run, scripted):  # noqa: F811
    server = scripted(*[(429, {"Retry-After": "0"}, b"slow down", 0)] * 4)
    result = query(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: HTTP 429 Too Many Requests: slow down "
        "(gave up after 4 attempts)"
    ]
    assert len(server.seen) == 4


def test_429_then_an_answer(run, scripted):  # noqa: F811
    answer = json.dumps({"head": {}, "boolean": True}).encode()
    server = scripted((429, {"Retry-After": "0"}, b"", 0), (200, {}, answer, 0))
    result = query(run, server.url)
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


def test_a_server_that_never_answers(run, scripted):  # noqa: F811
    server = scripted((200, {}, b"", 5))
    result = run("query", "has-disagreements", "--endpoint", server.url, "--timeout", "0.5")
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: no answer within 0.5s (--timeout)"
    ]


@pytest.mark.parametrize("headers, body, what", [
    ({"Content-Type": "text/html"}, b"<html>login</html>", "answered with text/html, not "
                                                            "SPARQL results"),
    ({}, b'{"head": {}, "boolean": tr', "sent unreadable application/sparql-results+json "
                                        "results ("),
    ({}, b"not json at all", "sent unreadable application/sparql-results+json results ("),
    ({"Content-Length": "400"}, b'{"head": {}, "boo', "the answer was cut short (17 bytes of 400)"),
])
def test_answers_that_are_not_results(run, scripted, headers, body, what):  # noqa: F811
    server = scripted((200, headers, body, 0))
    result = query(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: endpoint {server.url}: {what}")
