"""Writing output files atomically."""

import contextlib
import os
import tempfile
from pathlib import Path

from diplograph.errors import InputError


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and os.replace.

    On any failure the previous file is left as it was and no temp file remains.
    A symbolic link is followed (the file it points to is replaced, the link
    stays); a device or pipe (``/dev/stdout``, a FIFO) is written to directly,
    as renaming a file over it would replace the device itself.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.exists() and not target.is_file() and not target.is_dir():
        _write_special(target, text)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            raise InputError(f"cannot write {target}: {blocker} is a file, not a folder")
        raise InputError(f"cannot write {target}: folder {folder} does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def _write_special(target: Path, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc


# A captured article text is tens of kilobytes; anything this large is the wrong file.
MAX_CAPTURE_BYTES = 64 * 2**20


def capture_bytes(path) -> bytes:
    """A capture's bytes; InputError (exit 2) for one too large to be an article's text,
    checked before anything is read."""
    from diplograph.errors import InputError

    size = os.stat(path).st_size
    if size > MAX_CAPTURE_BYTES:
        raise InputError(f"{path}: {size:,} bytes is not a captured article text "
                         f"(at most {MAX_CAPTURE_BYTES // 2**20} MiB)")
    with open(path, "rb") as handle:
        return handle.read()
