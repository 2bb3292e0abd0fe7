"""Whole-process time and peak memory of each command at 10k, 100k and 1M triples.

    python bench/bench_scale.py [--sizes 10000,100000,1000000] [-n 3] [--timeout 600]
                                [--work /tmp/diplograph-scale] [--only validate,query,...]
                                [--baseline REV]

Run by hand, never from the tests. For each size it generates a tree with
bench/generate.py (about 1% of the triples damaged, so validate has results to
report), then runs, side by side in one run, each diplograph command against
the stock path it replaces:

- validate: ``diplograph validate`` (the fast engine), ``--engine pyshacl``
  (the reference), stock rdflib + pySHACL (parse every file with rdflib, then
  ``pyshacl.validate``), and the fastest alternative found, the ``shacl`` Rust
  engine from PyPI, when it is installed;
- query: a stored query with a warm cache, after a data file changed, and a
  bare pyoxigraph parse plus the same query;
- export and stats against pyoxigraph's own serialise and count.

``--baseline REV`` adds, beside each diplograph row, the same command as of
commit REV (its src/, shapes/, ontology/ and queries/, taken with ``git
archive``; the same graph/ files, hard-linked), so a change is measured before
and after in one run, on one machine under one load.

Each figure is the median of ``-n`` runs; peak memory is the child's maximum
resident set (os.wait4), so each command is measured on its own. The exponent
k of each command between two sizes solves t2/t1 = (n2/n1)^k (the goal is
k <= 1.1: linear growth).
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate import generate  # noqa: E402

STOCK_PYSHACL = r"""
import sys
from pathlib import Path
import rdflib, pyshacl
root = Path(sys.argv[1])
data = rdflib.Graph()
for folder in ("ontology", "graph"):
    for path in sorted((root / folder).rglob("*.ttl")):
        data.parse(path, format="turtle")
shapes = rdflib.Graph()
for path in sorted((root / "shapes").glob("*.ttl")):
    shapes.parse(path, format="turtle")
conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                  allow_warnings=True, allow_infos=True)
print(conforms)
"""

RUST_SHACL = r"""
import sys
from pathlib import Path
import shacl
root = Path(sys.argv[1])
data = "\n".join(p.read_text() for f in ("ontology", "graph")
                 for p in sorted((root / f).rglob("*.ttl")))
shapes = "\n".join(p.read_text() for p in sorted((root / "shapes").glob("*.ttl")))
print(shacl.validate(data, shapes))
"""

BARE_QUERY = r"""
import sys
from pathlib import Path
import pyoxigraph as ox
root = Path(sys.argv[1])
store = ox.Store()
for folder in ("ontology", "graph"):
    for path in sorted((root / folder).rglob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
text = (root / "queries" / (sys.argv[2] + ".rq")).read_text()
# The stored queries leave their prefixes out; the same table the CLI puts first.
from diplograph.namespaces import PREFIXES
print(sum(1 for _ in store.query(text, prefixes=dict(PREFIXES))))
"""

BARE_EXPORT = r"""
import sys
from pathlib import Path
import pyoxigraph as ox
root = Path(sys.argv[1])
store = ox.Store()
for folder in ("ontology", "graph"):
    for path in sorted((root / folder).rglob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
if sys.argv[2] == "count":
    print(len(store))
else:
    sys.stdout.buffer.write(ox.serialize(store, format=ox.RdfFormat.TURTLE))
"""


def measure(argv: list[str], timeout: float, env=None) -> tuple[float, float, int, float]:
    """(wall seconds, peak MiB, exit code, CPU seconds) of one whole process; exit -9 when
    killed at the timeout. CPU time (user + system) is the figure to compare on a shared
    machine: wall time there mostly measures the other processes."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            return math.inf, usage.ru_maxrss / 1024, -9, math.inf
        time.sleep(0.01)
    child.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode,
            usage.ru_utime + usage.ru_stime)


def median_of(n: int, argv, timeout, env=None, before=None):
    runs = []
    for _ in range(n):
        if before:
            before()
        runs.append(measure(argv, timeout, env))
        if runs[-1][2] == -9:
            break
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2],
            statistics.median(r[3] for r in runs))


def baseline_tree(args, root: Path) -> tuple[Path, dict] | None:
    """The tree and environment that run commit ``--baseline``: its code and shapes,
    the graph/ files of ``root`` (hard links: a file changed in one is changed in both)."""
    if not args.baseline:
        return None
    code = args.work / f"baseline-{args.baseline}"
    if not (code / "src").is_dir():
        code.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline, "src",
                                  "shapes", "ontology", "queries"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    tree = root.with_name(root.name + "-baseline")
    shutil.rmtree(tree, ignore_errors=True)
    for folder in ("ontology", "shapes", "queries"):
        shutil.copytree(code / folder, tree / folder)
    (tree / "graph").mkdir()
    for path in sorted((root / "graph").iterdir()):
        os.link(path, tree / "graph" / path.name)
    env = dict(os.environ, PYTHONPATH=str(code / "src"),
               DIPLOGRAPH_CACHE_DIR=str(args.work / "cache-baseline"))
    return tree, env


def rows(root: Path, args, env) -> list[tuple[str, list[str], object]]:
    """(label, argv, setup before each run, environment) for one size."""
    py = sys.executable
    exe = [py, "-m", "diplograph", "--data", str(root)]
    some_file = sorted((root / "graph").glob("*.ttl"))[0]
    baseline = baseline_tree(args, root)

    def touch():  # a changed data file (a comment more): the cache must rebuild
        with open(some_file, "a", encoding="utf-8") as handle:
            handle.write(f"# changed {time.time_ns()}\n")

    out = []
    only = set(args.only.split(",")) if args.only else None

    skip = [word.lower() for word in args.skip.split(",")] if args.skip else []

    def add(group, label, argv, before=None):
        if any(word in label.lower() for word in skip):
            return
        if only is None or group in only:
            out.append((group, label, argv, before, env))
            if baseline and label.startswith("diplograph "):
                tree, old_env = baseline
                old_argv = [str(tree) if a == str(root) else a for a in argv]
                out.append((group, label.replace("diplograph ", f"diplograph@{args.baseline} ",
                                                 1), old_argv, before, old_env))

    add("validate", "diplograph validate", exe + ["validate"])
    add("validate", "diplograph validate --engine pyshacl", exe + ["validate", "--engine",
                                                                   "pyshacl"])
    add("validate", "stock rdflib + pySHACL", [py, "-c", STOCK_PYSHACL, str(root)])
    try:
        import shacl  # noqa: F401

        add("validate", "shacl (Rust, PyPI)", [py, "-c", RUST_SHACL, str(root)])
    except ImportError:
        pass
    add("query", f"diplograph query {args.query} (cache warm)", exe + ["query", args.query])
    add("query", f"diplograph query {args.query} (a file changed)",
        exe + ["query", args.query], touch)
    add("query", f"pyoxigraph parse + query {args.query}",
        [py, "-c", BARE_QUERY, str(root), args.query])
    add("export", "diplograph export --format turtle (cache warm)",
        exe + ["export", "--format", "turtle"])
    add("export", "diplograph export --format turtle (a file changed)",
        exe + ["export", "--format", "turtle"], touch)
    add("export", "pyoxigraph parse + serialize turtle",
        [py, "-c", BARE_EXPORT, str(root), "turtle"])
    # Warm: an earlier row changed a file, and stats is measured on the store of the data.
    add("stats", "diplograph stats (cache warm)", exe + ["stats"])
    add("stats", "pyoxigraph parse + len(store)", [py, "-c", BARE_EXPORT, str(root), "count"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("-n", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a kill")
    parser.add_argument("--violations", type=float, default=0.01)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) /
                        "diplograph-scale")
    parser.add_argument("--query", default="people")
    parser.add_argument("--only", help="comma-separated groups: validate,query,export,stats")
    parser.add_argument("--baseline", help="a commit to measure beside the working tree")
    parser.add_argument("--skip", help="comma-separated words: leave out rows whose label "
                                       "holds one (e.g. pyshacl)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    env = dict(os.environ, DIPLOGRAPH_CACHE_DIR=str(args.work / "cache"))
    table: dict[tuple[str, int], tuple[float, float, int, float]] = {}
    labels: list[str] = []
    for size in sizes:
        root = args.work / f"tree-{size}"
        if not (root / "graph").is_dir():
            generate(root, size, args.violations)
        for folder in ("ontology", "shapes", "queries"):  # as they are now, not as generated
            shutil.rmtree(root / folder, ignore_errors=True)
            shutil.copytree(REPO / folder, root / folder)
        for _group, label, argv, before, run_env in rows(root, args, env):
            if label not in labels:
                labels.append(label)
            if "(cache warm)" in label:
                measure(argv, args.timeout, run_env)  # fill the cache first
            table[(label, size)] = median_of(args.n, argv, args.timeout, run_env, before)
            seconds, mib, code, cpu = table[(label, size)]
            print(f"  {size:>8} {label:45} {seconds:8.2f} s wall {cpu:8.2f} s CPU "
                  f"{mib:8.0f} MiB  exit {code}", file=sys.stderr, flush=True)
    print("CPU seconds (user + system), wall seconds in brackets, peak resident memory; "
          "medians of the runs; the exponent is of CPU time between the last two sizes.\n")
    head = "| command | " + " | ".join(f"{s:,} triples" for s in sizes)
    head += " | exponent |" if len(sizes) > 1 else " |"
    print(head)
    print("|---" * (len(sizes) + 1 + (len(sizes) > 1)) + "|")
    for label in labels:
        cells = []
        for size in sizes:
            seconds, mib, code, cpu = table.get((label, size), (math.nan, math.nan, 0, math.nan))
            shown = (f"killed at {args.timeout:.0f} s" if code == -9
                     else f"{cpu:.2f} s [{seconds:.1f}]")
            cells.append(f"{shown} ({mib:,.0f} MiB)" + ("" if code in (0, 1, -9) else
                                                        f" exit {code}"))
        line = f"| {label} | " + " | ".join(cells)
        if len(sizes) > 1:
            t1, t2 = table.get((label, sizes[-2])), table.get((label, sizes[-1]))
            ok = t1 and t2 and math.isfinite(t1[3]) and math.isfinite(t2[3]) and t1[3] > 0
            k = math.log(t2[3] / t1[3]) / math.log(sizes[-1] / sizes[-2]) if ok else math.nan
            line += f" | {k:.2f}"
        print(line + " |")
    shutil.rmtree(args.work / "cache", ignore_errors=True)
    shutil.rmtree(args.work / "cache-baseline", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
