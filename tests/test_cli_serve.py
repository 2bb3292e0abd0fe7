"""``diplograph serve``: refuses what is not a built site or a port it cannot take.

Serving itself (negotiation, SPARQL, SIGTERM) runs as a real process in
tests/site/test_serve.py.
"""

import socket


def test_a_folder_that_is_not_a_site(run, tmp_path):
    result = run("serve", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"diplograph: {tmp_path} is not a built site (no index.html and index.ttl)",
        "  build one first: diplograph site -o DIR",
    ]


def test_a_port_in_use(run, tmp_path):
    assert run("site", "-o", str(tmp_path / "out")).exit_code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", str(tmp_path / "out"), "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"diplograph: cannot listen on 127.0.0.1:{port}: ")


def test_a_bad_port(run, tmp_path):
    result = run("serve", str(tmp_path), "--port", "70000")
    assert result.exit_code == 2
    assert "70000" in result.stderr
