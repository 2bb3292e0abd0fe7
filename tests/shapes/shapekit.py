"""Shape fixtures: each tests/shapes/<ShapeName>/*.ttl is validated, merged with
ontology/*.ttl and tests/shapes/context.ttl, against shapes/*.ttl.

A fixture named ``*-fail.ttl`` starts with three comment lines::

    # Invalid: why the data is wrong
    # Expect: dgsh:EvidenceShape-exact, dgsh:FactShape-evidence
    # Focus: evidence:x-01

and must produce results from exactly the expected shapes (sh:sourceShape)
about exactly the expected focus nodes. Any other fixture (``valid.ttl``,
``*-ok.ttl``) must produce no result at all: no violation, no warning.
"""

from __future__ import annotations

import functools
from pathlib import Path

import rdflib

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CONTEXT = HERE / "context.ttl"
DGSH = "https://w3id.org/diplograph/shapes#"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
BLANK = "_:blank"  # how a blank focus node is written in '# Focus:' and compared


def fixture_files() -> list[Path]:
    return sorted(HERE.glob("*/*.ttl"))


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def parse(paths) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@functools.cache
def shapes_graph() -> rdflib.Graph:
    return parse(sorted((ROOT / "shapes").glob("*.ttl")))


@functools.cache
def ontology_graph() -> rdflib.Graph:
    return parse(sorted((ROOT / "ontology").rglob("*.ttl")))


def real_data_graph() -> rdflib.Graph:
    """ontology/ and graph/ merged, as `diplograph validate` loads them."""
    folders = ("ontology", "graph")
    return parse([p for folder in folders for p in sorted((ROOT / folder).rglob("*.ttl"))])


def validate(data: rdflib.Graph) -> list[dict]:
    """pySHACL as the project runs it: no inference, SHACL Core + SHACL-SPARQL only."""
    from pyshacl import validate as shacl

    _conforms, report, _text = shacl(
        data, shacl_graph=shapes_graph(), inference="none", advanced=False,
        do_owl_imports=False, allow_warnings=False,
    )
    results = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in report:
            continue  # nested under the result of an sh:node / sh:or ... constraint
        focus = report.value(result, SH.focusNode)
        results.append({
            "shape": report.value(result, SH.sourceShape),
            "focus": BLANK if isinstance(focus, rdflib.BNode) else focus,
            "severity": report.value(result, SH.resultSeverity),
            "value": report.value(result, SH.value),
            "message": report.value(result, SH.resultMessage),
        })
    return results


def fixture_data(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph += ontology_graph()
    graph.parse(CONTEXT, format="turtle")
    graph.parse(path, format="turtle")
    return graph


def header(path: Path) -> dict[str, str]:
    """The leading `# Key: value` comment lines of a fixture."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep and key.strip().isalpha():
            found.setdefault(key.strip(), value.strip())
    return found


def expand(names: str, path: Path) -> set[str]:
    """Comma-separated prefixed names (the fixture's own prefixes, and dgsh:) or <IRI>s."""
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    prefixes = {p: str(ns) for p, ns in graph.namespaces()}
    prefixes["dgsh"] = DGSH
    iris = set()
    for name in (n.strip() for n in names.split(",") if n.strip()):
        if name == BLANK:
            iris.add(BLANK)
            continue
        if name.startswith("<") and name.endswith(">"):
            iris.add(name[1:-1])
            continue
        prefix, _, local = name.partition(":")
        if prefix not in prefixes:
            raise ValueError(f"{path.name}: unknown prefix in {name!r}")
        iris.add(prefixes[prefix] + local)
    return iris
