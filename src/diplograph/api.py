"""Library entry points behind the smaller commands (query, queries, evidence).

Importing this module imports pyoxigraph but never rdflib, pyshacl,
SPARQLWrapper or the HTTP code: the query path must start fast.
"""

import json

from diplograph import rdfio, sparql
from diplograph.errors import InputError
from diplograph.queries import (
    find_query,
    resolve_resource_values,
    stored_queries,
    text_query,
)


def run_query(tree, ref: str | None, values: dict[str, str] | None = None,
              engine: str = "oxigraph", *, endpoint: str | None = None,
              graph: str | None = None, timeout: float | None = None,
              text: str | None = None, labels: bool = False,
              max_answer: int | None = None) -> sparql.Result:
    """Run a stored query (by name), a query file, or query ``text`` (named
    ``ref`` in messages): on the data graph of ``tree``, or, with ``endpoint``,
    on that SPARQL endpoint (``graph`` as its default graph).

    Locally, a name given to an IRI parameter resolves to the resource
    ``find`` matches unambiguously, and an IRI the data does not describe
    gets a warning (``result.warnings``) with the closest IRIs.
    Columns of ``SELECT *`` come in the order the query names them. With
    ``labels``, the answer's ``labels`` maps each IRI in it to its label,
    fetched from the same data in one more query.
    """
    query = text_query(text, ref or "-e") if text is not None else find_query(tree, ref)
    warnings: list[str] = []
    if values:
        values, warnings = resolve_resource_values(tree, query, values, local=not endpoint)
    query.bind(values or {})  # parameter errors before loading data or sending anything
    if endpoint:
        from diplograph import endpoint as remote

        where = remote.Endpoint.resolve(endpoint, timeout=timeout, max_answer=max_answer)
        result = remote.run(query, where, values, graph)
        if labels and result.form == "SELECT":
            from diplograph.labels import iris_of, remote_labels

            result.labels = remote_labels(where, iris_of(result), graph)
    else:
        data = rdfio.load_data(tree)
        result = sparql.run(query, data, values, engine)
        if labels and result.form == "SELECT":
            from diplograph.labels import iris_of, local_labels

            result.labels = local_labels(data.store, iris_of(result))
    if result.form == "SELECT":
        order = query.column_order(result.variables)
        if order != result.variables:
            columns = [result.variables.index(v) for v in order]
            result.rows = [tuple(row[i] for i in columns) for row in result.rows]
            result.variables = order
    result.warnings = warnings
    return result


def catalogue(tree, fmt: str = "text") -> str:
    """The stored queries with their title, description and parameters."""
    found = stored_queries(tree)
    if fmt == "json":
        return json.dumps([
            {"name": q.name, "title": q.title, "description": q.description,
             "params": [{"name": p.name, "type": p.type, "default": p.default,
                         "description": p.description, "choices": list(p.choices)}
                        for p in q.params]}
            for q in found
        ], indent=2, ensure_ascii=False) + "\n"
    if fmt != "text":
        raise InputError(f"unknown format {fmt!r}; choose text or json")
    if not found:
        return f"no stored queries in {tree.queries_dir}\n"
    blocks = []
    for q in found:
        lines = [f"{q.name}" + (f" — {q.title}" if q.title else "")]
        if q.description:
            lines.append(f"    {q.description}")
        lines += [f"    --param {p.describe()}" for p in q.params]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def evidence_report(tree, sources_dir) -> tuple[str, int]:
    """The evidence check as printable text, and how many problems it found."""
    from diplograph.evidence import check_evidence

    quoted: dict[str, tuple[int, int]] = {}
    problems = check_evidence(rdfio.load_data(tree), sources_dir, quoted)
    share = "".join(
        f"{name}: evidence quotes cover {part * 100 // max(whole, 1)}% of the text "
        f"({part} of {whole} characters)\n"
        for name, (part, whole) in quoted.items()
    )
    if not problems:
        return "every capture and quotation checks out\n" + share, 0
    return "".join(p.line() + "\n" for p in problems), len(problems)
