"""Pinned outputs of the stored queries: tests/queries/expected/NAME.tsv (or .ttl).

    python scripts/expected_queries.py              # list stale or missing files
    python scripts/expected_queries.py --regenerate # write them from the tool's output

The files are produced by the tool (``diplograph query NAME --format tsv``
with the header defaults, on the bundled data tree), then read by a human
before they are committed; ``tests/test_stored_queries.py`` compares against
them on both engines.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXPECTED = REPO / "tests" / "queries" / "expected"
sys.path.insert(0, str(REPO / "src"))

from diplograph import rdfio  # noqa: E402
from diplograph.paths import DataTree  # noqa: E402
from diplograph.queries import read_query  # noqa: E402
from diplograph.results import render  # noqa: E402
from diplograph.sparql import run  # noqa: E402


def expected_path(query) -> Path:
    suffix = ".ttl" if query.form in ("CONSTRUCT", "DESCRIBE") else ".tsv"
    return EXPECTED / f"{query.name}{suffix}"


def output(query, data, engine: str = "oxigraph") -> str:
    return render(run(query, data, {}, engine), "tsv")


def main(argv: list[str]) -> int:
    tree = DataTree(REPO)
    data = rdfio.load_data(tree)
    regenerate = "--regenerate" in argv
    stale = 0
    EXPECTED.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for path in tree.query_files():
        query = read_query(path)
        target = expected_path(query)
        wanted.add(target.name)
        text = output(query, data)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale += 1
        if regenerate:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(REPO)}")
        else:
            print(f"stale or missing: {target.relative_to(REPO)}")
    for orphan in sorted(p for p in EXPECTED.iterdir() if p.name not in wanted):
        stale += 1
        if regenerate:
            orphan.unlink()
            print(f"removed {orphan.relative_to(REPO)} (no such query)")
        else:
            print(f"orphan: {orphan.relative_to(REPO)}")
    return 0 if regenerate or not stale else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
