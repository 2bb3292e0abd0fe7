"""``diplograph new-source``: the file for a newly captured article.

A capture is the article's text saved as UTF-8 plain text, one file per
article, named ``NNN_HHHHHHHHHHHHHHHH.txt`` (a running number and 16 hex
digits; any ``NAME.txt`` without folders will do) and kept in a folder OUTSIDE
the repository: the graph records only its file name and SHA-256, and short
quotes. ``diplograph cite`` and ``diplograph evidence`` find it by that name in
the folder given by ``--sources`` or ``$DIPLOGRAPH_SOURCES``.

``new_source`` writes ``graph/sources/{slug}.ttl`` as every source file is
laid out: a leading comment, the canonical prefixes, the ``schema:NewsArticle``
with what the article prints (headline, dates, outlet, byline, dateline, URL),
and its capture (``dcat:Distribution`` with ``dg:fileName`` and an
``spdx:Checksum``). What is not given is left out, never guessed.
"""

import hashlib
import os
import re
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from diplograph.curation import common
from diplograph.errors import InputError
from diplograph.namespaces import PREFIXES, SCHEMA, XSD, mint
from diplograph.publishing.provenance import curation_block, default_curator

_FILE_NAME = re.compile(r"^[^/\\]+\.txt$")
TEXT_PLAIN = "https://www.iana.org/assignments/media-types/text/plain"
# Prefixes every source file declares (the graph's own, without owl: and sh:).
_SOURCE_PREFIXES = [name for name in PREFIXES if name not in ("owl", "sh")]


@dataclass
class Article:
    """What the article prints, as given on the command line (None: not given)."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # IRI or name of a schema:NewsMediaOrganization
    published: str | None = None  # ISO 8601 date or date-time, as printed
    modified: str | None = None  # "updated" date, as printed
    byline: str | None = None  # as printed
    authors: list[str] = field(default_factory=list)  # IRIs or names of people
    dateline: str | None = None  # as printed
    dateline_place: str | None = None  # IRI or name of a place
    wire: str | None = None  # IRI or name of a wire service
    language: str = "en"


@dataclass(frozen=True)
class NewSource:
    path: Path
    minted: list[str]  # the IRIs the file introduces
    sha256: str


def new_source(tree, capture, article: Article, slug: str | None = None,
               curator: str | None = None, when: datetime | None = None) -> NewSource:
    """Write ``graph/sources/{slug}.ttl`` for the captured text ``capture``.

    ``slug`` defaults to the date published (or ``undated``) and the first words
    of the title. Refused (InputError, nothing written): a capture that is
    missing, unreadable, not UTF-8, not named ``NAME.txt``, inside the data
    tree, or already recorded; an existing target file; an outlet, author,
    place or wire service the graph does not describe; a date not in ISO 8601;
    no curator name (``curator``, else ``$DIPLOGRAPH_CURATOR``, else git's
    ``user.name``) for the curation provenance block that ends the file.
    """
    common.writable(tree)
    curator = curator or default_curator(tree.root)
    capture = Path(capture)
    data = common.read_bytes(capture, "capture")
    common.decode(capture, data)
    if not _FILE_NAME.match(capture.name):
        raise InputError(f"capture {capture}: name it NAME.txt (a plain-text file)")
    root = tree.root.resolve()
    if capture.resolve().is_relative_to(root):
        raise InputError(f"capture {capture} is inside the data tree {root}",
                         hint="captures are kept outside the repository; only their "
                              "name and SHA-256 are recorded")
    digest = hashlib.sha256(data).hexdigest()
    _refuse_known_capture(tree, capture.name, digest)

    lines: list[tuple[str, str]] = []
    label = article.title or f"Untitled article captured as {capture.name}"
    lines.append(("rdfs:label", common.literal(label, language="en")))
    if article.title:
        lines.append(("schema:headline", common.literal(article.title)))
    if article.published:
        lines.append(("schema:datePublished",
                      _date_literal(article.published, "--published")))
    if article.modified:
        lines.append(("schema:dateModified", _date_literal(article.modified, "--modified")))
    media = tuple(sorted(common.subclasses(tree, SCHEMA.NewsMediaOrganization)))
    outlet = wire = None
    if article.outlet:
        outlet = common.resolve(tree, article.outlet, what="news outlet", option="--outlet",
                                types=media)
        lines.append(("schema:publisher", common.compact(outlet)))
    if article.authors:
        authors = [common.resolve(tree, a, what="author", option="--author",
                                  types=common.AGENT_TYPES)
                   for a in article.authors]
        lines.append(("schema:author", " , ".join(common.compact(a) for a in authors)))
    if article.byline:
        lines.append(("dg:bylineText", common.literal(article.byline)))
    if article.wire:
        wire = common.resolve(tree, article.wire, what="wire service", option="--wire",
                              types=media)
        lines.append(("dg:wireService", common.compact(wire)))
    if article.dateline:
        lines.append(("dg:dateline", common.literal(article.dateline)))
    if article.dateline_place:
        place = common.resolve(tree, article.dateline_place, what="place",
                               option="--dateline-place",
                               types=common.PLACE_TYPES)
        lines.append(("dg:datelinePlace", common.compact(place)))
    if article.url:
        if not re.match(r"^https?://[^\s\"<>]+$", article.url):
            raise InputError(f"--url {article.url!r}: not an http(s) URL")
        lines.append(("schema:url", common.literal(article.url, datatype=XSD.anyURI)))
    if article.language:
        lines.append(("schema:inLanguage", common.literal(article.language)))

    slug = slug or _slug(article, capture)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise InputError(f"--slug {slug!r}: lower-case ASCII letters and digits in words "
                         "joined by single hyphens")
    path = common.sources_folder(tree) / f"{slug}.ttl"
    source_iri = mint("source", slug)
    if path.exists():
        raise InputError(f"{path} exists; refusing to overwrite it",
                         hint="pick another --slug, or cite into it with diplograph cite")
    if common.described(tree, source_iri):
        raise InputError(f"the graph already describes {common.compact(source_iri)}",
                         hint="pick another --slug")
    capture_iri = mint("capture", common.slugify(capture.stem, max_words=99) or "capture")
    if common.described(tree, capture_iri):
        raise InputError(f"the graph already describes {common.compact(capture_iri)}",
                         hint="rename the capture file")

    article_block = common.Block(common.compact(source_iri), ["schema:NewsArticle"])
    for predicate, obj in lines:
        article_block.add(predicate, obj)
    article_block.add("dg:capturedAs", common.compact(capture_iri))
    capture_label = common.literal("Captured text of " + _of(article, capture), language="en")
    capture_block = (
        f"{common.compact(capture_iri)} a dcat:Distribution ;\n"
        f"    rdfs:label {capture_label} ;\n"
        f"    dcat:mediaType <{TEXT_PLAIN}> ;\n"
        f"    dg:fileName {common.literal(capture.name)} ;\n"
        f"    spdx:checksum [ a spdx:Checksum ;\n"
        f"        spdx:algorithm spdx:checksumAlgorithm_sha256 ;\n"
        f"        spdx:checksumValue {common.literal(digest, datatype=XSD.hexBinary)} ] ."
    )
    prefixes = "".join(f"@prefix {n}: <{PREFIXES[n]}> .\n" for n in _SOURCE_PREFIXES)
    from diplograph.curation.find import index

    outlet_name = (index(tree)[outlet].label or common.compact(outlet)) if outlet else None
    text = (_comment(article, capture, outlet_name, digest) + "\n" + prefixes + "\n"
            + article_block.text() + "\n\n" + capture_block + "\n\n"
            + curation_block(slug, curator, when or _curation_time()))
    common.write_files({path: text})
    return NewSource(path, [source_iri, capture_iri], digest)


def _curation_time() -> datetime:
    """Now, or $SOURCE_DATE_EPOCH (reproducible-builds.org) so reruns write the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC)
    if not epoch.isdigit():
        raise InputError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds")
    return datetime.fromtimestamp(int(epoch), UTC)


def _date_literal(text: str, option: str) -> str:
    literal = common.temporal(text, option=option)
    if not literal.endswith(("^^xsd:date", "^^xsd:dateTime")):
        raise InputError(f"{option} {text!r}: an article's date is a full date "
                         "(2026-01-09) or date-time (2025-10-25T14:14+09:00)")
    return literal


def _slug(article: Article, capture: Path) -> str:
    stamp = (article.published or article.modified or "")[:10]
    head = stamp if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp) else "undated"
    words = common.slugify(article.title or "", max_words=6)
    return f"{head}-{words or common.slugify(capture.stem, max_words=99)}"


def _of(article: Article, capture: Path) -> str:
    return f"“{article.title}”" if article.title else capture.name


def _refuse_known_capture(tree, name: str, digest: str) -> None:
    from diplograph.rdfio import read_triples

    spdx_value = PREFIXES["spdx"] + "checksumValue"
    for path in sorted(common.sources_folder(tree).glob("*.ttl")):
        for t in read_triples([path]):
            known = t.object.value
            if (t.predicate.value == spdx_value and known.lower() == digest) or \
                    (t.predicate.value == PREFIXES["dg"] + "fileName" and known == name):
                raise InputError(f"{path}: already records this capture ({name}, SHA-256 "
                                 f"{digest[:12]}…)", hint="cite into that source instead")


def _comment(article: Article, capture: Path, outlet: str | None, digest: str) -> str:
    parts = [f"“{article.title}”" if article.title else "an untitled article"]
    if outlet:
        parts.append(outlet)
    if article.published:
        parts.append(f"published {article.published}")
    elif article.modified:
        parts.append(f"updated {article.modified}")
    else:
        parts.append("undated")
    if article.byline:
        parts.append(f"byline {article.byline}")
    text = (f"Source: {', '.join(parts)}. Captured as {capture.name} (SHA-256 {digest[:16]}…; "
            "the text is kept outside the repository). Everything this article reports: the "
            "article, its capture, evidence, status reports and resolved dates.")
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, 96))
