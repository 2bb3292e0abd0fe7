"""Time each diplograph command as a whole process (median of N runs).

    python bench/bench_cli.py [-n 9] [--data DIR]

Run by hand, never from the tests. Targets (this 2-core machine, bundled graph):
--help 0.10 s, query 0.15 s, export 0.5 s, validate 1.5 s.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def commands(query: str, with_params: str) -> list[tuple[str, list[str], float | None]]:
    return [
        ("--help", ["--help"], 0.10),
        ("--version", ["--version"], None),
        ("queries", ["queries"], None),
        (f"query {query}", ["query", query], 0.15),
        (f"query {with_params} (parameters)", ["query", with_params], 0.15),
        (f"query {query} --engine rdflib", ["query", query, "--engine", "rdflib"], None),
        # The views for people, side by side with the plain one: labels cost one more query,
        # a name parameter one pass of find's index over the data files.
        (f"query {query} --iris", ["query", query, "--iris"], 0.15),
        (f"query {query} --max-width 80", ["query", query, "--max-width", "80"], 0.15),
        ("query statements-of-speaker (a name)",
         ["query", "statements-of-speaker", "-p", "speaker=Sanae Takaichi"], None),
        ("query -e 'SELECT * …' -f jsonl",
         ["query", "-e", "SELECT * WHERE { ?s a schema:Person ; schema:name ?n }", "-f", "jsonl"],
         0.15),
        ("stats", ["stats"], None),
        ("export", ["export"], 0.5),
        ("export --format jsonld", ["export", "--format", "jsonld"], None),
        ("validate", ["validate"], 1.5),
        ("evidence", ["evidence", "--sources", str(SEEDS)], None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=9, help="runs per command")
    parser.add_argument("--data", help="data tree (default: the bundled one)")
    parser.add_argument("--query", default="sources", help="stored query to time")
    parser.add_argument("--param-query", default="meetings-between",
                        help="stored query with parameters (bound from its defaults)")
    args = parser.parse_args()
    exe = shutil.which("diplograph", path=str(Path(sys.executable).parent)) or "diplograph"
    base = [exe] + (["--data", args.data] if args.data else [])
    print(f"{'command':36} {'median s':>9} {'min s':>7} {'target':>7}  exit")
    with tempfile.TemporaryDirectory() as cwd:  # any directory must do
        for name, argv, target in commands(args.query, args.param_query):
            times, code = [], 0
            for _ in range(args.n):
                start = time.perf_counter()
                done = subprocess.run(base + argv, cwd=cwd, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
                code = done.returncode
            median = statistics.median(times)
            flag = "" if target is None else (f"{target:.2f}" + (" !" if median > target else ""))
            print(f"{name:36} {median:9.3f} {min(times):7.3f} {flag:>7}  {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
