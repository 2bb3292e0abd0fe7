"""What the curation commands share: naming things, reading a source file, writing Turtle.

New resources are written as text blocks in the house style of the graph's files
(``subject a Class ;`` then four-space indented ``predicate object`` lines), appended
to the file that holds their kind, so that a curator's diff shows exactly what was
added and nothing else moves. Every file is written whole, atomically, after all
of them have been checked to parse.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from diplograph.errors import InputError, InternalError
from diplograph.fileio import capture_bytes
from diplograph.namespaces import DG, ID, PREFIXES, RDF, RDFS, SCHEMA, SEM, XSD, mint

ENV_SOURCES = "DIPLOGRAPH_SOURCES"  # the folder of captured article texts
SOURCES_FOLDER = ("graph", "sources")
PROPERTY_TYPES = (RDF.Property, PREFIXES["owl"] + "ObjectProperty",
                  PREFIXES["owl"] + "DatatypeProperty", PREFIXES["owl"] + "AnnotationProperty")
PLACE_TYPES = tuple(SCHEMA[c] for c in ("Place", "City", "Country", "EventVenue",
                                         "AdministrativeArea", "BodyOfWater", "Continent"))
# Who can act, speak or be addressed: people and organizations. A state is its government
# (organization:government-of-…); its country is a place (docs/modelling.md, one way for one thing).
AGENT_TYPES = (SCHEMA.Person, PREFIXES["org"] + "Organization",
               PREFIXES["org"] + "FormalOrganization", PREFIXES["org"] + "OrganizationalUnit",
               SCHEMA.NewsMediaOrganization)
MAX_EVIDENCE_QUOTE = 120  # characters; only a dg:Quotation may quote more (tests/test_graph_files)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_PREFIXED = re.compile(r"(?<![\w/#<:.-])([A-Za-z][\w-]*):(?=[\w-])")
_PREFIX_LINE = re.compile(r"^@prefix (\w*): <[^>]*> \.$", re.MULTILINE)


def slugify(text: str, max_words: int = 8, drop: tuple[str, ...] = ()) -> str:
    """Lower-case ASCII words joined by hyphens: the {slug} of an IRI."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower().replace("'", ""))
             if w and w not in drop]
    return "-".join(words[:max_words])


def compact(iri: str) -> str:
    from diplograph.terms import compact as prefixed

    return prefixed(iri) or f"<{iri}>"


# ------------------------------------------------------------------ naming resources

def _as_iri(ref: str) -> str | None:
    """The IRI ``ref`` spells (``<…>``, ``http…``, ``prefix:local``), or None for a name."""
    ref = ref.strip()
    if ref.startswith("<") and ref.endswith(">"):
        return ref[1:-1]
    if re.match(r"^https?://\S+$", ref):
        return ref
    prefix, sep, local = ref.partition(":")
    if sep and prefix in PREFIXES and local and not re.search(r"\s", local):
        return PREFIXES[prefix] + local
    return None


def resolve(tree, ref: str, *, what: str, option: str, types: tuple[str, ...] = ()) -> str:
    """The IRI of a resource the graph describes, named by IRI or by its name.

    ``ref`` is an IRI (full, ``<…>`` or prefixed) or a name as printed, which
    must match one resource's name exactly (case, spaces, hyphens, diacritics
    aside): part of a name is never taken for the whole ("Foreign Minister"
    is not post:foreign-minister-of-japan, the article's may be another
    country's). ``types`` restricts the answer to resources of those classes.
    InputError naming the option, with "did you mean" from ``find``, otherwise.
    """
    from diplograph.curation.find import find_resources, index

    resources = index(tree)

    def fits(iri: str) -> bool:
        return not types or bool(set(resources[iri].types) & set(types))

    def suggestions() -> str | None:
        near = [m for m in find_resources(tree, ref, limit=None) if fits(m.iri)][:3]
        if not near:
            return f"find candidates with: diplograph find {_quote_arg(ref)}"
        return "did you mean " + " or ".join(
            compact(m.iri) + (f" ({m.label})" if m.label else "") for m in near) + "?"

    kind = " or ".join(compact(t) for t in types) if types else what
    iri = _as_iri(ref)
    if iri is not None:
        if iri not in resources:
            raise InputError(f"{option} {ref}: the graph does not describe {compact(iri)}",
                             hint=suggestions())
        if not fits(iri):
            found = ", ".join(compact(t) for t in resources[iri].types)
            raise InputError(f"{option} {ref}: {compact(iri)} is a {found}, not a {kind}",
                             hint=suggestions())
        return iri
    found = [m for m in find_resources(tree, ref, limit=None) if fits(m.iri)]
    exact = [m for m in found if m.score == 100]
    if len(exact) == 1:
        return exact[0].iri
    if len(exact) > 1:
        raise InputError(f"{option} {ref!r}: {len(exact)} resources have that name; give the IRI",
                         hint=", ".join(compact(m.iri) for m in exact[:5]))
    raise InputError(f"{option} {ref!r}: no {what} of that name in the graph", hint=suggestions())


def _quote_arg(text: str) -> str:
    import shlex

    return shlex.quote(text)


def concept(tree, local: str, scheme_class: str, *, option: str) -> str:
    """``dg:local`` when it is a ``scheme_class`` concept (dg:EventStatus, dg:ParticipantRole)."""
    from diplograph.curation.find import index

    iri = _as_iri(local) or DG[local]
    found = index(tree).get(iri)
    if found is None or scheme_class not in found.types:
        choices = sorted(compact(r.iri).removeprefix("dg:") for r in index(tree).values()
                         if scheme_class in r.types)
        raise InputError(f"{option} {local}: not a {compact(scheme_class)}",
                         hint="one of " + ", ".join(choices))
    return iri


def subclass(tree, local: str, base: str, *, option: str) -> str:
    """``dg:local`` (or a given IRI) when the ontology makes it a subclass of ``base``."""
    iri = _as_iri(local) or DG[local]
    classes = subclasses(tree, base)
    if iri not in classes:
        raise InputError(f"{option} {local}: not a kind of {compact(base)}",
                         hint="one of " + ", ".join(sorted(
                             compact(c).removeprefix("dg:") for c in classes)))
    return iri


def subclasses(tree, base: str) -> set[str]:
    """``base`` and every class declared (transitively) rdfs:subClassOf it."""
    from diplograph.curation.find import index
    from diplograph.rdfio import read_triples

    files = [p for p in tree.data_files() if p.is_relative_to(tree.root / "ontology")]
    below: dict[str, set[str]] = {}
    for t in read_triples(files):
        if t.predicate.value == RDFS.subClassOf:
            below.setdefault(t.object.value, set()).add(t.subject.value)
    found, todo = {base}, [base]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    described = index(tree)
    return {c for c in found if c in described or c == base}


def event_types(tree) -> tuple[str, ...]:
    """Every event class: sem:Event, its subclasses, and schema:EventSeries."""
    return tuple(sorted(subclasses(tree, SEM.Event) | {SCHEMA.EventSeries}))


def value(tree, iri: str, predicate: str) -> str | None:
    """One object of ``iri predicate`` in the data graph (the first in file order), or None."""
    from diplograph.rdfio import read_triples

    for path in _files_of(tree, iri):
        for t in read_triples([path]):
            if t.subject.value == iri and t.predicate.value == predicate:
                return t.object.value
    return None


def _files_of(tree, iri: str) -> list[Path]:
    from diplograph.curation.find import index

    resource = index(tree).get(iri)
    return [resource.file] if resource else []


# ------------------------------------------------------------------ source files

@dataclass
class SourceFile:
    """A source's Turtle file and what the curation commands need from it."""

    iri: str
    slug: str
    path: Path
    text: str
    date: date | None  # the article's date: published, else modified (its date part)
    file_name: str | None  # the capture's dg:fileName
    checksum: str | None  # the capture's SHA-256, as recorded


def sources_folder(tree) -> Path:
    return tree.root.joinpath(*SOURCES_FOLDER)


def source_file(tree, ref: str) -> SourceFile:
    """The source file of SOURCE (``source:slug``, its IRI, its slug or its file's path)."""
    from diplograph.curation.find import find_resources
    from diplograph.rdfio import read_triples

    writable(tree)
    ref = ref.strip()
    iri = _as_iri(ref)
    if iri is None and ref.endswith(".ttl"):
        iri = mint("source", Path(ref).stem)
    if iri is None:
        iri = mint("source", ref)
    slug = iri.removeprefix(str(ID) + "source/")
    path = sources_folder(tree) / f"{slug}.ttl"
    if slug == iri or "/" in slug or not path.is_file():
        near = [m for m in find_resources(tree, ref, limit=None)
                if SCHEMA.NewsArticle in m.types][:3]
        hint = ("did you mean " + " or ".join(compact(m.iri) for m in near) + "?") if near else \
            f"sources are files in {sources_folder(tree)}; add one with diplograph new-source"
        raise InputError(f"source {ref} does not exist (no {path})", hint=hint)
    text = path.read_text(encoding="utf-8")
    triples = read_triples([path])
    props: dict[str, str] = {}
    capture = None
    for t in triples:
        if t.subject.value == iri:
            props.setdefault(t.predicate.value, t.object.value)
            if t.predicate.value == DG.capturedAs:
                capture = t.object.value
    if SCHEMA.NewsArticle not in {t.object.value for t in triples
                                  if t.subject.value == iri and t.predicate.value == RDF.type}:
        raise InputError(f"{path}: does not describe {compact(iri)} as a schema:NewsArticle")
    file_name = checksum = None
    if capture:
        nodes = {t.predicate.value: t.object for t in triples if t.subject.value == capture}
        file_name = nodes[DG.fileName].value if DG.fileName in nodes else None
        summary = nodes.get(PREFIXES["spdx"] + "checksum")
        if summary is not None:
            checksum = next((t.object.value for t in triples if t.subject == summary
                             and t.predicate.value == PREFIXES["spdx"] + "checksumValue"), None)
    stamp = props.get(SCHEMA.datePublished) or props.get(SCHEMA.dateModified)
    return SourceFile(iri, slug, path, text, _date_part(stamp), file_name, checksum)


def _date_part(stamp: str | None) -> date | None:
    if not stamp:
        return None
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None


def read_capture(source: SourceFile, sources_dir) -> tuple[Path, str]:
    """The captured text of a source, checked against its recorded SHA-256."""
    if source.file_name is None:
        raise InputError(f"{source.path}: {compact(source.iri)} names no captured file "
                         "(dg:capturedAs with dg:fileName)")
    if not sources_dir:
        raise InputError(f"where are the captured texts? {source.file_name} is needed",
                         hint=f"pass --sources DIR or set ${ENV_SOURCES}")
    path = Path(sources_dir) / source.file_name
    data = read_bytes(path, "capture")
    digest = hashlib.sha256(data).hexdigest()
    if source.checksum and source.checksum.lower() != digest:
        raise InputError(f"{path}: SHA-256 is {digest}, {source.path.name} records "
                         f"{source.checksum}: not the text this source was captured as")
    return path, decode(path, data)


def read_bytes(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise InputError(f"{what} {path} does not exist" if not path.exists()
                         else f"{what} {path} is not a file")
    try:
        return capture_bytes(path)
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None


def decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); captures are UTF-8 "
                         "plain text") from None


# ------------------------------------------------------------------ literals and dates

def literal(text: str, *, language: str | None = None, datatype: str | None = None) -> str:
    import pyoxigraph as ox

    from diplograph.terms import turtle

    if language:
        return turtle(ox.Literal(text, language=language))
    if datatype:
        return turtle(ox.Literal(text, datatype=ox.NamedNode(datatype)))
    return turtle(ox.Literal(text))


def temporal(text: str, *, option: str) -> str:
    """A date as written in ISO 8601 (a year, year-month, date or date-time) as a Turtle literal."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return literal(text, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return literal(text, datatype=XSD.gYearMonth)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            date.fromisoformat(text)
            return literal(text, datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?",
                        text):
            datetime.fromisoformat(text.replace("Z", "+00:00"))
            if re.fullmatch(r".*T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?", text):
                text = re.sub(r"(T\d{2}:\d{2})", r"\1:00", text)  # xsd:dateTime needs seconds
            return literal(text, datatype=XSD.dateTime)
    except ValueError:
        pass
    raise InputError(f"{option} {text!r}: not a date; write it in ISO 8601 as printed, e.g. "
                     "2026-01-09, 2026-01 or 2025-10-25T14:14+09:00")


# ------------------------------------------------------------------ Turtle blocks

@dataclass
class Block:
    """One resource as a Turtle block: ``subject a T ;`` then ``predicate objects`` lines."""

    subject: str
    types: list[str]
    lines: list[tuple[str, list[str], bool]] = field(default_factory=list)

    def add(self, predicate: str, *objects: str | None, one_per_line: bool = False) -> "Block":
        """Add ``predicate objects``; several objects go on one line unless it gets long."""
        kept = [o for o in objects if o]
        if kept:
            self.lines.append((predicate, kept, one_per_line))
        return self

    def text(self) -> str:
        head = f"{self.subject} a {' , '.join(self.types)}"
        parts = [head]
        for predicate, objects, one_per_line in self.lines:
            one_line = f"    {predicate} {' , '.join(objects)}"
            if (one_per_line or len(one_line) > 100) and len(objects) > 1:
                one_line = f"    {predicate} " + " ,\n        ".join(objects)
            parts.append(one_line)
        return " ;\n".join(parts) + " ."


def used_prefixes(text: str) -> set[str]:
    """Prefix names a Turtle block uses outside its string literals."""
    return {name for name in _PREFIXED.findall(_STRING.sub('""', text)) if name in PREFIXES}


def with_prefixes(text: str, names: set[str]) -> str:
    """The file text with an @prefix line (canonical IRI) for every name it lacks."""
    declared = set(_PREFIX_LINE.findall(text))
    missing = [n for n in PREFIXES if n in names and n not in declared]
    if not missing:
        return text
    lines = "".join(f"@prefix {n}: <{PREFIXES[n]}> .\n" for n in missing)
    declarations = list(_PREFIX_LINE.finditer(text))
    if not declarations:
        comment_end = re.match(r"(?:#[^\n]*\n)*\n?", text).end()
        return text[:comment_end] + lines + "\n" + text[comment_end:]
    end = declarations[-1].end() + 1
    return text[:end] + lines + text[end:]


def append_blocks(text: str, blocks: list[str], before: str | None = None) -> str:
    """The file text with the blocks added, before the first line starting ``before``, else last.

    "Last" means before a source file's curation provenance block, which stays
    the file's final block whatever is cited into it later.
    """
    from diplograph.publishing.provenance import MARKER

    if not blocks:
        return text
    text = with_prefixes(text, set().union(*(used_prefixes(b) for b in blocks)))
    added = "\n\n".join(blocks)
    for line_start in (before, MARKER):
        found = line_start and re.search(rf"^{re.escape(line_start)}", text, re.MULTILINE)
        if found:
            return text[: found.start()] + added + "\n\n" + text[found.start():]
    return text.rstrip("\n") + "\n\n" + added + "\n"


def described(tree, iri: str) -> bool:
    from diplograph.curation.find import index

    return iri in index(tree)


def unused(tree, kind: str, slug: str, taken: set[str] = frozenset()) -> str:
    """``mint(kind, slug)``, or with -2, -3… when the graph already describes that IRI."""
    iri, number = mint(kind, slug), 1
    while described(tree, iri) or iri in taken:
        number += 1
        iri = mint(kind, f"{slug}-{number}")
    return iri


# The copy of the data tree inside an installed wheel: read-only as far as curation goes.
BUNDLED = Path(__file__).resolve().parent.parent / "data"


def writable(tree) -> None:
    """Refuse to curate the bundled copy an installed diplograph reads by default."""
    if tree.root.resolve() == BUNDLED.resolve():
        raise InputError(f"refusing to write into the bundled copy of the graph ({tree.root})",
                         hint="curate a checkout: pass --data DIR or set $DIPLOGRAPH_DATA")


def write_files(changes: dict[Path, str]) -> None:
    """Write every changed file atomically, once each of them has been checked to parse."""
    import pyoxigraph as ox

    from diplograph.fileio import write_atomic

    for path, text in changes.items():
        try:
            list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
        except SyntaxError as exc:  # a bug in what we generated, never the curator's input
            raise InternalError(f"{path}: the Turtle written would not parse: {exc}") from exc
    for path, text in changes.items():
        write_atomic(path, text)
