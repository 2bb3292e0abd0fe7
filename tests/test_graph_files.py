"""House rules for the graph's Turtle files and the IRIs they mint.

Every file under ontology/ and graph/ says what it holds in a leading comment,
declares each prefix with the IRI namespaces.PREFIXES gives it, and is plainly
formatted; every IRI under the resource base follows {kind}/{slug}.
"""

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from diplograph.lint import lint
from diplograph.namespaces import PREFIXES
from diplograph.paths import DataTree

REPO = Path(__file__).resolve().parent.parent
TURTLE_FILES = sorted(p for folder in ("ontology", "graph") for p in (REPO / folder).rglob("*.ttl"))
PREFIX_LINE = re.compile(r"^@prefix (\w*): <([^>]*)> \.$", re.MULTILINE)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=[p.stem for p in TURTLE_FILES])
def test_turtle_file_style(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "a file starts with a comment saying what it holds"
    assert text.endswith("\n") and not text.endswith("\n\n"), "one final newline"
    assert "\t" not in text, "indent with spaces"
    trailing = [n for n, line in enumerate(text.splitlines(), 1) if line != line.rstrip()]
    assert not trailing, f"trailing white space on lines {trailing}"
    for name, iri in PREFIX_LINE.findall(text):
        if name in PREFIXES:
            assert iri == str(PREFIXES[name]), f"@prefix {name}: must be <{PREFIXES[name]}>"


def _graph() -> Graph:
    graph = Graph()
    for path in TURTLE_FILES:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def lint_findings():
    """The lint validate runs (diplograph.lint), once for this module."""
    return lint(DataTree(REPO))


def _shown(findings, *checks) -> list[str]:
    return [f"{f.path.relative_to(REPO)}:{f.line}: {f.message}"
            for f in findings if f.check in checks]


def test_minted_iris_follow_the_pattern(lint_findings):
    assert not _shown(lint_findings, "IriPattern")


def test_every_minted_resource_is_typed(lint_findings):
    """A minted IRI that is used but never described, or given no rdf:type, is a typo."""
    assert not _shown(lint_findings, "DanglingReference", "UntypedResource", "TypeMatchesKind")


def test_literals_are_written_in_canonical_form(lint_findings):
    assert not _shown(lint_findings, "CanonicalLiteral")


def test_evidence_quotes_are_short():
    """The graph keeps short evidence quotes, never an article's text.

    Evidence quotes the clause that reports a fact (at most 120 characters);
    only a dg:Quotation, which is the speaker's own words, may be longer.
    """
    graph = _graph()
    oa, dg = PREFIXES["oa"], PREFIXES["dg"]
    rdf_type = URIRef(PREFIXES["rdf"] + "type")
    too_long = []
    for evidence, target in graph.subject_objects(URIRef(oa + "hasTarget")):
        selector = graph.value(target, URIRef(oa + "hasSelector"))
        exact = str(graph.value(selector, URIRef(oa + "exact")))
        quotation = (evidence, rdf_type, URIRef(dg + "Quotation")) in graph
        if not quotation and len(exact) > 120:
            too_long.append(f"{evidence}: {len(exact)} characters")
    assert not too_long, too_long
