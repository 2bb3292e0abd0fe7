"""What a built site holds: links that resolve, strict HTML5, linked data beside
every page, the same bytes on every build, and hostile text escaped everywhere."""

import json
import re
import xml.dom.minidom
from pathlib import Path

import html5lib
import pyoxigraph as ox
import pytest
from sitekit import (
    FICTION_SOURCES,
    REPO,
    build,
    html_pages,
    internal_target,
    links_and_ids,
)

SITES = ["bundled_site", "fiction_site", "fiction_site_without_texts"]
ID = "https://w3id.org/diplograph/id/"


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def canonical(quads) -> ox.Dataset:
    dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def parse_strict(page: Path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page.read_bytes())


@pytest.mark.parametrize("site_name", SITES)
def test_every_internal_link_resolves(site_name, request):
    site = request.getfixturevalue(site_name)
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for page in html_pages(site):
        for href in links_and_ids(page).links:
            target = internal_target(page, href)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            if not path.is_file() or site.resolve() not in path.parents:
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if fragment:
                if path not in ids:
                    ids[path] = links_and_ids(path).ids
                if fragment not in ids[path]:
                    broken.append(f"{page.relative_to(site)}: {href} (no id {fragment})")
    assert checked > 100
    assert broken == []


@pytest.mark.parametrize("site_name", SITES)
def test_every_page_parses_as_strict_html5(site_name, request):
    site = request.getfixturevalue(site_name)
    pages = html_pages(site)
    assert len(pages) > 20
    for page in pages:
        try:
            document = parse_strict(page)
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(site)}: {exc}")
        assert document.find("head/title") is not None, page


@pytest.mark.parametrize("site_name", SITES)
def test_linked_data_beside_every_html(site_name, request):
    site = request.getfixturevalue(site_name)
    for page in html_pages(site):
        turtle = page.with_suffix(".ttl")
        jsonld = page.with_suffix(".jsonld")
        assert turtle.is_file() and jsonld.is_file(), page
        triples = list(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE))
        assert triples, turtle
        # JSON-LD with its context inline: parsing it fetches nothing.
        document = json.loads(jsonld.read_text(encoding="utf-8"))
        assert isinstance(document["@context"], dict)
        assert canonical(ox.parse(path=str(jsonld), format=ox.RdfFormat.JSON_LD)) == \
            canonical(triples), jsonld


def test_resource_description_is_its_facts(fiction_site):
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(
        path=str(fiction_site / "id/person/mira-vale.ttl"), format=ox.RdfFormat.TURTLE)}
    assert (f"{ID}person/mira-vale", "http://www.w3.org/2000/01/rdf-schema#label",
            "Mira Vale") in triples
    assert (f"{ID}person/mira-vale", "https://schema.org/url", "javascript:alert(1)") in triples
    assert {s for s, _, _ in triples} == {f"{ID}person/mira-vale"}


def test_the_index_dump_is_the_whole_graph(bundled_site):
    from diplograph.export import export
    from diplograph.paths import data_tree

    assert (bundled_site / "index.ttl").read_text(encoding="utf-8") == export(
        data_tree(REPO), "turtle")


def test_build_is_deterministic(bundled_site, tmp_path):
    again = build(REPO, tmp_path / "again")
    first, second = tree_bytes(bundled_site), tree_bytes(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_build_with_texts_is_deterministic(fiction_site, fiction_tree_dir, tmp_path):
    again = build(fiction_tree_dir, tmp_path / "again", FICTION_SOURCES)
    assert tree_bytes(again) == tree_bytes(fiction_site)


def test_one_page_per_resource_at_its_path(bundled_site):
    from diplograph import rdfio
    from diplograph.paths import data_tree

    subjects = {t.subject.value for t in rdfio.load_data(data_tree(REPO)).triples
                if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ID)}
    pages = {p.relative_to(bundled_site / "id").with_suffix("").as_posix()
             for p in (bundled_site / "id").rglob("*.html")}
    assert pages == {s[len(ID):] for s in subjects}
    assert len(pages) > 400


# ---------------------------------------------------------------- what pages show

def text_of(page: Path) -> str:
    """The page's visible text, whitespace collapsed."""
    document = parse_strict(page)
    return " ".join(" ".join(document.itertext()).split())


def test_resource_page_shows_label_class_facts_incoming_and_evidence(fiction_site):
    page = fiction_site / "id/event/2031-03-03-castellan-summit.html"
    html = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert "<h1>Ardenia–Borovia summit in Castellan, 3 March 2031</h1>" in html
    assert 'href="../../ontology.html#SummitMeeting"' in html  # its class
    assert '<a href="../../id/place/castellan.html">Castellan</a>' in html  # a fact, labelled
    assert '<a href="../../id/disagreement/castellan-duration.html">' in html  # incoming
    # Status history: the stored query's row.
    assert "Status history" in text and "2031-03-04 occurred The Ardenia Times" in text
    # Evidence: the quote, its article, a link to its place in the article page.
    assert "Leaders of Ardenia and Borovia met in Castellan on 3 March 2031" in text
    assert ('href="../../id/source/fiction-times.html#q-fiction-times-01">the quote in the '
            "article</a>") in html


def test_blank_nodes_pointing_here_are_shown_from_their_resource(fiction_site):
    html = (fiction_site / "id/source/fiction-times.html").read_text(encoding="utf-8")
    assert "_:" not in html  # blank node labels change from parse to parse
    assert '<a href="../../id/evidence/fiction-times-05.html">' in html


def article_marks(page: Path) -> dict[str, str]:
    """Evidence slug -> the highlighted text carrying it, pieced together."""
    document = parse_strict(page)
    found: dict[str, str] = {}
    for mark in document.iter("mark"):
        for slug in mark.get("data-ev", "").split():
            found[slug] = found.get(slug, "") + "".join(mark.itertext())
    return found


def test_article_page_highlights_every_quote_where_it_stands(fiction_site):
    page = fiction_site / "id/source/fiction-times.html"
    marks = article_marks(page)
    expected = {
        "fiction-times-01": "Leaders of Ardenia and Borovia met in Castellan on 3 March 2031",
        "fiction-times-02": "met in Castellan",  # overlaps -01
        "fiction-times-03": "frank and useful",
        "fiction-times-04": "lasted 50 minutes",
        "fiction-times-05": "summit",
        "fiction-times-06": "<script>alert(\"x\")</script> & 'friends'",
    }
    assert marks == expected
    html = page.read_text(encoding="utf-8")
    # The prefix/suffix anchored "summit" is the first one, not "the summit has been set".
    assert re.search(r'A second <mark class="q" id="q-fiction-times-05" [^>]*><a [^>]*>summit',
                     html)
    # Each quote links to what it supports, and back.
    assert 'id="note-q-fiction-times-03"' in html
    assert '<a href="../../id/statement/vale-frank-and-useful.html">' in html
    assert "No date for the summit has been set." in text_of(page)


def test_article_without_texts_shows_the_quotes_alone(fiction_site_without_texts):
    page = fiction_site_without_texts / "id/source/fiction-times.html"
    text = text_of(page)
    assert "frank and useful" in text and "lasted 50 minutes" in text
    assert "No date for the summit has been set." not in text  # the text is not in the site
    assert 'id="q-fiction-times-03"' in page.read_text(encoding="utf-8")
    assert article_marks(page) == {}


def test_sources_with_a_wrong_checksum_fail_naming_the_file(fiction_tree_dir, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("fiction-times.txt", "fiction-post.txt"):
        (sources / name).write_bytes((FICTION_SOURCES / name).read_bytes())
    (sources / "fiction-post.txt").write_text("changed\n", encoding="utf-8")
    from diplograph.errors import InputError

    with pytest.raises(InputError, match=r"^fiction-post.txt: .*SHA-256 is"):
        build(fiction_tree_dir, tmp_path / "site", sources)
    assert not (tmp_path / "site").exists()


def test_timeline_holds_every_dated_event_linked(fiction_site):
    html = (fiction_site / "timeline.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg"):html.index("</svg>")]
    for slug, label in [
        ("2029-ardenia-borovia-treaty", "The Ardenia–Borovia treaty"),
        ("2031-03-03-castellan-summit", "Ardenia–Borovia summit in Castellan, 3 March 2031"),
        ("2031-04-lune-summit",
         "Lune summit &lt;script&gt;alert(&quot;event&quot;)&lt;/script&gt; &amp; "
         "&quot;quotes&quot;"),
    ]:
        assert f'<a href="id/event/{slug}.html">' in svg
        assert f'<tspan fill="#1d232b">{label}</tspan>' in svg
    # Status by colour: occurred green, planned blue; bounds drawn dashed, as a range.
    assert 'fill="#2e7d32"' in svg and 'stroke="#0288d1" stroke-dasharray' in svg
    xml.dom.minidom.parse(str(fiction_site / "timeline.svg"))  # the standalone SVG is XML


def test_who_met_whom_links_people_and_meetings(fiction_site):
    html = (fiction_site / "who-met-whom.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<path ") == 4  # two people, two meetings
    for href in ("id/person/mira-vale.html", "id/person/oren-kast.html",
                 "id/event/2031-04-lune-summit.html"):
        assert f'<a href="{href}">' in svg
    assert "Pairs who met" in html


def test_places_are_nested(fiction_site):
    html = (fiction_site / "places.html").read_text(encoding="utf-8")
    assert ('<li><a href="id/place/borovia.html">Borovia</a><ul><li>'
            '<a href="id/place/lune.html">Lune</a></li></ul></li>') in html


def test_disagreement_values_side_by_side_with_quotes(fiction_site):
    page = fiction_site / "disagreements.html"
    html = page.read_text(encoding="utf-8")
    side = html[html.index('<div class="side">'):]
    assert side.index("50 minutes") < side.index("about an hour")
    assert "<blockquote>lasted 50 minutes</blockquote>" in side
    assert "<blockquote>about an hour</blockquote>" in side
    assert "approximate" in side


def test_ontology_and_queries_pages(bundled_site):
    ontology = text_of(bundled_site / "ontology.html")
    assert "summit meeting" in ontology and "skos:closeMatch" in ontology
    html = (bundled_site / "ontology.html").read_text(encoding="utf-8")
    assert '<h3 id="SummitMeeting">' in html
    queries = (bundled_site / "queries.html").read_text(encoding="utf-8")
    timeline = (REPO / "queries" / "timeline.rq").read_text(encoding="utf-8")
    assert '<h2 id="timeline">' in queries
    from html import escape

    assert escape(timeline) in queries


def test_htaccess_negotiates_turtle_and_jsonld(bundled_site):
    rules = (bundled_site / ".htaccess").read_text(encoding="utf-8")
    assert "RewriteCond %{HTTP_ACCEPT} text/turtle" in rules
    assert "RewriteRule ^(.+)$ $1.ttl [L]" in rules
    assert "AddType application/ld+json .jsonld" in rules


def test_a_folder_of_other_files_is_not_replaced(tmp_path):
    from diplograph.errors import InputError

    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="holds other files"):
        build(REPO, tmp_path)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- hostile text

HOSTILE = ['<script>alert("label")</script>', "<script>alert('literal')</script>",
           '<script>alert("event")</script>', '<script>alert("x")</script>']


def test_hostile_text_is_escaped_on_every_page(fiction_site, fiction_site_without_texts):
    shown = {text: 0 for text in HOSTILE}
    for site in (fiction_site, fiction_site_without_texts):
        for page in html_pages(site):
            html = page.read_text(encoding="utf-8")
            document = parse_strict(page)
            assert list(document.iter("script")) == [], page
            assert "<script" not in html, page
            assert "javascript:" not in "".join(
                el.get("href", "") for el in document.iter()), page
            visible = "".join(document.itertext())
            for text in HOSTILE:
                shown[text] += text in visible
    # Each hostile text is on some page, as text (escaped, not as markup).
    assert all(count > 0 for count in shown.values()), shown


def test_hostile_text_in_the_svg_is_escaped(fiction_site):
    svg = (fiction_site / "timeline.svg").read_text(encoding="utf-8")
    assert "<script" not in svg
    document = xml.dom.minidom.parseString(svg)
    texts = "".join(node.toxml() for node in document.getElementsByTagName("tspan"))
    assert "&lt;script&gt;alert(&quot;event&quot;)" in texts


def test_the_readme_timeline_is_the_built_one(bundled_site):
    committed = (REPO / "docs" / "timeline.svg").read_bytes()
    assert committed == (bundled_site / "timeline.svg").read_bytes(), (
        "docs/timeline.svg is stale: python -m diplograph._regenerate")
