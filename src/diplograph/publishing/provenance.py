"""Curation provenance: who added a source file to the graph, when, with what.

Each ``graph/sources/{slug}.ttl`` ends with one block, written by
``curation_block`` (``diplograph new-source`` appends it to the file it writes):

    curation:{slug} a prov:Activity ;
        prov:used source:{slug} ;                       # the article read
        prov:generated <https://w3id.org/diplograph/graph/source/{slug}> ;  # its graph
        prov:wasAssociatedWith agent:{curator} , agent:diplograph-{version} ;
        prov:endedAtTime "…"^^xsd:dateTime .

The curator is a ``prov:Agent`` named as given (``$DIPLOGRAPH_CURATOR``, else
git's ``user.name``), the tool a ``prov:SoftwareAgent`` with its
``schema:softwareVersion``. The block declares the two prefixes it uses, so it
can be appended to a file whatever prefixes the file already has.
"""

import os
import re
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

from diplograph.errors import InputError
from diplograph.namespaces import KIND, SLUG_PATTERN
from diplograph.publishing.graphs import article_graph

MARKER = "# Curation provenance"
CURATOR_ENV = "DIPLOGRAPH_CURATOR"
_SLUG = re.compile(SLUG_PATTERN)


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by "-" (accents dropped), as minted IRIs need."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def software_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diplograph")
    except PackageNotFoundError:  # a source tree run without installing
        return "unknown"


def default_curator(root: Path | None = None) -> str:
    """$DIPLOGRAPH_CURATOR, else ``git config user.name`` in ``root``; InputError if neither."""
    name = os.environ.get(CURATOR_ENV, "").strip()
    if not name:
        try:
            name = subprocess.run(
                ["git", "config", "user.name"], cwd=root, capture_output=True, text=True,
                timeout=10, check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    if not name:
        raise InputError("no curator name for the provenance record",
                         hint=f"set ${CURATOR_ENV} or git config user.name")
    return name


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in escaped) + '"'


def curation_block(slug: str, curator: str, when: datetime, version: str | None = None) -> str:
    """The provenance block for ``graph/sources/{slug}.ttl`` (Turtle, ends with a newline)."""
    if not _SLUG.fullmatch(slug):
        raise InputError(f"source slug {slug!r} is not lower-case ASCII words joined by '-'")
    if when.tzinfo is None:
        raise InputError("the curation time needs a time zone")
    curator_slug = slugify(curator)
    if not curator_slug:
        raise InputError(f"curator name {curator!r} has no letters or digits to name it by")
    version = version or software_version()
    tool = "diplograph-" + (slugify(version) or "unknown")
    stamp = when.isoformat(timespec="seconds")
    return (
        f"{MARKER} (keep this block last; diplograph new-source writes it):\n"
        "# who added this file to the graph, when, and with which diplograph version.\n"
        f"@prefix curation: <{KIND['curation']}> .\n"
        f"@prefix agent: <{KIND['agent']}> .\n"
        "\n"
        f"curation:{slug} a prov:Activity ;\n"
        f"    rdfs:label {_quoted('Curation of graph/sources/' + slug + '.ttl')}@en ;\n"
        f"    prov:used source:{slug} ;\n"
        f"    prov:generated <{article_graph(slug)}> ;\n"
        f"    prov:wasAssociatedWith agent:{curator_slug} , agent:{tool} ;\n"
        f'    prov:endedAtTime "{stamp}"^^xsd:dateTime .\n'
        "\n"
        f"agent:{curator_slug} a prov:Agent ;\n"
        f"    rdfs:label {_quoted(curator)}@en .\n"
        "\n"
        f"agent:{tool} a prov:SoftwareAgent ;\n"
        f"    rdfs:label {_quoted('diplograph ' + version)}@en ;\n"
        f"    schema:softwareVersion {_quoted(version)} .\n"
    )
