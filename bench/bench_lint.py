"""What lint adds to validate: lint alone next to the whole of validate, in one run.

    python bench/bench_lint.py [-n 5] [--data DIR]

In-process, median of N, on the bundled tree by default: rdfio.load_data (the
parse validate does anyway), lint.lint (its own per-file parse, the checks and
the line index of files with findings), and validate.validate (shapes + lint +
locating every result). Run by hand, never from the tests.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from diplograph import rdfio  # noqa: E402
from diplograph.lint import lint  # noqa: E402
from diplograph.paths import bundled_tree, data_tree  # noqa: E402
from diplograph.validate import validate  # noqa: E402


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5)
    parser.add_argument("--data")
    args = parser.parse_args(argv)
    tree = (data_tree(args.data) if args.data else bundled_tree()).for_validation()
    validate(tree)  # warm up imports (rdflib, pySHACL)
    rows = [
        ("load_data + triples", lambda: rdfio.load_data(tree).triples),
        ("lint", lambda: lint(tree)),
        ("validate (shapes + lint)", lambda: validate(tree)),
    ]
    figures = {name: median_seconds(action, args.n) for name, action in rows}
    for name, seconds in figures.items():
        print(f"{name:28} {seconds:7.3f} s")
    share = figures["lint"] / figures["validate (shapes + lint)"]
    print(f"{'lint / validate':28} {share:7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
