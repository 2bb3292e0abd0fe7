"""Time ``push --per-source`` by Graph Store Protocol PUT against SPARQL Update, side by side.

    python bench/bench_publishing.py [-n 5] [--data DIR]

Starts ``oxigraph serve`` on a free port of 127.0.0.1 with a temporary store
(the helper the tests use), then alternates the two ways of replacing every
graph of the dataset (GSP first, then Update, N times each, interleaved so
both see the same machine load), and prints the median and range of each and
their ratio; then the same for the export formats the push builds on. Run by
hand, never from the tests.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from diplograph import paths  # noqa: E402
from diplograph.publishing.dataset import export_dataset  # noqa: E402
from diplograph.publishing.push import push_per_source  # noqa: E402
from oxigraph_server import start_server, stop_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs of each (median)")
    parser.add_argument("--data", help="data tree (default: the bundled graph)")
    args = parser.parse_args()
    tree = paths.data_tree(args.data)
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(Path(folder))
        try:
            ways = {
                "Graph Store Protocol PUT": {"graph_store": server.base + "/store"},
                "SPARQL Update (INSERT DATA + MOVE)": {"update_url": server.update_url},
            }
            times: dict[str, list[float]] = {name: [] for name in ways}
            for _ in range(args.n):
                for name, options in ways.items():
                    started = time.perf_counter()
                    summary = push_per_source(tree, server.query_url, timeout=60, **options)
                    times[name].append(time.perf_counter() - started)
            print("last run:", summary)
            for name, seconds in times.items():
                print(f"{name:36} median {statistics.median(seconds):6.3f} s "
                      f"(min {min(seconds):.3f}, max {max(seconds):.3f}, n={args.n})")
            gsp, update = (statistics.median(s) for s in times.values())
            print(f"ratio Update / GSP: {update / gsp:.1f}x")
        finally:
            stop_server(server.process)
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        seconds = []
        for _ in range(args.n):
            started = time.perf_counter()
            export_dataset(tree, fmt)
            seconds.append(time.perf_counter() - started)
        print(f"export -f {fmt:7} median {statistics.median(seconds):6.3f} s")
    seconds = []
    for _ in range(args.n):
        started = time.perf_counter()
        export_dataset(tree, "jsonld", "events")
        seconds.append(time.perf_counter() - started)
    print(f"export -f jsonld --frame events median {statistics.median(seconds):6.3f} s")


if __name__ == "__main__":
    main()
