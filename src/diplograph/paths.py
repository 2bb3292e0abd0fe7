"""Where the data tree lives: one function, ``data_tree``, decides.

A data tree is a folder with the layout of this repository's root::

    ontology/**/*.ttl  graph/**/*.ttl   the data graph (merged into one default graph)
    shapes/*.ttl                        SHACL shapes (never loaded as data)
    queries/*.rq                        stored queries

Which tree, first match wins:

1. ``--data DIR``;
2. ``$DIPLOGRAPH_DATA``;
3. the nearest folder at or above the working directory that holds the layout:
   an ``ontology/`` or ``graph/`` subfolder with at least one ``*.ttl`` in it
   (at any depth). So ``diplograph validate`` inside a checkout or another
   repository reads that repository's files, whatever is installed;
4. the bundled copy: the tree shipped inside the installed wheel
   (``diplograph/data``), or, in an editable install, the source checkout's root.

A tree from 1–3 may hold only its own ``graph/``: the ``shapes/`` and
``queries/`` it does not have are taken from the bundled copy, and ``validate``
also checks it against the bundled ``ontology/`` when it has none (merged with
its data for the check only: ``query``, ``export``, ``stats`` and ``push`` read
the tree's own files). ``DataTree.borrowed`` lists what is borrowed; ``info``
and ``validate`` say so. A folder that exists is never mixed with the bundled one.
"""

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from diplograph.errors import InputError

ENV_VAR = "DIPLOGRAPH_DATA"
DATA_FOLDERS = ("ontology", "graph")
# Folders a tree may leave out and borrow from the bundled copy (never graph/);
# validate borrows ontology/ too (DataTree.for_validation).
BORROWED = ("shapes", "queries")
_PACKAGE_DIR = Path(__file__).resolve().parent

# Why a tree was chosen (DataTree.origin), as ``info`` and ``validate`` say it.
FROM_OPTION = "--data"
FROM_ENV = f"${ENV_VAR}"
FROM_WORKING_DIRECTORY = "found at or above the working directory"
BUNDLED = "bundled"


@dataclass(frozen=True)
class DataTree:
    root: Path
    origin: str = FROM_OPTION
    # The bundled tree, whose folders stand in for missing ones (those named in borrow).
    fallback: Path | None = None
    borrow: tuple[str, ...] = BORROWED

    def folder(self, name: str) -> Path:
        """``root/name``, or the bundled one when the tree has none and may borrow it."""
        own = self.root / name
        if name in self.borrow and self.fallback is not None and not own.is_dir():
            return self.fallback / name
        return own

    @property
    def borrowed(self) -> list[str]:
        """Folders read from the bundled copy because this tree has none."""
        return [name for name in ("ontology", "shapes", "queries")
                if self.folder(name) != self.root / name]

    def for_validation(self) -> "DataTree":
        """The tree as validate reads it: without ontology/, with the bundled one."""
        return replace(self, borrow=(*self.borrow, "ontology"))

    @property
    def queries_dir(self) -> Path:
        return self.folder("queries")

    @property
    def shapes_dir(self) -> Path:
        return self.folder("shapes")

    def data_files(self) -> list[Path]:
        """Every *.ttl under ontology/ and graph/, in a stable order."""
        return [p for p in self._files() if p.suffix == ".ttl"]

    def other_files(self) -> list[Path]:
        """Files under ontology/ and graph/ that are not *.ttl (never read as data)."""
        return [p for p in self._files() if p.suffix != ".ttl"]

    def _files(self) -> list[Path]:
        files: list[Path] = []
        for folder in DATA_FOLDERS:
            files += sorted(walk_files(self.folder(folder)), key=_posix_key)
        return files

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"), key=_posix_key)

    def query_files(self) -> list[Path]:
        return sorted(self.queries_dir.glob("*.rq"), key=_posix_key)


def walk_files(top: Path) -> list[Path]:
    """Every file below ``top``, following symbolic links; InputError for anything
    that cannot be read or is not a regular file, so nothing is left out unsaid.

    ``Path.rglob`` skips linked and unreadable folders without a word; a FIFO
    named ``x.ttl`` would hang the parser. Neither may happen to data.
    """
    if not top.exists():
        return []
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                raise InputError(f"{folder}: a symbolic link loops back to a folder above it")
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except PermissionError:
            raise InputError(f"{folder}: folder cannot be read (permission denied)") from None
        except OSError as exc:
            raise InputError(f"{folder}: folder cannot be read ({exc.strerror or exc})") from None
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = path.stat().st_mode  # follows links
            except OSError as exc:
                raise InputError(f"{path}: cannot be read ({exc.strerror or exc}; a broken "
                                 f"symbolic link?)") from None
            if stat.S_ISDIR(mode):
                pending.append(path)
            elif stat.S_ISREG(mode):
                if not os.access(path, os.R_OK):
                    raise InputError(f"{path}: file cannot be read (permission denied)")
                found.append(path)
            else:
                raise InputError(f"{path}: not a regular file (a FIFO, socket or device); "
                                 f"data files must be regular files")
    return found


def _posix_key(path: Path) -> str:
    return path.as_posix()


def source_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    root = _PACKAGE_DIR.parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "src").is_dir() else None


def bundled_root() -> Path | None:
    """The tree shipped with diplograph: inside the wheel, else the source checkout."""
    packaged = _PACKAGE_DIR / "data"
    if packaged.is_dir():
        return packaged
    return source_root()


def bundled_tree() -> DataTree:
    root = bundled_root()
    if root is None:
        raise InputError("no bundled data tree in this installation",
                         hint=f"pass --data DIR or set ${ENV_VAR}")
    return DataTree(root, BUNDLED)


def holds_layout(folder: Path) -> bool:
    """True when ``folder`` has an ontology/ or graph/ subfolder with a *.ttl file in it."""
    for name in DATA_FOLDERS:
        sub = folder / name
        if sub.is_dir() and next(sub.rglob("*.ttl"), None) is not None:
            return True
    return False


def find_upwards(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds the data layout."""
    for folder in (start, *start.parents):
        try:
            if holds_layout(folder):
                return folder
        except OSError:  # an unreadable folder on the way up is not a tree
            continue
    return None


def data_tree(override: str | os.PathLike | None = None) -> DataTree:
    """Resolve the data tree (see the module docstring); ``override`` is ``--data``."""
    origin = FROM_OPTION
    if override is None and os.environ.get(ENV_VAR):
        override, origin = os.environ[ENV_VAR], FROM_ENV
    if override is not None:
        try:
            root = Path(override).expanduser().resolve()
        except RuntimeError as exc:  # "~no-such-user/x": no home folder to expand
            raise InputError(f"data folder {override}: {exc}") from None
        if not root.is_dir():
            raise InputError(f"data folder {override} does not exist")
        if not any((root / folder).is_dir() for folder in DATA_FOLDERS):
            raise InputError(
                f"data folder {override} has neither ontology/ nor graph/",
                hint="a data tree has ontology/, graph/, shapes/ and queries/ folders",
            )
        return _with_fallback(root, origin)
    try:
        here = Path.cwd().resolve()
    except OSError:  # the working directory was removed
        here = None
    found = find_upwards(here) if here is not None else None
    if found is not None:
        return _with_fallback(found, FROM_WORKING_DIRECTORY)
    return bundled_tree()


def _with_fallback(root: Path, origin: str) -> DataTree:
    bundled = bundled_root()
    if bundled is not None and bundled.resolve() == root:
        return DataTree(root, origin)
    return DataTree(root, origin, bundled)
