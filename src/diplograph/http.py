"""Talking to a remote SPARQL endpoint: where it is, who we are, and what to do when it fails.

Everything here is transport, not SPARQL: the endpoint's URLs, credentials
(taken only from the environment), the ``User-Agent``, the deadline, the size
cap, redirects, the retry policy for 429 and 503 (honouring ``Retry-After``),
and the one-line ``EndpointError`` every failure becomes. ``endpoint.py``
builds the SPARQL protocol requests on top of ``fetch``.

What is guaranteed:

- **Credentials go only where they were given for**: the origins (scheme,
  host, port) of the query and update URLs. A redirect to any other origin is
  followed without the ``Authorization`` header.
- **No message shows a secret**: URLs are shown without their userinfo, and the
  password and token are masked in every form a server or library might echo
  (raw, ``repr``/JSON-escaped, percent-encoded, and the base64 of
  ``user:password`` or of the whole header). Credentials holding a control
  character (CR, LF, …) or a character outside Latin-1 are refused at
  start-up, without being echoed.
- **``--timeout`` is a deadline for the whole request** (connecting, sending,
  every byte of the answer, retries and their waits), however slowly a server
  trickles its answer: a watchdog shuts the socket down when it passes.
- **Answers are capped** (``max_answer`` bytes, ``DEFAULT_MAX_ANSWER``): a
  longer one is refused as soon as it is seen to be longer, never read into
  memory whole.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import http.client as http_client
import json
import os
import random
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .errors import EndpointError, InputError

ENV_ENDPOINT = "DIPLOGRAPH_ENDPOINT"
ENV_UPDATE_ENDPOINT = "DIPLOGRAPH_UPDATE_ENDPOINT"
ENV_USER = "DIPLOGRAPH_USER"
ENV_PASSWORD = "DIPLOGRAPH_PASSWORD"
ENV_TOKEN = "DIPLOGRAPH_TOKEN"

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ANSWER = 256 * 2**20  # bytes of one answer; see Endpoint.max_answer
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_RETRIES = 3  # retries after the first attempt, for 429 and 503 only
DEFAULT_MAX_WAIT = 30.0  # longest we sleep between attempts, whatever Retry-After says
RETRY_STATUSES = frozenset({429, 503})
_BACKOFF_BASE = 0.5  # first wait when the server sends no Retry-After
_CHUNK = 64 * 1024
_ERROR_BODY = 2000  # bytes of an error answer's body read for its message


def user_agent() -> str:
    """``diplograph/<version>``: the installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"diplograph/{version('diplograph')}"
    except PackageNotFoundError:  # a source checkout that was never installed
        return "diplograph/0+unknown"


def redact_url(url: str) -> str:
    """The URL without any ``user:password@`` part, for messages."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def _check_secret(name: str, value: str) -> None:
    """InputError if ``value`` cannot go in an HTTP header as it is; never echoes it."""
    if any(ord(c) < 0x20 or c == "\x7f" for c in value):
        raise InputError(f"{name} holds a line break or another control character; "
                         "it is not sent anywhere (its value is not shown)")
    if any(ord(c) > 0xFF for c in value):
        raise InputError(f"{name} holds a character outside Latin-1, which an HTTP header "
                         "cannot carry; it is not sent anywhere (its value is not shown)")


@dataclass(frozen=True)
class Credentials:
    """Basic (user and password) or bearer (token) credentials, from the environment."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Credentials | None:
        env = os.environ if env is None else env
        user, password, token = (env.get(k) or None for k in (ENV_USER, ENV_PASSWORD, ENV_TOKEN))
        if token and (user or password):
            raise InputError(f"set either {ENV_TOKEN} or {ENV_USER}/{ENV_PASSWORD}, not both")
        if bool(user) != bool(password):
            raise InputError(f"{ENV_USER} and {ENV_PASSWORD} go together: set both or neither")
        for name, value in ((ENV_USER, user), (ENV_PASSWORD, password), (ENV_TOKEN, token)):
            if value:
                _check_secret(name, value)
        if user and ":" in user:
            raise InputError(f"{ENV_USER} holds a colon, which HTTP basic authentication "
                             "cannot carry in a user name")
        if token:
            return cls(token=token)
        if user:
            return cls(user=user, password=password)
        return None

    def header(self) -> str:
        """The ``Authorization`` header value."""
        if self.token:
            return f"Bearer {self.token}"
        return "Basic " + self._basic()

    def _basic(self) -> str:
        return base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")

    def secrets(self) -> list[str]:
        """Every form of the secrets a message might carry, longest first."""
        raw = [s for s in (self.password, self.token) if s]
        forms = set(raw)
        for secret in raw:
            forms |= {repr(secret)[1:-1], json.dumps(secret)[1:-1],
                      urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret),
                      base64.b64encode(secret.encode()).decode("ascii")}
        if self.password:
            # The base64 of user:password, also as it sits inside longer base64 text.
            basic = self._basic()
            forms.add(basic)
            forms.add(basic.rstrip("="))
        forms.add(self.header())
        return sorted((f for f in forms if f), key=len, reverse=True)

    def mask(self, text: str) -> str:
        for secret in self.secrets():
            text = text.replace(secret, "***")
        return text


def mask_environment_secrets(text: str, env: Mapping[str, str] | None = None) -> str:
    """``text`` with the secrets set in the environment masked, whatever their form.

    The last line of defence, used on every message the command line prints:
    it works even when the credentials were refused or never parsed.
    """
    env = os.environ if env is None else env
    user, password, token = (env.get(k) or None for k in (ENV_USER, ENV_PASSWORD, ENV_TOKEN))
    for credentials in (Credentials(token=token), Credentials(user=user or "", password=password)):
        if credentials.token or credentials.password:
            text = credentials.mask(text)
    return text


def _check_url(url: str, what: str) -> str:
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as e:
        raise InputError(f"{what} {redact_url(url)!r} is not a URL ({e})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{what} {redact_url(url)!r} is not an http(s) URL")
    if "@" in parts.netloc:
        raise InputError(
            f"{what} {redact_url(url)} carries credentials in the URL; "
            f"set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN} in the environment instead"
        )
    return url


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 service: its query URL, its update URL, and how to talk to it."""

    url: str
    update_url: str
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    max_wait: float = DEFAULT_MAX_WAIT
    credentials: Credentials | None = None
    max_answer: int = DEFAULT_MAX_ANSWER  # bytes

    @classmethod
    def resolve(
        cls,
        url: str | None = None,
        *,
        update_url: str | None = None,
        timeout: float | None = None,
        retries: int = DEFAULT_RETRIES,
        max_wait: float = DEFAULT_MAX_WAIT,
        max_answer: int | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Endpoint:
        """The endpoint named on the command line, or else by ``DIPLOGRAPH_ENDPOINT``.

        Credentials come from ``DIPLOGRAPH_USER``/``DIPLOGRAPH_PASSWORD`` or
        ``DIPLOGRAPH_TOKEN`` only; a URL with ``user:password@`` is refused.
        """
        env = os.environ if env is None else env
        url = url or env.get(ENV_ENDPOINT)
        if not url:
            raise InputError(f"no endpoint: pass --endpoint URL or set {ENV_ENDPOINT}")
        url = _check_url(url, "endpoint")
        update_url = update_url or env.get(ENV_UPDATE_ENDPOINT)
        update_url = _check_url(update_url, "update endpoint") if update_url else url
        if timeout is not None:
            check_timeout(timeout)
        if max_answer is not None and not max_answer > 0:
            raise InputError(f"the answer size cap must be more than 0 bytes, not {max_answer}")
        return cls(
            url=url,
            update_url=update_url,
            timeout=DEFAULT_TIMEOUT if timeout is None else float(timeout),
            retries=retries,
            max_wait=max_wait,
            credentials=Credentials.from_env(env),
            max_answer=DEFAULT_MAX_ANSWER if max_answer is None else int(max_answer),
        )

    def headers(self, url: str) -> dict[str, str]:
        """Headers a request to ``url`` carries (besides what the protocol sets).

        ``Authorization`` only when ``url`` is on an origin the credentials
        were given for: that of the query URL or of the update URL.
        """
        h = {"User-Agent": user_agent()}
        if self.credentials and _origin(url) in {_origin(self.url), _origin(self.update_url)}:
            h["Authorization"] = self.credentials.header()
        return h

    def mask(self, text: str) -> str:
        """``text`` with credentials masked, safe to print."""
        return self.credentials.mask(text) if self.credentials else text

    def fail(self, url: str, what: str) -> EndpointError:
        """The one-line error for a failure talking to ``url``."""
        line = " ".join(f"endpoint {redact_url(url)}: {what}".split())
        return EndpointError(self.mask(line))


def check_timeout(seconds: float) -> float:
    """``seconds`` if it is a usable ``--timeout``: a finite number more than 0 (InputError)."""
    import math

    if not (isinstance(seconds, int | float) and math.isfinite(seconds) and seconds > 0):
        raise InputError(f"--timeout must be a number of seconds more than 0, not {seconds}")
    if seconds > 7 * 24 * 3600:  # also keeps socket and thread timeouts in range
        raise InputError(f"--timeout must be at most a week (604800 seconds), not {seconds:g}")
    return float(seconds)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP-date.

    ``None`` when the header is absent or unreadable; never negative.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:  # HTTP-dates are always GMT
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)




# ----------------------------------------------------------------- requests


@dataclass(frozen=True)
class Request:
    """One HTTP request: a GET, or a POST of ``body`` as ``content_type``."""

    url: str
    accept: str = "*/*"
    body: bytes | None = None
    content_type: str | None = None
    shown: str | None = None  # the URL messages name (the endpoint's, without the query)
    verb: str | None = None  # another method with the body: PUT (Graph Store Protocol)

    @property
    def method(self) -> str:
        if self.verb:
            return self.verb
        return "GET" if self.body is None else "POST"


class _Failed(Exception):
    """An HTTP error status, with what the retry policy and the message need."""

    def __init__(self, url: str, status: int, reason: str, headers, body: bytes, note: str = ""):
        super().__init__(status)
        self.url, self.status, self.reason, self.headers = url, status, reason, headers
        self.body, self.note = body, note


class _TooLarge(Exception):
    pass


class _Refused(Exception):
    """A redirect we will not follow; the text says why."""


def fetch(
    endpoint: Endpoint, request: Request, *, sleep: Callable[[float], None] = time.sleep
) -> tuple[bytes, str]:
    """Send ``request``; the body and media type of its 2xx answer, or EndpointError.

    429 and 503 are retried, waiting what ``Retry-After`` asks (else an
    exponential backoff with jitter), never longer than ``endpoint.max_wait``
    at a time, at most ``endpoint.retries`` times. All of it, waits included,
    must end within ``endpoint.timeout`` seconds of the start.
    """
    deadline = time.monotonic() + endpoint.timeout
    attempt = 0
    shown = request.shown or request.url
    while True:
        try:
            return _attempt(endpoint, request, deadline)
        except _Failed as failed:
            if failed.status in RETRY_STATUSES and attempt < endpoint.retries:
                wait = retry_after_seconds(failed.headers.get("Retry-After"))
                if wait is None:
                    wait = _BACKOFF_BASE * 2**attempt * (1 + random.random() / 4)
                wait = min(wait, endpoint.max_wait)
                if time.monotonic() + wait < deadline:
                    sleep(wait)
                    attempt += 1
                    continue
                failed.note = "; retrying would pass the --timeout deadline"
            raise _status_error(endpoint, failed, attempt) from None
        except TimeoutError:
            raise endpoint.fail(
                shown, f"no answer within {endpoint.timeout:g}s (--timeout)"
            ) from None
        except _TooLarge as exc:
            raise endpoint.fail(shown, str(exc)) from None
        except _Refused as exc:
            raise endpoint.fail(shown, str(exc)) from None
        except http_client.IncompleteRead as exc:
            got, more = len(exc.partial), exc.expected
            told = f" ({got} bytes of {got + more})" if more is not None else ""
            raise endpoint.fail(shown, f"the answer was cut short{told}") from None
        except (OSError, http_client.HTTPException, ValueError) as exc:
            raise endpoint.fail(shown, _connection_problem(exc)) from None


def _connection_problem(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError | socket.gaierror):
        return f"cannot connect ({exc.strerror or exc})"
    if isinstance(exc, http_client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    if isinstance(exc, OSError):
        return f"connection failed ({exc.strerror or exc})"
    return f"unexpected answer ({type(exc).__name__}: {exc})"


def _status_error(endpoint: Endpoint, failed: _Failed, retried: int) -> EndpointError:
    """``HTTP 400 Bad Request: <first line of the body>``, the attempts, and any note."""
    what = f"HTTP {failed.status}" + (f" {failed.reason}" if failed.reason else "")
    text = failed.body.decode("utf-8", "replace")
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if first:
        what += ": " + (first if len(first) <= 200 else first[:199] + "…")
    if retried:
        what += f" (gave up after {retried + 1} attempts{failed.note})"
    elif failed.note:
        what += f" ({failed.note.lstrip('; ')})"
    return endpoint.fail(failed.url, what)


def _attempt(endpoint: Endpoint, request: Request, deadline: float) -> tuple[bytes, str]:
    """One attempt, following redirects; credentials only to their own origins."""
    url, body, method = request.url, request.body, request.method
    shown = request.shown or url
    stripped = ""
    for _ in range(MAX_REDIRECTS + 1):
        headers = {**endpoint.headers(url), "Accept": request.accept}
        if body is not None:
            headers["Content-Type"] = request.content_type or "application/octet-stream"
        if endpoint.credentials and "Authorization" not in headers:
            stripped = f"; credentials were not sent to {redact_url(shown)}, another origin"
        status, reason, answer_headers, read = _exchange(
            method, url, body, headers, deadline, endpoint.max_answer
        )
        if status in REDIRECT_STATUSES:
            location = answer_headers.get("Location")
            if not location:
                raise _Failed(shown, status, reason, answer_headers, b"", "; no Location given")
            target = urllib.parse.urljoin(url, location.strip())
            if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                raise _Refused(f"HTTP {status} redirect to {redact_url(target)}, not http(s)")
            if method != "GET" and status not in (307, 308):
                # Following would turn the POSTed (or PUT) body into a bodiless GET.
                raise _Refused(
                    f"HTTP {status} redirect to {redact_url(target)}, which a POSTed request "
                    "cannot follow; use that URL"
                )
            url = target
            shown = urllib.parse.urlunsplit(urllib.parse.urlsplit(target)._replace(query=""))
            continue
        if status >= 400:
            raise _Failed(shown, status, reason, answer_headers, read(_ERROR_BODY), stripped)
        if not 200 <= status < 300:
            raise _Failed(shown, status, reason, answer_headers, b"", "; not a 2xx answer")
        media = answer_headers.get("Content-Type", "").split(";")[0].strip().lower()
        return read(None), media
    raise _Refused(f"more than {MAX_REDIRECTS} redirects")


def _exchange(method, url, body, headers, deadline, cap):
    """Send one request and read the status and headers; ``read(limit)`` gets the body.

    The connection is closed once the body has been read. A watchdog shuts
    the socket down at ``deadline``, so no server, however slowly it sends,
    holds the client beyond it; the socket timeout alone bounds each read,
    not the whole.
    """
    parts = urllib.parse.urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    kind = http_client.HTTPSConnection if parts.scheme == "https" else http_client.HTTPConnection
    conn = kind(parts.hostname, parts.port, timeout=remaining)
    conn.connect()  # bounded by the socket timeout; the watchdog needs the socket
    sock = conn.sock  # kept: http.client forgets it once the answer says it will close
    expired = threading.Event()

    def expire():
        expired.set()
        with contextlib.suppress(OSError):  # already closed: nothing to stop
            sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
    watchdog.daemon = True
    watchdog.start()
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
    except BaseException as exc:
        watchdog.cancel()
        conn.close()
        if expired.is_set() and isinstance(exc, OSError | http_client.HTTPException):
            raise TimeoutError from None
        raise

    def read(limit: int | None) -> bytes:
        try:
            data = _read_body(response, limit, cap)
        except (OSError, http_client.HTTPException) as exc:
            if expired.is_set():
                raise TimeoutError from None
            raise exc
        finally:
            watchdog.cancel()
            response.close()
            conn.close()
        if expired.is_set():  # an answer without a length reads as ended when shut down
            raise TimeoutError
        return data

    if response.status in REDIRECT_STATUSES:
        read(_ERROR_BODY)  # drain a little, then close: the next hop is a new connection
    return response.status, response.reason, response.headers, read


def _read_body(response, limit: int | None, cap: int) -> bytes:
    """The body, or its first ``limit`` bytes; _TooLarge past ``cap`` (when no limit)."""
    if limit is not None:
        return response.read(limit)
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > cap:
        raise _TooLarge(f"the answer is {int(declared)} bytes, more than the cap of "
                        f"{_size(cap)} (--max-answer)")
    chunks, size = [], 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > cap:
            raise _TooLarge(f"the answer is larger than the cap of {_size(cap)} (--max-answer)")
        chunks.append(chunk)
    if response.length:  # Content-Length promised more than came
        raise http_client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count % 2**20 == 0 else f"{count} bytes"
