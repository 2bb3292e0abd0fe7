"""Time canonical blank-node labelling: ``export`` of big lists, ``push``'s skolemisation.

    python bench/bench_canonical.py [--src DIR ...] [--timeout 120]

Each workload runs in its own process (killed after --timeout seconds), once
for each ``--src`` folder given (a ``src/`` holding the ``diplograph`` package,
e.g. of another checkout, to compare side by side), by default this checkout's.
Run by hand, never from the tests. Targets (this 2-core machine): every
workload under 1 s.

Workloads, built in memory:
  list-4000          export -f turtle of one RDF list of 4000 distinct items
  list-4000-equal    the same with 4000 equal items (RDFC-1.0 alone takes hours)
  nested-2000        export of a collection nested 2000 deep, ( ( ( ... ) ) )
  lattice-80         skolemisation (push) of an 8 x 10 grid of blank nodes, each
                     linked both ways to its neighbours by one predicate
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKLOADS = ("list-4000", "list-4000-equal", "nested-2000", "lattice-80")
TARGET_S = 1.0


def build(name: str):
    import pyoxigraph as ox

    ex = "http://example.org/"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    first, rest, nil = (ox.NamedNode(rdf + n) for n in ("first", "rest", "nil"))
    subject = ox.NamedNode(ex + "s")
    triples = []
    if name.startswith("list-"):
        nodes = [ox.BlankNode() for _ in range(4000)]
        triples.append(ox.Triple(subject, ox.NamedNode(ex + "items"), nodes[0]))
        for i, node in enumerate(nodes):
            item = ox.Literal("x" if name.endswith("equal") else f"item {i}")
            triples.append(ox.Triple(node, first, item))
            triples.append(ox.Triple(node, rest, nodes[i + 1] if i + 1 < len(nodes) else nil))
    elif name == "nested-2000":
        nodes = [ox.BlankNode() for _ in range(2000)]
        triples.append(ox.Triple(subject, ox.NamedNode(ex + "items"), nodes[0]))
        for i, node in enumerate(nodes):
            inner = nodes[i + 1] if i + 1 < len(nodes) else ox.Literal("deepest")
            triples += [ox.Triple(node, first, inner), ox.Triple(node, rest, nil)]
    elif name == "lattice-80":
        grid = {(i, j): ox.BlankNode() for i in range(8) for j in range(10)}
        link = ox.NamedNode(ex + "link")
        for (i, j), node in grid.items():
            for other in (grid.get((i + 1, j)), grid.get((i, j + 1))):
                if other is not None:
                    triples += [ox.Triple(node, link, other), ox.Triple(other, link, node)]
        triples.append(ox.Triple(subject, ox.NamedNode(ex + "corner"), grid[0, 0]))
    return triples


def run_one(name: str) -> None:
    """In the child process: build, time, print seconds."""
    sys.setrecursionlimit(100_000)  # the old writer recursed; measure time, not the limit
    triples = build(name)
    start = time.perf_counter()
    if name == "lattice-80":
        from diplograph.endpoint import skolemize

        skolemize(triples)
    else:
        from diplograph.rdfwrite import serialize

        serialize(triples, "turtle")
    print(f"{time.perf_counter() - start:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", help="a src/ folder to import diplograph from")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per workload")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one)
        return 0
    sources = args.src or [str(REPO / "src")]
    print(f"{'workload':18} " + " ".join(f"{Path(s).resolve().parent.name[-14:]:>14}"
                                         for s in sources) + f"  target {TARGET_S:.1f} s")
    for name in WORKLOADS:
        cells = []
        for src in sources:
            env = {"PYTHONPATH": str(Path(src).resolve()), "PATH": "/usr/bin:/bin"}
            try:
                done = subprocess.run([sys.executable, __file__, "--one", name], env=env,
                                      capture_output=True, text=True, timeout=args.timeout)
                cell = done.stdout.strip() + " s" if done.returncode == 0 else (
                    "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:40])
            except subprocess.TimeoutExpired:
                cell = f"> {args.timeout:.0f} s"
            cells.append(f"{cell:>14}")
        print(f"{name:18} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
