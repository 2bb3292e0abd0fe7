"""Talking to a remote SPARQL endpoint: where it is, who we are, and what to do when it fails.

Everything here is transport, not SPARQL: the endpoint's URLs, credentials
(taken only from the environment), the ``User-Agent``, the timeout, the retry
policy for 429 and 503 (honouring ``Retry-After``), and the one-line
``EndpointError`` every failure becomes. ``endpoint.py`` builds the SPARQL on
top of it. Credentials never appear in a message: URLs are shown without their
userinfo, and the secret values themselves are masked in anything we print.
"""

from __future__ import annotations

import ast
import email.utils
import http.client as http_client
import os
import random
import socket
import time
import urllib.error
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import EndpointError, InputError

ENV_ENDPOINT = "DIPLOGRAPH_ENDPOINT"
ENV_UPDATE_ENDPOINT = "DIPLOGRAPH_UPDATE_ENDPOINT"
ENV_USER = "DIPLOGRAPH_USER"
ENV_PASSWORD = "DIPLOGRAPH_PASSWORD"
ENV_TOKEN = "DIPLOGRAPH_TOKEN"

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3  # retries after the first attempt, for 429 and 503 only
DEFAULT_MAX_WAIT = 30.0  # longest we sleep between attempts, whatever Retry-After says
RETRY_STATUSES = frozenset({429, 503})
_BACKOFF_BASE = 0.5  # first wait when the server sends no Retry-After

T = TypeVar("T")


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
        if token:
            return cls(token=token)
        if user:
            return cls(user=user, password=password)
        return None

    def header(self) -> str:
        """The ``Authorization`` header value."""
        if self.token:
            return f"Bearer {self.token}"
        import base64

        pair = f"{self.user}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")

    def secrets(self) -> list[str]:
        return [s for s in (self.password, self.token) if s]


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

    @classmethod
    def resolve(
        cls,
        url: str | None = None,
        *,
        update_url: str | None = None,
        timeout: float | None = None,
        retries: int = DEFAULT_RETRIES,
        max_wait: float = DEFAULT_MAX_WAIT,
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
        if timeout is not None and not timeout > 0:
            raise InputError(f"--timeout must be more than 0 seconds, not {timeout}")
        return cls(
            url=url,
            update_url=update_url,
            timeout=DEFAULT_TIMEOUT if timeout is None else float(timeout),
            retries=retries,
            max_wait=max_wait,
            credentials=Credentials.from_env(env),
        )

    def headers(self) -> dict[str, str]:
        """Headers every request carries (besides what the protocol sets)."""
        h = {"User-Agent": user_agent()}
        if self.credentials:
            h["Authorization"] = self.credentials.header()
        return h

    def mask(self, text: str) -> str:
        """``text`` with credentials masked, safe to print."""
        for secret in self.credentials.secrets() if self.credentials else ():
            text = text.replace(secret, "***")
        return text

    def fail(self, url: str, what: str) -> EndpointError:
        """The one-line error for a failure talking to ``url``."""
        line = " ".join(f"endpoint {redact_url(url)}: {what}".split())
        return EndpointError(self.mask(line))


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


def _body(exc: BaseException, http: urllib.error.HTTPError) -> str:
    """The start of the error response's body, wherever it ended up.

    SPARQLWrapper reads the body of 400, 401, 404, 414 and 500 answers itself
    and keeps only its ``repr`` inside its exception's message.
    """
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    if isinstance(exc, SPARQLWrapperException):
        _, sep, shown = str(exc).partition("\n\nResponse:\n")
        try:
            raw = ast.literal_eval(shown) if sep else b""
        except (ValueError, SyntaxError):
            raw = b""
        return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    try:
        return http.read(2000).decode("utf-8", "replace")
    except (OSError, ValueError, http_client.HTTPException):
        return ""  # the body is a courtesy; the status is the message


def _reason(exc: BaseException, http: urllib.error.HTTPError) -> str:
    """``HTTP 400 Bad Request: <first line of the body>``."""
    text = f"HTTP {http.code}" + (f" {http.reason}" if http.reason else "")
    body = _body(exc, http)
    first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    if first:
        text += ": " + (first if len(first) <= 200 else first[:199] + "…")
    return text


def _http_error(exc: BaseException) -> urllib.error.HTTPError | None:
    """The HTTPError behind ``exc``, also when SPARQLWrapper re-raised it as its own."""
    while exc is not None:
        if isinstance(exc, urllib.error.HTTPError):
            return exc
        exc = exc.__context__
    return None


def call(
    endpoint: Endpoint,
    url: str,
    send: Callable[[], T],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run one request (``send``), retrying 429 and 503 with backoff; errors become EndpointError.

    Waits what ``Retry-After`` asks, else an exponential backoff with jitter,
    never longer than ``endpoint.max_wait`` at a time; at most
    ``endpoint.retries`` retries. Each attempt is bounded by the timeout
    ``send`` was built with.
    """
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    # What a request can fail with; anything else is a bug of ours and stays loud.
    transport_errors = (OSError, http_client.HTTPException, SPARQLWrapperException, ValueError)
    attempt = 0
    while True:
        try:
            return send()
        except transport_errors as exc:
            http = _http_error(exc)
            if http is not None and http.code in RETRY_STATUSES and attempt < endpoint.retries:
                wait = retry_after_seconds(
                    http.headers.get("Retry-After") if http.headers else None
                )
                if wait is None:
                    wait = _BACKOFF_BASE * 2**attempt * (1 + random.random() / 4)
                http.close()
                sleep(min(wait, endpoint.max_wait))
                attempt += 1
                continue
            raise _describe(endpoint, url, exc, http, attempt) from None


def _describe(
    endpoint: Endpoint,
    url: str,
    exc: BaseException,
    http: urllib.error.HTTPError | None,
    retried: int,
) -> EndpointError:
    if http is not None:
        what = _reason(exc, http)
        if retried:
            what += f" (gave up after {retried + 1} attempts)"
        return endpoint.fail(url, what)
    if isinstance(exc, TimeoutError | socket.timeout) or "timed out" in str(exc):
        return endpoint.fail(url, f"no answer within {endpoint.timeout:g}s (--timeout)")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return endpoint.fail(url, f"no answer within {endpoint.timeout:g}s (--timeout)")
        return endpoint.fail(url, f"cannot connect ({getattr(reason, 'strerror', None) or reason})")
    if isinstance(exc, OSError):
        return endpoint.fail(url, f"connection failed ({exc.strerror or exc})")
    if isinstance(exc, http_client.IncompleteRead):
        got, more = len(exc.partial), exc.expected
        told = f" ({got} bytes of {got + more})" if more is not None else ""
        return endpoint.fail(url, f"the answer was cut short{told}")
    return endpoint.fail(url, f"unexpected answer ({type(exc).__name__}: {exc})")
