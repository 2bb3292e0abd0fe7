import json


def test_json_figures(run):
    result = run("stats", "-f", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["triples"] == 95
    assert figures["classes"]["schema:Person"] == 3
    assert figures["classes"]["dg:Meeting"] == 2
    # Facts: the Japan-Korea summit (2 sources), Takaichi (1), the China-Korea summit (1).
    assert figures["facts"] == 3
    assert figures["corroborated"] == 1
    assert figures["single_sourced"] == 2
    assert figures["disagreements"] == 1
    assert figures["facts_per_source"] == {
        "source:2025-10-25-yomiuri-summit-eyed": 2,
        "source:2025-10-31-asahi-first-meeting": 2,
    }


def test_table(run):
    result = run("stats")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "graph"
    assert lines[1].split() == ["triples", "95"]
    assert "resources by class" in lines and "facts per source" in lines
