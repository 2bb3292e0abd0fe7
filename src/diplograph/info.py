"""``diplograph info``: which data tree a command reads, why, and what it holds.

Light on purpose (no RDF library): it counts files and reads the ontology's
``owl:versionInfo`` with a regular expression.
"""

import json
import os
import re
from pathlib import Path

from diplograph import paths

FORMATS = ("text", "json")
_VERSION_INFO = re.compile(r'owl:versionInfo\s+"([^"]+)"')
_WHY = {
    paths.FROM_OPTION: "given with --data",
    paths.FROM_ENV: f"given by ${paths.ENV_VAR}",
    paths.FROM_WORKING_DIRECTORY: "the nearest folder at or above the working directory "
                                  "({cwd}) with ontology/ or graph/ holding *.ttl",
    paths.BUNDLED: "the bundled copy: no --data, no $DIPLOGRAPH_DATA, and no folder at or "
                   "above the working directory ({cwd}) has ontology/ or graph/ holding *.ttl",
}


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diplograph")
    except PackageNotFoundError:
        return "unknown (not installed)"


def tree_label(tree) -> str:
    """One phrase naming a tree: "the bundled copy", or its path and why it was chosen."""
    if tree.origin == paths.BUNDLED:
        text = f"the bundled copy (diplograph {package_version()})"
    else:
        text = f"{tree.root} ({tree.origin})"
    if tree.borrowed:
        text += f", with the bundled {', '.join(f'{name}/' for name in tree.borrowed)}"
    return text


def _ontology_version(files: list[Path]) -> str | None:
    for path in files:
        try:
            found = _VERSION_INFO.search(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            return found.group(1)
    return None


def _cwd() -> str:
    cwd = _cwd_path()
    return str(cwd) if cwd is not None else "removed"


def info(tree) -> dict:
    """What ``info`` prints, as plain data."""
    folders = []
    checked = tree.for_validation()
    for name, pattern in (("ontology", "**/*.ttl"), ("graph", "**/*.ttl"),
                          ("shapes", "*.ttl"), ("queries", "*.rq")):
        folder = tree.folder(name)
        files = sorted(folder.glob(pattern)) if folder.is_dir() else []
        validated = checked.folder(name)
        folders.append({
            "folder": name,
            "path": str(folder),
            "files": len(files),
            "exists": folder.is_dir(),
            # Where validate reads it from, when that is elsewhere (the bundled ontology/).
            "validate_reads": str(validated) if validated != folder else None,
        })
    ontology = tree.folder("ontology")
    return {
        "tree": str(tree.root),
        "origin": tree.origin,
        "why": _WHY.get(tree.origin, tree.origin).format(cwd=_cwd()),
        "borrowed": tree.borrowed,
        "version": package_version(),
        "ontology_version": _ontology_version(sorted(ontology.rglob("*.ttl")))
        if ontology.is_dir() else None,
        "environment": os.environ.get(paths.ENV_VAR) or None,
        "folders": folders,
    }


def render(found: dict, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    lines = [
        f"data tree   {found['tree']}",
        f"chosen      {found['why']}",
        f"version     diplograph {found['version']}"
        + (f", ontology {found['ontology_version']}" if found["ontology_version"] else ""),
        "files",
    ]
    for folder in found["folders"]:
        unit = "*.rq" if folder["folder"] == "queries" else "*.ttl"
        where = (f"missing; validate reads the bundled {folder['validate_reads']}"
                 if folder["validate_reads"]
                 else "missing" if not folder["exists"]
                 else "bundled: " + folder["path"] if folder["folder"] in found["borrowed"]
                 else folder["path"])
        lines.append(f"  {folder['folder'] + '/':10} {folder['files']:5} {unit:6} {where}")
    return "\n".join(lines) + "\n"


def file_label(path: Path, tree) -> str:
    """How reports name a file: relative to the tree's root (the same on every machine
    and from every working directory), else its absolute path (a bundled folder)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(tree.root.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def from_working_directory(label: str, root: Path) -> str:
    """A report's file label as a path from the working directory, where it is under it
    (GitHub annotations name files from the repository root, where the job runs)."""
    path = Path(label) if Path(label).is_absolute() else root / label
    cwd = _cwd_path()
    try:
        return path.resolve().relative_to(cwd).as_posix() if cwd is not None else label
    except ValueError:
        return str(path)


def _cwd_path() -> Path | None:
    try:
        return Path.cwd().resolve()
    except OSError:
        return None
