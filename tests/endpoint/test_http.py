"""Transport: retries for 429/503 with Retry-After, timeouts, credentials, one-line errors.

Oxigraph never answers 429 or 503, so these faults come from a small scripted
http.server on 127.0.0.1 that answers like a SPARQL endpoint.
"""

import contextlib
import email.utils
import http.server
import json
import threading
import time

import pytest

from diplograph import endpoint as ep
from diplograph.errors import EndpointError, InputError
from diplograph.http import Credentials, Endpoint, redact_url, retry_after_seconds, user_agent

ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()


class Scripted(http.server.ThreadingHTTPServer):
    """Answers each request with the next (status, headers, body, delay) of its script."""

    def __init__(self, script):
        super().__init__(("127.0.0.1", 0), Handler)
        self.script = list(script)
        self.seen = []  # (time, headers) of every request

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((time.monotonic(), dict(self.headers)))
        status, headers, body, delay = self.server.script.pop(0)
        time.sleep(delay)
        self.send_response(status)
        headers = {"Content-Type": "application/sparql-results+json",
                   "Content-Length": str(len(body)), **headers}  # a longer length: cut short
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # unless the client gave up first (the timeout test)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    servers = []

    def start(*script):
        server = Scripted(script)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def ok():
    return (200, {}, ASK_TRUE, 0)


def test_retry_after_seconds_and_http_date():
    now = time.time()
    assert retry_after_seconds("7") == 7.0
    later = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= retry_after_seconds(later, now=now) <= 31
    assert retry_after_seconds(email.utils.formatdate(now - 60, usegmt=True), now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_429_and_503_are_retried_honouring_retry_after(scripted):
    server = scripted((429, {"Retry-After": "1"}, b"slow down", 0), (503, {}, b"", 0), ok())
    endpoint = Endpoint.resolve(server.url, env={}, timeout=5)
    assert ep.ask(endpoint, "ASK {}") is True
    times = [t for t, _ in server.seen]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.9  # waited what Retry-After said
    assert times[2] - times[1] >= 0.4  # no Retry-After: backoff


def test_retry_after_as_an_http_date(scripted):
    server = scripted(
        (503, {"Retry-After": email.utils.formatdate(time.time() + 2, usegmt=True)}, b"", 0), ok()
    )
    assert ep.ask(Endpoint.resolve(server.url, env={}, timeout=5), "ASK {}") is True
    (first, _), (second, _) = server.seen
    assert second - first >= 0.9  # the date is 2 s ahead, to the whole second


def test_retry_after_is_capped(scripted):
    server = scripted((503, {"Retry-After": "3600"}, b"", 0), ok())
    endpoint = Endpoint.resolve(server.url, env={}, timeout=5, max_wait=0.3)
    started = time.monotonic()
    assert ep.ask(endpoint, "ASK {}") is True
    assert time.monotonic() - started < 5


def test_retries_are_bounded_and_the_error_is_one_line(scripted):
    server = scripted(*[(503, {"Retry-After": "0"}, b"busy\nsecond line", 0)] * 3)
    endpoint = Endpoint.resolve(server.url, env={}, timeout=5, retries=2)
    with pytest.raises(EndpointError) as caught:
        ep.ask(endpoint, "ASK {}")
    assert len(server.seen) == 3
    assert caught.value.exit_code == 3
    assert caught.value.message == (
        f"endpoint {server.url}: HTTP 503 Service Unavailable: busy (gave up after 3 attempts)"
    )


def test_other_errors_are_not_retried(scripted):
    server = scripted((500, {}, b"boom", 0), ok())
    with pytest.raises(EndpointError, match=r"HTTP 500 .*: boom$"):
        ep.ask(Endpoint.resolve(server.url, env={}), "ASK {}")
    assert len(server.seen) == 1


def test_timeout_bounds_the_request(scripted):
    server = scripted((200, {}, ASK_TRUE, 3))
    endpoint = Endpoint.resolve(server.url, env={}, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"no answer within 0.5s"):
        ep.ask(endpoint, "ASK {}")
    assert time.monotonic() - started < 2.5


def test_unreachable_endpoint():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(
        EndpointError, match=rf"^endpoint http://127.0.0.1:{port}/q: cannot connect"
    ):
        ep.ask(Endpoint.resolve(f"http://127.0.0.1:{port}/q", env={}, timeout=2), "ASK {}")


def test_user_agent_and_basic_auth_from_the_environment(scripted):
    server = scripted(ok())
    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "s3cret"}
    ep.ask(Endpoint.resolve(server.url, env=env), "ASK {}")
    headers = server.seen[0][1]
    assert headers["User-Agent"] == user_agent()
    assert user_agent().startswith("diplograph/")
    assert headers["Authorization"] == "Basic YW5uOnMzY3JldA=="


def test_bearer_token_from_the_environment(scripted):
    server = scripted(ok())
    ep.ask(Endpoint.resolve(server.url, env={"DIPLOGRAPH_TOKEN": "t0ken"}), "ASK {}")
    assert server.seen[0][1]["Authorization"] == "Bearer t0ken"


def test_secrets_never_appear_in_errors(scripted):
    server = scripted((401, {}, b"bad password s3cret for ann", 0))
    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "s3cret"}
    with pytest.raises(EndpointError) as caught:
        ep.ask(Endpoint.resolve(server.url, env=env), "ASK {}")
    assert "s3cret" not in caught.value.message
    assert "HTTP 401" in caught.value.message


def test_credentials_in_the_url_are_refused_and_not_echoed():
    with pytest.raises(InputError) as caught:
        Endpoint.resolve("http://ann:s3cret@127.0.0.1:1/sparql", env={})
    assert "s3cret" not in caught.value.message and "ann" not in caught.value.message
    assert "127.0.0.1:1/sparql" in caught.value.message
    assert redact_url("https://u:p@host:1/x?y") == "https://host:1/x?y"


def test_endpoint_from_the_environment():
    endpoint = Endpoint.resolve(None, env={"DIPLOGRAPH_ENDPOINT": "http://127.0.0.1:1/q"})
    assert (endpoint.url, endpoint.update_url) == ("http://127.0.0.1:1/q", "http://127.0.0.1:1/q")
    with pytest.raises(InputError, match="DIPLOGRAPH_ENDPOINT"):
        Endpoint.resolve(None, env={})


@pytest.mark.parametrize(
    "env",
    [
        {"DIPLOGRAPH_USER": "ann"},
        {"DIPLOGRAPH_PASSWORD": "x"},
        {"DIPLOGRAPH_TOKEN": "t", "DIPLOGRAPH_USER": "a", "DIPLOGRAPH_PASSWORD": "b"},
    ],
)
def test_half_or_double_credentials_are_refused(env):
    with pytest.raises(InputError):
        Credentials.from_env(env)


def test_credentials_repr_hides_the_secrets():
    assert "s3cret" not in repr(Credentials(user="ann", password="s3cret"))
