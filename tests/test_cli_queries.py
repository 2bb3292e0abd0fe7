import json
from pathlib import Path

GRLC = (Path(__file__).parent / "data" / "queries" / "grlc-name.rq").read_text()


def test_lists_title_description_and_params(run):
    result = run("queries")
    assert result.exit_code == 0, result.output
    assert "meetings — Meetings between two leaders" in result.stdout
    assert "    Every meeting both leaders took part in, with date and place." in result.stdout
    assert "    --param asof (date, default 2026-01-01): only meetings on or before this date" \
        in result.stdout


def test_json(run):
    listed = json.loads(run("queries", "-f", "json").stdout)
    assert [q["name"] for q in listed] == [
        "has-disagreements", "meeting-graph", "meetings", "people", "sources"]
    meetings = listed[2]
    assert meetings["params"][0] == {"name": "leader1", "type": "iri",
                                     "default": "person:lee-jae-myung",
                                     "description": "the first leader", "choices": []}


def test_bad_header_names_the_file(run, tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "bad.rq").write_text("#+ param: x colour red\nSELECT * {}")
    result = run("queries", data=tmp_path)
    assert result.exit_code == 2
    assert "bad.rq: line 1: parameter x has unknown type 'colour'" in result.stderr


def test_catalogue_reads_grlc_headers(run, tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "name.rq").write_text(GRLC)
    result = run("queries", data=tmp_path)
    assert result.stdout.splitlines()[:4] == [
        "name — Name of a person",
        "    The name.",
        "    --param who (iri, default person:xi-jinping): a person",
        "    --param lang (string, default en) one of en, ko: a language",
    ]
    listed = json.loads(run("queries", "-f", "json", data=tmp_path).stdout)
    assert listed[0]["params"][1]["choices"] == ["en", "ko"]
