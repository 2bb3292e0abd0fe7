"""Remote SPARQL 1.1 endpoints: run stored queries there, push the data graph there.

Querying
    ``run`` sends a stored query (SPARQL 1.1 Protocol, over ``http.fetch``)
    and returns the same ``sparql.Result`` the embedded engine gives, so every
    output format works unchanged. The answer is read whole, parsed and
    checked (form, variables, markup) before anything is printed.
    Parameters are bound by ``bind_values``: a ``VALUES`` block of
    N-Triples-serialized terms put first in the query's outermost ``WHERE``
    group, never by pasting a raw value into the text.

``bind_values`` lives in the light ``binding`` module: the local engine
uses it too, so a stored query sees its parameters the same way everywhere.

Pushing
    ``push`` sends the data graph with SPARQL 1.1 Update ``INSERT DATA`` in
    bounded batches and checks each batch landed (an ``ASK`` of the batch).
    Blank nodes are skolemized to content-addressed IRIs under ``GENID``
    (RDF 1.1 Concepts §3.5), so pushing the same data twice adds nothing the
    second time; ``deskolemize`` turns them back into blank nodes on the way
    out. ``replace=True`` loads into a fresh temporary graph, verifies its
    triple count, then swaps it in with one ``MOVE`` request: on a store that
    runs each update request as one transaction (Oxigraph, Fuseki/TDB2,
    GraphDB) readers see the old graph or the new one, never an empty or
    half-loaded one.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import urllib.parse
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from .binding import bind_values, sparql_term
from .errors import EndpointError, InputError, ParameterError
from .http import Endpoint, Request, fetch
from .namespaces import GENID
from .queries import query_form
from .sparqltext import SPARQL_TOKEN

BATCH_TRIPLES = 2000  # at most this many triples in one INSERT DATA request
BATCH_BYTES = 1_000_000  # and at most about this many bytes of N-Triples
BATCH_DESCRIBE = 200  # skolem IRIs described per follow-up DESCRIBE request
_GET_LIMIT = 2000  # longer encoded queries go by POST (servers cap URL length)

_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
def check_graph_iri(graph: str | None) -> None:
    """InputError unless ``graph`` is None or an absolute IRI safe to write as ``<graph>``."""
    if graph is None:
        return
    try:
        sparql_term(ox.NamedNode(graph))
    except (ValueError, ParameterError):
        raise InputError(f"--graph {graph!r} is not a valid IRI") from None
    if ":" not in graph:
        raise InputError(f"--graph {graph!r} is not an absolute IRI")


# ----------------------------------------------------------------- skolem IRIs


def skolemize(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples with every blank node replaced by a content-addressed skolem IRI.

    The IRI is ``GENID`` and the node's canonical label (``canonical``: W3C
    RDFC-1.0 over the node's component of blank nodes, hashed with the
    component's canonical form), the label ``export`` writes. The same data
    therefore gets the same IRIs on every run and every machine, whatever
    labels the parser gave the blank nodes, and a change elsewhere in the
    graph leaves them alone. Identical components are told apart by a
    counter, so the result stays isomorphic to the input.
    """
    from .canonical import canonical_triples

    def skolem(term):
        return ox.NamedNode(GENID + term.value) if isinstance(term, ox.BlankNode) else term

    return [ox.Triple(skolem(t.subject), t.predicate, skolem(t.object))
            for t in canonical_triples(triples)]


def deskolemize(term):
    """A skolem IRI of ours back to a blank node; any other term unchanged."""
    if _is_skolem(term):
        return ox.BlankNode(term.value[len(GENID) :])
    return term


def skolem_aware(query_text: str) -> str:
    """The query with ``isBlank``/``isIRI``/``isURI`` treating our skolem IRIs as blank nodes.

    On the server the pushed blank nodes are skolem IRIs, so
    ``FILTER(!isBlank(?o))`` would let them through; each call is rewritten,
    e.g. ``isBlank(X)`` to ``(isBlank(X) || STRSTARTS(STR(X), "<GENID>"))``,
    with the same answer (and the same errors) as on the local graph.
    """
    tokens = [
        (m.lastgroup, m.group(), m.start(), m.end()) for m in SPARQL_TOKEN.finditer(query_text)
    ]
    out, position, i = [], 0, 0
    while i < len(tokens):
        kind, text, start, _ = tokens[i]
        name = text.upper()
        call = name in ("ISBLANK", "ISIRI", "ISURI") and kind == "word"
        j = i + 1
        while call and j < len(tokens) and tokens[j][0] in ("ws", "comment"):
            j += 1
        if not call or j == len(tokens) or tokens[j][1] != "(":
            i += 1
            continue
        depth, k = 0, j
        for k in range(j, len(tokens)):
            depth += {"(": 1, ")": -1}.get(tokens[k][1], 0)
            if depth == 0:
                break
        if depth:
            break  # unbalanced: leave the rest for the server to reject
        argument = skolem_aware(query_text[tokens[j][3] : tokens[k][2]])
        test = f'STRSTARTS(STR({argument}), "{GENID}")'
        if name == "ISBLANK":
            new = f"({text}({argument}) || {test})"
        else:
            new = f"({text}({argument}) && !{test})"
        out += [query_text[position:start], new]
        position, i = tokens[k][3], k + 1
    out.append(query_text[position:])
    return "".join(out)


def deskolemize_triple(t: ox.Triple) -> ox.Triple:
    return ox.Triple(deskolemize(t.subject), t.predicate, deskolemize(t.object))


# ----------------------------------------------------------------- requests


def _request(
    endpoint: Endpoint, text: str, accept: str, default_graph: str | None
) -> tuple[bytes, str]:
    """A SPARQL 1.1 Protocol query: GET with ``query=``, or a POST of the text
    (``application/sparql-query``) when the URL would be too long for servers."""
    query_form(text)  # QueryError for an update: the guard right before anything is sent
    graphs = [("default-graph-uri", default_graph)] if default_graph else []
    joiner = "&" if urllib.parse.urlsplit(endpoint.url).query else "?"
    url = endpoint.url + joiner + urllib.parse.urlencode([("query", text), *graphs])
    if len(url) <= _GET_LIMIT:
        return fetch(endpoint, Request(url, accept, shown=endpoint.url))
    url = endpoint.url + (joiner + urllib.parse.urlencode(graphs) if graphs else "")
    body = text.encode("utf-8")
    return fetch(endpoint, Request(url, accept, body, "application/sparql-query", endpoint.url))


def update(endpoint: Endpoint, text: str) -> None:
    """Run a SPARQL update on the endpoint's update URL (POSTed as application/sparql-update)."""
    request = Request(endpoint.update_url, "*/*", text.encode("utf-8"), "application/sparql-update")
    try:
        fetch(endpoint, request)
    except EndpointError as exc:
        if endpoint.update_url == endpoint.url and re.search(
            r"HTTP (400|404|405|415)", exc.message
        ):
            exc.hint = "this store may take updates at another URL: pass --update-endpoint URL"
        raise


def select(endpoint: Endpoint, text: str, default_graph: str | None = None, *,
           form: str = "SELECT", term: Callable | None = None):
    """The endpoint's answer to a SELECT (or, with ``form="ASK"``, an ASK) query,
    materialised and checked: a ``sparql.Result``, or EndpointError.

    The whole answer is read and parsed here, inside the endpoint's error
    handling, so that an answer cut short, of the wrong form (a boolean for a
    SELECT, solutions for an ASK), binding variables its head does not
    declare, or built to exhaust the parser (entities, deep nesting) is an
    endpoint failure (exit 3), never a partial table or a crash. ``term`` maps
    every solution term (skolem IRIs back to blank nodes).
    """
    from .sparql import result_of

    body, media = _request(endpoint, text, _ACCEPT_RESULTS, default_graph)
    fmt = ox.QueryResultsFormat.from_media_type(media) if media else None
    if fmt is None:
        raise endpoint.fail(
            endpoint.url, f"answered with {media or 'no media type'}, not SPARQL results"
        )
    try:
        check_markup(body, xml=fmt == ox.QueryResultsFormat.XML,
                     json=fmt == ox.QueryResultsFormat.JSON)
        result = result_of(ox.parse_query_results(body, format=fmt), term=term)
    except (SyntaxError, ValueError) as exc:
        raise endpoint.fail(endpoint.url, f"sent unreadable {media} results ({exc})") from None
    if result.form != form:
        got = "a boolean" if result.form == "ASK" else "solutions"
        article = "an" if form == "ASK" else "a"
        raise endpoint.fail(endpoint.url, f"answered {article} {form} query with {got}")
    return result


MAX_NESTING = 100  # levels of markup a SPARQL answer may nest (real ones need about 10)


def check_markup(body: bytes, *, xml: bool = False, json: bool = False) -> None:
    """ValueError unless ``body`` is safe to give the parser (pyoxigraph).

    XML must be well-formed and complete (the parser accepts a document cut
    off after any element) and carry no DTD: entities are never declared, so
    never expanded or fetched. Answers may nest at most ``MAX_NESTING``
    levels (JSON brackets, XML elements, ``<<`` triple terms): pyoxigraph
    parses nested triple terms recursively, and a deep enough answer
    overflows its stack.
    """
    if xml:
        _check_xml(body)
    elif json:
        _check_json(body)
    elif b"<<" in body:  # RDF 1.2 triple terms in Turtle or N-Triples
        _check_triple_terms(body)


def _check_xml(body: bytes) -> None:
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    depth = 0

    def refuse_dtd(*_args):
        raise ValueError("the XML declares a DTD; diplograph never reads DTDs or entities")

    def start(*_args):
        nonlocal depth
        depth += 1
        if depth > MAX_NESTING:
            raise ValueError(f"the XML nests more than {MAX_NESTING} elements deep")

    def end(*_args):
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(body, True)
    except xml.parsers.expat.ExpatError as exc:
        raise ValueError(f"XML {exc}") from None


def _check_json(body: bytes) -> None:
    # Strings dropped (brackets in them do not count), then only brackets kept:
    # the running sum of +1/-1 is the depth, all computed at C speed.
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_A_BRACKET)
    if max(itertools.accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0) > MAX_NESTING:
        raise ValueError(f"the JSON nests more than {MAX_NESTING} levels deep")


def _check_triple_terms(body: bytes) -> None:
    depth = 0
    for token in _TRIPLE_TERM_TOKEN.findall(body):
        if token == b"<<":
            depth += 1
            if depth > MAX_NESTING:
                raise ValueError(f"triple terms nest more than {MAX_NESTING} levels deep")
        elif token == b">>":
            depth -= 1


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_A_BRACKET = bytes(c for c in range(256) if c not in b"[]{}")
_BRACKET_STEP = [1 if c in b"[{" else -1 if c in b"]}" else 0 for c in range(256)]
# Strings, IRIs and comments are matched whole so that a << or >> inside them does not count.
_TRIPLE_TERM_TOKEN = re.compile(
    rb'"""(?:[^"\\]|\\.|"(?!""))*"""|' rb"'''(?:[^'\\]|\\.|'(?!''))*'''|"
    rb'"(?:[^"\\\n]|\\.)*"|' rb"'(?:[^'\\\n]|\\.)*'|"
    rb"<<|>>|<[^<>\s]*>|#[^\n]*"
)


def construct(endpoint: Endpoint, text: str, default_graph: str | None = None) -> list[ox.Triple]:
    """The triples a CONSTRUCT or DESCRIBE query returns, skolem IRIs turned back to blank nodes."""
    return [deskolemize_triple(t) for t in _triples(endpoint, text, default_graph)]


def describe(endpoint: Endpoint, text: str, default_graph: str | None = None) -> list[ox.Triple]:
    """A DESCRIBE query's triples, followed through skolem IRIs as through blank nodes.

    Oxigraph (like most stores) describes a resource by its Concise Bounded
    Description, which goes on through blank nodes; pushed blank nodes are
    skolem IRIs on the server, so their descriptions are asked for too, until
    none is left, and the answer is what the embedded engine gives.
    """
    found = _triples(endpoint, text, default_graph)
    described = {t.subject for t in found}
    while pending := sorted({t.object for t in found if _is_skolem(t.object)} - described, key=str)[
        :BATCH_DESCRIBE
    ]:
        described.update(pending)
        found += _triples(endpoint, "DESCRIBE " + " ".join(map(str, pending)), default_graph)
    return [deskolemize_triple(t) for t in found]


def _is_skolem(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(GENID)


def _triples(endpoint: Endpoint, text: str, default_graph: str | None) -> list[ox.Triple]:
    body, media = _request(endpoint, text, _ACCEPT_GRAPH, default_graph)
    fmt = ox.RdfFormat.from_media_type(media) if media else None
    if fmt is None:
        raise endpoint.fail(endpoint.url, f"answered with {media or 'no media type'}, not RDF")
    try:
        check_markup(body, xml=fmt == ox.RdfFormat.RDF_XML)
        quads = list(ox.parse(body, format=fmt))
    except (SyntaxError, ValueError) as exc:
        raise endpoint.fail(endpoint.url, f"sent unreadable {media} ({exc})") from None
    return [q.triple for q in quads]


def ask(endpoint: Endpoint, text: str, default_graph: str | None = None) -> bool:
    return bool(select(endpoint, text, default_graph, form="ASK").boolean)


# ----------------------------------------------------------------- stored queries


def run(query, endpoint: Endpoint, values: dict[str, str] | None = None, graph: str | None = None):
    """Run a stored query (``queries.Query``) remotely; a ``sparql.Result`` like a local run.

    ``graph`` names the graph the query sees as its default graph
    (``default-graph-uri``); without it the store's default graph.
    """
    from .sparql import Result

    form = query.form  # QueryError (exit 2) for updates
    check_graph_iri(graph)
    bindings = query.bind(values or {})
    text, _ = query.full_text()
    text = skolem_aware(bind_values(text, bindings))
    if form in ("CONSTRUCT", "DESCRIBE"):
        fetch = describe if form == "DESCRIBE" else construct
        result = Result(form, triples=fetch(endpoint, text, graph))
    else:
        result = select(endpoint, text, graph, form=form, term=deskolemize)
    result.form = form
    result.ordered = query.ordered
    return result


# ----------------------------------------------------------------- push


@dataclass
class PushReport:
    graph: str | None  # None: the default graph
    triples: int  # triples sent (after skolemization)
    batches: int
    replaced: bool
    held: int  # triples the target graph holds afterwards

    def summary(self, endpoint: Endpoint) -> str:
        from .http import redact_url

        where = f"graph <{self.graph}>" if self.graph else "the default graph"
        how = "replaced" if self.replaced else "pushed to"
        return (
            f"{how} {where} at {redact_url(endpoint.update_url)}: {self.triples} triples "
            f"in {self.batches} batch{'es' if self.batches != 1 else ''}, verified; "
            f"it now holds {self.held} triples"
        )


def batches(
    triples: list[ox.Triple], max_triples: int = BATCH_TRIPLES, max_bytes: int = BATCH_BYTES
) -> list[list[str]]:
    """The triples as N-Triples ``s p o`` texts (no final dot), cut into bounded batches."""
    out, lines, size = [], [], 0
    for t in triples:
        line = f"{t.subject} {t.predicate} {t.object}"
        if lines and (len(lines) >= max_triples or size + len(line) > max_bytes):
            out.append(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 3
    if lines:
        out.append(lines)
    return out


def _in_graph(graph: str | None, body: str) -> str:
    return f"GRAPH <{graph}> {{\n{body}\n}}" if graph else body


def count(endpoint: Endpoint, graph: str | None = None, among: list[str] | None = None) -> int:
    """How many triples the graph (or the default graph) holds; with ``among``
    (``s p o`` texts), how many of those.

    ``among`` goes in as a VALUES table joined with one pattern: a long list
    of triple patterns instead (ASK { t1 . t2 . … }) makes a deep join that
    overflowed the stack of an Oxigraph 0.5.13 server and killed it.
    """
    where = _in_graph(graph, "?s ?p ?o")
    if among:
        where = "VALUES (?s ?p ?o) {\n(" + ")\n(".join(among) + ")\n}\n" + where
    rows = select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows
    if len(rows) != 1 or len(rows[0]) != 1 or not isinstance(rows[0][0], ox.Literal):
        raise endpoint.fail(endpoint.url, "answered a COUNT query with no count")
    try:
        return int(rows[0][0].value)
    except ValueError:
        raise endpoint.fail(endpoint.url, "answered a COUNT query with no count") from None


def push(
    endpoint: Endpoint,
    triples: Iterable[ox.Triple],
    graph: str | None = None,
    *,
    replace: bool = False,
    max_triples: int = BATCH_TRIPLES,
    max_bytes: int = BATCH_BYTES,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """Load ``triples`` into ``graph`` (None: the default graph) and verify they landed.

    Without ``replace`` the triples are added (set semantics: what is there
    already is not duplicated). With it the graph ends up holding exactly these
    triples, swapped in by a single MOVE from a temporary graph.
    """
    check_graph_iri(graph)
    data = skolemize(triples)
    parts = batches(data, max_triples, max_bytes)
    say = progress or (lambda _message: None)
    target = graph
    if replace and data:
        target = f"urn:uuid:{uuid.uuid4()}"
        say(f"loading into temporary graph <{target}>")
    try:
        for number, lines in enumerate(parts, 1):
            body = " .\n".join(lines) + " ."
            update(endpoint, f"INSERT DATA {{\n{_in_graph(target, body)}\n}}")
            there = count(endpoint, target, among=lines)
            if there != len(lines):
                raise endpoint.fail(
                    endpoint.url,
                    f"batch {number} of {len(parts)} was accepted but only {there} "
                    f"of its {len(lines)} triples are there",
                )
            say(f"batch {number}/{len(parts)} landed")
        loaded = _swap_in(endpoint, target, graph) if replace else None
    except BaseException:
        if replace and target != graph:
            _drop_quietly(endpoint, target)
        raise
    held = count(endpoint, graph)
    # A store may fold value-equal literals ("01" and "1"), so the batches' ASKs,
    # not a count of what was sent, prove the data is there; the count proves
    # the swap moved all of it.
    if loaded is not None and (held != loaded if graph else held < loaded):
        raise endpoint.fail(
            endpoint.url,
            f"the target holds {held} triples after the swap, the loaded graph held {loaded}",
        )
    return PushReport(graph, len(data), len(parts), replace, held)


def _swap_in(endpoint: Endpoint, temporary: str | None, graph: str | None) -> int:
    """Swap the loaded temporary graph in for ``graph`` in one update; its triple count."""
    destination = f"GRAPH <{graph}>" if graph else "DEFAULT"
    if temporary is None or temporary == graph:  # nothing to load: replacing means emptying
        update(endpoint, f"DROP SILENT {destination}")
        return 0
    loaded = count(endpoint, temporary)
    update(endpoint, f"MOVE GRAPH <{temporary}> TO {destination}")
    return loaded


def _drop_quietly(endpoint: Endpoint, graph: str) -> None:
    with contextlib.suppress(EndpointError):  # the first error is the one worth reporting
        update(endpoint, f"DROP SILENT GRAPH <{graph}>")


def fetch_graph(endpoint: Endpoint, graph: str | None = None) -> list[ox.Triple]:
    """Every triple of the graph (or the default graph), blank nodes restored."""
    return construct(
        endpoint, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {_in_graph(graph, '?s ?p ?o')} }}"
    )


# ----------------------------------------------------------------- entry points for the CLI


def push_tree(
    tree,
    url: str | None,
    *,
    update_url: str | None = None,
    graph: str | None = None,
    replace: bool = False,
    timeout: float | None = None,
    max_answer: int | None = None,
    max_triples: int = BATCH_TRIPLES,
    progress: Callable[[str], None] | None = None,
) -> str:
    """``diplograph push``: the data graph of ``tree`` pushed; a one-line summary."""
    from .rdfio import load_data

    endpoint = Endpoint.resolve(
        url, update_url=update_url, timeout=timeout, max_answer=max_answer
    )
    triples = load_data(tree).triples
    report = push(
        endpoint, triples, graph, replace=replace, max_triples=max_triples, progress=progress
    )
    return report.summary(endpoint)
