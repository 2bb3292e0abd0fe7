"""Helpers shared by the curation tests (imported as a plain module; tests/ is on sys.path).

``workspace`` is a copy of the repository's data tree in a temporary folder with
a captures folder beside it holding the fictional article written for these
tests (tests/data/curation/900_5e1f0c2a9b7d4e63.txt), so the curation commands
can write into it freely.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CURATION = TESTS / "data" / "curation"
CAPTURE = CURATION / "900_5e1f0c2a9b7d4e63.txt"
SOURCE = "source:2026-02-03-moriyama-lee-fisheries-talks"
SOURCE_SLUG = "2026-02-03-moriyama-lee-fisheries-talks"
CURATOR = "Aiko Curator"  # the fictional curator named in written provenance blocks
CURATION_EPOCH = "1770109200"  # 2026-02-03T09:00:00Z, the provenance time of test runs


def copy_tree(repo: Path, into: Path) -> Path:
    """A copy of the data tree (ontology/, graph/, shapes/, queries/) under ``into``."""
    root = into / "tree"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(repo / folder, root / folder)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root and its bytes, to show that nothing was touched."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


PUBLISHER_WARNING = (SOURCE, "Warning: A news article should name its schema:publisher (leave "
                             "it out only when the capture does not show it). [path "
                             "schema:publisher]")


def findings_on_ours(report: str) -> set[tuple[str, str]]:
    """(focus node, finding) of a validate report, for the test article's resources only."""
    found, focus = set(), None
    for line in report.splitlines():
        if line.startswith("    ") and focus:
            found.add((focus, line.strip()))
        elif line.startswith("  "):
            node = line.split("  (", 1)[0].strip()  # the focus node, without "(file:line)"
            focus = node if SOURCE_SLUG in line or "moriyama" in line else None
    return found


@dataclass
class Workspace:
    root: Path  # the data tree
    captures: Path  # the folder of captured texts

    @property
    def source_file(self) -> Path:
        return self.root / "graph" / "sources" / f"{SOURCE_SLUG}.ttl"

    def source_facts(self) -> str:
        """The source file's text up to its closing curation provenance block."""
        from diplograph.publishing.provenance import MARKER

        text = self.source_file.read_text(encoding="utf-8")
        assert text.count(MARKER) == 1, "the provenance block stays, once"
        return text[: text.index(MARKER)].rstrip("\n") + "\n"

    def run(self, *args: str, **kwargs):
        from diplograph.cli import cli

        env = {"DIPLOGRAPH_SOURCES": str(self.captures), "DIPLOGRAPH_CURATOR": CURATOR,
               "SOURCE_DATE_EPOCH": CURATION_EPOCH,
               **kwargs.pop("env", {})}
        return CliRunner().invoke(cli, ["--data", str(self.root), *args], env=env, **kwargs)

    def new_source(self):
        result = self.run("new-source", str(self.captures / CAPTURE.name),
                          "--title", "Moriyama and Lee agree on fisheries talks in Seoul",
                          "--published", "2026-02-03", "--dateline", "SEOUL",
                          "--slug", SOURCE_SLUG)
        assert result.exit_code == 0, result.output
        return result


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    root = copy_tree(REPO, tmp_path)
    captures = tmp_path / "captures"
    captures.mkdir()
    shutil.copy(CAPTURE, captures / CAPTURE.name)
    return Workspace(root, captures)


@pytest.fixture
def with_source(workspace) -> Workspace:
    """The workspace with the fictional article's source file written by new-source."""
    workspace.new_source()
    return workspace
