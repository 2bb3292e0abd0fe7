"""Helpers shared by the curation tests (imported as a plain module; tests/ is on sys.path)."""

import shutil
from pathlib import Path


def copy_tree(repo: Path, into: Path) -> Path:
    """A copy of the data tree (ontology/, graph/, shapes/, queries/) under ``into``."""
    root = into / "tree"
    for folder in ("ontology", "graph", "shapes", "queries"):
        shutil.copytree(repo / folder, root / folder)
    return root
