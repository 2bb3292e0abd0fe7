"""Helpers for the site tests: building sites, reading their pages' links.

The fictional tree is the project's ontology and stored queries with
tests/site/data/graph/ as its graph: two fictional articles (texts in
tests/site/data/sources/), overlapping quotes, a quote told apart by its
prefix and suffix, a disagreement, and hostile text in labels, literals, an
IRI and a quote.
"""

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FICTION_GRAPH = HERE / "data" / "graph"
FICTION_SOURCES = HERE / "data" / "sources"


def build(tree: Path, out: Path, sources: Path | None = None) -> Path:
    from diplograph.paths import data_tree
    from diplograph.site import build_site

    build_site(data_tree(tree), out, sources)
    return out


def fiction_tree(folder: Path) -> Path:
    """A data tree: the project's ontology and queries, the fictional graph."""
    shutil.copytree(REPO / "ontology", folder / "ontology")
    shutil.copytree(REPO / "queries", folder / "queries")
    shutil.copytree(FICTION_GRAPH, folder / "graph")
    return folder


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class Links(HTMLParser):
    """Every href/src and every id of a page (HTML and inline SVG)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)

    handle_startendtag = handle_starttag


def links_and_ids(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def internal_target(page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points at; None for an outside link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, unquote(parts.fragment)
