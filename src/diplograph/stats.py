"""``diplograph stats``: how big the graph is and how well its facts are sourced.

A fact is a resource that is the ``oa:hasBody`` of evidence; its sources are
the articles reached by ``oa:hasTarget/oa:hasSource``. A fact with one source is
single-sourced, with two or more corroborated.
"""

import json

from diplograph import rdfio
from diplograph.errors import InputError
from diplograph.namespaces import sparql_prefixes
from diplograph.terms import short

FORMATS = ("table", "json")

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_FACTS = """
SELECT ?fact (COUNT(DISTINCT ?source) AS ?n) WHERE {
  ?evidence oa:hasBody ?fact .
  OPTIONAL { ?evidence oa:hasTarget/oa:hasSource ?source }
} GROUP BY ?fact
"""
_PER_SOURCE = """
SELECT ?source (COUNT(DISTINCT ?fact) AS ?n) WHERE {
  { ?source a schema:NewsArticle } UNION { ?any oa:hasSource ?source }
  OPTIONAL { ?evidence oa:hasTarget/oa:hasSource ?source ; oa:hasBody ?fact }
} GROUP BY ?source ORDER BY ?source
"""
_DISAGREEMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dg:Disagreement }"


def _select(store, query: str) -> list[tuple]:
    return [tuple(row) for row in store.query(sparql_prefixes() + query)]


def stats(tree) -> dict:
    store = rdfio.load_data(tree).store
    facts = _select(store, _FACTS)
    return {
        "triples": len(store),
        "classes": {short(c): int(n.value) for c, n in _select(store, _CLASSES)},
        "facts": len(facts),
        "facts_per_source": {short(s): int(n.value) for s, n in _select(store, _PER_SOURCE)},
        "single_sourced": sum(1 for _, n in facts if int(n.value) == 1),
        "corroborated": sum(1 for _, n in facts if int(n.value) >= 2),
        "unsourced": sum(1 for _, n in facts if int(n.value) == 0),
        "disagreements": int(_select(store, _DISAGREEMENTS)[0][0].value),
    }


def render(figures: dict, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(figures, indent=2, ensure_ascii=False) + "\n"
    if fmt != "table":
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    lines = []

    def section(title: str, rows: list[tuple[str, int]]) -> None:
        width = max([len(k) for k, _ in rows] + [len(title)])
        lines.append(title)
        lines.extend(f"  {key.ljust(width)}  {value:>6}" for key, value in rows)
        lines.append("")

    section("graph", [
        ("triples", figures["triples"]),
        ("facts", figures["facts"]),
        ("single-sourced facts", figures["single_sourced"]),
        ("corroborated facts", figures["corroborated"]),
        ("facts without a source", figures["unsourced"]),
        ("disagreements", figures["disagreements"]),
    ])
    if figures["classes"]:
        section("resources by class", list(figures["classes"].items()))
    if figures["facts_per_source"]:
        section("facts per source", list(figures["facts_per_source"].items()))
    return "\n".join(lines).rstrip("\n") + "\n"
