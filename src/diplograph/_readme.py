"""Regenerate the generated parts of README.md from the tool itself.

    python -m diplograph._readme           # rewrite README.md in place
    python -m diplograph._readme --check   # exit 1 if README.md is stale

``python -m diplograph._regenerate`` runs this with every other generator.

Each generated part sits between ``<!-- generated:NAME -->`` and
``<!-- /generated:NAME -->``: ``tour`` (real output of real commands on the
bundled graph, run from an empty temporary folder so that the bundled tree
is read wherever this runs), ``queries`` (the catalogue, from the stored
queries' headers) and ``cli`` (every command's ``--help``).
"""

import contextlib
import re
import shlex
import sys
import tempfile
from pathlib import Path

from diplograph.paths import bundled_tree, source_root

TOUR = (
    ("stats",),
    ("query", "sources", "--max-width", "100"),
    ("query", "timeline", "--max-width", "100"),
    ("query", "statements-of-speaker", "-p", "speaker=Sanae Takaichi", "-f", "records",
     "--max-width", "100"),
    ("query", "single-source-facts", "--max-width", "100"),
    ("query", "-e", "SELECT * WHERE { ?person a schema:Person ; schema:name ?name } "
     "ORDER BY ?name LIMIT 3", "-f", "jsonl"),
    ("prefixes",),
    ("validate",),
)
TOUR_LINES = 25  # longer outputs are cut, with a note saying how much was left out


def _invoke(args: list[str]) -> tuple[int, str]:
    from click.testing import CliRunner

    from diplograph.cli import cli

    runner = CliRunner()
    # From an empty folder, with no data tree above it: the bundled tree is read.
    with tempfile.TemporaryDirectory() as empty, contextlib.chdir(empty):
        result = runner.invoke(cli, args, prog_name="diplograph", terminal_width=100,
                               env={"DIPLOGRAPH_DATA": None})
    return result.exit_code, result.stdout


def cli_reference() -> str:
    from diplograph.cli import cli

    blocks = []
    for name in [None, *cli.commands]:
        args = [name, "--help"] if name else ["--help"]
        _, text = _invoke(args)
        title = f"diplograph {name}" if name else "diplograph"
        blocks.append(f"#### `{title}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(blocks)


def query_catalogue() -> str:
    from diplograph.queries import stored_queries

    found = stored_queries(bundled_tree())
    if not found:
        return "_No stored queries yet._\n"
    lines = ["| query | what it answers | parameters (default) |", "|---|---|---|"]
    for q in found:
        params = "<br>".join(
            f"`{p.name}` {p.type}" + (f" ({p.default})" if p.default else " (required)")
            + (f": {p.description}" if p.description else "")
            for p in q.params
        ) or "—"
        what = f"**{q.title}**. {q.description}" if q.title else q.description
        lines.append(f"| `{q.name}` | {what.replace('|', '/')} | {params.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def tour() -> str:
    names = {path.stem for path in bundled_tree().query_files()}
    blocks = []
    for args in TOUR:
        if args[0] == "query" and args[1] not in names and not args[1].startswith("-"):
            continue
        _, text = _invoke(list(args))
        lines = text.rstrip("\n").splitlines()
        if len(lines) > TOUR_LINES:
            cut = len(lines) - TOUR_LINES
            lines = lines[:TOUR_LINES] + [f"… ({cut} more lines)"]
        body = "\n".join(lines)
        blocks.append(f"```console\n$ diplograph {shlex.join(args)}\n{body}\n```\n")
    return "\n".join(blocks)


SECTIONS = {"tour": tour, "queries": query_catalogue, "cli": cli_reference}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.S
        )
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- generated:{name} --> section")
        content = make()
        text = pattern.sub(lambda m, c=content: m.group(1) + "\n" + c + "\n" + m.group(2), text)
    return text


def readme_path() -> Path:
    root = source_root()
    if root is None:
        raise SystemExit("README.md is only regenerated from a source checkout")
    return root / "README.md"


def main(argv: list[str]) -> int:
    path = readme_path()
    current = path.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md is stale: run  python -m diplograph._regenerate", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        path.write_text(fresh, encoding="utf-8")
        print("README.md regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
