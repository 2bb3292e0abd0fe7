"""SHACL compiled to SPARQL, run on a pyoxigraph store: ``validate``'s fast engine.

Each constraint of each shape becomes one SPARQL query over every focus node
at once (pySHACL checks one focus node at a time in Python, which grows faster
than the data). The results are those of pySHACL, the reference engine, result
for result: the same focus node, path, value, severity, source shape,
constraint component and messages (tests/test_engines_shacl.py runs both on
every shape fixture and on the real graph).

What it compiles: targets (class with rdfs:subClassOf*, node, subjects-of,
objects-of), property paths (sequence, alternative, inverse, *, +, ?), the
value-type, cardinality, value-range, string, property-pair (lessThan,
lessThanOrEquals), logical (not, and, or, xone), shape-based (node, property,
qualifiedValueShape with qualifiedMinCount/MaxCount) and other (in, hasValue)
constraints, sh:uniqueLang, sh:deactivated, sh:severity, sh:message, and
SHACL-SPARQL constraints (sh:sparql with sh:select and sh:prefixes). Anything
else raises ``Unsupported`` naming the shape and the feature, and validate
runs pySHACL instead (saying so): a shape is never skipped silently.

One difference is inherent to the store: it keeps values, not spellings, so a
value reported as ``"45.0"^^xsd:decimal`` by pySHACL is ``"45"^^xsd:decimal``
here (the same RDF value).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from diplograph.namespaces import RDF, RDFS, SH, XSD

VIOLATION = SH.Violation
# Where the focus nodes of each shape are kept while validating.
FOCUS_GRAPH = ox.NamedNode("urn:x-diplograph:validate:focus")
_OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"

# sh: predicates a shape may carry that are not constraints (or are read with one).
_NOT_CONSTRAINTS = {
    SH.path, SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order,
    SH.group, SH.defaultValue, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
    SH.prefixes, SH.declare, SH.property,
}
# Constraints checked on each value node alone (one result per failing value).
_VALUE_CONSTRAINTS = {
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.maxLength: "MaxLengthConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH.minExclusive: "MinExclusiveConstraintComponent",
    SH.maxExclusive: "MaxExclusiveConstraintComponent",
    SH.node: "NodeConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH["and"]: "AndConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH.xone: "XoneConstraintComponent",
}
_OTHER_CONSTRAINTS = {
    SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang, SH.qualifiedValueShape,
    SH.lessThan, SH.lessThanOrEquals, SH.sparql,
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}
_RANGE = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">",
          SH.maxExclusive: "<"}


class Unsupported(Exception):
    """A shape uses something this engine does not compile (pySHACL does)."""

    def __init__(self, shape, feature: str):
        super().__init__(f"shape {shape}: {feature}")
        self.shape = shape
        self.feature = feature


@dataclass
class Result:
    focus: object
    shape: object
    component: str
    severity: str
    messages: list
    path: object = None
    value: object = None
    constraint: object = None  # sh:sourceConstraint (the SPARQL constraint node)


@dataclass
class Outcome:
    conforms: bool
    results: list[Result]
    triples: list = field(default_factory=list)  # the report graph
    ill_typed: list = field(default_factory=list)  # (s, p, o) whose literal o is ill-typed


class _Graph:
    """The shapes graph, indexed by subject."""

    def __init__(self, triples):
        self.triples = list(triples)
        self.out: dict = defaultdict(lambda: defaultdict(list))
        for t in self.triples:
            self.out[t.subject][t.predicate.value].append(t.object)

    def values(self, node, predicate: str) -> list:
        return self.out[node].get(predicate, []) if node in self.out else []

    def one(self, node, predicate: str):
        found = self.values(node, predicate)
        return found[0] if found else None

    def items(self, node) -> list:
        found, seen = [], set()
        while node != ox.NamedNode(RDF.nil) and node not in seen:
            seen.add(node)
            first = self.one(node, RDF.first)
            if first is None:
                raise Unsupported(node, "a malformed RDF list")
            found.append(first)
            node = self.one(node, RDF.rest)
        return found

    def closure(self, node) -> list:
        """Triples describing a blank node of the shapes, and the blank nodes below it."""
        return blank_closure(node, lambda n: (t for t in self.triples if t.subject == n))


def _term(term, shape) -> str:
    if isinstance(term, ox.BlankNode):
        raise Unsupported(shape, "a blank node as a constant (sh:in, sh:hasValue, …)")
    return str(term)


class BadShape(Exception):
    """A shape that cannot be used (sh:minCount "many"): bad input, not a missing feature."""


def _int(term, shape, predicate: str) -> int:
    """An integer parameter (sh:minCount 2)."""
    try:
        return int(term.value)
    except (AttributeError, ValueError) as exc:
        raise BadShape(f"shape {shape}: {predicate.replace(SH, 'sh:')} must be an integer, "
                       f"not {term}") from exc


def _string(text: str) -> str:
    return str(ox.Literal(text))


class Compiler:
    """Turns shapes into SPARQL text and runs it on one store."""

    def __init__(self, shapes: _Graph, store: ox.Store, ill_typed: set):
        self.g = shapes
        self.store = store
        self.ill_typed = ill_typed  # literals rdflib finds ill-typed ("2025-13-45"^^xsd:date)
        self._names = itertools.count()
        self._subclasses: dict = {}

    def subclasses(self, cls, shape) -> str:
        """The class and its subclasses in the data (rdfs:subClassOf*), as SPARQL terms.

        Looked up once per class: ``?x rdf:type ?c`` over a few classes is an index
        lookup, where ``rdf:type/rdfs:subClassOf*`` walks the hierarchy for every node.
        """
        if cls not in self._subclasses:
            found = {_term(cls, shape)}
            for row in self.store.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* "
                                        f"{_term(cls, shape)} }}"):
                if not isinstance(row["c"], ox.Literal):
                    found.add(str(row["c"]))
            self._subclasses[cls] = " ".join(sorted(found))
        return self._subclasses[cls]

    def var(self) -> str:
        return f"?_v{next(self._names)}"

    # ---------------------------------------------------------------- shape facts

    def severity(self, shape) -> str:
        found = self.g.one(shape, SH.severity)
        return found.value if found is not None else VIOLATION

    def deactivated(self, shape) -> bool:
        found = self.g.one(shape, SH.deactivated)
        return isinstance(found, ox.Literal) and found.value in ("true", "1")

    def check_known(self, shape) -> None:
        for predicate in self.g.out.get(shape, {}):
            if predicate.startswith(SH) and predicate not in _NOT_CONSTRAINTS \
                    and predicate not in _VALUE_CONSTRAINTS and predicate not in _OTHER_CONSTRAINTS:
                raise Unsupported(shape, f"{predicate.replace(SH, 'sh:')} is not compiled")
        if self.g.one(shape, SH.qualifiedValueShapesDisjoint) is not None:
            raise Unsupported(shape, "sh:qualifiedValueShapesDisjoint is not compiled")

    def path(self, node, shape, depth: int = 0) -> str:
        """A SHACL path as a SPARQL property path."""
        if depth > 50:
            raise Unsupported(shape, "a path nested too deeply")
        if isinstance(node, ox.NamedNode):
            return str(node)
        if not isinstance(node, ox.BlankNode):
            raise Unsupported(shape, "a path that is not an IRI or a blank node")
        if self.g.one(node, RDF.first) is not None:
            return "(" + "/".join(self.path(i, shape, depth + 1) for i in self.g.items(node)) + ")"
        if (alt := self.g.one(node, SH.alternativePath)) is not None:
            return "(" + "|".join(self.path(i, shape, depth + 1) for i in self.g.items(alt)) + ")"
        if (inverse := self.g.one(node, SH.inversePath)) is not None:
            return "^(" + self.path(inverse, shape, depth + 1) + ")"
        for name, mark in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"),
                           ("zeroOrOnePath", "?")):
            if (inner := self.g.one(node, SH[name])) is not None:
                return "(" + self.path(inner, shape, depth + 1) + ")" + mark
        raise Unsupported(shape, "a path form that is not compiled")

    def focus(self, shape) -> str | None:
        """A group binding ?this to each focus node of a shape with targets, or None."""
        parts = []
        for cls in self.g.values(shape, SH.targetClass):
            parts.append(f"VALUES ?_c {{ {self.subclasses(cls, shape)} }} ?this <{RDF.type}> ?_c .")
        for node in self.g.values(shape, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_term(node, shape)} }}")
        for p in self.g.values(shape, SH.targetSubjectsOf):
            parts.append(f"?this {_term(p, shape)} ?_t .")
        for p in self.g.values(shape, SH.targetObjectsOf):
            parts.append(f"?_t {_term(p, shape)} ?this .")
        if not parts:
            return None
        union = " UNION ".join("{ " + p + " }" for p in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    # ---------------------------------------------------------------- value tests

    def value_ok(self, predicate: str, arg, v: str, shape, stack) -> str:
        """A SPARQL expression true when value ``v`` passes constraint (predicate, arg)."""
        if predicate == SH["class"]:
            c = self.var()
            return (f"EXISTS {{ VALUES {c} {{ {self.subclasses(arg, shape)} }} "
                    f"{v} <{RDF.type}> {c} }}")
        if predicate == SH.datatype:
            if arg.value == RDFS.Literal:
                return f"isLiteral({v})"
            test = f"(isLiteral({v}) && DATATYPE({v}) = {_term(arg, shape)})"
            bad = [lit for lit in self.ill_typed if lit.datatype == arg]
            if bad:
                test += " && !(" + " || ".join(f"sameTerm({v}, {lit})" for lit in bad) + ")"
            return test
        if predicate == SH.nodeKind:
            if arg.value not in _NODE_KINDS:
                raise Unsupported(shape, f"sh:nodeKind {arg}")
            return _NODE_KINDS[arg.value].format(v=v)
        if predicate == SH.pattern:
            flags = self.g.one(shape, SH.flags)
            extra = f", {_string(flags.value)}" if flags is not None else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {_string(arg.value)}{extra}))"
        if predicate in (SH.minLength, SH.maxLength):
            op = ">=" if predicate == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {_int(arg, shape, predicate)})"
        if predicate == SH["in"]:
            members = self.g.items(arg)
            if not members:
                return "false"
            return "(" + " || ".join(f"sameTerm({v}, {_term(m, shape)})" for m in members) + ")"
        if predicate in _RANGE:
            return f"COALESCE({v} {_RANGE[predicate]} {_term(arg, shape)}, false)"
        if predicate == SH.node:
            return self.conforms(arg, v, stack)
        if predicate == SH["not"]:
            return f"!({self.conforms(arg, v, stack)})"
        if predicate in (SH["or"], SH["and"], SH.xone):
            members = [self.conforms(m, v, stack) for m in self.g.items(arg)]
            if not members:
                return "false" if predicate != SH["and"] else "true"
            if predicate == SH["or"]:
                return "(" + " || ".join(members) + ")"
            if predicate == SH["and"]:
                return "(" + " && ".join(members) + ")"
            count = " + ".join(f"IF({m}, 1, 0)" for m in members)
            return f"(({count}) = 1)"
        raise Unsupported(shape, f"{predicate} on a value")

    def conforms(self, shape, v: str, stack=()) -> str:
        """A SPARQL expression true when node ``v`` conforms to ``shape`` (nested use)."""
        if shape in stack:
            raise Unsupported(shape, "a recursive shape")
        stack = (*stack, shape)
        self.check_known(shape)
        if self.deactivated(shape):
            return "true"
        # pySHACL lets a nested shape of severity Warning or Info conform in
        # sh:or/sh:not/qualifiedValueShape yet fail sh:node; not compiled.
        if self.severity(shape) != VIOLATION:
            raise Unsupported(shape, "a nested shape with a severity other than sh:Violation")
        if self.g.values(shape, SH.sparql):
            raise Unsupported(shape, "SHACL-SPARQL in a nested shape")
        tests = []
        path_node = self.g.one(shape, SH.path)
        if path_node is None:
            for predicate, args in self.g.out[shape].items():
                for arg in args:
                    if predicate in _VALUE_CONSTRAINTS:
                        tests.append(self.value_ok(predicate, arg, v, shape, stack))
                    elif predicate == SH.hasValue:
                        tests.append(f"sameTerm({v}, {_term(arg, shape)})")
                    elif predicate in _OTHER_CONSTRAINTS:
                        raise Unsupported(shape, f"{predicate} on a node shape in a nested shape")
        else:
            path = self.path(path_node, shape)
            for predicate, args in self.g.out[shape].items():
                for arg in args:
                    tests.append(self._property_ok(shape, path, predicate, arg, v, stack))
        for prop in self.g.values(shape, SH.property):
            tests.append(self.conforms(prop, v, stack))
        tests = [t for t in tests if t != "true"]
        return "(" + " && ".join(tests) + ")" if tests else "true"

    def _property_ok(self, shape, path, predicate, arg, v, stack) -> str:
        x = self.var()
        if predicate in _VALUE_CONSTRAINTS:
            ok = self.value_ok(predicate, arg, x, shape, stack)
            return f"NOT EXISTS {{ {v} {path} {x} FILTER (!({ok})) }}"
        if predicate == SH.minCount:
            n = _int(arg, shape, predicate)
            if n == 0:
                return "true"
            if n == 1:
                return f"EXISTS {{ {v} {path} {x} }}"
            raise Unsupported(shape, "sh:minCount above 1 in a nested shape")
        if predicate == SH.maxCount:
            n = _int(arg, shape, predicate)
            if n == 0:
                return f"NOT EXISTS {{ {v} {path} {x} }}"
            if n == 1:
                y = self.var()
                return (f"NOT EXISTS {{ {v} {path} {x} . {v} {path} {y} "
                        f"FILTER (!sameTerm({x}, {y})) }}")
            raise Unsupported(shape, "sh:maxCount above 1 in a nested shape")
        if predicate == SH.hasValue:
            return f"EXISTS {{ {v} {path} {x} FILTER (sameTerm({x}, {_term(arg, shape)})) }}"
        if predicate == SH.uniqueLang:
            if arg.value not in ("true", "1"):
                return "true"
            y = self.var()
            return (f"NOT EXISTS {{ {v} {path} {x} . {v} {path} {y} FILTER (!sameTerm({x}, {y}) "
                    f"&& LANG({x}) != \"\" && LCASE(LANG({x})) = LCASE(LANG({y}))) }}")
        if predicate == SH.qualifiedValueShape:
            qmin = self.g.one(shape, SH.qualifiedMinCount)
            qmax = self.g.one(shape, SH.qualifiedMaxCount)
            ok = self.conforms(arg, x, stack)
            tests = []
            if qmin is not None and _int(qmin, shape, SH.qualifiedMinCount) > 0:
                if _int(qmin, shape, SH.qualifiedMinCount) != 1:
                    raise Unsupported(shape, "sh:qualifiedMinCount above 1 in a nested shape")
                tests.append(f"EXISTS {{ {v} {path} {x} FILTER ({ok}) }}")
            if qmax is not None:
                if _int(qmax, shape, SH.qualifiedMaxCount) != 0:
                    raise Unsupported(shape, "sh:qualifiedMaxCount above 0 in a nested shape")
                tests.append(f"NOT EXISTS {{ {v} {path} {x} FILTER ({ok}) }}")
            return " && ".join(tests) or "true"
        if predicate in (SH.lessThan, SH.lessThanOrEquals):
            w = self.var()
            ok = _compare(x, w, "<" if predicate == SH.lessThan else "<=")
            return f"NOT EXISTS {{ {v} {path} {x} . {v} {_term(arg, shape)} {w} FILTER (!({ok})) }}"
        if predicate in _OTHER_CONSTRAINTS:
            raise Unsupported(shape, f"{predicate} in a nested shape")
        return "true"

    # ---------------------------------------------------------------- top level

    def run(self) -> list[Result]:
        results: list[Result] = []
        shapes = [s for s in dict.fromkeys(t.subject for t in self.g.triples)
                  if any(self.g.values(s, p) for p in (SH.targetClass, SH.targetNode,
                                                       SH.targetSubjectsOf, SH.targetObjectsOf))]
        for t in self.g.triples:
            if t.predicate.value == SH.target:
                raise Unsupported(t.subject, "sh:target (SPARQL-based targets)")
            if t.predicate.value == RDF.type and t.object.value in (RDFS.Class, _OWL_CLASS) \
                    and self.g.values(t.subject, RDF.type) and any(
                        o.value in (SH.NodeShape, SH.PropertyShape)
                        for o in self.g.values(t.subject, RDF.type)):
                raise Unsupported(t.subject, "an implicit class target (a shape that is a class)")
        from diplograph.progress import Progress

        try:
            with Progress("validating: shapes", len(shapes)) as progress:
                for number, shape in enumerate(shapes):
                    results += self.shape_results(shape, self.materialize(shape, number), ())
                    progress.update(number + 1)
        finally:
            self.store.remove_graph(FOCUS_GRAPH)
        return results

    def materialize(self, shape, number: int) -> str:
        """Store the focus nodes of a shape once; a group binding ?this to them.

        Each constraint of the shape and of its property shapes starts from them, so
        the targets (classes and subclasses, subjects-of, …) are worked out once, not
        once per constraint. They go in a named graph of the private in-memory store,
        which the shapes' queries, on the default graph, never see.
        """
        member = ox.NamedNode(f"{FOCUS_GRAPH.value}/{number}")
        self.store.update(f"INSERT {{ GRAPH {FOCUS_GRAPH} {{ {member} {FOCUS_GRAPH} ?this }} }} "
                          f"WHERE {{ {self.focus(shape)} }}")
        return f"GRAPH {FOCUS_GRAPH} {{ {member} {FOCUS_GRAPH} ?this }}"

    def shape_results(self, shape, focus: str, stack) -> list[Result]:
        if shape in stack:
            raise Unsupported(shape, "a recursive shape")
        stack = (*stack, shape)
        self.check_known(shape)
        if self.deactivated(shape):
            return []
        severity = self.severity(shape)
        messages = self.g.values(shape, SH.message)
        constrained = any(p in _VALUE_CONSTRAINTS or (p in _OTHER_CONSTRAINTS and p != SH.sparql)
                          for p in self.g.out.get(shape, {}))
        if constrained and not messages:
            # pySHACL then writes its own text ("Less than 1 values on …"), not compiled.
            raise Unsupported(shape, "a shape without sh:message")
        path_node = self.g.one(shape, SH.path)
        if path_node is not None:
            path = self.path(path_node, shape)
            values = f"{focus} ?this {path} ?value ."
        else:
            path = None
            values = f"{focus} BIND (?this AS ?value)"
        found: list[Result] = []

        def add(rows, component, with_value=True):
            for row in rows:
                found.append(Result(row["this"], shape, SH + component, severity, list(messages),
                                    path_node, row["value"] if with_value else None))

        for predicate, args in self.g.out[shape].items():
            for arg in args:
                if predicate in _VALUE_CONSTRAINTS:
                    ok = self.value_ok(predicate, arg, "?value", shape, stack)
                    add(self.select(f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
                                    f"FILTER (!({ok})) }}"), _VALUE_CONSTRAINTS[predicate])
                elif predicate in (SH.minCount, SH.maxCount):
                    if path is None:
                        raise Unsupported(shape, f"{predicate} on a node shape")
                    n = _int(arg, shape, predicate)
                    if predicate == SH.minCount:
                        if n == 0:
                            continue
                        query = (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} "
                                 f"?value }} }} GROUP BY ?this "
                                 f"HAVING (COUNT(DISTINCT ?value) < {n})")
                    else:
                        query = (f"SELECT ?this WHERE {{ {focus} ?this {path} ?value }} "
                                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})")
                    add(self.select(query), ("MinCount" if predicate == SH.minCount else
                                             "MaxCount") + "ConstraintComponent", False)
                elif predicate == SH.hasValue:
                    hv = _term(arg, shape)
                    if path is None:
                        query = f"SELECT ?this WHERE {{ {focus} FILTER (!sameTerm(?this, {hv})) }}"
                    else:
                        query = (f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} "
                                 f"?value FILTER (sameTerm(?value, {hv})) }} }}")
                    add(self.select(query), "HasValueConstraintComponent", False)
                elif predicate == SH.uniqueLang:
                    if arg.value not in ("true", "1"):
                        continue
                    query = (f"SELECT ?this ?lang WHERE {{ {values} FILTER (LANG(?value) != \"\") "
                             f"BIND (LCASE(LANG(?value)) AS ?lang) }} GROUP BY ?this ?lang "
                             f"HAVING (COUNT(DISTINCT ?value) > 1)")
                    add(self.select(query), "UniqueLangConstraintComponent", False)
                elif predicate == SH.qualifiedValueShape:
                    if path is None:
                        raise Unsupported(shape, "sh:qualifiedValueShape on a node shape")
                    ok = self.conforms(arg, "?value", stack)
                    qmin = self.g.one(shape, SH.qualifiedMinCount)
                    qmax = self.g.one(shape, SH.qualifiedMaxCount)
                    base = (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?value "
                            f"FILTER ({ok}) }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) ")
                    if qmax is not None:
                        add(self.select(base + f"> {_int(qmax, shape, SH.qualifiedMaxCount)})"),
                            "QualifiedMaxCountConstraintComponent", False)
                    if qmin is not None:
                        add(self.select(base + f"< {_int(qmin, shape, SH.qualifiedMinCount)})"),
                            "QualifiedMinCountConstraintComponent", False)
                elif predicate in (SH.lessThan, SH.lessThanOrEquals):
                    ok = _compare("?value", "?w", "<" if predicate == SH.lessThan else "<=")
                    query = (f"SELECT DISTINCT ?this ?value ?w WHERE {{ {values} "
                             f"?this {_term(arg, shape)} ?w FILTER (!({ok})) }}")
                    add(self.select(query), ("LessThan" if predicate == SH.lessThan else
                                             "LessThanOrEquals") + "ConstraintComponent")
                elif predicate == SH.sparql:
                    found += self.sparql_results(shape, arg, focus, path_node, severity)
        for prop in self.g.values(shape, SH.property):
            found += self.shape_results(prop, focus, stack)
        return found

    def select(self, query: str, substitutions=None) -> list[dict]:
        solutions = self.store.query(query, substitutions=substitutions)
        names = [v.value for v in solutions.variables]
        return [dict(zip(names, (s[n] for n in names), strict=True)) for s in solutions]

    # ---------------------------------------------------------------- SHACL-SPARQL

    def prefixes(self, constraint) -> str:
        lines = []
        for owner in self.g.values(constraint, SH.prefixes):
            for declaration in self.g.values(owner, SH.declare):
                prefix = self.g.one(declaration, SH.prefix)
                namespace = self.g.one(declaration, SH.namespace)
                if prefix is not None and namespace is not None:
                    lines.append(f"PREFIX {prefix.value}: <{namespace.value}>")
        return "\n".join(lines)

    def sparql_results(self, shape, constraint, focus, path_node, severity) -> list[Result]:
        from diplograph.binding import sparql_term
        from diplograph.sparqltext import SPARQL_TOKEN

        if self.deactivated(constraint):
            return []
        select = self.g.one(constraint, SH.select)
        if select is None or self.g.values(constraint, SH.ask):
            raise Unsupported(shape, "a SHACL-SPARQL constraint without sh:select")
        text = select.value
        words = {m.group() for m in SPARQL_TOKEN.finditer(text) if m.lastgroup == "var"}
        for name in ("$PATH", "$currentShape", "$shapesGraph", "?currentShape",
                     "?shapesGraph"):
            if name in words:
                raise Unsupported(shape, f"{name} in a SHACL-SPARQL query")
        if sum(1 for m in SPARQL_TOKEN.finditer(text)
               if m.lastgroup == "word" and m.group().upper() == "SELECT") != 1:
            raise Unsupported(shape, "a SHACL-SPARQL query with a subquery")
        if any(m.lastgroup == "word" and m.group().upper() == "GRAPH"
               for m in SPARQL_TOKEN.finditer(text)):
            raise Unsupported(shape, "GRAPH in a SHACL-SPARQL query")
        # $this is pre-bound, one focus node at a time, as pySHACL does. An IRI or
        # literal is written into the text, so the query planner starts from it (with
        # SEP-0007 substitution it plans for an unbound ?this and scans); a blank node
        # cannot be written, and is substituted.
        prefixes = self.prefixes(constraint) + "\n"
        tokens = [(m.lastgroup, m.group()) for m in SPARQL_TOKEN.finditer(text)]
        where = next((i for i, (kind, word) in enumerate(tokens)
                      if word == "{" or (kind == "word" and word.upper() == "WHERE")), None)
        if where is None:
            raise Unsupported(shape, "a SHACL-SPARQL query without a WHERE group")
        is_this = [kind == "var" and word[1:] == "this" for kind, word in tokens]
        projected = any(is_this[:where])
        generic = prefixes + text if projected or any(w == "*" for _, w in tokens[:where]) \
            else prefixes + "".join(w for _, w in tokens[:where]) + " ?this " + \
            "".join(w for _, w in tokens[where:])
        this_var = ox.Variable("this")
        rows = []
        for focus_row in self.select(f"SELECT ?this WHERE {{ {focus} }}"):
            node = focus_row["this"]
            if isinstance(node, ox.BlankNode):
                rows += self.select(generic, {this_var: node})
                continue
            constant = sparql_term(node)
            written = "".join(
                (f"({constant} AS ?this)" if i < where else constant) if is_this[i] else word
                for i, (_, word) in enumerate(tokens))
            for row in self.select(prefixes + written):
                row["this"] = node
                rows.append(row)
        messages = self.g.values(constraint, SH.message)
        own = self.g.values(shape, SH.message)
        found, seen = [], set()
        for row in rows:
            if row.get("failure") is not None:
                raise Unsupported(shape, "?failure in a SHACL-SPARQL query")
            bound = {k: v for k, v in row.items() if v is not None}
            key = tuple(sorted((k, str(v)) for k, v in bound.items()))
            if key in seen:  # pySHACL drops a solution seen before for the same focus node
                continue
            seen.add(key)
            this = bound.pop("this")
            path = bound.pop("path", None)
            value = bound.pop("value", None)
            if value is None and path_node is None:
                value = this
            fill = dict(bound)
            fill.update({"this": this})
            if path is not None:
                fill["path"] = path
            if value is not None:
                fill["value"] = value
            texts = [m for m in messages if m not in own] + list(own)
            found.append(Result(this, shape, SH.SPARQLConstraintComponent, severity,
                                [ox.Literal(_format(m.value, fill)) for m in texts],
                                path if path is not None else path_node, value, constraint))
        return found


def _compare(v: str, w: str, op: str) -> str:
    """pySHACL's sh:lessThan(OrEquals): strings (IRIs, plain and language strings) compare
    as text, other literals by value; a string against a non-string, or two values
    that do not compare, fail."""
    def is_text(x):
        return (f"(isIRI({x}) || (isLiteral({x}) && DATATYPE({x}) IN (<{XSD.string}>, "
                f"<{RDF.langString}>)))")
    return (f"IF({is_text(v)} || {is_text(w)}, {is_text(v)} && {is_text(w)} && "
            f"STR({v}) {op} STR({w}), COALESCE({v} {op} {w}, false))")


def _format(message: str, fill: dict) -> str:
    """pySHACL's {?var} / {$var} substitution, with its text forms of terms."""
    for name, term in fill.items():
        message = re.sub("{[?$]" + name + "}", _text(term), message)
    return message


def _text(term) -> str:
    return term.value  # rdflib's str(): the IRI, the lexical form, the blank node id


def ill_typed_literals(store: ox.Store) -> set:
    """The literals of the store that rdflib finds ill-typed ("2025-13-45"^^xsd:date)."""
    import rdflib

    query = (f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER (isLiteral(?o) && "
             f"DATATYPE(?o) != <{XSD.string}> && DATATYPE(?o) != <{RDF.langString}>) }}")
    found = set()
    for solution in store.query(query):
        literal = solution["o"]
        if rdflib.Literal(literal.value, datatype=literal.datatype.value).ill_typed:
            found.add(literal)
    return found


def validate(store: ox.Store, shape_triples, allowed=(SH.Info, SH.Warning),
             ill_typed: set | None = None) -> Outcome:
    """Every result of the shapes on the store; conforms unless a result's severity is not
    allowed (pySHACL's allow_infos/allow_warnings). Unsupported for a shape it does not
    compile."""
    shapes = _Graph(shape_triples)
    if ill_typed is None:
        ill_typed = ill_typed_literals(store)
    results = Compiler(shapes, store, ill_typed).run()
    conforms = all(r.severity in allowed for r in results)
    bad = sorted(((q.subject, q.predicate, q.object) for literal in ill_typed
                  for q in store.quads_for_pattern(None, None, literal)),
                 key=lambda spo: tuple(map(str, spo)))
    return Outcome(conforms, results, report_triples(conforms, results, shapes, store), bad)


def blank_closure(node, described_by) -> list:
    """Triples describing a blank node, and the blank nodes below it;
    ``described_by(node)`` gives the triples whose subject is ``node``."""
    found, todo, seen = [], [node], set()
    while todo:
        current = todo.pop()
        if not isinstance(current, ox.BlankNode) or current in seen:
            continue
        seen.add(current)
        for triple in described_by(current):
            found.append(triple)
            todo.append(triple.object)
    return found


def _data_closure(store: ox.Store, node) -> list:
    """Triples describing a blank node of the data, and the blank nodes below it."""
    return blank_closure(
        node, lambda n: (quad.triple for quad in store.quads_for_pattern(n, None, None)))


def report_triples(conforms: bool, results: list[Result], shapes: _Graph,
                   store: ox.Store) -> list:
    """The SHACL validation report graph, as pySHACL writes it: blank shapes and paths,
    and blank focus nodes and values, are described in it."""
    report = ox.BlankNode()
    nn = ox.NamedNode
    out = [ox.Triple(report, nn(RDF.type), nn(SH.ValidationReport)),
           ox.Triple(report, nn(SH.conforms),
                     ox.Literal("true" if conforms else "false", datatype=nn(XSD.boolean)))]
    described = set()
    for r in results:
        node = ox.BlankNode()
        out.append(ox.Triple(report, nn(SH.result), node))
        out += [ox.Triple(node, nn(RDF.type), nn(SH.ValidationResult)),
                ox.Triple(node, nn(SH.focusNode), r.focus),
                ox.Triple(node, nn(SH.resultSeverity), nn(r.severity)),
                ox.Triple(node, nn(SH.sourceConstraintComponent), nn(r.component)),
                ox.Triple(node, nn(SH.sourceShape), r.shape)]
        if r.path is not None:
            out.append(ox.Triple(node, nn(SH.resultPath), r.path))
        if r.value is not None:
            out.append(ox.Triple(node, nn(SH.value), r.value))
        if r.constraint is not None:
            out.append(ox.Triple(node, nn(SH.sourceConstraint), r.constraint))
        out += [ox.Triple(node, nn(SH.resultMessage), m) for m in r.messages]
        for term in (r.shape, r.path, r.constraint):
            if isinstance(term, ox.BlankNode) and term not in described:
                described.add(term)
                out += shapes.closure(term)
        for term in (r.focus, r.value):
            if isinstance(term, ox.BlankNode) and term not in described:
                described.add(term)
                out += _data_closure(store, term)
    return list(dict.fromkeys(out))
