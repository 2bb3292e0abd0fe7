"""``diplograph new-source``: a source file for a captured article, in the house style."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

import hashlib
import re
import shutil
from datetime import UTC, datetime, timedelta

import test_graph_files as house_rules
from diplograph.namespaces import PREFIXES
from diplograph.publishing.provenance import MARKER, curation_block
from tests_helpers import (  # noqa: F401
    CAPTURE,
    CURATOR,
    SOURCE_SLUG,
    snapshot,
    with_source,
    workspace,
)

SHA = hashlib.sha256(CAPTURE.read_bytes()).hexdigest()
TITLE = "Moriyama and Lee agree on fisheries talks in Seoul"


def test_writes_the_article_and_its_capture(workspace):
    result = workspace.run(
        "new-source", str(workspace.captures / CAPTURE.name), "--title", TITLE,
        "--outlet", "Yonhap News", "--published", "2026-02-03T09:30+09:00",
        "--byline", "By A Reporter", "--dateline", "SEOUL", "--dateline-place", "place:seoul",
        "--url", "https://example.org/news/900")
    assert result.exit_code == 0, result.output
    slug = "2026-02-03-moriyama-and-lee-agree-on-fisheries"
    assert result.stdout == f"source:{slug}\ncapture:900-5e1f0c2a9b7d4e63\n"
    assert result.stderr == f"wrote graph/sources/{slug}.ttl\n"
    path = workspace.root / "graph" / "sources" / f"{slug}.ttl"
    text = path.read_text(encoding="utf-8")
    comment = " ".join(line.removeprefix("# ") for line in text.split("\n\n")[0].splitlines())
    assert comment == (
        f"Source: “{TITLE}”, Yonhap News, published 2026-02-03T09:30+09:00, byline By A "
        f"Reporter. Captured as 900_5e1f0c2a9b7d4e63.txt (SHA-256 {SHA[:16]}…; the text is "
        "kept outside the repository). Everything this article reports: the article, its "
        "capture, evidence, status reports and resolved dates.")
    # The canonical prefixes, as every source file declares them.
    assert dict(house_rules.PREFIX_LINE.findall(text)) == {
        name: str(iri) for name, iri in PREFIXES.items() if name not in ("owl", "sh")}
    body, block = text.split("\n\n", 2)[2].split(MARKER)
    assert body == f"""\
source:{slug} a schema:NewsArticle ;
    rdfs:label "{TITLE}"@en ;
    schema:headline "{TITLE}" ;
    schema:datePublished "2026-02-03T09:30:00+09:00"^^xsd:dateTime ;
    schema:publisher organization:yonhap-news ;
    dg:bylineText "By A Reporter" ;
    dg:dateline "SEOUL" ;
    dg:datelinePlace place:seoul ;
    schema:url "https://example.org/news/900"^^xsd:anyURI ;
    schema:inLanguage "en" ;
    dg:capturedAs capture:900-5e1f0c2a9b7d4e63 .

capture:900-5e1f0c2a9b7d4e63 a dcat:Distribution ;
    rdfs:label "Captured text of “{TITLE}”"@en ;
    dcat:mediaType <https://www.iana.org/assignments/media-types/text/plain> ;
    dg:fileName "900_5e1f0c2a9b7d4e63.txt" ;
    spdx:checksum [ a spdx:Checksum ;
        spdx:algorithm spdx:checksumAlgorithm_sha256 ;
        spdx:checksumValue "{SHA}"^^xsd:hexBinary ] .

"""
    # Last, who added the file and when ($SOURCE_DATE_EPOCH in these tests).
    assert MARKER + block == curation_block(slug, CURATOR, datetime(2026, 2, 3, 9, tzinfo=UTC))
    assert 'prov:endedAtTime "2026-02-03T09:00:00+00:00"^^xsd:dateTime' in block
    house_rules.test_turtle_file_style(path)  # the house rules every graph file keeps


def test_what_is_cited_later_goes_before_the_provenance_block(with_source):
    with_source.run("cite", f"source:{SOURCE_SLUG}", "fresh step", "--occurrence", "1",
                    "--about", f"source:{SOURCE_SLUG}", catch_exceptions=False)
    text = with_source.source_file.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1
    assert text.index("evidence:") < text.index(MARKER)
    assert "prov:endedAtTime" in text[text.index(MARKER):]
    assert "evidence:" not in text[text.index(MARKER):]


def test_stamps_the_time_of_the_run_without_source_date_epoch(workspace):
    result = workspace.run("new-source", str(workspace.captures / CAPTURE.name),
                           "--slug", SOURCE_SLUG, env={"SOURCE_DATE_EPOCH": ""})
    assert result.exit_code == 0, result.output
    text = workspace.source_file.read_text(encoding="utf-8")
    stamp = re.search(r'prov:endedAtTime "([^"]+)"', text).group(1)
    assert abs(datetime.now(UTC) - datetime.fromisoformat(stamp)) < timedelta(minutes=5)


def test_refuses_without_a_curator_name(workspace, tmp_path):
    no_git_name = {"DIPLOGRAPH_CURATOR": "", "GIT_CONFIG_GLOBAL": str(tmp_path / "none"),
                   "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    result = _refused(workspace, str(workspace.captures / CAPTURE.name),
                      env=no_git_name, message="no curator name")
    assert "DIPLOGRAPH_CURATOR" in result.stderr


def test_names_the_curator_given(workspace):
    result = workspace.run("new-source", str(workspace.captures / CAPTURE.name),
                           "--slug", SOURCE_SLUG, "--curator", "Ana Ñúñez")
    assert result.exit_code == 0, result.output
    text = workspace.source_file.read_text(encoding="utf-8")
    assert 'agent:ana-nunez a prov:Agent ;\n    rdfs:label "Ana Ñúñez"@en .' in text


def test_what_is_not_given_is_left_out(workspace):
    result = workspace.run("new-source", str(workspace.captures / CAPTURE.name))
    assert result.exit_code == 0, result.output
    path = workspace.root / "graph" / "sources" / "undated-900-5e1f0c2a9b7d4e63.ttl"
    body = path.read_text(encoding="utf-8").split("\n\n", 2)[2]
    assert body.split("\n\n")[0] == """\
source:undated-900-5e1f0c2a9b7d4e63 a schema:NewsArticle ;
    rdfs:label "Untitled article captured as 900_5e1f0c2a9b7d4e63.txt"@en ;
    schema:inLanguage "en" ;
    dg:capturedAs capture:900-5e1f0c2a9b7d4e63 ."""


def test_asks_for_what_is_missing_on_a_terminal(workspace, monkeypatch):
    from diplograph import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    answers = f"{TITLE}\nThe Japan News\n2026-02-03\n\n\n"  # no byline, no URL
    result = workspace.run("new-source", str(workspace.captures / CAPTURE.name),
                           "--slug", SOURCE_SLUG, input=answers)
    assert result.exit_code == 0, result.output
    text = (workspace.root / "graph" / "sources" / f"{SOURCE_SLUG}.ttl").read_text("utf-8")
    assert f'schema:headline "{TITLE}" ;' in text
    assert "schema:publisher organization:the-japan-news ;" in text
    assert 'schema:datePublished "2026-02-03"^^xsd:date ;' in text
    assert "dg:bylineText" not in text and "schema:url" not in text


def _refused(workspace, *args, message: str, env=None):
    before = snapshot(workspace.root)
    result = workspace.run("new-source", *args, env=env or {})
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("diplograph: ") and message in first, result.stderr
    assert snapshot(workspace.root) == before, "no file touched"
    return result


def test_refuses_to_overwrite(workspace):
    workspace.run("new-source", str(workspace.captures / CAPTURE.name), "--slug", SOURCE_SLUG)
    other = workspace.captures / "901_other.txt"
    other.write_text("Another article.\n", encoding="utf-8")
    _refused(workspace, str(other), "--slug", SOURCE_SLUG,
             message=f"{SOURCE_SLUG}.ttl exists; refusing to overwrite it")


def test_refuses_a_capture_already_recorded(workspace):
    workspace.run("new-source", str(workspace.captures / CAPTURE.name), "--slug", SOURCE_SLUG)
    copy = workspace.captures / "902_copy.txt"
    shutil.copy(CAPTURE, copy)
    _refused(workspace, str(copy), "--slug", "another-slug", message="already records this capture")


def test_refuses_a_missing_capture(workspace):
    _refused(workspace, str(workspace.captures / "nope.txt"),
             message=f"capture {workspace.captures / 'nope.txt'} does not exist")


def test_refuses_a_capture_that_is_not_utf8(workspace):
    bad = workspace.captures / "903_latin1.txt"
    bad.write_bytes("Caf\xe9 talks\n".encode("latin-1"))
    _refused(workspace, str(bad), message="not UTF-8 text")


def test_refuses_a_capture_inside_the_repository(workspace):
    inside = workspace.root / "captures" / CAPTURE.name
    inside.parent.mkdir()
    shutil.copy(CAPTURE, inside)
    result = _refused(workspace, str(inside), message="is inside the data tree")
    assert "captures are kept outside the repository" in result.stderr


def test_refuses_an_outlet_the_graph_does_not_describe(workspace):
    result = _refused(workspace, str(workspace.captures / CAPTURE.name), "--outlet", "Yonhap",
                      message="--outlet 'Yonhap': no news outlet of that name in the graph")
    assert result.stderr.splitlines()[1] == "  did you mean organization:yonhap-news (Yonhap News)?"


def test_refuses_an_outlet_that_is_not_a_news_outlet(workspace):
    _refused(workspace, str(workspace.captures / CAPTURE.name), "--outlet", "organization:apec",
             message="organization:apec is a org:FormalOrganization, not a "
                     "schema:NewsMediaOrganization")


def test_refuses_a_date_not_in_iso_8601(workspace):
    _refused(workspace, str(workspace.captures / CAPTURE.name), "--published", "3 Feb 2026",
             message="--published '3 Feb 2026': not a date")


def test_refuses_to_write_into_the_bundled_copy(workspace, monkeypatch):
    from diplograph.curation import common

    monkeypatch.setattr(common, "BUNDLED", workspace.root)
    result = _refused(workspace, str(workspace.captures / CAPTURE.name),
                      message="refusing to write into the bundled copy of the graph")
    assert result.stderr.splitlines()[1] == \
        "  curate a checkout: pass --data DIR or set $DIPLOGRAPH_DATA"
