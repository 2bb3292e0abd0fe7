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
    """Plays one script entry. A ``body`` that is a function writes the answer
    itself (``body(wfile)``): after the headers, or, with ``status`` None,
    the status line and headers too (slowly, endlessly, …)."""

    def do_GET(self):
        self.server.seen.append((time.monotonic(), dict(self.headers)))
        status, headers, body, delay = self.server.script.pop(0)
        time.sleep(delay)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            # (unless the client gave up first: the timeout and size tests)
            if status is None:
                body(self.wfile)
                return
            self.send_response(status)
            length = {} if callable(body) else {"Content-Length": str(len(body))}
            headers = {"Content-Type": "application/sparql-results+json",
                       **length, **headers}  # a longer length: cut short
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if callable(body):
                body(self.wfile)
            else:
                self.wfile.write(body)

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


# ------------------------------------------------------------ credentials and redirects

BASIC = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "s3cret"}
TOKEN = {"DIPLOGRAPH_TOKEN": "t0ken"}


def redirect(status, url):
    return (status, {"Location": url, "Content-Type": "text/plain"}, b"moved", 0)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("env", [BASIC, TOKEN], ids=["basic", "token"])
def test_credentials_never_follow_a_redirect_to_another_port(scripted, status, env):
    elsewhere = scripted(ok())
    endpoint_server = scripted(redirect(status, elsewhere.url))
    assert ep.ask(Endpoint.resolve(endpoint_server.url, env=env, timeout=5), "ASK {}") is True
    ((_, sent),) = endpoint_server.seen
    ((_, followed),) = elsewhere.seen
    assert sent["Authorization"].split()[0] in ("Basic", "Bearer")
    assert "Authorization" not in followed  # the redirect was followed, the secret was not


def test_a_redirect_on_the_same_origin_keeps_the_credentials(scripted):
    server = scripted(ok())
    server.script.insert(0, redirect(307, server.url + "?moved"))
    ep.ask(Endpoint.resolve(server.url, env=TOKEN, timeout=5), "ASK {}")
    assert [h["Authorization"] for _, h in server.seen] == ["Bearer t0ken"] * 2


def test_a_401_after_a_redirect_says_the_credentials_stayed_behind(scripted):
    elsewhere = scripted((401, {"Content-Type": "text/plain"}, b"who are you", 0))
    server = scripted(redirect(302, elsewhere.url))
    with pytest.raises(EndpointError) as caught:
        ep.ask(Endpoint.resolve(server.url, env=BASIC, timeout=5), "ASK {}")
    assert caught.value.message == (
        f"endpoint {elsewhere.url}: HTTP 401 Unauthorized: who are you "
        f"(credentials were not sent to {elsewhere.url}, another origin)"
    )
    assert "Authorization" not in elsewhere.seen[0][1]


def test_an_update_is_not_turned_into_a_get_by_a_302(scripted):
    elsewhere = scripted(ok())
    server = scripted(redirect(302, elsewhere.url))
    with pytest.raises(EndpointError, match=r"HTTP 302 redirect to .* which a POSTed request"):
        ep.update(Endpoint.resolve(server.url, env=BASIC, timeout=5), "CLEAR DEFAULT")
    assert elsewhere.seen == []


def test_endless_redirects_stop(scripted):
    server = scripted(*[redirect(302, "/sparql")] * 10)
    with pytest.raises(EndpointError, match=r"more than 5 redirects"):
        ep.ask(Endpoint.resolve(server.url, env={}, timeout=5), "ASK {}")
    assert len(server.seen) == 6


# ------------------------------------------------------------ secrets in messages

ODD_PASSWORD = 'p@ss w/rd\\"\'é%'  # every form differs: repr, JSON, percent, base64


def every_form(user, password):
    import base64
    import urllib.parse

    pair = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {
        "raw": password, "repr": repr(password)[1:-1], "json": json.dumps(password)[1:-1],
        "percent": urllib.parse.quote(password, safe=""), "plus": urllib.parse.quote_plus(password),
        "base64 pair": pair, "base64 pair unpadded": pair.rstrip("="),
        "base64": base64.b64encode(password.encode()).decode(),
    }


def test_a_400_echoing_the_request_shows_no_form_of_the_secret(scripted):
    forms = every_form("ann", ODD_PASSWORD)
    echoed = " | ".join(f"{name}={form}" for name, form in forms.items())
    server = scripted((400, {"Content-Type": "text/plain"}, f"bad: {echoed}".encode(), 0))
    env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": ODD_PASSWORD}
    with pytest.raises(EndpointError) as caught:
        ep.ask(Endpoint.resolve(server.url, env=env, timeout=5), "ASK {}")
    message = caught.value.message
    assert message.startswith(f"endpoint {server.url}: HTTP 400 Bad Request: bad: raw=***")
    for name, form in forms.items():
        assert form not in message, name
    assert "s3cret" not in message


@pytest.mark.parametrize("name", ["DIPLOGRAPH_TOKEN", "DIPLOGRAPH_PASSWORD", "DIPLOGRAPH_USER"])
@pytest.mark.parametrize("value", ["abc\ndefsecret", "abc\rdefsecret", "abc\x00defsecret",
                                   "abc\u20acdefsecret"], ids=["LF", "CR", "NUL", "euro"])
def test_credentials_that_cannot_go_in_a_header_are_refused_unechoed(name, value):
    env = {name: value}
    if name != "DIPLOGRAPH_TOKEN":
        env = {"DIPLOGRAPH_USER": "ann", "DIPLOGRAPH_PASSWORD": "pw", name: value}
    with pytest.raises(InputError) as caught:
        Credentials.from_env(env)
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith(f"{name} holds ")
    assert "abc" not in caught.value.message and "defsecret" not in caught.value.message


# ------------------------------------------------------------ deadline and size cap


def trickle(wfile):
    """A valid-looking answer, one byte every 0.5 s, for as long as anyone listens."""
    for byte in ASK_TRUE * 100:
        wfile.write(bytes([byte]))
        wfile.flush()
        time.sleep(0.5)


def trickled_headers(wfile):
    for byte in b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n" * 50:
        wfile.write(bytes([byte]))
        wfile.flush()
        time.sleep(0.5)


@pytest.mark.parametrize("status, body", [(200, trickle), (None, trickled_headers)],
                         ids=["body", "headers"])
def test_timeout_is_a_deadline_for_the_whole_request(scripted, status, body):
    server = scripted((status, {}, body, 0))
    endpoint = Endpoint.resolve(server.url, env={}, timeout=1.5)
    started = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        ep.ask(endpoint, "ASK {}")
    assert time.monotonic() - started < 3.0  # a per-read timeout would never fire
    assert caught.value.message == f"endpoint {server.url}: no answer within 1.5s (--timeout)"


def test_retries_stop_at_the_deadline(scripted):
    server = scripted(*[(503, {"Retry-After": "1"}, b"busy", 0)] * 4)
    endpoint = Endpoint.resolve(server.url, env={}, timeout=1.5, retries=3)
    started = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        ep.ask(endpoint, "ASK {}")
    assert time.monotonic() - started < 1.5
    assert len(server.seen) == 2
    assert caught.value.message == (
        f"endpoint {server.url}: HTTP 503 Service Unavailable: busy (gave up after 2 attempts; "
        "retrying would pass the --timeout deadline)"
    )


def endless(wfile):
    chunk = b" " * 65536
    while True:
        wfile.write(chunk)


def test_an_endless_answer_stops_at_the_size_cap(scripted):
    server = scripted((200, {}, endless, 0))
    endpoint = Endpoint.resolve(server.url, env={}, timeout=20, max_answer=2**20)
    with pytest.raises(EndpointError) as caught:
        ep.ask(endpoint, "ASK {}")
    assert caught.value.message == (
        f"endpoint {server.url}: the answer is larger than the cap of 1 MiB (--max-answer)"
    )


def test_a_declared_length_over_the_cap_is_refused_before_reading(scripted):
    server = scripted((200, {"Content-Length": str(10 * 2**30)}, endless, 0))
    endpoint = Endpoint.resolve(server.url, env={}, timeout=20)
    assert endpoint.max_answer == 256 * 2**20  # the documented default
    with pytest.raises(EndpointError) as caught:
        ep.ask(endpoint, "ASK {}")
    assert caught.value.message == (
        f"endpoint {server.url}: the answer is 10737418240 bytes, more than the cap of 256 MiB "
        "(--max-answer)"
    )


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1.0, 0.0, 1e12])
def test_unusable_timeouts_are_bad_input(timeout):
    with pytest.raises(InputError, match=r"^--timeout must be"):
        Endpoint.resolve("http://127.0.0.1:1/q", env={}, timeout=timeout)
