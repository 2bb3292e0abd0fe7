"""Where the data tree lives: one function, ``data_tree``, decides.

A data tree is a folder with the layout of this repository's root::

    ontology/**/*.ttl  graph/**/*.ttl   the data graph (merged into one default graph)
    shapes/*.ttl                        SHACL shapes (never loaded as data)
    queries/*.rq                        stored queries

Precedence: an explicit folder (``--data``), then ``$DIPLOGRAPH_DATA``, then the
tree shipped inside the installed wheel (``diplograph/data``), then the root of
the source checkout this module sits in (editable installs and plain checkouts).
"""

import os
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import InputError

ENV_VAR = "DIPLOGRAPH_DATA"
DATA_FOLDERS = ("ontology", "graph")
_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DataTree:
    root: Path

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    def data_files(self) -> list[Path]:
        """Every *.ttl under ontology/ and graph/, in a stable order."""
        files: list[Path] = []
        for folder in DATA_FOLDERS:
            files += sorted((self.root / folder).rglob("*.ttl"), key=_posix_key)
        return files

    def other_files(self) -> list[Path]:
        """Files under ontology/ and graph/ that are not *.ttl (never read as data)."""
        files: list[Path] = []
        for folder in DATA_FOLDERS:
            files += sorted((p for p in (self.root / folder).rglob("*")
                             if p.is_file() and p.suffix != ".ttl"), key=_posix_key)
        return files

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"), key=_posix_key)

    def query_files(self) -> list[Path]:
        return sorted(self.queries_dir.glob("*.rq"), key=_posix_key)


def _posix_key(path: Path) -> str:
    return path.as_posix()


def source_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    root = _PACKAGE_DIR.parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "src").is_dir() else None


def data_tree(override: str | os.PathLike | None = None) -> DataTree:
    """Resolve the data tree; ``override`` is the ``--data`` option."""
    if override is None:
        override = os.environ.get(ENV_VAR) or None
    if override is not None:
        root = Path(override).expanduser().resolve()
        if not root.is_dir():
            raise InputError(f"data folder {override} does not exist")
        if not any((root / folder).is_dir() for folder in DATA_FOLDERS):
            raise InputError(
                f"data folder {override} has neither ontology/ nor graph/",
                hint="a data tree has ontology/, graph/, shapes/ and queries/ folders",
            )
        return DataTree(root)
    packaged = _PACKAGE_DIR / "data"
    if packaged.is_dir():
        return DataTree(packaged)
    root = source_root()
    if root is not None:
        return DataTree(root)
    raise InputError("no data tree found", hint=f"pass --data DIR or set ${ENV_VAR}")
