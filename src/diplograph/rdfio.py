"""Reading RDF files into a pyoxigraph store, and handing triples to rdflib.

Every file is parsed by pyoxigraph, so a bad file is reported the same way
whatever the command: ``DataError`` naming the file and line.
"""

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from diplograph.errors import DataError, InputError

_POSITION = re.compile(r"line (\d+)")
# pyoxigraph's "Parser error at line 3 between columns 12 and 16: " before the reason.
_PARSER_PREFIX = re.compile(r"^Parser error (?:at|between) line[^:]*:\s*")
# Tokens (a literal, an IRI) pyoxigraph's Turtle parser reads at most.
MAX_TOKEN_BYTES = 16 * 1024 * 1024
# Files under ontology/ and graph/ that are not data and may sit there.
NOT_DATA_SUFFIXES = (".md", ".txt")


def _data_error(path: Path, exc: Exception) -> DataError:
    message = str(exc.args[0] if exc.args else exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "offset", None)
    if not line:
        found = _POSITION.search(message)
        line = int(found.group(1)) if found else None
    reason = _PARSER_PREFIX.sub("", message) or message
    if _binary(path):
        reason = "not Turtle: the file holds binary data"
    elif reason.startswith("Invalid UTF-8"):
        reason = f"not UTF-8 text ({reason}); Turtle files are UTF-8"
    return DataError(path, reason, line=line, column=column)


def _binary(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"\0" in handle.read(8192)
    except OSError:
        return False


def _parse_errors(path: Path, action):
    try:
        return action()
    except SyntaxError as exc:
        raise _data_error(path, exc) from exc
    except MemoryError as exc:  # pyoxigraph: "Reached the buffer maximal size of 16777216"
        raise DataError(
            path,
            f"a literal or IRI is longer than the Turtle parser reads "
            f"({MAX_TOKEN_BYTES // (1024 * 1024)} MiB)",
            hint="keep large texts outside the graph (e.g. as captured files)",
        ) from exc
    except OSError as exc:
        raise DataError(path, exc.strerror or str(exc)) from exc


def load_store(files: Iterable[Path], store: ox.Store | None = None) -> ox.Store:
    """A store (in memory unless given) with every Turtle file merged into the default graph.

    The store keeps values, not spellings: ``45.0``^^xsd:decimal comes back as
    ``45``. Use ``read_triples`` where the exact lexical forms matter.
    """
    # A store handed in is a new one nothing else sees yet (storecache): bulk
    # loading skips the transactions nobody could see anyway.
    load = ox.Store().load if store is None else store.bulk_load
    store = load.__self__
    for path in files:
        _parse_turtle(path, lambda handle: load(handle, format=ox.RdfFormat.TURTLE))
    return store


BOM = b"\xef\xbb\xbf"


def _parse_turtle(path: Path, action):
    """``action(handle)`` on the file opened for reading, past a UTF-8 byte-order
    mark if it starts with one (Jena accepts it; pyoxigraph alone does not)."""
    def run():
        with open(path, "rb") as handle:
            if handle.read(len(BOM)) != BOM:
                handle.seek(0)
            return action(handle)

    return _parse_errors(path, run)


def read_triples(files: Iterable[Path]) -> list[ox.Triple]:
    """Every triple of the files, as written, duplicates merged (first seen first).

    Blank-node labels are scoped to their file, as RDF has it: a label that an
    earlier file used too is renamed (``t`` -> ``t-2``…), so ``_:t`` of two
    files stays two nodes here as in the store, which renames every label.
    """
    merged: dict[ox.Triple, None] = {}
    used: set[str] = set()
    files = list(files)
    for path in files:
        quads = _parse_turtle(
            path, lambda handle: list(ox.parse(handle, format=ox.RdfFormat.TURTLE))
        )
        triples = [quad.triple for quad in quads]
        if len(files) == 1:  # no other file's labels to keep apart from
            return list(dict.fromkeys(triples))
        labels = {term.value for t in triples for term in (t.subject, t.object)
                  if isinstance(term, ox.BlankNode)}
        clashes = labels & used
        if clashes:
            taken = used | labels
            renamed = {}
            for label in sorted(clashes):
                number = 2
                while f"{label}-{number}" in taken:
                    number += 1
                renamed[label] = ox.BlankNode(f"{label}-{number}")
                taken.add(renamed[label].value)
            triples = [_rename(t, renamed) for t in triples]
            labels = (labels - clashes) | {node.value for node in renamed.values()}
        used |= labels
        for triple in triples:
            merged[triple] = None
    return list(merged)


def _rename(triple: ox.Triple, renamed: dict[str, ox.BlankNode]) -> ox.Triple:
    def term(node):
        return renamed.get(node.value, node) if isinstance(node, ox.BlankNode) else node

    return ox.Triple(term(triple.subject), triple.predicate, term(triple.object))


class DataGraph:
    """The data graph of a set of files: as a SPARQL store, as exact triples, for rdflib.

    Each view is built on first use, so ``query`` never parses twice and never
    imports rdflib.
    """

    def __init__(self, files: Iterable[Path], tree=None):
        self.files = list(files)
        self.tree = tree  # the data tree the files come from (names their graphs)
        self._store: ox.Store | None = None
        self._triples: list[ox.Triple] | None = None

    @property
    def store(self) -> ox.Store:
        """For queries: the persistent store cache (storecache.py) when it pays, else in memory."""
        if self._store is None:
            from diplograph import storecache

            if storecache.wanted(self.files):
                self._store = storecache.store_for(self.files, load_store)
            else:
                self._store = load_store(self.files)
        return self._store

    @property
    def triples(self) -> list[ox.Triple]:
        if self._triples is None:
            self._triples = read_triples(self.files)
        return self._triples

    def rdflib(self):
        return to_rdflib(self.triples)


def load_data(tree) -> DataGraph:
    """The data graph of a data tree (every *.ttl under ontology/ and graph/).

    InputError when there is no data file at all, DataError for a file there
    that is not Turtle (JSON-LD, RDF/XML, anything else: only Turtle is read,
    so nothing in another format is silently left out, and no JSON-LD context
    is ever fetched).
    """
    for path in tree.other_files():
        if not path.name.startswith(".") and path.suffix.lower() not in NOT_DATA_SUFFIXES:
            raise DataError(
                path, f"not read: data files are Turtle (*.ttl), not {path.suffix or 'unsuffixed'}",
                hint="convert it to Turtle, or move it out of ontology/ and graph/",
            )
    files = tree.data_files()
    if not files:
        raise InputError(
            f"no data: no *.ttl file under {tree.root / 'ontology'} or {tree.root / 'graph'}"
        )
    graph_folder = tree.folder("graph")
    facts = [p for p in files if p.is_relative_to(graph_folder)]
    if graph_folder.is_dir() and not any(_may_hold_triples(p) for p in facts):
        raise InputError(f"no data: {graph_folder} holds no triples"
                         + ("" if facts else " (no *.ttl file)"),
                         hint="an empty data graph would pass every check; add facts first")
    return DataGraph(files, tree)


_NOT_A_TRIPLE = re.compile(rb"\s*(?:#.*|@?(?:prefix|base)\b.*)?", re.I)


def _may_hold_triples(path: Path) -> bool:
    """False when every line is blank, a comment or a PREFIX/BASE directive."""
    with open(path, "rb") as handle:
        return any(not _NOT_A_TRIPLE.fullmatch(line.rstrip(b"\r\n")) for line in handle)


def to_rdflib_term(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language, normalize=False)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value, normalize=False)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype), normalize=False)


def from_rdflib_term(term):
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_rdflib(items: Iterable[ox.Triple]):
    """An rdflib Graph holding the same triples (for rdflib SPARQL and pySHACL)."""
    import rdflib

    graph = rdflib.Graph()
    add = graph.add
    cache: dict = {}
    for t in items:
        terms = []
        for term in (t.subject, t.predicate, t.object):
            converted = cache.get(term)
            if converted is None:
                converted = cache[term] = to_rdflib_term(term)
            terms.append(converted)
        add(tuple(terms))
    return graph


def from_rdflib(graph) -> list[ox.Triple]:
    return [
        ox.Triple(from_rdflib_term(s), from_rdflib_term(p), from_rdflib_term(o))
        for s, p, o in graph
    ]
