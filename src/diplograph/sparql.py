"""Running a read-only query on the local data graph, with either engine.

pyoxigraph is the default (fast, no rdflib import); rdflib stays available.
Both give a ``Result`` made of pyoxigraph terms so that formatting has one path.
"""

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplograph.errors import InputError, InternalError, QueryError
from diplograph.queries import Query

ENGINES = ("oxigraph", "rdflib")
_POSITION = re.compile(r"(?:error at |line )(\d+)[:, ]*(?:col(?:umn)? )?(\d+)?")


@dataclass
class Result:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms, None = unbound
    boolean: bool | None = None
    triples: list = field(default_factory=list)  # pyoxigraph Triples
    ordered: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> label (labels.py)
    warnings: list[str] = field(default_factory=list)  # for standard error, before the answer


def _syntax_error(query: Query, exc: Exception, shift: int) -> QueryError:
    if hasattr(exc, "lineno") and hasattr(exc, "col") and hasattr(exc, "msg"):
        # pyparsing (rdflib): the position is in attributes, the text is long.
        where = f"{query.where()}:{exc.lineno - shift}:{exc.col}"
        return QueryError(f"{where}: syntax error: {exc.msg}")
    message = str(exc.args[0] if exc.args else exc)
    match = _POSITION.search(message)
    if match:
        line = int(match.group(1)) - shift
        column = match.group(2)
        where = f"{query.where()}:{line}" + (f":{column}" if column else "")
        message = _POSITION.sub("", message, count=1).strip(" :") or message
        return QueryError(f"{where}: syntax error: {message}")
    return QueryError(f"{query.where()}: syntax error: {message}")


def refuse_service(query: Query, text: str, shift: int = 0) -> None:
    """QueryError for a ``SERVICE`` clause: the local engines would call out to it.

    Both pyoxigraph and rdflib send SERVICE requests over HTTP; local commands
    never touch the network, so such a query runs only with ``--endpoint``.
    """
    from diplograph.binding import service_position

    found = service_position(text)
    if found:
        line, column = found
        raise QueryError(
            f"{query.where()}:{line - shift}:{column}: SERVICE would call another endpoint; "
            "local queries never touch the network",
            hint="run it on a store that may call out: --endpoint URL",
        )


def run(query: Query, data, values: dict[str, str] | None = None,
        engine: str = "oxigraph") -> Result:
    """Run ``query`` on ``data`` (an ``rdfio.DataGraph``) with its parameters bound
    from ``values`` and the header defaults."""
    form = query.form
    bindings = query.bind(values or {})
    text, shift = query.full_text()
    refuse_service(query, text, shift)
    if engine == "oxigraph":
        if bindings:
            # pyoxigraph's substitutions= only accepts variables the SELECT projects,
            # so parameters go in as a VALUES block of serialized typed terms, the
            # same binding a remote endpoint gets.
            from diplograph.binding import bind_values

            text = bind_values(text, bindings)
        store = data.store
        if getattr(data, "tree", None) is not None:
            from diplograph.publishing.graphs import names_graphs, query_dataset

            if names_graphs(text):  # only then are the named graphs built (query stays fast)
                store = query_dataset(data)
        result = _run_oxigraph(query, store, text, shift)
    elif engine == "rdflib":
        result = _run_rdflib(query, data, text, shift, bindings)
    else:
        raise InputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    result.form = form
    result.ordered = query.ordered
    return result


def prepare(query: Query, engine: str = "oxigraph") -> None:
    """Parse ``query`` without data; QueryError with position if it does not parse."""
    text, shift = query.full_text()
    query.form  # noqa: B018 - refuses updates
    refuse_service(query, text, shift)
    if engine == "rdflib":
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepareQuery(text)
        except Exception as exc:
            raise _syntax_error(query, exc, shift) from exc
    else:
        try:
            ox.Store().query(text)
        except SyntaxError as exc:
            raise _syntax_error(query, exc, shift) from exc


def result_of(answer, term=None) -> Result:
    """A pyoxigraph answer (local or parsed from an endpoint) as a ``Result``.

    ``term``, if given, maps every solution term (the endpoint turns its
    skolem IRIs back into blank nodes with it).
    """
    if isinstance(answer, ox.QueryBoolean):
        return Result("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        if term is None:
            rows = [tuple(solution[v] for v in variables) for solution in answer]
        else:
            rows = [tuple(term(solution[v]) for v in variables) for solution in answer]
        return Result("SELECT", variables=variables, rows=rows)
    return Result("CONSTRUCT", triples=list(answer))


def _run_oxigraph(query, store, text, shift) -> Result:
    try:
        answer = store.query(text)
    except SyntaxError as exc:
        raise _syntax_error(query, exc, shift) from exc
    except OSError as exc:
        raise QueryError(f"{query.where()}: {exc}") from exc
    return result_of(answer)


def _run_rdflib(query, data, text, shift, bindings) -> Result:
    from rdflib.plugins.sparql import prepareQuery

    from diplograph import rdfio

    try:
        prepared = prepareQuery(text)
    except Exception as exc:
        raise _syntax_error(query, exc, shift) from exc
    graph = data.rdflib()
    init = {name: rdfio.to_rdflib_term(term) for name, term in bindings.items()}
    try:
        return _rdflib_result(graph.query(prepared, initBindings=init))
    except Exception as exc:  # rdflib's evaluator fails on some valid queries
        first = next(iter(str(exc).strip().splitlines()), "")
        raise InternalError(
            f"{query.where()}: the rdflib engine failed: {type(exc).__name__}: {first}",
            hint="the default engine may run it: --engine oxigraph",
        ) from exc


def _rdflib_result(answer) -> Result:
    from diplograph import rdfio

    convert = rdfio.from_rdflib_term
    if answer.type == "ASK":
        return Result("ASK", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = [str(v) for v in answer.vars]
        rows = [
            tuple(None if row[i] is None else convert(row[i]) for i in range(len(variables)))
            for row in answer
        ]
        return Result("SELECT", variables=variables, rows=rows)
    return Result(
        "CONSTRUCT",
        triples=[ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in answer.graph],
    )
