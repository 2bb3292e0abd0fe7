"""Every stored query (queries/*.rq, collected by glob) against its pinned output.

The expected files are written by ``python -m diplograph._regenerate`` (which runs
``scripts/expected_queries.py --regenerate``)
and read by a human; here each query runs with its header defaults on both
engines, and both must print exactly the pinned bytes.
"""

import importlib.util
from pathlib import Path

import pytest

from diplograph import rdfio
from diplograph.paths import DataTree
from diplograph.queries import read_query

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "queries").glob("*.rq"))

_spec = importlib.util.spec_from_file_location("expected_queries",
                                               REPO / "scripts" / "expected_queries.py")
expected_queries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(expected_queries)


@pytest.fixture(scope="module")
def data():
    return rdfio.load_data(DataTree(REPO))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_output(path, engine, data):
    query = read_query(path)
    expected = expected_queries.expected_path(query)
    assert expected.exists(), (
        f"no pinned output for {query.name}: run  python -m diplograph._regenerate"
    )
    assert expected_queries.output(query, data, engine) == expected.read_text(encoding="utf-8"), (
        f"{expected.name} is stale or {engine} answers differently; if the change is meant, "
        "run  python -m diplograph._regenerate  and read the diff")


def test_no_orphan_expected_files():
    names = {p.stem for p in QUERIES}
    expected_dir = REPO / "tests" / "queries" / "expected"
    orphans = [p.name for p in expected_dir.glob("*") if p.stem not in names]
    assert not orphans, f"{orphans}: no such query; run  python -m diplograph._regenerate"


# ----------------------------------------------- the files as any SPARQL tool sees them

@pytest.fixture(scope="module")
def bare_server(oxigraph_server):
    """The session's Oxigraph server holding the bundled graph, loaded from the
    Turtle files themselves (the Graph Store protocol; nothing of diplograph)."""
    import urllib.request

    oxigraph_server.clear()
    for path in DataTree(REPO).data_files():
        request = urllib.request.Request(
            oxigraph_server.base + "/store?default", data=path.read_bytes(), method="POST",
            headers={"Content-Type": "text/turtle"},
        )
        with urllib.request.urlopen(request, timeout=30):
            pass
    return oxigraph_server


def run_as_written(server, text: str):
    """The query text exactly as stored, sent as a SPARQL protocol request."""
    import urllib.parse
    import urllib.request

    import pyoxigraph as ox

    request = urllib.request.Request(
        server.query_url, data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return ox.parse_query_results(response.read(), format=ox.QueryResultsFormat.JSON)


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_runs_as_written_on_a_bare_server(path, bare_server):
    from diplograph.results import render
    from diplograph.sparql import result_of

    query = read_query(path)
    result = result_of(run_as_written(bare_server, path.read_text(encoding="utf-8")))
    result.ordered = query.ordered
    expected = expected_queries.expected_path(query).read_text(encoding="utf-8")
    assert render(result, "tsv") == expected


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_stored_query_header_is_grlc_style_and_defaults_agree(path):
    """summary and description on every file; each parameter's VALUES block
    holds exactly its #+ defaults value, so the file as written answers what
    diplograph answers with the defaults."""
    import pyoxigraph as ox

    from diplograph.namespaces import sparql_prefixes
    from diplograph.queries import typed_term

    text = path.read_text(encoding="utf-8")
    assert text.startswith("#+ summary: ")
    assert "\n#+ description: " in text
    assert "#+ title:" not in text and "#+ param:" not in text  # the older form
    query = read_query(path)
    assert query.full_text()[1] == 0, "every prefix it uses is declared in the file"
    for param in query.params:
        (block,) = [line.strip() for line in text.splitlines()
                    if line.strip().startswith(f"VALUES ?{param.name} ")]
        answer = ox.Store().query(sparql_prefixes() + f"SELECT * WHERE {{ {block} }}")
        assert [s[param.name] for s in answer] == [typed_term(param, param.default)]


# ------------------------------------------------ fixed bugs, on fictional data

FICTION = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix event: <https://w3id.org/diplograph/id/event/> .
@prefix source: <https://w3id.org/diplograph/id/source/> .

event:autumn-visit a dg:Visit ; rdfs:label "A visit planned for the autumn" ;
    sem:hasEarliestBeginTimeStamp "2031-09-01"^^xsd:date ;
    sem:hasLatestBeginTimeStamp "2031-11-30"^^xsd:date .
event:october-meeting a dg:Meeting ; rdfs:label "A meeting some time in October" ;
    sem:hasLatestBeginTimeStamp "2031-10"^^xsd:gYearMonth .
event:open-ended-visit a dg:Visit ; rdfs:label "A visit from 2031 on" ;
    sem:hasEarliestBeginTimeStamp "2031-01-01"^^xsd:date .
event:past-visit a dg:Visit ; rdfs:label "A visit that had to begin by September" ;
    sem:hasLatestBeginTimeStamp "2031-09-30"^^xsd:date .
event:long-talks a dg:Meeting ; rdfs:label "Long talks" ;
    sem:hasTimeStamp "2031-10-02"^^xsd:date ;
    time:hasDuration [ a time:Duration ; time:numericDuration 3 ; time:unitType time:unitHour ;
        dg:valueText "three-hour" ; dg:reportedIn source:paper ] ,
        [ a time:Duration ; time:numericDuration 2 ; time:unitType time:unitWeek ;
          dg:valueText "some two weeks" ; dg:isApproximate true ; dg:reportedIn source:other ] .
source:other a schema:NewsArticle ; rdfs:label "The Other Paper" .
source:paper a schema:NewsArticle ; rdfs:label "The Paper" .
[] oa:hasBody event:long-talks ; oa:hasTarget [ oa:hasSource source:paper ] .
"""


@pytest.fixture(scope="module")
def fiction(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("fiction")
    shutil.copytree(REPO / "ontology", root / "ontology")  # the class hierarchy
    (root / "graph").mkdir()
    (root / "graph" / "events.ttl").write_text(FICTION, encoding="utf-8")
    return rdfio.load_data(DataTree(root))


def answer(name, data, **values):
    from diplograph.sparql import run

    result = run(read_query(REPO / "queries" / f"{name}.rq"), data, values)
    return [{v: (t.value if t is not None else None)
             for v, t in zip(result.variables, row, strict=True)} for row in result.rows]


def test_upcoming_meetings_sees_earliest_and_latest_begin_bounds(fiction):
    rows = answer("upcoming-meetings", fiction, asof="2031-10-15")
    assert [(r["label"], r["when"], r["date"]) for r in rows] == [
        ("A visit from 2031 on", "not before", "2031-01-01"),
        ("A visit planned for the autumn", "not before", "2031-09-01"),
        ("A meeting some time in October", "not after", "2031-10"),
    ]


def test_timeline_says_how_each_date_is_known(fiction):
    rows = {r["label"]: (r["when"], r["date"]) for r in answer("timeline", fiction)}
    assert rows == {
        "A visit planned for the autumn": ("not before", "2031-09-01"),
        "A meeting some time in October": ("not after", "2031-10"),
        "A visit from 2031 on": ("not before", "2031-01-01"),
        "A visit that had to begin by September": ("not after", "2031-09-30"),
        "Long talks": ("on", "2031-10-02"),
    }


def test_meeting_duration_reads_each_article_s_length(fiction):
    """One row per article's time:Duration, its number and unit written as an xsd:duration
    (weeks in days); no disagreement record is needed for a single article's figure."""
    rows = answer("meeting-duration", fiction, meeting="event:long-talks")
    assert rows == [
        {"source": "https://w3id.org/diplograph/id/source/other", "outlet": None,
         "duration": "P14D", "asPrinted": "some two weeks", "approximate": "true"},
        {"source": "https://w3id.org/diplograph/id/source/paper", "outlet": None,
         "duration": "PT3H", "asPrinted": "three-hour", "approximate": None},
    ]


def test_printed_durations_compares_in_minutes(fiction):
    rows = answer("printed-durations", fiction)
    assert [(r["asPrinted"], r["unit"], r["minutes"], r["upperBound"]) for r in rows] == [
        ("some two weeks", "week", "20160", "false"),
        ("three-hour", "hour", "180", "false"),
    ]


def test_printed_durations_on_the_bundled_graph(data):
    """Lengths and gaps side by side, longest first: the 60th anniversary (two articles),
    the series' span of over four months, nine days, less than a week (an upper bound),
    the three-day visit, and the two articles' lengths of the summit."""
    rows = answer("printed-durations", data)
    assert [(r["what"], r["asPrinted"], r["minutes"], r["approximate"], r["upperBound"])
            for r in rows] == [
        ("gap", "60th anniversary", "31557600", "false", "false"),
        ("gap", "60th anniversary", "31557600", "false", "false"),
        ("length", "over four months", "175320", "true", "false"),
        ("gap", "just nine days", "12960", "false", "false"),
        ("gap", "less than a week", "10080", "false", "true"),
        ("length", "three-day", "4320", "false", "false"),
        ("length", "about 45 minutes", "45", "true", "false"),
        ("length", "41-minute", "41", "false", "false"),
    ]
    gap = next(r for r in rows if r["asPrinted"] == "less than a week")
    assert gap["of"].endswith("/event/2026-01-lee-visit-to-china")
    assert gap["from"].endswith("/event/2025-12-china-military-drills-around-taiwan")


def test_series_lists_members_in_date_order(data):
    rows = answer("series", data)
    members = [(r["series"].rsplit("/", 1)[1], r["count"], r["began"],
                (r["event"] or "").rsplit("/", 1)[-1], r["ordinal"]) for r in rows]
    assert members == [
        ("2025-lee-ishiba-summits", "3", "2025-06", "2025-08-lee-ishiba-meeting", None),
        ("lee-visits-to-japan-since-2025-08", "2", "2025-08", "2025-08-lee-visit-to-japan", "1"),
        ("lee-visits-to-japan-since-2025-08", "2", "2025-08", "2026-01-13-lee-visit-to-japan", "2"),
        ("takaichi-lee-face-to-face-meetings", None, "2025-10-30",
         "2025-10-30-japan-south-korea-summit", "1"),
        ("takaichi-lee-face-to-face-meetings", None, "2025-10-30",
         "2026-01-13-japan-south-korea-summit-in-nara", None),
    ]
    assert rows[0]["span"] == "over four months"
    assert rows[0]["partOf"].endswith(
        "/event/2025-resumption-of-japan-south-korea-shuttle-diplomacy")


def test_meeting_duration_on_the_bundled_graph(data):
    rows = answer("meeting-duration", data, meeting="event:2025-10-takaichi-visit-to-south-korea")
    assert [(r["source"].rsplit("/", 1)[1], r["duration"]) for r in rows] == [
        ("undated-lee-takaichi-first-summit", "P3D")]


def test_statements_by_speaker_has_the_verbs(data):
    rows = answer("statements-by-speaker", data)
    verbs = {r["statement"].rsplit("/", 1)[1]: r["verbs"] for r in rows}
    assert verbs["2025-10-21-lee-message-to-takaichi"] == "wrote"
    several = [v for v in verbs.values() if v and ", " in v]
    assert several and all(v.split(", ") == sorted(v.split(", ")) for v in several)
