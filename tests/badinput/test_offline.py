"""Local commands never touch the network.

Each command runs in-process with every outgoing connection blocked (and
recorded) at the socket layer, on data that points at the network: an
owl:imports of remote ontologies, a SPARQL query with SERVICE, a shapes file
whose SHACL-SPARQL uses SERVICE, a JSON-LD file with a remote @context. The
remote addresses are a listener on 127.0.0.1 that records any connection that
reaches it, so a request made below Python (pyoxigraph is Rust) is caught too.
"""

import json
import socket
import threading

import pytest

from diplograph.errors import EXIT_BAD_INPUT

from .conftest import one_or_two_lines


@pytest.fixture
def canary():
    """A 127.0.0.1 listener that records every connection made to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    hits, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            hits.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    listener.close()


@pytest.fixture
def offline(monkeypatch):
    """Every attempt to open a connection or resolve a name is recorded and refused."""
    attempts = []

    def refuse(what):
        def blocked(*args, **kwargs):
            attempts.append((what, args[1:2] if what == "connect" else args[:1]))
            raise OSError(101, f"network blocked by the test ({what})")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.fixture
def networked_tree(tree, canary):
    url, _ = canary
    (tree / "graph" / "imports.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/diplograph/ontology> owl:imports "
        f"<{url}/ontology.ttl>, <http://www.w3.org/ns/prov-o>, <https://schema.org/> .\n"
    )
    return tree


def test_every_local_command_stays_offline(run, networked_tree, canary, offline, tmp_path):
    url, hits = canary
    (tmp_path / "sources").mkdir()
    outcomes = {
        "stats": run("stats", data=networked_tree),
        "query": run("query", "people", data=networked_tree),
        "query rdflib": run("query", "people", "--engine", "rdflib", data=networked_tree),
        "validate": run("validate", data=networked_tree),
        "export jsonld": run("export", "-f", "jsonld", "-o", str(tmp_path / "g.jsonld"),
                             data=networked_tree),
        "evidence": run("evidence", "--sources", str(tmp_path / "sources"), data=networked_tree),
        "site": run("site", "-o", str(tmp_path / "site"), data=networked_tree),
    }
    codes = {name: result.exit_code for name, result in outcomes.items()}
    assert codes == {"stats": 0, "query": 0, "query rdflib": 0, "validate": 0,
                     "export jsonld": 0, "evidence": 1, "site": 0}, \
        {k: r.output for k, r in outcomes.items()}
    assert "captured file not found" in outcomes["evidence"].stdout
    assert isinstance(json.loads((tmp_path / "g.jsonld").read_text())["@context"], dict)
    assert f"{url}/ontology.ttl" in (tmp_path / "g.jsonld").read_text()
    assert offline == [] and hits == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_service_clause_is_refused_before_any_connection(run, canary, offline, tmp_path,
                                                           engine):
    url, hits = canary
    path = tmp_path / "service.rq"
    path.write_text(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}\n")
    result = run("query", str(path), "--engine", engine)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr)[0] == (
        f"diplograph: {path}:1:18: SERVICE would call another endpoint; local queries never "
        "touch the network"
    )
    assert offline == [] and hits == []


def test_from_a_remote_graph_is_not_fetched(run, canary, offline, tmp_path):
    url, hits = canary
    path = tmp_path / "from.rq"
    path.write_text(f"SELECT (COUNT(*) AS ?n) FROM <{url}/graph.ttl> WHERE {{ ?s ?p ?o }}\n")
    result = run("query", str(path), "-f", "csv")
    assert result.stdout_bytes == b"n\r\n0\r\n", result.output  # a graph the store lacks
    result = run("query", str(path), "--engine", "rdflib", "-f", "csv")
    assert result.exit_code == 0, result.output  # rdflib ignores FROM on a plain graph
    assert offline == [] and hits == []


def test_shapes_with_service_are_refused_before_any_connection(run, tree, canary, offline):
    url, hits = canary
    path = tree / "shapes" / "remote.ttl"
    path.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://w3id.org/diplograph/shapes#Remote> a sh:NodeShape ;\n"
        "    sh:targetNode <https://w3id.org/diplograph/id/person/xi-jinping> ;\n"
        f'    sh:sparql [ sh:select "SELECT $this WHERE {{ SERVICE <{url}/s> '
        '{ $this ?p ?o } }" ] .\n'
    )
    result = run("validate", data=tree)
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: {path}:4: shape https://w3id.org/diplograph/shapes#Remote: its SPARQL uses "
        "SERVICE, which would call another endpoint; validate never touches the network"
    ]
    assert offline == [] and hits == []


def test_json_ld_with_a_remote_context_is_not_read(run, tree, canary, offline):
    url, hits = canary
    path = tree / "graph" / "remote.jsonld"
    path.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "x:a", "name": "A"}))
    for command in (["stats"], ["export", "-f", "jsonld"], ["validate"]):
        result = run(*command, data=tree)
        assert result.exit_code == EXIT_BAD_INPUT
        assert one_or_two_lines(result.stderr)[0] == (
            f"diplograph: {path}: not read: data files are Turtle (*.ttl), not .jsonld"
        )
    assert offline == [] and hits == []


def test_the_blocker_and_the_canary_do_catch_a_connection(canary, offline):
    """The two nets above are not empty promises: a real attempt lands in both."""
    import urllib.request

    import pyoxigraph as ox

    url, hits = canary
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/x", timeout=2)
    assert offline and offline[0][0] in ("create_connection", "getaddrinfo", "connect")
    with pytest.raises(OSError):  # pyoxigraph's own HTTP client, below Python
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"))
    for _ in range(50):
        if hits:
            break
        threading.Event().wait(0.02)
    assert hits
