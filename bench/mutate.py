"""Mutation battery: does `diplograph validate` see a single-triple slip?

    python bench/mutate.py [--data DIR] [--per-kind N | --all] [--seed S] [--scope graph|all]
                           [--survivors K] [--jobs J]

Run by hand, never from the tests (it takes minutes). It copies the data tree
to a temporary folder, then, one mutant at a time, rewrites ONE data file with
ONE triple deleted or corrupted, runs diplograph.validate in-process on the
copy, and counts the mutant as caught when the report holds a result (a
violation or a warning) that the unmutated tree's report does not. The file is
put back before the next mutant.

Mutant kinds, for every triple of every data file in scope (graph/ by default:
the ontology is checked by tests/test_ontology_lint.py, not by the shapes):

  delete    the triple removed
  iri       an IRI object misspelt (its last letter or digit changed)
  literal   a literal's value changed within its datatype: a date, time or
            year moved by one unit, a number plus one, a boolean flipped, a
            hex digit changed, a duration lengthened (its first number plus
            one), a string emptied; always a well-formed literal in the form
            lint asks for, so that it is caught, if at all, for its value
  datatype  a literal's datatype changed: a date or number to a plain string,
            a language-tagged string to a plain one, a plain string to @en

A mutant is MEANINGLESS, and not counted, when
  1. the mutated data graph equals the original (the triple is also stated in
     another file, or the corruption gives the same term): nothing changed; or
  2. it deletes a triple that carries no constraint by design, so a graph
     without it is as valid as one with it and no rule about the graph alone
     can tell them apart:
     a. its property is optional in the model (docs/modelling.md): listed,
        with the reason, in OPTIONAL below (rdfs:label is required only on
        events and statements, so only there is its deletion counted); or
     b. it is one value among several at both ends: its subject keeps another
        value of the property, and its object (unless a literal) is still the
        value of that property for another subject, so every cardinality the
        model states on either end still holds (one of two sem:hasActor of an
        event, one body of an evidence whose fact has other evidence). An
        rdf:type is never one of several: each type decides which shapes apply;
     c. it is an rdf:type the subject's other types imply through the
        ontology's rdfs:subClassOf (oa:Annotation on evidence typed dg:Evidence,
        which the ontology makes a subclass of oa:Annotation): the two graphs
        have the same RDFS entailments, and the shapes already follow
        rdfs:subClassOf (sh:targetClass, sh:class), so every shape sees the
        same instances; requiring the implied type would be a rule about
        spelling, not about the data. (A misspelt implied type is still
        counted: it adds an unknown class, which dgsh:EvidenceShape-type sees.)
     or
  3. it changes a value only the captured article can tell right from wrong:
     no string is replaced by another string (quoted text, names, labels:
     `diplograph evidence` checks quotes against the captures, `validate`
     cannot), only emptied, and only where emptiness is wrong (FREE_TEXT lists
     the optional free text where an empty string is not); a capture's
     checksum is checked by `diplograph evidence` against the file.

Sampling: with --per-kind N (default 150) a seeded random sample of N
meaningful mutants of each kind is validated (--all validates every one). The
printed figures are over the sample; the run prints its size and seed, so the
same command gives the same mutants.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import pyoxigraph as ox  # noqa: E402

from diplograph import validate as dv  # noqa: E402
from diplograph.namespaces import RDF, SH  # noqa: E402
from diplograph.paths import DataTree, data_tree  # noqa: E402
from diplograph.terms import short  # noqa: E402

XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
DG = "https://w3id.org/diplograph/ontology#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ORG = "http://www.w3.org/ns/org#"

# Deleting a triple of one of these properties leaves a graph the model allows:
# the property is optional (documented as "where printed", "where the article
# names them", an extra name or description), so no rule can require it.
OPTIONAL = {
    RDFS + "comment": "free description",
    SKOS + "altLabel": "an extra name",
    SKOS + "definition": "a description (a warning where missing on a concept)",
    SCHEMA + "alternateName": "spelling variants, as printed",
    SCHEMA + "description": "free description",
    SCHEMA + "inLanguage": "the article's language, where known",
    SCHEMA + "headline": "printed headline, where the capture shows one",
    SCHEMA + "jobTitle": "a job title besides an office",
    SCHEMA + "caption": "an image caption, where printed",
    SCHEMA + "url": "where known",
    DG + "bylineText": "a byline, where printed",
    DG + "dateline": "a dateline, where printed",
    DG + "datelinePlace": "a dateline's place, where printed",
    DG + "reportingVerb": "each verb as printed; a statement reported without a verb has none",
    DG + "ordinalScope": "words qualifying an ordinal, where printed",
    DG + "supportsProperty": "an optional hint which property a passage supports",
    OA + "prefix": "only where the exact text occurs more than once",
    OA + "suffix": "only where the exact text occurs more than once",
    PROV + "wasAttributedTo": "informants or credits, where the article names them",
}

# Classes whose instances need an rdfs:label (events, statements, with subclasses).
LABELLED = (SEM + "Event", "https://schema.org/EventSeries", DG + "Statement")
CHECKED_BY_EVIDENCE = {"http://spdx.org/rdf/terms#checksumValue"}

# Free-text properties where an empty string is not wrong by any rule.
FREE_TEXT = (set(OPTIONAL) | {RDFS + "label"}) - {
    DG + "bylineText", DG + "dateline", SCHEMA + "headline", SCHEMA + "caption",
    OA + "prefix", OA + "suffix"}

KINDS = ("delete", "iri", "literal", "datatype")


# ------------------------------------------------------------ reading and writing

def read_file(path: Path) -> list[ox.Triple]:
    seen: dict[ox.Triple, None] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        seen[quad.triple] = None
    return list(seen)


def write_ntriples(path: Path, triples) -> None:
    # N-Triples is Turtle: the file keeps its name and stays a data file.
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")


# ------------------------------------------------------------ corruptions

def _next_char(ch: str) -> str:
    if ch.isdigit():
        return "0" if ch == "9" else chr(ord(ch) + 1)
    if ch.isalpha():
        return "a" if ch in "zZ" else chr(ord(ch) + 1)
    return "x"


def misspell(iri: str) -> str:
    """The IRI with its last letter or digit changed (a typo)."""
    for i in range(len(iri) - 1, -1, -1):
        if iri[i].isalnum():
            return iri[:i] + _next_char(iri[i]) + iri[i + 1:]
    return iri + "x"


def corrupt_value(lit: ox.Literal) -> ox.Literal | None:
    """The literal with a different value of the same datatype, or None."""
    dt = lit.datatype.value if lit.datatype else XSD + "string"
    v = lit.value
    try:
        if dt == XSD + "date":
            return ox.Literal((date.fromisoformat(v[:10]) + timedelta(days=1)).isoformat() + v[10:],
                              datatype=lit.datatype)
        if dt == XSD + "dateTime":
            moved = datetime.fromisoformat(v[:19]) + timedelta(days=1)
            return ox.Literal(moved.isoformat() + v[19:], datatype=lit.datatype)
        if dt == XSD + "gYearMonth":
            year, month = int(v[:4]), int(v[5:7])
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return ox.Literal(f"{year:04d}-{month:02d}" + v[7:], datatype=lit.datatype)
        if dt == XSD + "gYear":
            return ox.Literal(f"{int(v[:4]) + 1:04d}" + v[4:], datatype=lit.datatype)
        if dt in (XSD + "integer", XSD + "positiveInteger", XSD + "nonNegativeInteger"):
            return ox.Literal(str(int(v) + 1), datatype=lit.datatype)
        if dt == XSD + "decimal":  # "45" -> "46", "45.5" -> "46.5": canonical, as lint wants
            return ox.Literal(_decimal_text(Decimal(v) + 1), datatype=lit.datatype)
        if dt == XSD + "boolean":
            return ox.Literal("false" if v in ("true", "1") else "true", datatype=lit.datatype)
        if dt == XSD + "hexBinary":
            return ox.Literal(v[:-1] + ("0" if v[-1] != "0" else "1"), datatype=lit.datatype)
        if dt == XSD + "duration":  # "P3D" -> "P4D", "PT41M" -> "PT42M"
            longer = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), v, count=1)
            return ox.Literal(longer, datatype=lit.datatype) if longer != v else None
    except (ValueError, InvalidOperation):
        return None
    if dt == XSD + "string" or lit.language:
        if v == "":
            return None
        return ox.Literal("", language=lit.language) if lit.language else ox.Literal("")
    return None


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_datatype(lit: ox.Literal) -> ox.Literal | None:
    dt = lit.datatype.value if lit.datatype else XSD + "string"
    if lit.language:
        return ox.Literal(lit.value)
    if dt == XSD + "string":
        return ox.Literal(lit.value, language="en")
    return ox.Literal(lit.value)  # a typed value as a plain string


# ------------------------------------------------------------ mutants

def mutants(files: dict[Path, list[ox.Triple]], context: list[ox.Triple]):
    """(file, old triple, new triple or None, kind, meaningless reason or None).

    ``context`` is the whole data graph (ontology too): types and subclasses.
    """
    where = defaultdict(set)
    for path, triples in files.items():
        for t in triples:
            if not _has_blank(t):
                where[t].add(path)
    merged = set(where)
    labelled = _instances(context, LABELLED)
    implied = _implied_types(context)
    values = Counter((t.subject, t.predicate) for t in context)
    into = Counter((t.predicate, t.object) for t in context)

    def unchanged(path, old, new) -> bool:
        old_elsewhere = bool(where.get(old, set()) - {path}) if not _has_blank(old) else False
        new_present = (new is None or new == old
                       or (not _has_blank(new) and new in merged)
                       or new in set(files[path]))
        return old_elsewhere and new_present or new == old

    for path, triples in files.items():
        for t in triples:
            p, o = t.predicate.value, t.object
            reason = None
            if unchanged(path, t, None):
                reason = "the triple is also stated in another file"
            elif p in OPTIONAL:
                reason = f"optional by design: {OPTIONAL[p]}"
            elif p == RDFS + "label" and t.subject not in labelled:
                reason = "optional by design: a display label (required on events, statements)"
            elif p == RDF.type and (t.subject, o) in implied:
                reason = "a type implied by another of its types, by rdfs subclass axioms"
            elif (p != RDF.type and values[(t.subject, t.predicate)] > 1
                  and (isinstance(o, ox.Literal) or into[(t.predicate, o)] > 1)):
                reason = "one value among several"
            yield path, t, None, "delete", reason
            if isinstance(o, ox.NamedNode):
                new = ox.Triple(t.subject, t.predicate, ox.NamedNode(misspell(o.value)))
                yield path, t, new, "iri", ("unchanged graph" if unchanged(path, t, new) else None)
            if isinstance(o, ox.Literal):
                value = corrupt_value(o)
                if value is not None:
                    new = ox.Triple(t.subject, t.predicate, value)
                    reason = None
                    if unchanged(path, t, new):
                        reason = "unchanged graph"
                    elif value.value == "" and p in FREE_TEXT:
                        reason = "an empty optional free text"
                    elif p in CHECKED_BY_EVIDENCE:
                        reason = "checked against the capture by `diplograph evidence`"
                    yield path, t, new, "literal", reason
                typed = change_datatype(o)
                if typed is not None:
                    new = ox.Triple(t.subject, t.predicate, typed)
                    yield path, t, new, "datatype", ("unchanged graph" if unchanged(path, t, new)
                                                     else None)


def _instances(triples, classes) -> set:
    """Subjects typed with one of ``classes`` or a subclass (rdfs:subClassOf*)."""
    sub = defaultdict(set)
    for t in triples:
        if t.predicate.value == RDFS + "subClassOf":
            sub[t.object].add(t.subject)
    closure, todo = set(), [ox.NamedNode(c) for c in classes]
    while todo:
        c = todo.pop()
        if c not in closure:
            closure.add(c)
            todo += sub[c]
    return {t.subject for t in triples if t.predicate.value == RDF.type and t.object in closure}


def _implied_types(triples) -> set:
    """(subject, class) for each rdf:type that another type of the subject implies.

    Another type D implies C when C is a proper superclass of D by the data's
    rdfs:subClassOf (ontology included), followed transitively.
    """
    parents = defaultdict(set)
    types = defaultdict(set)
    for t in triples:
        if t.predicate.value == RDFS + "subClassOf":
            parents[t.subject].add(t.object)
        elif t.predicate.value == RDF.type:
            types[t.subject].add(t.object)

    def ancestors(cls) -> set:
        seen, todo = set(), list(parents[cls])
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo += parents[c]
        return seen - {cls}

    return {(s, c) for s, classes in types.items() for d in classes for c in ancestors(d)
            if c in classes}


def _has_blank(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


# ------------------------------------------------------------ validating

def signatures(report) -> set[tuple]:
    """Each result of a report as (shape, focus, path, component, severity); blank nodes as _:."""
    props = defaultdict(dict)
    results = []
    for t in report.triples:
        props[t.subject].setdefault(t.predicate.value, t.object)
        if t.predicate.value == SH.result:
            results.append(t.object)

    def name(term):
        if term is None:
            return ""
        return "_:" if isinstance(term, ox.BlankNode) else str(term)

    return {tuple(name(props[r].get(SH[k])) for k in
                  ("sourceShape", "focusNode", "resultPath", "sourceConstraintComponent",
                   "resultSeverity"))
            for r in results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the data tree (default: this checkout)")
    parser.add_argument("--per-kind", type=int, default=150, help="sampled mutants per kind")
    parser.add_argument("--all", action="store_true", help="validate every meaningful mutant")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--scope", choices=("graph", "all"), default="graph",
                        help="mutate graph/ only (default) or ontology/ too")
    parser.add_argument("--survivors", type=int, default=40, help="survivors to list")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()

    source = data_tree(args.data or REPO)
    work = Path(tempfile.mkdtemp(prefix="diplograph-mutate-"))
    try:
        for folder in ("ontology", "graph", "shapes", "queries"):
            if (source.root / folder).is_dir():
                shutil.copytree(source.root / folder, work / folder)
        tree = DataTree(work)
        folders = ("graph",) if args.scope == "graph" else ("ontology", "graph")
        files = {p: read_file(p) for p in tree.data_files()
                 if p.relative_to(work).parts[0] in folders}

        started = time.perf_counter()
        baseline = signatures(dv.validate(tree, fail_on="warning"))
        once = time.perf_counter() - started

        kinds = [k for k in args.kinds.split(",") if k]
        context = [t for p in tree.data_files() for t in read_file(p)]
        every = [m for m in mutants(files, context) if m[3] in kinds]
        meaningless = Counter(m[4].split(":")[0] for m in every if m[4])
        meaningful = [m for m in every if not m[4]]
        by_kind = defaultdict(list)
        for m in meaningful:
            by_kind[m[3]].append(m)
        rng = random.Random(args.seed)
        chosen = []
        for kind in kinds:
            pool = by_kind[kind]
            chosen += pool if args.all or len(pool) <= args.per_kind else rng.sample(
                pool, args.per_kind)

        print(f"data tree {source.root}; scope {'/'.join(folders)}/; "
              f"{sum(map(len, files.values()))} triples in {len(files)} files")
        print(f"mutants: {len(every)}; meaningless {sum(meaningless.values())} "
              f"({', '.join(f'{n} {r}' for r, n in meaningless.most_common())}); "
              f"meaningful {len(meaningful)} "
              f"({', '.join(f'{len(by_kind[k])} {k}' for k in kinds)})")
        sample = "all" if args.all else f"up to {args.per_kind} per kind"
        print(f"validating {len(chosen)} ({sample}, seed {args.seed}); "
              f"one validate takes {once:.2f} s")

        caught = Counter()
        warned_only = Counter()
        total = Counter()
        survivors = []
        started = time.perf_counter()
        for n, (path, old, new, kind, _) in enumerate(chosen, 1):
            original = path.read_bytes()
            triples = [t for t in files[path] if t != old]
            if new is not None:
                triples.append(new)
            write_ntriples(path, triples)
            try:
                report = dv.validate(tree, fail_on="warning")
            finally:
                path.write_bytes(original)
            new_results = signatures(report) - baseline
            total[kind] += 1
            if new_results:
                caught[kind] += 1
                if all(r[4] == SH.Warning for r in new_results):
                    warned_only[kind] += 1
            else:
                survivors.append((kind, path.relative_to(work), old, new))
            if n % 50 == 0:
                print(f"  … {n}/{len(chosen)} ({time.perf_counter() - started:.0f} s)",
                      file=sys.stderr)
        elapsed = time.perf_counter() - started

        print()
        print(f"{'kind':10} {'mutants':>8} {'caught':>7} {'%':>6} {'by warning only':>16}")
        for kind in kinds:
            if total[kind]:
                print(f"{kind:10} {total[kind]:8} {caught[kind]:7} "
                      f"{100 * caught[kind] / total[kind]:6.1f} {warned_only[kind]:16}")
        all_total, all_caught = sum(total.values()), sum(caught.values())
        print(f"{'all':10} {all_total:8} {all_caught:7} "
              f"{100 * all_caught / max(all_total, 1):6.1f} {sum(warned_only.values()):16}")
        print(f"({elapsed:.0f} s, {elapsed / max(all_total, 1):.2f} s per mutant)")

        if survivors:
            print("\nsurvivors by kind and property:")
            for (kind, prop), n in Counter((k, short(o.predicate)) for k, _, o, _ in
                                           survivors).most_common():
                print(f"  {n:4}  {kind:9} {prop}")
            print(f"\nfirst {min(args.survivors, len(survivors))} survivors:")
            for kind, rel, old, new in survivors[:args.survivors]:
                what = f"-> {_term(new.object)}" if new is not None else ""
                print(f"  {kind:9} {rel}: {_term(old.subject)} {short(old.predicate)} "
                      f"{_term(old.object)} {what}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _term(term) -> str:
    text = short(term) if not isinstance(term, ox.Literal) else str(term)
    return text if len(text) <= 70 else text[:67] + "..."


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
