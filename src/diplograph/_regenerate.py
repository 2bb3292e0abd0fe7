"""Refresh every generated file of a source checkout, with one command.

    python -m diplograph._regenerate           # rewrite what is stale, say what changed
    python -m diplograph._regenerate --check   # change nothing; exit 1 naming what is stale

What is generated, and by what:

- ``tests/queries/expected/*`` — each stored query's pinned answer
  (``scripts/expected_queries.py``);
- the ``<!-- generated:… -->`` sections of ``README.md`` (``diplograph._readme``);
- the version pinned in the CI snippets people copy (``rev: vX.Y.Z`` in README.md
  and .pre-commit-hooks.yaml, ``@vX.Y.Z`` in docs/examples/validate-graph.yml),
  which follows ``owl:versionInfo`` (the project's one version number);
- ``docs/timeline.svg``, the README's picture: the site's ``timeline.svg``
  (``diplograph.site.build.standalone_timeline``).

Read the diff before committing: generated text is the tool's real output.
"""

import importlib.util
import re
import sys
from pathlib import Path

COMMAND = "python -m diplograph._regenerate"
# Files that pin the release people install, and the spellings they pin it in.
PINNED = ("README.md", ".pre-commit-hooks.yaml", "docs/examples/validate-graph.yml")
_PIN = re.compile(r"(rev: v|diplograph@v)\d+\.\d+\.\d+")
_VERSION_INFO = re.compile(r'owl:versionInfo "(?P<version>[^"]+)"')


def _root() -> Path:
    from diplograph.paths import source_root

    root = source_root()
    if root is None:
        raise SystemExit("generated files are only regenerated in a source checkout")
    return root


def version(root: Path) -> str:
    text = (root / "ontology" / "diplograph.ttl").read_text(encoding="utf-8")
    return _VERSION_INFO.search(text).group("version")


def pinned(text: str, number: str) -> str:
    """The text with every release pin set to ``number``."""
    return _PIN.sub(lambda m: f"{m.group(1)}{number}", text)


def _expected_queries(root: Path):
    spec = importlib.util.spec_from_file_location("expected_queries",
                                                  root / "scripts" / "expected_queries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    check = "--check" in argv
    root = _root()
    stale: list[str] = []

    queries = _expected_queries(root)
    if queries.main([] if check else ["--regenerate"]) != 0:
        stale.append("tests/queries/expected/")

    from diplograph import _readme

    number = version(root)
    for name in PINNED:
        path = root / name
        current = path.read_text(encoding="utf-8")
        fresh = pinned(current, number)
        if name == "README.md":
            fresh = _readme.render(fresh)
        if fresh != current:
            stale.append(name)
            if not check:
                from diplograph.fileio import write_atomic

                write_atomic(path, fresh)
                print(f"wrote {name}")
    from diplograph.paths import DataTree
    from diplograph.site.build import standalone_timeline

    timeline = root / "docs" / "timeline.svg"
    fresh = standalone_timeline(DataTree(root))
    if timeline.read_text(encoding="utf-8") != fresh:
        stale.append("docs/timeline.svg")
        if not check:
            from diplograph.fileio import write_atomic

            write_atomic(timeline, fresh)
            print("wrote docs/timeline.svg")
    if check and stale:
        print(f"stale: {', '.join(stale)}; run  {COMMAND}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
