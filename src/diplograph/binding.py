"""Binding stored-query parameters: a VALUES block of serialized terms.

``bind_values`` puts a ``VALUES`` block of N-Triples-serialized terms first in
the query's outermost ``WHERE`` group, never pasting a raw value into the text.
Both the embedded engine and remote endpoints bind parameters this way, so a
stored query sees its parameters the same way everywhere. Light on purpose
(pyoxigraph only; no rdflib, no SPARQLWrapper, no HTTP): it is on the fast path
of ``diplograph query``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from .errors import ParameterError, QueryError
from .sparqltext import SPARQL_TOKEN

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def sparql_term(term) -> str:
    """A bound value as SPARQL text: an IRI or literal in N-Triples syntax.

    Takes pyoxigraph or rdflib terms. The output is produced by the N-Triples
    serializer (every quote, backslash and line break escaped), so no value
    can end its string or IRI early. Blank nodes and quoted triples cannot be
    bound (``VALUES`` does not allow them): ParameterError.
    """
    if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple):
        from .rdfio import from_rdflib_term

        try:
            term = from_rdflib_term(term)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"cannot bind {term!r}: not an IRI or literal") from exc
    if isinstance(term, ox.NamedNode):
        if _IRI_FORBIDDEN.search(term.value):
            raise ParameterError(f"cannot bind <{term.value!r}>: not a valid IRI")
        return str(term)
    if isinstance(term, ox.Literal):
        if term.language and not _LANGTAG.match(term.language):
            raise ParameterError(f"cannot bind a literal with language tag {term.language!r}")
        if _IRI_FORBIDDEN.search(term.datatype.value):
            raise ParameterError(f"cannot bind a literal with datatype {term.datatype.value!r}")
        return _ESCAPE.sub(_no_codepoint_escape, str(term))
    raise ParameterError(f"cannot bind {term}: only IRIs and literals can be bound")


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# One escape sequence of the serialized literal at a time, left to right.
_ESCAPE = re.compile(r"\\\\([uU])?|\\u([0-9A-Fa-f]{4})|\\.", re.S)


def _no_codepoint_escape(match: re.Match) -> str:
    r"""Escapes that read back the same whatever a parser does with ``\u``.

    SPARQL 1.1 (19.2) lets a parser decode ``\uXXXX`` anywhere in the query
    text before parsing; some (rdflib) do so even right after an escaped
    backslash, so a value holding ``\u0022`` could end its string early, and
    read ``\u`` with eight hex digits, so ``\u0000`` then ``1234`` would change
    the value. So: the u or U after an escaped backslash is itself written as
    ``\U00000075`` (``\U00000055``), and every ``\uXXXX`` as ``\U0000XXXX``,
    which no parser can read any other way.
    """
    letter, hexdigits = match.group(1), match.group(2)
    if hexdigits:
        return "\\U0000" + hexdigits
    if letter:
        return "\\\\" + ("\\U00000075" if letter == "u" else "\\U00000055")
    return match.group(0)


_LANGTAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def bind_values(query_text: str, bindings: Mapping[str, object]) -> str:
    """``query_text`` with ``bindings`` (variable name → term) bound by a VALUES block.

    The block goes first in the outermost WHERE group, so FILTERs, BINDs and
    OPTIONALs in that group see the values; a query with no group pattern
    (``DESCRIBE <iri>``) gets a trailing VALUES clause instead. Only the block
    is added; the rest of the text is left byte for byte as it was.
    """
    if not bindings:
        return query_text
    names = []
    for name in bindings:
        if not _VARNAME.match(name):
            raise ParameterError(f"{name!r} is not a SPARQL variable name")
        names.append("?" + name)
    row = " ".join(sparql_term(term) for term in bindings.values())
    block = f"VALUES ({' '.join(names)}) {{ ({row}) }}"
    at = where_group_start(query_text)
    if at is None:
        return query_text.rstrip("\n") + "\n" + block + "\n"
    return f"{query_text[:at]} {block} {query_text[at:]}"


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def service_position(query_text: str) -> tuple[int, int] | None:
    """(line, column) of the first ``SERVICE`` keyword, or None.

    Tokenizes first, so the word in a string, an IRI, a comment, a prefixed
    name or a variable does not count.
    """
    for match in SPARQL_TOKEN.finditer(query_text):
        if match.lastgroup == "word" and match.group().upper() == "SERVICE":
            line = query_text.count("\n", 0, match.start()) + 1
            column = match.start() - (query_text.rfind("\n", 0, match.start()) + 1) + 1
            return line, column
    return None


def where_group_start(query_text: str) -> int | None:
    """Index just after the ``{`` that opens the outermost WHERE group, or None.

    Tokenizes (so braces in strings, IRIs and comments do not count) and
    follows the query form: the template of ``CONSTRUCT { … } WHERE { … }`` is
    skipped, and ``SELECT (EXISTS { … } AS ?x)`` does not count as a group.
    QueryError for the ``CONSTRUCT WHERE { … }`` short form (its body is a
    template, which cannot hold VALUES) and for unbalanced braces.
    """
    form = found = None
    depth = parens = 0
    previous = None
    template_done = False
    for match in SPARQL_TOKEN.finditer(query_text):
        kind, text = match.lastgroup, match.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "word" and form is None and depth == 0 and text.upper() in _FORMS:
            form = text.upper()
        elif text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "{":
            if form and found is None and depth == 0 and parens == 0:
                after_where = previous is not None and previous.upper() == "WHERE"
                if form == "CONSTRUCT" and not template_done:
                    if after_where:
                        raise QueryError(
                            "parameters cannot be bound in the CONSTRUCT WHERE { … } short form; "
                            "write CONSTRUCT { … } WHERE { … }"
                        )
                    template_done = True
                else:
                    found = match.end()
            depth += 1
        elif text == "}":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced braces in the query: '}' without '{'")
        previous = text
    if depth != 0:
        raise QueryError("unbalanced braces in the query: '{' without '}'")
    return found
