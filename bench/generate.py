"""A scaled data tree: N copies of the real graph, for the scale bench.

    python bench/generate.py OUT --triples 1000000 [--violations 0.01] [--seed 1]

OUT gets the repository's ontology/, shapes/ and queries/ as they are, and
graph/copy-NNNNN.ttl: copy k of every graph/ file merged, with every IRI under
https://w3id.org/diplograph/id/ made copy-specific (``…/event/x`` becomes
``…/event/x-c7``, which the IRI patterns of the shapes still accept; IRIs the
shapes themselves name, such as topic:scheme, stay shared) and every
blank node renamed per copy. So each copy is one more, unconnected, graph of
the same shape, and every shape applies to it as to the real one.

``--violations R`` damages about R of each copy's triples, reproducibly (a
seeded random generator): half of the damaged triples are dropped (a missing
label, a missing type, a dangling link), the other half have their literal
retyped to a plain string or, for IRIs, pointed at a fresh IRI nothing
describes. Run by hand; uses pyoxigraph only.
"""

import argparse
import random
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/diplograph/id/"


def real_graph(repo: Path) -> tuple[list[ox.Triple], int]:
    """The triples of graph/ (the part that is copied) and the number in ontology/."""
    graph = []
    for path in sorted((repo / "graph").rglob("*.ttl")):
        graph += [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    ontology = sum(1 for path in sorted((repo / "ontology").rglob("*.ttl"))
                   for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return list(dict.fromkeys(graph)), ontology


def shape_iris(repo: Path) -> set[str]:
    """IRIs the shapes name (topic:scheme in sh:hasValue, …): shared by every copy."""
    return {term.value for path in sorted((repo / "shapes").glob("*.ttl"))
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode)}


def _copy_term(term, suffix: str, shared: set[str]):
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID) and term.value not in shared:
        iri, hash_, fragment = term.value.partition("#")
        return ox.NamedNode(iri + suffix + hash_ + fragment)
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(term.value + suffix.replace("-", "x"))
    return term


def _damage(triple: ox.Triple, rng: random.Random, suffix: str):
    """None (the triple is dropped) or a triple with a wrong object."""
    if rng.random() < 0.5:
        return None
    obj = triple.object
    if isinstance(obj, ox.Literal):
        obj = ox.Literal(obj.value)  # "2025-10-30"^^xsd:date becomes "2025-10-30"
    else:
        obj = ox.NamedNode(f"{ID}nowhere/missing{suffix}")
    return ox.Triple(triple.subject, triple.predicate, obj)


def copy_of(graph: list[ox.Triple], k: int, violations: float, rng: random.Random,
            shared: set[str]):
    suffix = f"-c{k}"
    for t in graph:
        copied = ox.Triple(*(_copy_term(term, suffix, shared)
                             for term in (t.subject, t.predicate, t.object)))
        if violations and rng.random() < violations:
            copied = _damage(copied, rng, suffix)
            if copied is None:
                continue
        yield copied


def generate(out: Path, triples: int, violations: float = 0.0, seed: int = 1,
             repo: Path = REPO) -> int:
    """Write the scaled tree; returns the number of copies."""
    graph, ontology = real_graph(repo)
    copies = max(1, round((triples - ontology) / len(graph)))
    if out.exists():
        shutil.rmtree(out)
    for folder in ("ontology", "shapes", "queries"):
        shutil.copytree(repo / folder, out / folder)
    (out / "graph").mkdir(parents=True)
    rng = random.Random(seed)
    shared = shape_iris(repo)
    for k in range(1, copies + 1):
        data = ox.serialize(list(copy_of(graph, k, violations, rng, shared)),
                            format=ox.RdfFormat.N_TRIPLES)
        # N-Triples is Turtle; .ttl is what the data tree reads.
        (out / "graph" / f"copy-{k:05d}.ttl").write_bytes(data)
    return copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--triples", type=int, default=100_000, help="about how many triples")
    parser.add_argument("--violations", type=float, default=0.0,
                        help="fraction of each copy's triples to damage (e.g. 0.01)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    copies = generate(args.out, args.triples, args.violations, args.seed)
    print(f"{args.out}: {copies} copies of the graph", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
