"""Time push and query round trips against a local Oxigraph server.

    python bench/bench_endpoint.py [-n 5] [--data DIR] [--batch-size 2000]

Starts ``oxigraph serve`` on a free port of 127.0.0.1 with a temporary store
(the same helper the endpoint tests use), then times: skolemizing the data
graph, a first push, a second push of the same data (adds nothing), a
``--replace`` push into a named graph, and each stored query run remotely
next to the same query on the embedded engine (median of N). Run by hand,
never from the tests.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.endpoint.conftest import start_server, stop_server  # noqa: E402

from diplograph import endpoint as ep  # noqa: E402
from diplograph import paths, queries, rdfio, sparql  # noqa: E402

GRAPH = "https://example.org/bench"


def timed(func, runs: int = 1) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--data", help="data tree (default: the bundled graph)")
    parser.add_argument("--batch-size", type=int, default=ep.BATCH_TRIPLES)
    args = parser.parse_args()

    tree = paths.data_tree(args.data)
    data = rdfio.load_data(tree)
    triples = data.triples
    print(f"data graph: {len(triples)} triples from {len(data.files)} files")
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(Path(folder))
        try:
            endpoint = server.endpoint(timeout=60)
            seconds, _ = timed(lambda: ep.skolemize(triples))
            print(f"skolemize                      {seconds * 1000:8.1f} ms")
            for label, graph, replace in [
                ("push (empty store)", None, False),
                ("push again (adds nothing)", None, False),
                ("push --replace (named graph)", GRAPH, True),
                ("push --replace again", GRAPH, True),
            ]:
                seconds, report = timed(
                    lambda g=graph, r=replace: ep.push(
                        endpoint, triples, g, replace=r, max_triples=args.batch_size
                    )
                )
                print(
                    f"{label:30} {seconds * 1000:8.1f} ms  "
                    f"({report.batches} batches, store holds {report.held})"
                )
            print(f"\nstored queries, median of {args.n} (remote over HTTP vs embedded):")
            for query in queries.stored_queries(tree):
                remote, result = timed(lambda q=query: ep.run(q, endpoint), args.n)
                local, _ = timed(lambda q=query: sparql.run(q, data), args.n)
                size = len(result.rows) or len(result.triples) or int(bool(result.boolean))
                print(
                    f"  {query.name:28} remote {remote * 1000:7.1f} ms  "
                    f"local {local * 1000:7.1f} ms  ({size} rows/triples)"
                )
        finally:
            stop_server(server.process)


if __name__ == "__main__":
    main()
