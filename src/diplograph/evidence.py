"""``diplograph evidence``: every quotation in the graph is in its captured text.

For each capture (``?source dg:capturedAs ?cap . ?cap dg:fileName ?name``) the
file of that name in the sources folder must have the recorded SHA-256. Then
every evidence annotation's ``oa:exact`` (with ``oa:prefix``/``oa:suffix`` when
given, contiguous) must occur verbatim in its source's text, and exactly once:
an exact that occurs several times without a prefix or suffix to tell the
places apart is reported as ambiguous.

The graph keeps short quotes, never a whole text: ``quoted_share`` says how
much of each captured text its evidence quotes cover, so that a maintainer
sees when the quotes add up to most of an article.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import InputError
from diplograph.fileio import capture_bytes
from diplograph.namespaces import sparql_prefixes

_CAPTURES = """
SELECT ?source ?name ?hex WHERE {
  ?source dg:capturedAs ?cap .
  ?cap dg:fileName ?name .
  OPTIONAL { ?cap spdx:checksum ?sum .
             ?sum spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue ?hex }
} ORDER BY ?source ?name
"""
_QUOTES = """
SELECT ?evidence ?source ?exact ?prefix ?suffix WHERE {
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSource ?source ; oa:hasSelector ?selector .
  ?selector a oa:TextQuoteSelector ; oa:exact ?exact .
  OPTIONAL { ?selector oa:prefix ?prefix }
  OPTIONAL { ?selector oa:suffix ?suffix }
} ORDER BY ?source ?evidence ?exact
"""


@dataclass(frozen=True)
class Problem:
    file: str
    subject: str  # the evidence (or source) IRI
    what: str
    quote: str = ""

    def line(self) -> str:
        text = f"{self.file}: {self.subject}: {self.what}"
        return text + (f": {_start(self.quote)}" if self.quote else "")


def _start(quote: str, width: int = 40) -> str:
    quote = " ".join(quote.split())
    return repr(quote if len(quote) <= width else quote[: width - 1] + "…")


def _occurrences(text: str, needle: str) -> int:
    count, start = 0, text.find(needle)
    while start != -1:
        count += 1
        start = text.find(needle, start + 1)
    return count


def quote_start(text: str, exact: str, prefix: str = "", suffix: str = "") -> int:
    """Where ``exact`` starts in ``text`` (with its prefix and suffix around it), or -1."""
    found = text.find(prefix + exact + suffix)
    return found + len(prefix) if found != -1 else -1


def check_evidence(dataset, sources_dir, quoted: dict | None = None) -> list[Problem]:
    """Every problem found (empty when all is well); InputError if the folder is missing.

    ``dataset`` is a ``rdfio.DataGraph`` (or a pyoxigraph Store). If ``quoted``
    is given, it is filled with file name -> (characters quoted, characters in
    the text) for every capture whose text was read.
    """
    store = getattr(dataset, "store", dataset)
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise InputError(f"sources folder {sources_dir} does not exist")
    prefixes = sparql_prefixes()
    problems: list[Problem] = []
    texts: dict[str, tuple[str, str | None]] = {}  # source IRI -> (file name, text)
    for source, name, digest in store.query(prefixes + _CAPTURES):
        path = folder / name.value
        if not path.is_file() or Path(name.value).name != name.value:
            problems.append(Problem(name.value, source.value, "captured file not found"))
            texts[source.value] = (name.value, None)
            continue
        data = capture_bytes(path)  # bounded: a 3 GB file is refused before it is read
        actual = hashlib.sha256(data).hexdigest()
        if digest is None:
            problems.append(Problem(name.value, source.value, "capture has no SHA-256"))
        elif digest.value.strip().lower() != actual:
            problems.append(Problem(
                name.value, source.value, f"SHA-256 is {actual}, the graph says {digest.value}"
            ))
        try:
            texts[source.value] = (name.value, data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            problems.append(Problem(name.value, source.value, "captured file is not UTF-8"))
            texts[source.value] = (name.value, None)
    covered: dict[str, set[int]] = {}
    for evidence, source, exact, prefix, suffix in store.query(prefixes + _QUOTES):
        name, text = texts.get(source.value, ("(no capture)", None))
        if source.value not in texts:
            problems.append(Problem(name, evidence.value, "its source has no capture",
                                    exact.value))
            continue
        if text is None:
            continue
        before = prefix.value if prefix else ""
        after = suffix.value if suffix else ""
        found = _occurrences(text, before + exact.value + after)
        if found and quoted is not None:
            start = quote_start(text, exact.value, before, after)
            covered.setdefault(name, set()).update(range(start, start + len(exact.value)))
        if found == 0:
            what = "quote not found verbatim" if not (before or after) else \
                "quote with its prefix/suffix not found verbatim"
            problems.append(Problem(name, evidence.value, what, exact.value))
        elif found > 1:
            problems.append(Problem(
                name, evidence.value,
                f"quote occurs {found} times; add oa:prefix/oa:suffix to say which",
                exact.value,
            ))
    if quoted is not None:
        for name, text in sorted(texts.values()):
            if text is not None:
                quoted[name] = (len(covered.get(name, ())), len(text))
    return problems
