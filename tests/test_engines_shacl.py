"""The fast SHACL engine gives exactly pySHACL's results, on every shape fixture and on the
real graph: the same focus node, path, value, severity, source shape, constraint component
and messages, result for result (as multisets).

Blank nodes (anonymous property shapes, complex paths) are compared by what they say:
their description in the report graph, as both engines copy it there.
"""

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from diplograph import rdfio, validate
from diplograph.engines import fast_shacl
from diplograph.namespaces import SH

ROOT = Path(__file__).resolve().parent.parent
SHAPE_FIXTURES = ROOT / "tests" / "shapes"
FIXTURES = sorted(SHAPE_FIXTURES.glob("*/*.ttl"))


@cache
def shape_triples() -> list:
    return rdfio.read_triples(sorted((ROOT / "shapes").glob("*.ttl")))


@cache
def shapes_rdflib():
    return rdfio.to_rdflib(shape_triples())


def ontology_files() -> list[Path]:
    return sorted((ROOT / "ontology").rglob("*.ttl"))


def result_keys(triples: list) -> Counter:
    """One key per sh:result of the report: every field, blank nodes by description."""
    props: dict = {}
    for t in triples:
        props.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)

    def describe(term, seen=()):
        if not hasattr(term, "value") or type(term).__name__ != "BlankNode":
            return str(term)
        if term in seen:
            return "[loop]"
        inner = sorted(f"{p} {describe(o, (*seen, term))}"
                       for p, objects in props.get(term, {}).items() for o in objects)
        return "[" + "; ".join(inner) + "]"

    def field(result, name):
        return tuple(sorted(describe(o) for o in props[result].get(SH[name], [])))

    keys = Counter()
    for t in triples:
        if t.predicate.value == SH.result:
            r = t.object
            keys[tuple((name, field(r, name)) for name in (
                "focusNode", "resultPath", "value", "resultSeverity", "sourceShape",
                "sourceConstraintComponent", "sourceConstraint", "resultMessage"))] += 1
    return keys


def both(files: list[Path], fail_on: str = "violation"):
    store = rdfio.load_store(files)
    fast = fast_shacl.validate(store, shape_triples(), validate._allowed(fail_on))
    data = rdfio.to_rdflib(rdfio.read_triples(files))
    conforms, reference = validate.run_pyshacl(data, shapes_rdflib(), fail_on)
    return (fast.conforms, result_keys(fast.triples)), (conforms, result_keys(reference))


def explain(fast, reference) -> str:
    only_fast = fast[1] - reference[1]
    only_reference = reference[1] - fast[1]
    return ("only the fast engine:\n  " + "\n  ".join(map(str, only_fast)) +
            "\nonly pySHACL:\n  " + "\n  ".join(map(str, only_reference)))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_fixture_gives_the_same_results(path):
    files = [*ontology_files(), SHAPE_FIXTURES / "context.ttl", path]
    fast, reference = both(files)
    assert fast == reference, explain(fast, reference)
    if path.stem.endswith("-fail"):
        assert fast[1], "an invalid fixture gives results (else the comparison proves nothing)"


@pytest.mark.parametrize("fail_on", ["violation", "warning"])
def test_the_real_graph_gives_the_same_results(fail_on):
    files = [*ontology_files(), *sorted((ROOT / "graph").rglob("*.ttl"))]
    fast, reference = both(files, fail_on)
    assert fast == reference, explain(fast, reference)
    assert sum(fast[1].values()) >= 10  # the real graph has warnings to compare


def test_a_shape_the_fast_engine_does_not_compile_is_checked_by_pyshacl(tmp_path):
    from diplograph.paths import DataTree

    (tmp_path / "graph").mkdir()
    (tmp_path / "shapes").mkdir()
    (tmp_path / "graph" / "x.ttl").write_text(
        "<https://w3id.org/diplograph/id/person/x> a <https://schema.org/Person> .\n")
    (tmp_path / "shapes" / "s.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://w3id.org/diplograph/shapes#S> a sh:NodeShape ;\n"
        "    sh:targetClass <https://schema.org/Person> ;\n"
        "    sh:closed true ; sh:message \"closed\" .\n")
    report = validate.validate(DataTree(tmp_path))
    assert report.engine == "pyshacl"
    assert "sh:closed is not compiled" in report.note
    assert report.counts["Violation"] >= 1  # the rdf:type triple the closed shape forbids
