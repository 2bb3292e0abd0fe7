"""A curator adds a whole (fictional) article with the curation commands, start to finish.

tests/data/curation/curator-session.sh holds the lines a curator types, one
command per line; this test runs exactly those lines on a copy of the data
tree, then checks that the graph validates, that `diplograph evidence` finds
every new quote once, that the files keep the house style, and that stored
queries see the new facts. It also measures lines typed per fact, the goal
being about two.
"""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

import shlex

import test_graph_files as house_rules
from tests_helpers import (  # noqa: F401
    CURATION,
    PUBLISHER_WARNING,
    SOURCE_SLUG,
    findings_on_ours,
    workspace,
)

SESSION = CURATION / "curator-session.sh"
LOOKING = ("find", "validate", "query")  # commands that read, not write


def session() -> tuple[list[list[str]], int]:
    """The session's commands (argument lists, `diplograph` left off) and its number of facts."""
    commands, facts = [], 0
    for line in SESSION.read_text(encoding="utf-8").splitlines():
        if line.startswith("# fact:"):
            facts += 1
        if line.strip() and not line.startswith("#"):
            words = shlex.split(line)
            assert words[0] == "diplograph", line
            commands.append(words[1:])
    return commands, facts


def lines_per_fact() -> tuple[float, float]:
    """(all lines typed, lines that write) per fact of the test article."""
    commands, facts = session()
    writing = [c for c in commands if c[0] not in LOOKING]
    return len(commands) / facts, len(writing) / facts


def test_a_curator_adds_an_article_in_about_two_lines_per_fact(workspace, monkeypatch):
    import socket

    attempts = []  # the curation commands never touch the network

    def blocked(*args, **kwargs):
        attempts.append(args[1:2])
        raise OSError(101, "network blocked by the test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    commands, facts = session()
    results = {}
    for words in commands:
        words = [w.replace("$DIPLOGRAPH_SOURCES", str(workspace.captures)) for w in words]
        result = workspace.run(*words)
        assert result.exit_code == 0, f"{shlex.join(words)}\n{result.output}"
        results[words[0]] = result
    # `validate` (the session's own line) conforms, with no violation on anything added and only
    # the warning that the article names no outlet
    assert results["validate"].stdout.startswith("The data graph conforms")
    assert findings_on_ours(results["validate"].stdout) == {PUBLISHER_WARNING}

    # the stored queries see the new facts
    # rows of the table by their event, from the date on (a "when" column comes first)
    timeline = {}
    for line in results["query"].stdout.splitlines():
        words = line.split()
        at = next((i for i, w in enumerate(words) if w.startswith("event:")), None)
        if at and ("moriyama" in words[at] or "fisheries" in words[at]):
            timeline[words[at]] = words[at - 1:]
    assert timeline["event:2026-02-03-moriyama-meets-lee-in-seoul"][0] == "2026-02-03"
    assert timeline["event:2026-02-03-moriyama-meets-lee-in-seoul"][-1] == "occurred"
    assert timeline["event:2026-03-moriyama-and-lee-meet-again-in-tokyo"][0] == "2026-03"
    assert timeline["event:2026-03-moriyama-and-lee-meet-again-in-tokyo"][-1] == "planned"
    talks = workspace.run("query", "timeline", "-f", "tsv").stdout  # dated by its bounds
    assert "<https://w3id.org/diplograph/id/event/2026-02-working-level-fisheries-talks-in-busan>" \
        in talks
    quoted = workspace.run("query", "quotations-by-person", "-p", "person=person:hana-moriyama",
                           "-f", "tsv")
    assert quoted.exit_code == 0, quoted.output
    assert quoted.stdout.splitlines()[1].split("\t")[2:] == [
        '"a fresh step for our neighbours"',
        f"<https://w3id.org/diplograph/id/source/{SOURCE_SLUG}>"]
    meetings = workspace.run("query", "meetings-between", "-p", "leader1=person:lee-jae-myung",
                             "-p", "leader2=person:hana-moriyama", "-f", "csv")
    assert [row.split(",")[0] for row in meetings.stdout.splitlines()[1:]] == [
        "https://w3id.org/diplograph/id/event/2026-02-03-moriyama-meets-lee-in-seoul",
        "https://w3id.org/diplograph/id/event/2026-03-moriyama-and-lee-meet-again-in-tokyo"]

    # every new quote is found exactly once in the capture, checksum and all
    from diplograph.evidence import check_evidence
    from diplograph.paths import DataTree
    from diplograph.rdfio import load_data

    quoted_share: dict = {}
    problems = check_evidence(load_data(DataTree(workspace.root)), workspace.captures,
                              quoted_share)
    assert [p.line() for p in problems if SOURCE_SLUG in p.subject] == []
    assert "900_5e1f0c2a9b7d4e63.txt" in quoted_share  # its text was read and checked

    # every file written keeps the house rules
    for path in (workspace.root / "graph").rglob("*.ttl"):
        house_rules.test_turtle_file_style(path)

    assert attempts == []

    # the measure: about two typed lines per fact
    typed, writing = lines_per_fact()
    assert facts == 11
    assert typed <= 2 and writing <= 1.5, (typed, writing)
