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


def query(run, url, *more, **options):
    return run("query", "has-disagreements", "--endpoint", url, "--timeout", "2", *more,
               **options)


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


# ------------------------------------------------------------ issue 9: trust in remote answers

XML_HEAD = (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            b'<head><variable name="x"/></head>')
XML_ROWS = (b'<results><result><binding name="x"><literal>a</literal></binding></result>'
            b'<result><binding name="x"><literal>b</literal></binding></result></results></sparql>')
XML = {"Content-Type": "application/sparql-results+xml"}


def select(run, url, *more):
    return run("query", "people", "--endpoint", url, "--timeout", "5", *more)


def entity_document(declarations, use):
    return (b'<?xml version="1.0"?><!DOCTYPE sparql [' + declarations + b']>'
            + XML_HEAD[len(b'<?xml version="1.0"?>'):]
            + b'<results><result><binding name="x"><literal>' + use
            + b"</literal></binding></result></results></sparql>")


BOMB = entity_document(
    b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b"<!ENTITY %s \"%s\">" % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
        for i in range(8)
    ), b"&i;")
EXTERNAL = entity_document(b'<!ENTITY e SYSTEM "file:///etc/passwd">', b"&e;")
DEEP_JSON = (b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":'
             + b"[" * 200_000 + b"]" * 200_000 + b"}]}}")


@pytest.mark.parametrize("headers, body, what", [
    (XML, XML_HEAD + XML_ROWS[:-len(b"<result><binding name=\"x\"><literal>b</literal></binding>"
                                    b"</result></results></sparql>")], "XML no element found"),
    (XML, XML_HEAD + XML_ROWS[:-len(b"</results></sparql>")], "XML no element found"),
    (XML, BOMB, "the XML declares a DTD"),
    (XML, EXTERNAL, "the XML declares a DTD"),
    ({}, DEEP_JSON, "the JSON nests more than 100 levels deep"),
    ({}, b'{"head":{"vars":["x"]},"results":{"bindings":[{"y":{"type":"literal","value":"a"}}]}}',
     "The variable y has not been defined in the header"),
], ids=["cut-in-a-result", "cut-after-a-result", "entity-bomb", "external-entity", "deep-json",
        "undeclared-variable"])
def test_unsound_select_answers_are_endpoint_errors(run, scripted, headers, body, what):  # noqa: F811
    server = scripted((200, headers, body, 0))
    result = select(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT, result.output
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: endpoint {server.url}: sent unreadable ")
    assert what in line
    assert result.stdout == ""


def test_a_select_answered_with_a_boolean(run, scripted):  # noqa: F811
    server = scripted((200, {}, b'{"head":{},"boolean":true}', 0))
    result = select(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: answered a SELECT query with a boolean"
    ]


def test_an_ask_answered_with_solutions(run, scripted):  # noqa: F811
    server = scripted((200, {}, b'{"head":{"vars":["x"]},"results":{"bindings":[]}}', 0))
    result = query(run, server.url)
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: answered an ASK query with solutions"
    ]


def test_deeply_nested_triple_terms_do_not_crash_the_process(scripted, fixture_tree):  # noqa: F811
    """pyoxigraph parses triple terms recursively: 200,000 deep overflows its stack (a
    segfault), so this runs the command in its own process."""
    import subprocess
    import sys

    triple = (b'{"type":"triple","value":{"subject":{"type":"uri","value":"http://s"},'
              b'"predicate":{"type":"uri","value":"http://p"},"object":')
    term = triple * 200_000 + b'{"type":"uri","value":"http://x"}' + b"}}" * 200_000
    server = scripted((200, {}, b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":'
                       + term + b"}]}}", 0))
    done = subprocess.run(
        [sys.executable, "-m", "diplograph", "--data", str(fixture_tree), "query", "people",
         "--endpoint", server.url, "--timeout", "10"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == EXIT_ENDPOINT, done.stderr[-500:]
    assert done.stderr == (f"diplograph: endpoint {server.url}: sent unreadable "
                           "application/sparql-results+json results (the JSON nests more than "
                           "100 levels deep)\n")


def test_a_trickling_server_is_cut_off_at_the_deadline(run, scripted):  # noqa: F811
    import time

    from endpoint.test_http import trickle

    server = scripted((200, {}, trickle, 0))
    started = time.monotonic()
    result = run("query", "has-disagreements", "--endpoint", server.url, "--timeout", "1")
    assert time.monotonic() - started < 3
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: no answer within 1s (--timeout)"
    ]


def test_an_endless_answer_is_cut_off_at_the_cap(run, scripted):  # noqa: F811
    from endpoint.test_http import endless

    server = scripted((200, {}, endless, 0))
    result = query(run, server.url, "--max-answer", "1")
    assert result.exit_code == EXIT_ENDPOINT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: endpoint {server.url}: the answer is larger than the cap of 1 MiB "
        "(--max-answer)"
    ]


@pytest.mark.parametrize("status", [302, 307])
def test_credentials_stay_with_the_endpoint_through_the_cli(run, scripted, status):  # noqa: F811
    elsewhere = scripted((200, {}, json.dumps({"head": {}, "boolean": True}).encode(), 0))
    server = scripted((status, {"Location": elsewhere.url}, b"", 0))
    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "s3cret"}
    result = query(run, server.url, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"
    assert server.seen[0][1]["Authorization"].startswith("Basic ")
    assert "Authorization" not in elsewhere.seen[0][1]


@pytest.mark.parametrize("value", ["tok\nen-secret", "tok\u20acen-secret"])
def test_a_token_that_cannot_be_sent_is_refused_unechoed(run, value):
    result = run("query", "has-disagreements", "--endpoint", "http://127.0.0.1:9/q",
                 env={"DIPLOGRAPH_TOKEN": value})
    assert result.exit_code == 2
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith("diplograph: DIPLOGRAPH_TOKEN holds ")
    assert "tok" not in line and "secret" not in line


def test_an_echoed_password_is_masked_in_every_form(run, scripted):  # noqa: F811
    from endpoint.test_http import ODD_PASSWORD, every_form

    forms = every_form("ann", ODD_PASSWORD)
    echoed = " ".join(forms.values()).encode()
    server = scripted((400, {"Content-Type": "text/plain"}, echoed, 0))
    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": ODD_PASSWORD}
    result = query(run, server.url, env=env)
    assert result.exit_code == EXIT_ENDPOINT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: endpoint {server.url}: HTTP 400 Bad Request: ***")
    for name, form in forms.items():
        assert form not in result.stderr, name


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_unusable_timeouts_are_bad_input(run, value):
    result = run("query", "has-disagreements", "--endpoint", "http://127.0.0.1:9/q",
                 "--timeout", value)
    assert result.exit_code == 2
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith("diplograph: --timeout must be")
