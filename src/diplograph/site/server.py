"""``diplograph serve``: a built site on 127.0.0.1, with content negotiation and SPARQL.

Read-only: GET and HEAD for files, GET and POST for ``/sparql`` queries (the
SPARQL 1.1 Protocol); no update operation exists. The endpoint runs on an
in-memory pyoxigraph store of the site's own dump (``index.ttl``, the whole
data graph as it was built), so what it answers is what the pages show, and
one process holds everything: Ctrl-C or SIGTERM closes the socket and ends it.
"""

import contextlib
import mimetypes
import signal
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from diplograph.errors import InputError

TYPES = {".html": "text/html; charset=utf-8", ".ttl": "text/turtle; charset=utf-8",
         ".jsonld": "application/ld+json", ".svg": "image/svg+xml",
         ".css": "text/css; charset=utf-8"}
# Media type asked for -> file suffix, for extensionless resource paths.
NEGOTIATED = {"text/html": ".html", "application/xhtml+xml": ".html", "text/turtle": ".ttl",
              "application/x-turtle": ".ttl", "application/ld+json": ".jsonld",
              "application/json": ".jsonld"}
MAX_QUERY_BYTES = 1024 * 1024


def negotiate(accept: str | None) -> str:
    """The suffix of the best representation for an Accept header (HTML when unsure)."""
    best, best_q = ".html", 0.0
    for position, item in enumerate((accept or "").split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        suffix = NEGOTIATED.get(media.lower())
        if suffix and q > best_q:
            best, best_q = suffix, q - position * 1e-6
    return best


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, host: str, port: int):
        self.folder = folder.resolve()
        self._store = None
        self._store_lock = threading.Lock()
        super().__init__((host, port), SiteHandler)

    @property
    def store(self):
        with self._store_lock:
            if self._store is None:
                from diplograph import rdfio

                self._store = rdfio.load_store([self.folder / "index.ttl"])
            return self._store

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


class SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "diplograph"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # ---------------------------------------------------------------- files

    def do_HEAD(self):
        self._file(head=True)

    def do_GET(self):
        if urlsplit(self.path).path == "/sparql":
            self._sparql(parse_qs(urlsplit(self.path).query).get("query", [None])[0])
        else:
            self._file(head=False)

    def do_POST(self):
        if urlsplit(self.path).path != "/sparql":
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "read-only: POST only to /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "Content-Length is not a number")
            return
        if not 0 <= length <= MAX_QUERY_BYTES:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too large")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            self._sparql(body)
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs(body)
            if "update" in form:
                self._error(HTTPStatus.FORBIDDEN, "read-only: this endpoint takes no updates")
                return
            self._sparql(form.get("query", [None])[0])
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query or a form with query=")

    def do_PUT(self):
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "read-only")

    do_DELETE = do_PATCH = do_PUT

    def _resolve(self) -> tuple[Path | None, bool]:
        """The file a path names (negotiated when it has no suffix), and whether it varied."""
        path = unquote(urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            return None, False
        base = self.server.folder.joinpath(*parts) if parts else self.server.folder
        if base.is_dir():
            base = base / "index"
        elif base.is_file():
            return base, False
        if base.suffix in TYPES:
            return None, False
        candidate = base.with_name(base.name + negotiate(self.headers.get("Accept")))
        return (candidate, True) if candidate.is_file() else (None, False)

    def _file(self, head: bool) -> None:
        found, varied = self._resolve()
        if found is None:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        data = found.read_bytes()
        self.send_response(HTTPStatus.OK)
        media = TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] \
            or "application/octet-stream"
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        if varied:
            self.send_header("Vary", "Accept")
            relative = found.relative_to(self.server.folder).as_posix()
            self.send_header("Content-Location", "/" + relative)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    # ---------------------------------------------------------------- SPARQL

    def _sparql(self, text: str | None) -> None:
        import pyoxigraph as ox

        from diplograph.binding import service_position

        if not text:
            self._error(HTTPStatus.BAD_REQUEST, "no query: send query=...")
            return
        if service_position(text):
            self._error(HTTPStatus.BAD_REQUEST, "SERVICE is refused: this endpoint never "
                                                "calls out to another one")
            return
        try:
            answer = self.server.store.query(text)
        except SyntaxError as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"query does not parse: {exc}")
            return
        except OSError as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"query failed: {exc}")
            return
        accept = (self.headers.get("Accept") or "").lower()
        if isinstance(answer, ox.QueryTriples):
            if "application/n-triples" in accept:
                media, fmt = "application/n-triples", ox.RdfFormat.N_TRIPLES
            else:
                media, fmt = "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE
            data = answer.serialize(format=fmt)
        else:
            choices = [("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                       ("text/csv", ox.QueryResultsFormat.CSV),
                       ("text/tab-separated-values", ox.QueryResultsFormat.TSV)]
            media, fmt = "application/sparql-results+json", ox.QueryResultsFormat.JSON
            for name, candidate in choices:
                if name in accept and "application/sparql-results+json" not in accept:
                    media, fmt = name, candidate
                    break
            data = answer.serialize(format=fmt)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: HTTPStatus, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def make_server(folder, host: str = "127.0.0.1", port: int = 8000) -> SiteServer:
    """A server for a built site (InputError when the folder is not one)."""
    folder = Path(folder)
    if not (folder / "index.html").is_file() or not (folder / "index.ttl").is_file():
        raise InputError(f"{folder} is not a built site (no index.html and index.ttl)",
                         hint="build one first: diplograph site -o DIR")
    try:
        return SiteServer(folder, host, port)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


class _Stop(Exception):
    pass


def serve_site(folder, host: str = "127.0.0.1", port: int = 8000, announce=print) -> None:
    """Serve until Ctrl-C or SIGTERM; then close the socket and return."""
    server = make_server(folder, host, port)

    def stop(_signum, _frame):
        raise _Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        announce(f"serving {server.folder} at {server.url} (SPARQL: {server.url}sparql); "
                 "Ctrl-C stops")
        with contextlib.suppress(KeyboardInterrupt, _Stop):
            server.serve_forever(poll_interval=0.2)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        announce("stopped")
