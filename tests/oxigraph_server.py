"""A real Oxigraph server for the tests, never a mock.

``start_server`` runs ``oxigraph serve`` on a free port of 127.0.0.1 with a
store in a temporary folder and waits (bounded) until it answers;
``stop_server`` stops it by its process id: terminate, then kill if it has
not gone after a few seconds. The fixtures ``oxigraph_server`` (one per test
session, shared by every test folder) and ``server`` (that server with an
empty store) are in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from diplograph.http import Endpoint

START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI next to this Python (its venv) or else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server CLI is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    def endpoint(self, **options) -> Endpoint:
        options.setdefault("update_url", self.update_url)
        options.setdefault("timeout", 10.0)
        return Endpoint.resolve(self.query_url, env={}, **options)

    def answers(self) -> bool:
        try:
            url = self.query_url + "?query=ASK%7B%7D"
            with urllib.request.urlopen(url, timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def clear(self) -> None:
        request = urllib.request.Request(
            self.update_url,
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(request, timeout=10):
            pass


def _start(location: Path) -> Server:
    port = free_port()
    log = open(location.parent / f"oxigraph-{port}.log", "wb")  # noqa: SIM115 - closed in stop_server
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    server = Server(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if server.answers():
            return server
        time.sleep(0.05)
    stop_server(process)
    text = Path(log.name).read_text(errors="replace")[-2000:]
    raise RuntimeError(
        f"oxigraph serve on port {port} did not answer within {START_TIMEOUT}s:\n{text}"
    )


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)
    process.log.close()


def start_server(folder: Path) -> Server:
    """A running server with an empty store in ``folder``; a few tries for a port race."""
    for attempt in range(3):
        try:
            return _start(folder / f"store-{attempt}")
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
