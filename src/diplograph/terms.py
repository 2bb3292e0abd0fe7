"""Writing single RDF terms: prefixed names, canonical numbers, N-Triples syntax.

Shared by the query result formats and the RDF writers, and free of rdflib.
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pyoxigraph as ox

from diplograph.namespaces import PREFIXES, XSD

XSD_STRING = XSD.string
_INTEGER_TYPES = {
    XSD[t] for t in (
        "integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}
_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
# Longest namespace first, so person: wins over the id/ base.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def canonical_number(value: str, datatype: str) -> str:
    """The XSD canonical form of a numeric or boolean literal (unchanged if not one)."""
    try:
        if datatype in _INTEGER_TYPES:
            return str(int(value))
        if datatype == XSD.decimal:
            number = Decimal(value)
            if not number.is_finite():
                return value
            if number == number.to_integral_value():
                return f"{int(number)}.0"
            return format(number.normalize(), "f")
        if datatype in (XSD.double, XSD.float):
            return _canonical_double(value)
        if datatype == XSD.boolean:
            return {"1": "true", "0": "false"}.get(value, value)
    except (ValueError, InvalidOperation):
        return value
    return value


def _canonical_double(value: str) -> str:
    special = {"INF": "INF", "+INF": "INF", "-INF": "-INF", "NaN": "NaN", "inf": "INF"}
    if value in special:
        return special[value]
    number = Decimal(repr(float(value)))
    if number.is_zero():
        return "-0.0E0" if value.strip().startswith("-") else "0.0E0"
    sign, digits, exponent = number.as_tuple()
    digits = "".join(map(str, digits)).rstrip("0") or "0"
    power = exponent + len(number.as_tuple().digits) - 1
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{power}"


def normalise(term):
    """The same term with numeric/boolean literals in canonical lexical form."""
    if isinstance(term, ox.Literal) and not term.language:
        datatype = term.datatype.value
        if datatype != XSD_STRING:
            canonical = canonical_number(term.value, datatype)
            if canonical != term.value:
                return ox.Literal(canonical, datatype=term.datatype)
    return term


@lru_cache(maxsize=65536)  # called for every term written; a graph has few distinct IRIs
def compact(iri: str) -> str | None:
    """``prefix:local`` for an IRI when a namespace in PREFIXES fits, else None."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if _LOCAL.match(local):
                return f"{prefix}:{local}"
    return None


def nt(term) -> str:
    """N-Triples syntax (``<iri>``, ``_:b``, ``"lex"^^<dt>``); xsd:string left implicit."""
    return str(term)


def short(term) -> str:
    """A compact human form: prefixed name, plain literal value, ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) or term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def turtle(term) -> str:
    """Turtle syntax with prefixed names and abbreviated numbers and booleans."""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) or str(term)
    if isinstance(term, ox.Literal) and not term.language:
        datatype = term.datatype.value
        value = term.value
        if datatype == XSD.integer and re.fullmatch(r"[+-]?\d+", value):
            return value
        if datatype == XSD.decimal and re.fullmatch(r"[+-]?\d*\.\d+", value):
            return value
        if datatype == XSD.boolean and value in ("true", "false"):
            return value
        if datatype != XSD_STRING:
            name = compact(datatype)
            if name:
                return str(ox.Literal(value)) + "^^" + name
    return str(term)


def xml_text(text: str) -> str:
    """Escape character data for XML (xml.sax.saxutils would import urllib.request)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")  # a raw CR would be read back as LF


def xml_attr(text: str) -> str:
    """A double-quoted XML attribute value."""
    escaped = xml_text(text).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'
