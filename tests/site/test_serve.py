"""``diplograph serve`` as a real process on 127.0.0.1: content negotiation, the SPARQL
endpoint (protocol GET and POST), read-only, and a clean stop on SIGTERM."""

import json
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

PERSON = "https://w3id.org/diplograph/id/person/mira-vale"


def start(site) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "diplograph", "serve", str(site), "--port", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    line = process.stderr.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not found:
        process.kill()
        pytest.fail(f"serve did not start: {line!r} {process.stderr.read()}")
    return process, found.group(1)


@pytest.fixture(scope="module")
def served(fiction_site):
    process, base = start(fiction_site)
    yield process, base
    if process.poll() is None:
        process.kill()
        process.wait()


def get(url: str, accept: str | None = None, data: bytes | None = None,
        content_type: str | None = None):
    request = urllib.request.Request(url, data=data)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_turtle_when_turtle_is_asked_for(served):
    _, base = served
    status, headers, body = get(base + "id/person/mira-vale", "text/turtle")
    assert status == 200
    assert headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert headers["Vary"] == "Accept"
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert ox.Triple(ox.NamedNode(PERSON), ox.NamedNode("https://schema.org/name"),
                     ox.Literal("Mira Vale")) in {q.triple for q in triples}


def test_html_by_default_and_json_ld_on_request(served):
    _, base = served
    status, headers, body = get(base + "id/person/mira-vale", "text/html,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<h1>Mira Vale</h1>" in body
    status, headers, body = get(base + "id/person/mira-vale",
                                "application/ld+json;q=0.9, text/html;q=0.5")
    assert headers["Content-Type"] == "application/ld+json"
    assert json.loads(body)["@graph"][0]["@id"] == "person:mira-vale"
    status, _, body = get(base)
    assert status == 200 and b"<title>Overview" in body


def test_missing_and_hidden_files_are_404(served):
    _, base = served
    assert get(base + "id/person/nobody", "text/turtle")[0] == 404
    assert get(base + ".htaccess")[0] == 404
    assert get(base + "../etc/passwd")[0] == 404


def select(base: str, how: str, query: str):
    if how == "get":
        return get(base + "sparql?" + urllib.parse.urlencode({"query": query}))
    if how == "form":
        return get(base + "sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                   content_type="application/x-www-form-urlencoded")
    return get(base + "sparql", data=query.encode(), content_type="application/sparql-query")


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_sparql_protocol_answers(served, how):
    _, base = served
    status, headers, body = select(
        base, how, f"SELECT ?name WHERE {{ <{PERSON}> <https://schema.org/name> ?name }}")
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json"
    bindings = json.loads(body)["results"]["bindings"]
    assert bindings == [{"name": {"type": "literal", "value": "Mira Vale"}}]


def test_sparql_construct_gives_turtle(served):
    _, base = served
    status, headers, body = select(
        base, "get", f"CONSTRUCT {{ <{PERSON}> ?p ?o }} WHERE {{ <{PERSON}> ?p ?o }}")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    # type, label, name, description, url
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == 5


def test_sparql_is_read_only(served):
    _, base = served
    insert = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    assert get(base + "sparql", data=urllib.parse.urlencode({"update": insert}).encode(),
               content_type="application/x-www-form-urlencoded")[0] == 403
    assert select(base, "direct", insert)[0] == 400
    status, _, body = select(base, "get", "SELECT * WHERE { SERVICE <http://example.org/> "
                                          "{ ?s ?p ?o } }")
    assert status == 400 and b"SERVICE" in body
    assert get(base + "id/person/mira-vale.html", data=b"x", content_type="text/plain")[0] == 405
    count = "ASK { <urn:x> <urn:y> <urn:z> }"
    assert json.loads(select(base, "get", count)[2])["boolean"] is False


def test_stops_cleanly_on_ctrl_c(fiction_site):
    process, base = start(fiction_site)
    try:
        assert get(base + "index.html")[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read().splitlines()[-1] == "stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize(("path", "subject"), [
    ("", "https://w3id.org/diplograph/id/person/oren-kast"),  # the whole graph
    ("ontology", "https://w3id.org/diplograph/ontology#SummitMeeting"),
    ("timeline", "https://w3id.org/diplograph/id/event/2031-03-03-castellan-summit"),
])
def test_pages_at_the_root_negotiate_too(served, path, subject):
    _, base = served
    status, headers, body = get(base + path, "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    subjects = {q.subject for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    assert ox.NamedNode(subject) in subjects
    status, headers, _ = get(base + path, "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")


# Last: it stops the module's server.
def test_stops_cleanly_on_sigterm(served):
    process, base = served
    port = urllib.parse.urlsplit(base).port
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert "stopped" in process.stderr.read()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
