"""``diplograph find``: the resources whose names match some text, best first.

Curators use it to reuse an IRI instead of minting a second one for a known
thing, ``cite`` to say "did you mean" for an IRI the graph does not describe,
and analysts to name query parameters by what they are called.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from diplograph.namespaces import ID, RDF, RDFS, SCHEMA, SKOS

# The properties that name a resource, most preferred label first.
NAME_PROPERTIES = (RDFS.label, SCHEMA.name, SKOS.prefLabel, SCHEMA.alternateName, SKOS.altLabel)
_WORD = re.compile(r"[^\W_]+")
# Kinds of resource that hang off the things people look for (a participant's role in an
# event, an evidence annotation, a status report): they rank below an equally good match
# on a person, event, place or statement, except when the text is their own name or IRI.
AUXILIARY_KINDS = ("participation", "membership", "status", "evidence", "date", "claim",
                   "rendering", "inference", "ordinal", "capture", "image")
_AUXILIARY_PENALTY = 20.0


@dataclass(frozen=True)
class Resource:
    """A resource some data file gives an rdf:type, with the names it is given."""

    iri: str
    types: tuple[str, ...]  # sorted full IRIs
    label: str  # the preferred name (rdfs:label, schema:name, skos:prefLabel, …), or ""
    names: tuple[str, ...]  # every name, label and alternate name
    file: Path  # the file that gives it its rdf:type (the first, in data-file order)


@dataclass(frozen=True)
class Match:
    """One answer of ``find_resources``; ``score`` is 0–100, higher is better."""

    iri: str
    types: tuple[str, ...]
    label: str
    file: Path
    score: float
    matched: str  # the name (or IRI) that matched best


def normalise(text: str) -> str:
    """Casefolded, diacritics dropped, only letters and digits kept (spaces, hyphens go)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return [normalise(w) for w in _WORD.findall(text) if normalise(w)]


def index(tree) -> dict[str, Resource]:
    """Every described resource (an IRI with an rdf:type) of the tree's data files, by IRI."""
    files = tuple(tree.data_files())
    stamps = tuple(_stamp(p) for p in files)
    return _index(files, stamps)


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (None,)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _index(files: tuple[Path, ...], _stamps: tuple) -> dict[str, Resource]:
    import pyoxigraph as ox

    from diplograph.rdfio import read_triples

    types: dict[str, set[str]] = {}
    where: dict[str, Path] = {}
    names: dict[str, dict[str, list[str]]] = {}
    for path in files:
        for triple in read_triples([path]):
            subject = triple.subject
            if not isinstance(subject, ox.NamedNode):
                continue
            predicate = triple.predicate.value
            if predicate == RDF.type and isinstance(triple.object, ox.NamedNode):
                types.setdefault(subject.value, set()).add(triple.object.value)
                where.setdefault(subject.value, path)
            elif predicate in NAME_PROPERTIES and isinstance(triple.object, ox.Literal):
                names.setdefault(subject.value, {}).setdefault(predicate, []).append(
                    triple.object.value)
    resources = {}
    for iri in sorted(types):
        given = names.get(iri, {})
        ordered = [value for prop in NAME_PROPERTIES for value in given.get(prop, [])]
        resources[iri] = Resource(
            iri=iri, types=tuple(sorted(types[iri])), label=ordered[0] if ordered else "",
            names=tuple(dict.fromkeys(ordered)), file=where[iri],
        )
    return resources


def _iri_names(iri: str) -> list[str]:
    """The IRI's own spellings to match against: ``person:lee-jae-myung`` and the slug."""
    from diplograph.terms import compact

    spellings = [compact(iri) or iri]
    if iri.startswith(ID):
        spellings.append(iri.rsplit("/", 1)[-1])
    return spellings


def _score(query: str, query_words: list[str], name: str) -> float:
    key = normalise(name)
    if not key or not query:
        return 0.0
    if key == query:
        return 100.0
    words = _words(name)
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    if query in runs:
        return 80.0 + 10.0 * len(query) / len(key)
    if key.startswith(query):
        return 70.0 + 10.0 * len(query) / len(key)
    if query in key:
        return 60.0 + 10.0 * len(query) / len(key)
    if query_words and all(word in key for word in query_words):
        return 50.0 + 10.0 * len(query) / len(key)
    ratio = difflib.SequenceMatcher(None, query, key, autojunk=False).ratio()
    return 45.0 * ratio if ratio >= 0.75 else 0.0


def _query_key(text: str) -> tuple[str, list[str]]:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return normalise(text), _words(text)


def _auxiliary(iri: str) -> bool:
    return iri.startswith(ID) and iri[len(ID):].split("/", 1)[0] in AUXILIARY_KINDS


def find_resources(tree, text: str, limit: int | None = 10) -> list[Match]:
    """The resources of ``tree`` whose names match ``text``, best first.

    ``tree`` is a ``paths.DataTree``; ``text`` a name as printed ("Lee Jae
    Myung", "Gyeongju"), part of one ("takaichi"), or an IRI in full or
    prefixed form (``person:lee-jae-myung``), misspelt or not. Only resources
    some data file gives an ``rdf:type`` count ("described" resources).

    Matched against every rdfs:label, schema:name, schema:alternateName,
    skos:prefLabel and skos:altLabel, and the IRI (prefixed and its slug),
    with case, spaces, hyphens, punctuation and diacritics ignored. Scores
    (0–100): 100 the whole name, 80–90 whole consecutive words of a name
    ("takaichi" in "Sanae Takaichi"), 70–80 the start of a name, 60–70 the
    text inside a name, 50–60 every word of the text inside a name, and below
    45 a close misspelling (``difflib`` ratio ≥ 0.75); no match, no row.
    Resources of AUXILIARY_KINDS (participations, memberships, status
    reports, evidence, …) score 20 less unless the match is whole. Ties go
    to the shorter name, then to the IRI in code-point order.

    Returns at most ``limit`` ``Match``es (all when ``limit`` is None), each
    with ``iri``, ``types`` (sorted full IRIs), ``label`` (the preferred name,
    "" if none), ``file`` (the data file that gives the type), ``score`` and
    ``matched`` (the name that matched best). Raises ``DataError`` for a data
    file that does not parse.
    """
    query, query_words = _query_key(text)
    matches = []
    for resource in index(tree).values():
        best, matched = 0.0, ""
        for name in (*resource.names, *_iri_names(resource.iri)):
            score = _score(query, query_words, name)
            if score > best or (score == best and score and len(name) < len(matched)):
                best, matched = score, name
        if 0 < best < 100 and _auxiliary(resource.iri):
            best -= _AUXILIARY_PENALTY
        if best > 0:
            matches.append(Match(resource.iri, resource.types, resource.label, resource.file,
                                 round(best, 1), matched))
    matches.sort(key=lambda m: (-m.score, len(normalise(m.matched)), m.iri))
    return matches if limit is None else matches[:limit]


def render(matches: list[Match], root: Path | None = None, fmt: str = "table") -> str:
    """Matches as a table (IRI, class, label, file) or JSON; files relative to ``root``."""
    from diplograph.terms import compact

    def shown(file: Path) -> str:
        inside = root is not None and file.is_relative_to(root)
        return (file.relative_to(root) if inside else file).as_posix()

    if fmt == "json":
        import json

        return json.dumps([{"iri": m.iri, "types": list(m.types), "label": m.label,
                            "file": shown(m.file), "score": m.score, "matched": m.matched}
                           for m in matches], ensure_ascii=False, indent=2) + "\n"
    if not matches:
        return ""
    rows = [("iri", "class", "label", "file")]
    for match in matches:
        rows.append((compact(match.iri) or f"<{match.iri}>",
                     ", ".join(compact(t) or t for t in match.types),
                     match.label, shown(match.file)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths, strict=False))
             + "  " + row[3] for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * len(rows[0][3]))
    return "\n".join(lines) + "\n"
