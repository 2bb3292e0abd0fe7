"""The built pages in a real headless Chromium (Debian ``chromium``), from file://.

The index, the timeline and an article page render (a screenshot that is not
blank), the timeline holds every dated event's label, and the article page
highlights every quote of that article. Chromium runs with networking features
off and a fresh profile; the pages load nothing but their own files.
"""

import os
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
from PIL import Image
from sitekit import REPO

from diplograph import rdfio
from diplograph.namespaces import sparql_prefixes
from diplograph.paths import data_tree

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
MARK_COLOUR = (0xFF, 0xF1, 0xA8)  # mark.q in static/style.css

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI installs chromium (.ci/run), but it is not on PATH", pytrace=False)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian package chromium is not installed "
                             "(apt-get install -y chromium; .ci/run installs it)")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


def dom(tmp_path: Path, page: Path):
    dumped = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    return html5lib.parse(dumped, namespaceHTMLElements=False)


def screenshot(tmp_path: Path, page: Path) -> Image.Image:
    target = tmp_path / f"{page.stem}.png"
    chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={target}", page.as_uri())
    return Image.open(target).convert("RGB")


def assert_not_blank(image: Image.Image) -> None:
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, "the screenshot is (nearly) one colour"
    most = max(count for count, _ in colours)
    assert most < 0.97 * image.width * image.height


@pytest.mark.parametrize("name", ["index.html", "timeline.html"])
def test_pages_render(bundled_site, tmp_path, name):
    assert_not_blank(screenshot(tmp_path, bundled_site / name))


def test_timeline_holds_every_dated_event(bundled_site, tmp_path):
    store = rdfio.load_data(data_tree(REPO)).store
    times = " ".join(f"sem:{p}" for p in (
        "hasTimeStamp", "hasBeginTimeStamp", "hasEndTimeStamp", "hasEarliestBeginTimeStamp",
        "hasLatestBeginTimeStamp", "hasEarliestEndTimeStamp", "hasLatestEndTimeStamp"))
    labels = {row[0].value for row in store.query(sparql_prefixes() + f"""
        SELECT DISTINCT ?label WHERE {{
          VALUES ?time {{ {times} }}
          ?event a/rdfs:subClassOf* sem:Event ; ?time ?when ; rdfs:label ?label }}""")}
    assert len(labels) >= 25
    document = dom(tmp_path, bundled_site / "timeline.html")
    svg = next(el for el in document.iter() if el.tag.endswith("svg"))
    shown = " ".join(svg.itertext())
    assert sorted(label for label in labels if label not in shown) == []


def test_article_page_highlights_every_quote(fiction_site, fiction_tree_dir, tmp_path):
    source = "https://w3id.org/diplograph/id/source/fiction-times"
    store = rdfio.load_data(data_tree(fiction_tree_dir)).store
    quotes = {row[0].value.rsplit("/", 1)[-1]: row[1].value for row in store.query(
        sparql_prefixes() + f"""SELECT ?evidence ?exact WHERE {{
          ?evidence oa:hasTarget [ oa:hasSource <{source}> ;
                                   oa:hasSelector/oa:exact ?exact ] }}""")}
    assert len(quotes) == 6
    page = fiction_site / "id/source/fiction-times.html"
    document = dom(tmp_path, page)
    marked: dict[str, str] = {}
    for mark in document.iter("mark"):
        for slug in mark.get("data-ev", "").split():
            marked[slug] = marked.get(slug, "") + "".join(mark.itertext())
    assert marked == quotes
    image = screenshot(tmp_path, page)
    assert_not_blank(image)
    assert any(colour == MARK_COLOUR for _, colour in image.getcolors(maxcolors=1 << 20)), \
        "no highlighted text on the screen"
