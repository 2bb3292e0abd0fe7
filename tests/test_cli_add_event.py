"""``diplograph add event``: an event, its participants, its status as of the article, evidence."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from tests_helpers import SOURCE, SOURCE_SLUG, snapshot, with_source, workspace  # noqa: F401

WORDS = "met South Korean President Lee Jae Myung in Seoul on Tuesday"
EVENT = "event:2026-02-03-moriyama-meets-lee-in-seoul"

METHOD = ("Resolved against the article's date, Tuesday 3 February 2026: the most recent "
          "such weekday, on or before it, Tuesday 3 February 2026.")


def _add(ws, *args):
    return ws.run("add", "event", SOURCE, *args)


def test_writes_the_event_participations_status_date_and_evidence(with_source):
    events = with_source.root / "graph" / "events.ttl"
    events_before = events.read_text(encoding="utf-8")
    result = _add(with_source, WORDS, "--kind", "SummitMeeting",
                  "--label", "Moriyama meets Lee in Seoul", "--date", "on Tuesday",
                  "--place", "place:seoul", "--participant", "Lee Jae-myung=host",
                  "--participant", "organization:government-of-japan=visitor",
                  "--status", "occurred", "--meeting-kind", "hostAVisit")
    assert result.exit_code == 0, result.output
    participation = "participation:2026-02-03-moriyama-meets-lee-in-seoul"
    status = f"status:2026-02-03-moriyama-meets-lee-in-seoul-per-{SOURCE_SLUG}"
    date = f"date:{SOURCE_SLUG}-on-tuesday"
    assert result.stdout.splitlines() == [
        EVENT, date, f"{participation}-lee-jae-myung",
        f"{participation}-government-of-japan", status, f"evidence:{SOURCE_SLUG}-01"]
    assert events.read_text(encoding="utf-8") == events_before + f"""
{EVENT} a dg:SummitMeeting ;
    rdfs:label "Moriyama meets Lee in Seoul"@en ;
    sem:hasTimeStamp "2026-02-03"^^xsd:date ;
    sem:hasPlace place:seoul ;
    sem:hasActor organization:government-of-japan , person:lee-jae-myung ;
    dg:participation {participation}-lee-jae-myung ,
        {participation}-government-of-japan ;
    dg:meetingKind dg:hostAVisit .

{participation}-lee-jae-myung a sem:Role ;
    rdfs:label "Lee, host"@en ;
    dg:participant person:lee-jae-myung ;
    sem:roleType dg:host .

{participation}-government-of-japan a sem:Role ;
    rdfs:label "Government of Japan, visitor"@en ;
    dg:participant organization:government-of-japan ;
    sem:roleType dg:visitor .
"""
    source = with_source.source_facts()
    assert f"""
{status} a dg:StatusReport ;
    dg:aboutEvent {EVENT} ;
    dg:eventStatus dg:occurred ;
    dg:asOf "2026-02-03"^^xsd:date ;
    dg:reportedIn {SOURCE} .

{date} a dg:DateExpression ;
    dg:expressionText "on Tuesday" ;
    dg:dates {EVENT} ;
    dg:anchorDate "2026-02-03"^^xsd:date ;
    dg:resolvedDate "2026-02-03"^^xsd:date ;
    dg:inferenceMethod "{METHOD}"@en .
""" in source
    assert source.endswith(f"""\
    oa:hasBody {date} ,
        {EVENT} ,
        {participation}-government-of-japan ,
        {participation}-lee-jae-myung ,
        {status} ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "{WORDS}" ] ] .
""")


def test_a_planned_event_in_words_is_resolved_forward(with_source):
    result = _add(with_source, "The two will meet again next month in Tokyo", "--kind", "Meeting",
                  "--label", "Moriyama and Lee meet again in Tokyo", "--date", "next month",
                  "--status", "planned")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "event:2026-03-moriyama-and-lee-meet-again-in-tokyo"
    text = (with_source.root / "graph" / "events.ttl").read_text(encoding="utf-8")
    assert text.endswith('    sem:hasTimeStamp "2026-03"^^xsd:gYearMonth .\n')


def test_an_iso_date_needs_no_date_expression(with_source):
    result = _add(with_source, WORDS, "--kind", "Meeting", "--label", "Talks in Seoul",
                  "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["event:2026-02-03-talks-in-seoul",
                                          f"evidence:{SOURCE_SLUG}-01"]


def _refused(ws, *args, message: str):
    before = snapshot(ws.root)
    result = _add(ws, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == f"diplograph: {message}", result.stderr
    assert snapshot(ws.root) == before, "no file touched"
    return result


def test_refuses_what_the_graph_does_not_know(with_source):
    base = [WORDS, "--label", "Talks in Seoul"]
    result = _refused(with_source, *base, "--kind", "Summit",
                      message="--kind Summit: not a kind of sem:Event")
    assert "SummitMeeting" in result.stderr
    _refused(with_source, *base, "--kind", "Meeting", "--participant", "Lee Jae-myung=boss",
             message="--participant … =ROLE boss: not a dg:ParticipantRole")
    _refused(with_source, *base, "--kind", "Meeting", "--participant", "person:hana-moriyama",
             message="--participant person:hana-moriyama: the graph does not describe "
                     "person:hana-moriyama")
    _refused(with_source, *base, "--kind", "Meeting", "--status", "happened",
             message="--status happened: not a dg:EventStatus")
    _refused(with_source, *base, "--kind", "Meeting", "--place", "Lee Jae-myung",
             message="--place 'Lee Jae-myung': no place of that name in the graph")


def test_refuses_a_date_in_words_the_quote_does_not_hold(with_source):
    _refused(with_source, WORDS, "--kind", "Meeting", "--label", "Talks", "--date", "on Friday",
             message="--date 'on Friday': the words cited do not contain it")


def test_refuses_words_not_in_the_capture(with_source):
    _refused(with_source, "met Lee in Busan", "--kind", "Meeting", "--label", "Talks",
             message="900_5e1f0c2a9b7d4e63.txt: the words are not in the capture verbatim: "
                     "'met Lee in Busan'")
