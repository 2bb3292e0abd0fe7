"""A persistent query store: the data files loaded once into an on-disk pyoxigraph store.

``query`` and ``stats`` open it instead of parsing every file again. Where it lives:
``$DIPLOGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/diplograph``, else
``~/.cache/diplograph``; one folder ``store-<key>`` per set of data files, holding the
store (``db/``), each file's triples as the store holds them (``files/``, N-Triples)
and ``complete.json``. Deleting a folder clears it (``diplograph`` rebuilds what it needs).

Never stale: a store is named by the content of the data files (SHA-256 over
each file's path and bytes), so a store can only ever hold the files it was
built from. Reading every byte is still much cheaper than parsing; and when no
file's path, size, mtime, ctime or inode changed since a run, an index maps
that fingerprint to the content key and nothing is read at all. (ctime cannot
be set back by a program, so a file rewritten in place with its old mtime is
still noticed.)

Updated, not rebuilt, when a few files changed: the new store starts as a copy of
the store that shares the most files with it (a checkpoint: hard links, no bytes
copied), the old versions' triples are removed and the new versions' added. A
removed triple that a file kept (or another new file) still states stays: those
files' triples are read back to check. When more than half of the files changed,
or there is no earlier store, it is built from scratch.

Safe under concurrent runs: a store is built in a temporary folder beside the
others and renamed into place in one step; a run that loses the race uses the
winner's store. A store is opened read-only, which any number of processes may
do at once. A damaged store (it does not open, or has no completion mark) is
deleted and rebuilt. The newest ``KEEP_STORES`` stores are kept; older ones go
once they are an hour old (a run that is still reading one is not cut short).

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
import time
from pathlib import Path

import pyoxigraph as ox

from diplograph import fileio
from diplograph.errors import InputError
from diplograph.progress import Progress

ENV_DIR = "DIPLOGRAPH_CACHE_DIR"
ENV_MODE = "DIPLOGRAPH_CACHE"
AUTO_MIN_BYTES = 2 * 1024 * 1024
DONE = "complete.json"  # written last, inside the store folder, before the rename
DB = "db"  # the pyoxigraph store, inside the store folder
TRIPLES = "files"  # each data file's triples, as N-Triples with the store's blank nodes
KEEP_STORES = 3
PRUNE_AFTER_SECONDS = 3600
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
    return _key(file_digests(files))


def file_digests(files: list[Path]) -> dict[str, str]:
    """Each file's resolved path and the SHA-256 of its bytes, in the files' order."""
    digests = {}
    for path in files:
        with open(path, "rb") as handle:
            digests[str(path.resolve())] = hashlib.file_digest(handle, "sha256").hexdigest()
    return digests


def _key(digests: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for path, file_digest in digests.items():
        digest.update(path.encode() + b"\0" + bytes.fromhex(file_digest))
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
        if _record(folder).get("key") != key:
            return None
        store = ox.Store.read_only(str(folder / DB))
        store.query("ASK { ?s ?p ?o }")
        return store
    except (OSError, ValueError, RuntimeError):
        return None


def _record(folder: Path) -> dict:
    """What ``complete.json`` says of a store: its key and each file's digest."""
    found = json.loads((folder / DONE).read_text(encoding="utf-8"))
    return found if isinstance(found, dict) else {}


def store_for(files: list[Path], build) -> ox.Store:
    """The cached store of ``files``; ``build(files, store)`` adds files to a new one (the
    loader, called file by file so a terminal shows progress and each file's triples are
    kept apart)."""
    root = cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    key = data_key(files)
    folder = root / f"store-{key}"
    store = _open(folder, key)
    if store is None:
        if folder.exists():  # damaged or half-deleted: rebuild it
            shutil.rmtree(folder, ignore_errors=True)
        digests = file_digests(files)
        if _key(digests) != key:  # a file changed since data_key read it: go by the new bytes
            key, folder = _key(digests), root / f"store-{_key(digests)}"
        store = _build(root, folder, files, digests, build)
        _prune(root, keep=folder)
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


def _build(root: Path, folder: Path, files: list[Path], digests: dict[str, str],
           build) -> ox.Store:
    """A new store in ``folder``: the closest earlier store updated, or one built anew."""
    temporary = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        base = _closest(root, digests)
        answer = None  # this run's store: the new one in memory, else the one on disk
        sums: dict[str, str] = {}  # each file's kept triples: the SHA-256 of their text
        if base is None or not _update(base, temporary, files, digests, build, sums):
            for leftover in temporary.iterdir():  # an update that gave up
                shutil.rmtree(leftover, ignore_errors=True)
            sums.clear()
            answer = _build_anew(temporary, files, digests, build, sums)
        (temporary / DONE).write_text(
            json.dumps({"key": _key(digests), "files": digests, "triples": sums}),
            encoding="utf-8")
        # OSError: another run finished first; its store is identical by construction.
        with contextlib.suppress(OSError):
            os.rename(temporary, folder)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    store = _open(folder, _key(digests))
    if store is None:
        raise OSError(f"the query store cache in {folder} cannot be opened")
    return store if answer is None else answer


def _triples_file(folder: Path, path: str, file_digest: str) -> Path:
    name = hashlib.sha256(path.encode() + b"\0" + file_digest.encode()).hexdigest()
    return folder / TRIPLES / f"{name}.nt"


def _load_one(path: Path, folder: Path, file_digest: str, build, sums: dict) -> ox.Store:
    """One file in a store of its own, its triples kept in ``folder`` as the store has them
    (values, not spellings; the store's blank-node labels)."""
    one = ox.Store()
    build([path], one)
    text = one.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    resolved = str(path.resolve())
    _triples_file(folder, resolved, file_digest).write_bytes(text)
    sums[resolved] = hashlib.sha256(text).hexdigest()
    return one


def _kept_triples(folder: Path, path: str, file_digest: str, check: str) -> list[ox.Quad]:
    """A file's kept triples; ValueError when they are not the ones written."""
    text = _triples_file(folder, path, file_digest).read_bytes()
    if hashlib.sha256(text).hexdigest() != check:
        raise ValueError(f"damaged: the kept triples of {path}")
    return list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))


def _build_anew(temporary: Path, files: list[Path], digests: dict[str, str],
                build, sums: dict) -> ox.Store:
    """Load the files into memory (file by file: blank nodes are scoped to their file),
    write that store to disk in one bulk load, and answer this run from memory.

    One bulk load, not one per file: each leaves a table file on disk that every
    later lookup reads through (263 files made a fresh store's lookups ten times
    slower); and this run does not wait for the disk store to open.
    """
    (temporary / TRIPLES).mkdir()
    memory = ox.Store()
    with Progress("building the query store: files", len(files)) as progress:
        for done, path in enumerate(files, 1):
            memory.bulk_extend(_load_one(path, temporary, digests[str(path.resolve())], build,
                                         sums))
            progress.update(done)
    store = ox.Store(str(temporary / DB))
    store.bulk_extend(memory)
    store.flush()
    del store  # closes the database before the folder moves
    return memory


def _closest(root: Path, digests: dict[str, str]) -> Path | None:
    """The complete store sharing the most files with ``digests``, if at least half of
    the files are shared (else building anew is as quick as updating)."""
    wanted_files = set(digests.items())
    best, most = None, 0
    for folder in root.glob("store-*"):
        try:
            shared = len(wanted_files & set(_record(folder).get("files", {}).items()))
        except (OSError, ValueError, AttributeError):
            continue
        if shared > most:
            best, most = folder, shared
    return best if most * 2 >= len(digests) else None


def _update(base: Path, temporary: Path, files: list[Path], digests: dict[str, str],
            build, sums: dict) -> bool:
    """``temporary`` becomes ``base`` with the changed files' triples swapped; False when
    ``base`` cannot be read (damaged: the caller builds anew)."""
    try:
        record = _record(base)
        had, had_sums = record["files"], record["triples"]
        kept = {p: d for p, d in digests.items() if had.get(p) == d}
        old = set()
        for path, file_digest in had.items():
            if digests.get(path) != file_digest:
                old.update(_kept_triples(base, path, file_digest, had_sums[path]))
        ox.Store.read_only(str(base / DB)).backup(str(temporary / DB))
        (temporary / TRIPLES).mkdir()
        for path, file_digest in kept.items():
            os.link(_triples_file(base, path, file_digest),
                    _triples_file(temporary, path, file_digest))
            sums[path] = had_sums[path]
        # Blank nodes belong to one file; a named triple may be stated by a kept file too.
        new = set()
        for path in files:
            if str(path.resolve()) not in kept:
                new.update(_load_one(path, temporary, digests[str(path.resolve())], build,
                                     sums))
        gone = old - new
        still_stated = set()
        named = {quad for quad in gone if _named(quad)}
        if named:
            for path, file_digest in kept.items():
                still_stated.update(named.intersection(
                    _kept_triples(temporary, path, file_digest, sums[path])))
    except (OSError, ValueError, KeyError, SyntaxError, TypeError, AttributeError):
        return False
    store = ox.Store(str(temporary / DB))
    for quad in gone - still_stated:
        store.remove(quad)
    store.extend(new - old)
    store.flush()
    del store
    return True


def _named(quad: ox.Quad) -> bool:
    return not (isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode))


def _prune(root: Path, keep: Path) -> None:
    """Drop stores beyond the newest ``KEEP_STORES`` once they are an hour old, and
    building folders an interrupted run left."""
    now = time.time()
    aged = []
    for folder in root.glob("store-*"):
        with contextlib.suppress(OSError):
            aged.append((folder.stat().st_mtime, folder))
    aged.sort(reverse=True)
    old = [folder for _, folder in aged[KEEP_STORES:]]
    old += list(root.glob(".building-*"))
    for folder in old:
        with contextlib.suppress(OSError):
            if folder != keep and now - folder.stat().st_mtime > PRUNE_AFTER_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
