"""Lint: the slips SHACL shapes cannot see, each found with its file and line.

``validate`` runs these with the shapes and reports each finding as a
violation; the project's tests call the same functions. The checks:

``UndeclaredTerm``
    a ``dg:`` term used (in a data file, a shapes file or its SPARQL, a stored
    query) that no data file declares (gives an ``rdf:type``), e.g. ``dg:occassion``.
``DanglingReference``
    an IRI under ``https://w3id.org/diplograph/id/`` used but never described
    (never the subject of a triple), e.g. ``person:lee-jae-myng`` as an evidence body.
``UntypedResource``
    a minted resource described without any ``rdf:type`` (it escapes every shape).
``TypeMatchesKind``
    a minted resource none of whose types is a class of its IRI's kind
    (``namespaces.KIND_CLASSES``, closed under the data's ``rdfs:subClassOf``).
``IriPattern``
    a minted IRI that is not ``{kind}/{slug}`` with a known kind and a slug of
    lower-case ASCII words joined by ``-``.
``CanonicalLiteral``
    a literal whose lexical form a common reader rewrites: rdflib (pySHACL, and
    most Python tools) turns ``"PT90M"^^xsd:duration`` into ``PT1H30M``,
    ``"007"^^xsd:integer`` into ``7``, ``"1"^^xsd:boolean`` into ``true``; an
    Oxigraph store keeps values, so ``"45.0"^^xsd:decimal`` comes back as ``45``.
    The finding gives the form to write: one both keep where there is one (else
    the one rdflib keeps: a UTC time is written ``+00:00``, which Oxigraph stores
    as ``Z``, a change README's "What the store keeps" documents).

Ill-typed literals (``"2025-13-45"^^xsd:date``) are validate's
``WellTypedLiterals`` check, not repeated here.
"""

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from diplograph import rdfio
from diplograph.namespaces import (
    DG,
    DGSH,
    ID,
    KIND_CLASSES,
    RDF,
    RDFS,
    RESOURCE_KINDS,
    SH,
    SLUG_PATTERN,
    XSD,
)
from diplograph.terms import short
from diplograph.turtlelines import Locator, term_key

CHECKS = ("UndeclaredTerm", "DanglingReference", "UntypedResource", "TypeMatchesKind",
          "IriPattern", "CanonicalLiteral")
_SLUG = re.compile(SLUG_PATTERN)
# dg:name in SPARQL text (stored queries, SHACL-SPARQL), or the full IRI.
_PREFIXED = re.compile(r"(?<![\w:/#-])dg:([A-Za-z_][\w-]*)")
_FULL = re.compile(re.escape("<" + DG) + r"([^>\s]+)>")
_SPARQL_TEXT = (SH.select, SH.ask, SH.construct, SH.update)


@dataclass(frozen=True)
class Finding:
    check: str  # one of CHECKS: the report's sh:sourceShape is DGSH[check]
    path: Path
    line: int | None
    focus: object  # the pyoxigraph term the finding is about
    message: str
    predicate: object = None  # the property of the triple, where there is one
    value: object = None  # the offending term, where it is not the focus

    @property
    def shape(self) -> str:
        return DGSH[self.check]


def sparql_terms(text: str) -> set[str]:
    """Local names of the dg: terms a SPARQL text uses (dg:x or <…ontology#x>)."""
    return set(_PREFIXED.findall(text)) | set(_FULL.findall(text))


def _query_text(path: Path) -> str:
    """A stored query without its comments, but with its #+ header (parameter defaults)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join("" if line.lstrip().startswith("#") and not line.lstrip().startswith("#+")
                     else line for line in lines)


def _text_line(path: Path, local: str) -> int | None:
    """The first line of a file that spells dg:local or its full IRI (per-line search)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"(?<![\w:/#-])dg:{re.escape(local)}(?![\w-])|"
                         + re.escape(f"<{DG}{local}>"))
    return next((n for n, line in enumerate(lines, 1) if pattern.search(line)), None)


def _suggest(word: str, choices, prefix: str = "") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {prefix}{close[0]}?)" if close else ""


class _Context:
    """The data files' triples, file by file, and what the merged graph says of each term."""

    def __init__(self, files: list[Path]):
        self.per_file = {path: rdfio.read_triples([path]) for path in files}
        self.subjects: dict[object, Path] = {}  # first file that describes each subject
        self.mentioned: dict[object, Path] = {}  # first file that names each object
        self.owner: dict[object, object] = {}  # blank node -> a subject it is the object of
        self.types: dict[object, set[str]] = {}
        self.superclasses: dict[str, set[str]] = {}
        subjects, mentioned, owner = self.subjects, self.mentioned, self.owner
        rdf_type, sub_class = ox.NamedNode(RDF.type), ox.NamedNode(RDFS.subClassOf)
        blank, named = ox.BlankNode, ox.NamedNode
        for path, triples in self.per_file.items():
            for subject in dict.fromkeys([t.subject for t in triples]):
                if subject not in subjects:
                    subjects[subject] = path
            for subject, predicate, obj in triples:
                if obj not in mentioned:
                    mentioned[obj] = path
                if isinstance(obj, blank):
                    if obj not in owner:
                        owner[obj] = subject
                elif predicate == rdf_type and isinstance(obj, named):
                    self.types.setdefault(subject, set()).add(obj.value)
                elif predicate == sub_class and isinstance(obj, named):
                    self.superclasses.setdefault(subject.value, set()).add(obj.value)
        self.declared = {s.value[len(DG):] for s in self.types
                         if isinstance(s, ox.NamedNode) and s.value.startswith(DG)}

    def named_owner(self, node):
        seen = set()
        while isinstance(node, ox.BlankNode) and node in self.owner and node not in seen:
            seen.add(node)
            node = self.owner[node]
        return node

    def ancestors(self, cls: str) -> set[str]:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.superclasses.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


def lint(tree) -> list[Finding]:
    """Every finding in a data tree: its data files, shapes and stored queries."""
    return Linter(tree).findings()


class Linter:
    """The lint of one data tree, and the file and line of any term in its data files."""

    def __init__(self, tree, data=None):
        self.tree = tree
        data = data or rdfio.load_data(tree)  # refuses non-Turtle files and a tree without data
        self.context = _Context(data.files)
        self.locator = Locator()

    def findings(self) -> list[Finding]:
        """The findings in the tree's own files: a folder borrowed from the bundled copy
        is read (its terms declare, its shapes and queries are used) but not reported
        on, as the tree's owners cannot change it."""
        declared = self.context.declared
        found = _data_findings(self.context, self.locator)
        found += _undeclared_in_shapes(self._own(self.tree.shape_files()), declared)
        found += _undeclared_in_queries(self._own(self.tree.query_files()), declared)
        found = [f for f in found if self._own([f.path])]
        return sorted(found, key=lambda f: (str(f.path), f.line or 0, f.check, f.message))

    def _own(self, files: list[Path]) -> list[Path]:
        borrowed = [self.tree.fallback / name for name in self.tree.borrowed]
        return [path for path in files
                if not any(path.is_relative_to(folder) for folder in borrowed)]

    def source(self, focus) -> Path | None:
        """The file ``locate`` finds ``focus`` in."""
        focus = self.context.named_owner(focus)
        return self.context.subjects.get(focus) or self.context.mentioned.get(focus)

    def locate(self, focus, term=None) -> tuple[Path, int | None] | None:
        """The file and line where ``focus`` is described (at ``term``, where written there).

        A blank focus node is found through the named subject whose block holds it.
        """
        path = self.source(focus)
        if path is None:
            return None
        key = term_key(term) if term is not None else None
        return path, self.locator.line_of(path, term_key(self.context.named_owner(focus)),
                                          key or None)


def _data_findings(context: _Context, locator: Locator) -> list[Finding]:
    findings: list[Finding] = []
    undeclared_seen: set[tuple[Path, str]] = set()
    dangling_seen: set[object] = set()
    pattern_seen: set[object] = set()
    canonical = _Canonical()
    declared, subjects = context.declared, context.subjects
    described_slugs: dict[str, list[str]] = {}
    for subject in subjects:
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(ID):
            kind, _, slug = subject.value[len(ID):].partition("/")
            described_slugs.setdefault(kind, []).append(slug)
    # Per IRI: False when no check can fire on it (most), else what the checks need.
    suspects: dict[object, object] = {}

    def suspect(term):
        iri = term.value
        undeclared = iri.startswith(DG) and iri[len(DG):] not in declared
        if not iri.startswith(ID):
            return (undeclared, None, None) if undeclared else False
        kind, _, slug = iri[len(ID):].partition("/")
        bad_pattern = kind not in RESOURCE_KINDS or not _SLUG.fullmatch(slug)
        if not (undeclared or bad_pattern or term not in subjects):
            return False
        return undeclared, kind, slug

    def line_at(path, subject, term):
        subject_key = term_key(subject)
        if not subject_key:  # a blank subject: find the term itself
            return locator.file(path).first_mention(term_key(term))
        return locator.line_of(path, subject_key, term_key(term))

    named, literal = ox.NamedNode, ox.Literal
    for path, triples in context.per_file.items():
        for t in triples:
            for position, term in (("subject", t.subject), ("predicate", t.predicate),
                                   ("object", t.object)):
                if not isinstance(term, named):
                    continue
                found = suspects.get(term)
                if found is None:
                    found = suspects[term] = suspect(term)
                if found is False:
                    continue
                undeclared, kind, slug = found
                if undeclared:
                    local = term.value[len(DG):]
                    if (path, local) not in undeclared_seen:
                        undeclared_seen.add((path, local))
                        findings.append(Finding(
                            "UndeclaredTerm", path, line_at(path, t.subject, term), t.subject,
                            f"dg:{local} is not declared in the ontology"
                            + _suggest(local, declared, "dg:"),
                            t.predicate, term))
                if kind is None:
                    continue
                if (kind not in RESOURCE_KINDS or not _SLUG.fullmatch(slug)) \
                        and term not in pattern_seen:
                    pattern_seen.add(term)
                    why = (f"unknown kind {kind!r}" if kind not in RESOURCE_KINDS
                           else f"slug {slug!r} is not lower-case words joined by '-'")
                    findings.append(Finding(
                        "IriPattern", path, line_at(path, t.subject, term), term,
                        f"{short(term)} does not follow {ID}{{kind}}/{{slug}}: {why}",
                        t.predicate if position == "object" else None))
                if position != "subject" and term not in subjects \
                        and term not in dangling_seen:
                    dangling_seen.add(term)
                    findings.append(Finding(
                        "DanglingReference", path, line_at(path, t.subject, term), t.subject,
                        f"{short(term)} is used (as {position} of {short(t.subject)}) "
                        "but nothing describes it"
                        + _suggest(slug, described_slugs.get(kind, ()), f"{kind}:"),
                        t.predicate, term))
            if isinstance(t.object, literal):
                fixed = canonical.form(t.object)
                if fixed is not None:
                    findings.append(Finding(
                        "CanonicalLiteral", path, line_at(path, t.subject, t.object), t.subject,
                        f"{t.object.value!r}^^{short(t.object.datatype)} is read back as "
                        f"{fixed!r} (not its canonical form); write "
                        f"\"{fixed}\"^^{short(t.object.datatype)}",
                        t.predicate, t.object))
        locator.release(path)

    ancestors: dict[str, set[str]] = {}
    for subject, path in subjects.items():
        if not isinstance(subject, named) or not subject.value.startswith(ID):
            continue
        kind = subject.value[len(ID):].partition("/")[0]
        types = context.types.get(subject)
        if not types:
            findings.append(Finding(
                "UntypedResource", path, locator.line_of(path, term_key(subject)), subject,
                f"{short(subject)} has no rdf:type, so no shape checks it; "
                f"a {kind} is a {_classes(kind)}" if kind in KIND_CLASSES
                else f"{short(subject)} has no rdf:type, so no shape checks it"))
        elif kind in KIND_CLASSES:
            allowed = set(KIND_CLASSES[kind])
            for cls in types:
                if cls not in ancestors:
                    ancestors[cls] = context.ancestors(cls)
            if not any(ancestors[cls] & allowed for cls in types):
                shown = ", ".join(sorted(short(ox.NamedNode(c)) for c in types))
                findings.append(Finding(
                    "TypeMatchesKind", path, locator.line_of(path, term_key(subject)),
                    subject, f"{short(subject)} is a {shown}, but a {kind} IRI names a "
                    f"{_classes(kind)} (or a subclass)",
                    ox.NamedNode(RDF.type)))
    return findings


def _classes(kind: str) -> str:
    return " or ".join(short(ox.NamedNode(c)) for c in KIND_CLASSES[kind])


def _undeclared_in_shapes(files: list[Path], declared: set[str]) -> list[Finding]:
    findings = []
    for path in files:
        used: dict[str, object] = {}
        for t in rdfio.read_triples([path]):
            for term in (t.subject, t.predicate, t.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(DG):
                    used.setdefault(term.value[len(DG):], t.subject)
            if t.predicate.value in _SPARQL_TEXT and isinstance(t.object, ox.Literal):
                for local in sparql_terms(t.object.value):
                    used.setdefault(local, t.subject)
        findings += _undeclared(path, used, declared)
    return findings


def _undeclared_in_queries(files: list[Path], declared: set[str]) -> list[Finding]:
    findings = []
    for path in files:
        query = ox.NamedNode(path.resolve().as_uri())
        used = dict.fromkeys(sparql_terms(_query_text(path)), query)
        findings += _undeclared(path, used, declared)
    return findings


def _undeclared(path: Path, used: dict[str, object], declared: set[str]) -> list[Finding]:
    return [
        Finding("UndeclaredTerm", path, _text_line(path, local), focus,
                f"dg:{local} is not declared in the ontology" + _suggest(local, declared, "dg:"),
                value=ox.NamedNode(DG + local))
        for local, focus in sorted(used.items()) if local not in declared
    ]


class _Canonical:
    """The lexical form a literal should be written in, or None when it is already stable."""

    def __init__(self):
        self._store = ox.Store()
        self._cache: dict[tuple[str, str], str | None] = {}

    def form(self, literal) -> str | None:
        datatype = literal.datatype.value if literal.datatype else ""
        if literal.language or not datatype.startswith(XSD) or datatype == XSD.string:
            return None
        key = (literal.value, datatype)
        if key not in self._cache:
            self._cache[key] = self._compute(*key)
        return self._cache[key]

    def _rdflib(self, lexical: str, datatype: str) -> str | None:
        import rdflib

        read = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
        return None if read.ill_typed else str(read)

    def _oxigraph(self, lexical: str, datatype: str) -> str:
        node = ox.NamedNode("urn:x:s")
        self._store.add(ox.Quad(node, node, ox.Literal(lexical, datatype=ox.NamedNode(datatype))))
        stored = next(iter(self._store)).object.value
        self._store.clear()
        return stored

    def _compute(self, lexical: str, datatype: str) -> str | None:
        by_rdflib = self._rdflib(lexical, datatype)
        if by_rdflib is None:
            return None  # ill-typed: the WellTypedLiterals check reports it
        by_oxigraph = self._oxigraph(lexical, datatype)
        if by_rdflib == lexical and by_oxigraph == lexical:
            return None
        for candidate in (by_oxigraph, by_rdflib, self._oxigraph(by_rdflib, datatype),
                          self._rdflib(by_oxigraph, datatype)):
            if (candidate and self._rdflib(candidate, datatype) == candidate
                    and self._oxigraph(candidate, datatype) == candidate):
                return candidate if candidate != lexical else None
        # No form both keep (a UTC time: rdflib writes +00:00, Oxigraph Z): keep rdflib's.
        return by_rdflib if by_rdflib != lexical else None
