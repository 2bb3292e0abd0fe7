"""``diplograph add date``: a relative date resolved against the article's date."""
# ruff: noqa: F811 - the fixtures come from tests_helpers and are named as parameters

from datetime import date

import pytest

from diplograph.curation.dates import resolve
from tests_helpers import (  # noqa: F401
    PUBLISHER_WARNING,
    SOURCE,
    SOURCE_SLUG,
    findings_on_ours,
    snapshot,
    with_source,
    workspace,
)

FRIDAY = date(2026, 1, 9)

METHOD = ("Resolved against the article's date, Tuesday 3 February 2026: the most recent "
          "such weekday, on or before it, Tuesday 3 February 2026.")


@pytest.mark.parametrize(("words", "future", "expected"), [
    ("on Friday", False, ("2026-01-09", None, None)),
    ("Friday (Jan 9)", False, ("2026-01-09", None, None)),
    ("On Wednesday", False, ("2026-01-07", None, None)),
    ("on Tuesday", True, ("2026-01-13", None, None)),
    ("last Friday", False, ("2026-01-02", None, None)),
    ("yesterday", False, ("2026-01-08", None, None)),
    ("next week", False, (None, date(2026, 1, 12), date(2026, 1, 18))),
    ("this week", False, (None, date(2026, 1, 5), date(2026, 1, 11))),
    ("last month", False, ("2025-12", date(2025, 12, 1), date(2025, 12, 31))),
    ("last year", False, ("2025", date(2025, 1, 1), date(2025, 12, 31))),
    ("last August", False, ("2025-08", date(2025, 8, 1), date(2025, 8, 31))),
    ("in October", False, ("2025-10", date(2025, 10, 1), date(2025, 10, 31))),
    ("three days ago", False, ("2026-01-06", None, None)),
    ("within the month", False, (None, date(2026, 1, 9), date(2026, 1, 31))),
])
def test_rules_resolve_what_the_words_and_the_date_determine(words, future, expected):
    found = resolve(words, FRIDAY, future=future)
    assert (found.resolved, found.earliest, found.latest) == expected
    assert found.method.startswith("Resolved against the article's date, Friday 9 January 2026")


def test_words_no_rule_covers_are_not_guessed():
    assert resolve("late last year", FRIDAY) is None
    assert resolve("soon", FRIDAY) is None


def test_writes_the_date_expression_and_it_validates(with_source):
    made = with_source.run("add", "event", SOURCE, "met South Korean President Lee Jae Myung",
                           "--kind", "Meeting", "--label", "Moriyama meets Lee",
                           "--date", "2026-02-03", "--participant", "Lee Jae-myung=host",
                           "--participant", "Sanae Takaichi=visitor", "--place", "place:seoul",
                           "--status", "occurred", "--meeting-kind", "hostAVisit")
    assert made.exit_code == 0, made.output
    event = "event:2026-02-03-moriyama-meets-lee"
    result = with_source.run("add", "date", SOURCE, "on Tuesday", "--dates", event,
                             "--quote", "in Seoul on Tuesday")
    assert result.exit_code == 0, result.output
    iri = f"date:{SOURCE_SLUG}-on-tuesday"
    assert result.stdout.splitlines() == [iri, f"evidence:{SOURCE_SLUG}-02"]
    text = with_source.source_facts()
    assert f"""
{iri} a dg:DateExpression ;
    dg:expressionText "on Tuesday" ;
    dg:dates {event} ;
    dg:anchorDate "2026-02-03"^^xsd:date ;
    dg:resolvedDate "2026-02-03"^^xsd:date ;
    dg:inferenceMethod "{METHOD}"@en .

evidence:{SOURCE_SLUG}-01 a""" in text
    assert text.endswith(f"""\
    oa:hasBody {iri} ,
        {event} ;
    oa:hasTarget [ a oa:SpecificResource ;
        oa:hasSource {SOURCE} ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "in Seoul on Tuesday" ] ] .
""")
    checked = with_source.run("validate")
    assert checked.exit_code == 0, checked.output
    # the one finding: the fictional article names no outlet, and none is made up
    assert findings_on_ours(checked.stdout) == {PUBLISHER_WARNING}



def test_a_date_resolved_by_hand_needs_its_method(with_source):
    before = snapshot(with_source.root)
    args = ["add", "date", SOURCE, "after the talks", "--dates",
            "event:2026-01-13-japan-south-korea-summit-in-nara", "--quote",
            "Lee told reporters after the talks"]
    result = with_source.run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "diplograph: cannot resolve 'after the talks' against 2026-02-03 by rule",
        "  give --resolved (or --earliest and --latest) and --method TEXT"]
    result = with_source.run(*args, "--earliest", "2026-02-03", "--latest", "2026-02-28")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == \
        "diplograph: say how the date was resolved: --method TEXT"
    assert snapshot(with_source.root) == before
    result = with_source.run(*args, "--earliest", "2026-02-03", "--latest", "2026-02-28",
                             "--method", "After the talks of 3 February 2026, in February.")
    assert result.exit_code == 0, result.output
    assert 'dg:resolvedLatest "2026-02-28"^^xsd:date ;' in with_source.source_file.read_text(
        encoding="utf-8")


def test_refuses_to_date_what_is_neither_event_nor_statement(with_source):
    result = with_source.run("add", "date", SOURCE, "on Tuesday", "--dates", "Lee Jae-myung")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == \
        "diplograph: --dates 'Lee Jae-myung': no event or statement of that name in the graph"


def test_refuses_a_quote_without_the_date_words(with_source):
    before = snapshot(with_source.root)
    result = with_source.run("add", "date", SOURCE, "on Tuesday",
                             "--dates", "event:2025-apec-summit", "--quote", "Moriyama said")
    assert result.exit_code == 2
    assert result.stderr == "diplograph: --quote does not contain the date's words 'on Tuesday'\n"
    assert snapshot(with_source.root) == before
