"""The shapes against their fixtures, and the shapes graph's own conventions."""

from __future__ import annotations

from collections import defaultdict

import pytest
import rdflib
from shapekit import (
    CONTEXT,
    DGSH,
    SH,
    expand,
    fixture_data,
    fixture_files,
    fixture_id,
    header,
    ontology_graph,
    validate,
)

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that make a shape check something by itself (not via sh:property).
CONSTRAINTS = (
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minLength, SH.maxLength,
    SH.pattern, SH["in"], SH.hasValue, SH.node, SH["or"], SH["and"], SH["not"], SH.xone,
    SH.qualifiedValueShape, SH.sparql, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH.uniqueLang, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.closed,
)


def short(term) -> str:
    if isinstance(term, rdflib.URIRef) and str(term).startswith(DGSH):
        return "dgsh:" + str(term)[len(DGSH):]
    return str(term) if not isinstance(term, rdflib.BNode) else "_:blank"


def describe(results) -> str:
    return "\n".join(
        f"  {short(r['shape'])} @ {r['focus']} ({str(r['severity']).rsplit('#')[-1]}): "
        f"{r['message']}"
        for r in results
    ) or "  (no results)"


@pytest.mark.parametrize("path", fixture_files(), ids=fixture_id)
def test_fixture(path):
    results = validate(fixture_data(path))
    if not path.stem.endswith("-fail"):
        assert not results, (
            f"{fixture_id(path)} should conform with no results:\n{describe(results)}")
        return
    meta = header(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Invalid: ") and len(first) > len("# Invalid: "), (
        "the first line of an invalid fixture is '# Invalid: <reason>'")
    assert "Expect" in meta and "Focus" in meta, (
        "an invalid fixture names '# Expect:' and '# Focus:'")
    expected_shapes = expand(meta["Expect"], path)
    expected_focus = expand(meta["Focus"], path)
    fired = {str(r["shape"]) for r in results}
    focus = {str(r["focus"]) for r in results}
    assert fired == expected_shapes, (
        f"expected {sorted(map(short, map(rdflib.URIRef, expected_shapes)))}, got:\n"
        f"{describe(results)}")
    assert focus == expected_focus, (
        f"expected focus {sorted(expected_focus)}, got:\n{describe(results)}")


def test_context_alone_conforms():
    data = rdflib.Graph() + ontology_graph()
    data.parse(CONTEXT, format="turtle")
    results = validate(data)
    assert not results, describe(results)


def test_the_ontology_alone_conforms():
    results = validate(rdflib.Graph() + ontology_graph())
    assert not results, describe(results)


def _targeted_shapes(shapes) -> set[str]:
    return {str(s)[len(DGSH):] for t in TARGETS for s in shapes.subjects(t, None)
            if isinstance(s, rdflib.URIRef)}


def test_every_targeted_shape_has_a_valid_and_an_invalid_fixture(shapes):
    folders = defaultdict(set)
    for path in fixture_files():
        folders[path.parent.name].add(path.stem)
    missing = []
    for name in sorted(_targeted_shapes(shapes)):
        folder = name.split("-")[0]  # dgsh:PersonShape-office lives in PersonShape/
        stems = folders.get(folder, set())
        failing = {s for s in stems if s.endswith("-fail")}
        if not failing or not stems - failing:
            missing.append(folder)
    assert not missing, f"shapes without both a valid and a *-fail fixture: {sorted(set(missing))}"


def test_every_fixture_folder_names_a_shape(shapes):
    names = {str(s)[len(DGSH):] for s in shapes.subjects() if str(s).startswith(DGSH)}
    stray = {p.parent.name for p in fixture_files()} - names
    assert not stray, f"fixture folders that name no shape: {sorted(stray)}"


def test_shapes_and_property_shapes_have_stable_iris(shapes):
    blank = [short(s) for s in shapes.subjects(SH.property, None) if isinstance(s, rdflib.BNode)]
    blank += [str(o) for o in shapes.objects(None, SH.property) if isinstance(o, rdflib.BNode)]
    blank += [str(s) for t in TARGETS for s in shapes.subjects(t, None)
              if isinstance(s, rdflib.BNode)]
    assert not blank, "every targeted shape and property shape needs a dgsh: IRI"
    outside = [str(s) for s in shapes.objects(None, SH.property) if not str(s).startswith(DGSH)]
    assert not outside, outside
    for prop in shapes.objects(None, SH.property):
        owner = next(shapes.subjects(SH.property, prop))
        assert str(prop).startswith(str(owner) + "-"), (
            f"{short(prop)} should be named {short(owner)}-<name>")


def test_every_constraint_carries_a_message(shapes):
    silent = []
    named = {s for s in shapes.subjects()
             if isinstance(s, rdflib.URIRef) and str(s).startswith(DGSH)}
    for shape in named:
        checks = any((shape, c, None) in shapes for c in CONSTRAINTS if c != SH.sparql)
        if checks and (shape, SH.message, None) not in shapes:
            silent.append(short(shape))
        for constraint in shapes.objects(shape, SH.sparql):
            if (constraint, SH.message, None) not in shapes:
                silent.append(short(constraint))
    assert not silent, f"constraints without sh:message: {sorted(silent)}"


def test_severities_are_violation_or_warning(shapes):
    allowed = {SH.Violation, SH.Warning}
    odd = {short(s) for s, o in shapes.subject_objects(SH.severity) if o not in allowed}
    assert not odd, odd


def test_sparql_constraints_declare_their_prefixes(shapes):
    for constraint in shapes.subjects(rdflib.RDF.type, SH.SPARQLConstraint):
        assert (constraint, SH.prefixes, rdflib.URIRef(DGSH)) in shapes, short(constraint)
    declared = {str(p) for d in shapes.objects(rdflib.URIRef(DGSH), SH.declare)
                for p in shapes.objects(d, SH.prefix)}
    import re
    for query in shapes.objects(None, SH.select):
        used = set(re.findall(r"\b([a-z]+):[A-Za-z_]", str(query)))
        assert used <= declared, f"undeclared prefixes {used - declared}"


def test_no_rules_and_no_advanced_features(shapes):
    for term in (SH.rule, SH.target, SH.expression, SH.condition):
        assert (None, term, None) not in shapes, f"{term} is SHACL-AF, not Core / SHACL-SPARQL"
