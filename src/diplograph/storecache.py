"""A persistent query store: the data files loaded once into an on-disk pyoxigraph store.

``query`` and ``stats`` open it instead of parsing every file again. Where it lives:
``$DIPLOGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/diplograph``, else
``~/.cache/diplograph``; one folder ``store-<key>`` per set of data files.
Deleting the folder clears it (``diplograph`` rebuilds what it needs).

Never stale: a store is named by the content of the data files (SHA-256 over
each file's path and bytes), so a store can only ever hold the files it was
built from. Reading every byte is still much cheaper than parsing; and when no
file's path, size, mtime, ctime or inode changed since a run, an index maps
that fingerprint to the content key and nothing is read at all. (ctime cannot
be set back by a program, so a file rewritten in place with its old mtime is
still noticed.)

Safe under concurrent runs: a store is built in a temporary folder beside the
others and renamed into place in one step; a run that loses the race uses the
winner's store. A store is opened read-only, which any number of processes may
do at once. A damaged store (it does not open, or has no completion mark) is
deleted and rebuilt.

``export`` keeps its output here too (``cached_text``), keyed by the same
content and by the source of the writer.

``DIPLOGRAPH_CACHE``: ``auto`` (default: the store is used when the data files
hold at least 2 MiB; below that, parsing is as fast as opening it), ``on``,
``off``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from diplograph import fileio
from diplograph.errors import InputError
from diplograph.progress import Progress

ENV_DIR = "DIPLOGRAPH_CACHE_DIR"
ENV_MODE = "DIPLOGRAPH_CACHE"
AUTO_MIN_BYTES = 2 * 1024 * 1024
DONE = "complete.json"  # written last, inside the store folder, before the rename
INDEX = "index.json"


def cache_dir() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "diplograph"


def wanted(files: list[Path]) -> bool:
    mode = os.environ.get(ENV_MODE, "auto").lower()
    if mode in ("off", "0", "no", "false"):
        return False
    if mode in ("on", "1", "yes", "true"):
        return True
    try:
        return sum(path.stat().st_size for path in files) >= AUTO_MIN_BYTES
    except OSError:
        return False  # a missing file: let the loader name it


def fingerprint(files: list[Path]) -> str:
    """Cheap: what the file system says about each file (no byte is read)."""
    digest = hashlib.sha256()
    for path in files:
        st = path.stat()
        digest.update(json.dumps([str(path.resolve()), st.st_size, st.st_mtime_ns,
                                  st.st_ctime_ns, st.st_ino]).encode())
    return digest.hexdigest()


def content_key(files: list[Path]) -> str:
    """The truth: each file's path and bytes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.resolve()).encode() + b"\0")
        with open(path, "rb") as handle:
            file_digest = hashlib.file_digest(handle, "sha256").digest()
        digest.update(file_digest)
    return digest.hexdigest()


def _read_index(root: Path) -> dict:
    try:
        found = json.loads((root / INDEX).read_text(encoding="utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember(root: Path, fast: str, key: str) -> None:
    index = _read_index(root)
    index[fast] = key
    if len(index) > 64:  # forget the oldest fingerprints
        index = dict(list(index.items())[-64:])
    # An index that cannot be written only costs a hash next time.
    with contextlib.suppress(OSError):
        fileio.write_atomic(root / INDEX, json.dumps(index, indent=0))


def _open(folder: Path, key: str) -> ox.Store | None:
    """The store in ``folder`` if it is complete and opens, else None."""
    try:
        done = json.loads((folder / DONE).read_text(encoding="utf-8"))
        if done.get("key") != key:
            return None
        store = ox.Store.read_only(str(folder))
        store.query("ASK { ?s ?p ?o }")
        return store
    except (OSError, ValueError, RuntimeError):
        return None


def store_for(files: list[Path], build) -> ox.Store:
    """The cached store of ``files``; ``build(files, store)`` adds files to a new one (the
    loader, called file by file so a terminal shows progress)."""
    root = cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    key = data_key(files)
    folder = root / f"store-{key}"
    store = _open(folder, key)
    if store is None:
        if folder.exists():  # damaged or half-deleted: rebuild it
            shutil.rmtree(folder, ignore_errors=True)
        store = _build(root, folder, files, key, build)
    return store


def data_key(files: list[Path]) -> str:
    """The content key of the files, looked up by their fingerprint when nothing changed."""
    root = cache_dir()
    fast = fingerprint(files)
    key = _read_index(root).get(fast)
    if key is None:
        key = content_key(files)
        root.mkdir(parents=True, exist_ok=True)
        _remember(root, fast, key)
    return key


KEEP_TEXTS = 2  # outputs kept per kind (the newest): older data states are dropped


def cached_text(files: list[Path], kind: str, code: list[Path], make) -> str:
    """``make()``'s text for these data files, kept in the cache: ``export`` of data
    that has not changed is read back instead of written again.

    Keyed by the files' content and by the source of the ``code`` that writes the
    text (a new diplograph never reads an old one's output). The file starts with
    the SHA-256 of the text, so a damaged one is noticed and written again.
    """
    # pyoxigraph parses the data and labels its blank nodes (RDFC-1.0): its version too.
    digest = hashlib.sha256(data_key(files).encode() + kind.encode() + ox.__version__.encode())
    for path in code:
        digest.update(path.read_bytes())
    path = cache_dir() / f"{kind}-{digest.hexdigest()}.txt"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        check, _, text = path.read_text(encoding="utf-8").partition("\n")
        if hashlib.sha256(text.encode()).hexdigest() == check:
            return text
    text = make()
    with contextlib.suppress(OSError, InputError):  # a cache that cannot be written: no harm
        fileio.write_atomic(path, hashlib.sha256(text.encode()).hexdigest() + "\n" + text)
        older = sorted(path.parent.glob(f"{kind}-*.txt"), key=lambda p: p.stat().st_mtime_ns)
        for stale in older[:-KEEP_TEXTS]:
            stale.unlink(missing_ok=True)
    return text


def _build(root: Path, folder: Path, files: list[Path], key: str, build) -> ox.Store:
    """Load the files into memory (file by file: blank nodes are scoped to their file),
    write that store to disk in one bulk load, and answer this run from memory.

    One bulk load, not one per file: each leaves a table file on disk that every
    later lookup reads through (263 files made a fresh store's lookups ten times
    slower); and this run does not wait for the disk store to open.
    """
    temporary = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        memory = ox.Store()
        with Progress("building the query store: files", len(files)) as progress:
            for done, path in enumerate(files, 1):
                build([path], memory)
                progress.update(done)
        store = ox.Store(str(temporary))
        store.bulk_load(memory.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        store.flush()
        (temporary / DONE).write_text(json.dumps({"key": key, "files": [str(p) for p in files]}),
                                      encoding="utf-8")
        del store  # closes the database before the folder moves
        # OSError: another run finished first; its store is identical by construction.
        with contextlib.suppress(OSError):
            os.rename(temporary, folder)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    if _open(folder, key) is None:
        raise OSError(f"the query store cache in {folder} cannot be opened")
    return memory
