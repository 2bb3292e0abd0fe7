"""Relative dates ("on Friday", "next week", "last August") resolved against an article's date.

Only what the words and the date determine is resolved; anything else is left
to the curator (``--resolved``/``--earliest``/``--latest`` with ``--method``).
A bare weekday is the most recent one on or before the article's date, or with
``future`` the next one after it; the method text says which rule was used.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = [m.lower() for m in calendar.month_name[1:]]
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class Resolution:
    resolved: str | None  # ISO: a date, a year-month or a year
    earliest: date | None
    latest: date | None
    method: str

    @property
    def single_day(self) -> date | None:
        if self.resolved and re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.resolved):
            return date.fromisoformat(self.resolved)
        return None


def _day(d: date) -> str:
    return f"{calendar.day_name[d.weekday()]} {d.day} {calendar.month_name[d.month]} {d.year}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def resolve(expression: str, anchor: date, *, future: bool = False) -> Resolution | None:
    """The resolution of the words against ``anchor``, or None when no rule covers them."""
    words = re.sub(r"\s+", " ", expression.strip().lower().strip(".,;:"))
    words = re.sub(r"\s*\(.*\)$", "", words)  # "friday (jan 9)": the weekday decides
    words = re.sub(r"^(on|in|during|by|from) ", "", words)
    base = f"the article's date, {_day(anchor)}"

    def single(d: date, rule: str) -> Resolution:
        return Resolution(d.isoformat(), None, None, f"Resolved against {base}: {rule}, {_day(d)}.")

    def span(start: date, end: date, rule: str, resolved: str | None = None) -> Resolution:
        return Resolution(resolved, start, end,
                          f"Resolved against {base}: {rule}, {_day(start)} to {_day(end)}.")

    if words == "today":
        return single(anchor, "the same day")
    if words == "yesterday":
        return single(anchor - timedelta(days=1), "the day before")
    if words == "tomorrow":
        return single(anchor + timedelta(days=1), "the day after")
    found = re.fullmatch(r"(last |next |this |)(" + "|".join(WEEKDAYS) + ")", words)
    if found:
        which, weekday = found.group(1).strip(), WEEKDAYS.index(found.group(2))
        back = (anchor.weekday() - weekday) % 7
        ahead = (weekday - anchor.weekday()) % 7
        if which == "last":
            return single(anchor - timedelta(days=back or 7), "the last such weekday before it")
        if which == "next" or (not which and future):
            rule = "the next such weekday after it"
            return single(anchor + timedelta(days=ahead or 7), rule)
        if which == "this":
            monday = anchor - timedelta(days=anchor.weekday())
            return single(monday + timedelta(days=weekday), "that weekday of the same week")
        return single(anchor - timedelta(days=back),
                      "the most recent such weekday, on or before it")
    found = re.fullmatch(r"(this|last|next) week", words)
    if found:
        monday = anchor - timedelta(days=anchor.weekday())
        monday += timedelta(weeks={"this": 0, "last": -1, "next": 1}[found.group(1)])
        return span(monday, monday + timedelta(days=6), f"{found.group(1)} week (Monday to Sunday)")
    found = re.fullmatch(r"(this|last|next) month", words)
    if found:
        year, month = _shift_month(anchor.year, anchor.month,
                                   {"this": 0, "last": -1, "next": 1}[found.group(1)])
        return span(date(year, month, 1), _month_end(year, month), f"{found.group(1)} month",
                    f"{year:04d}-{month:02d}")
    found = re.fullmatch(r"within (?:the|this) (week|month|year)", words)
    if found:
        period = found.group(1)
        if period == "week":
            end = anchor + timedelta(days=6 - anchor.weekday())
        elif period == "month":
            end = _month_end(anchor.year, anchor.month)
        else:
            end = date(anchor.year, 12, 31)
        return span(anchor, end, f"from that day to the end of the {period}")
    found = re.fullmatch(r"(this|last|next) year", words)
    if found:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[found.group(1)]
        return span(date(year, 1, 1), date(year, 12, 31), f"{found.group(1)} year", f"{year:04d}")
    found = re.fullmatch(r"(last |next |this |)(" + "|".join(MONTHS) + ")", words)
    if found:
        which, month = found.group(1).strip(), MONTHS.index(found.group(2)) + 1
        if which == "next" or (not which and future):
            year = anchor.year + (1 if month <= anchor.month else 0)
            rule = f"the next {calendar.month_name[month]} after it"
        elif which == "this":
            year, rule = anchor.year, f"{calendar.month_name[month]} of the same year"
        else:
            year = anchor.year - (1 if month > anchor.month or which == "last" and
                                  month == anchor.month else 0)
            rule = f"the most recent {calendar.month_name[month]}"
        return span(date(year, month, 1), _month_end(year, month), rule, f"{year:04d}-{month:02d}")
    found = re.fullmatch(r"(\d+|" + "|".join(_NUMBERS) + r"|a) (day|week)s? (ago|later|from now)",
                         words)
    if found:
        count = _NUMBERS.get(found.group(1), 1 if found.group(1) == "a" else None)
        count = count if count is not None else int(found.group(1))
        days = count * (7 if found.group(2) == "week" else 1)
        sign = -1 if found.group(3) == "ago" else 1
        return single(anchor + sign * timedelta(days=days),
                      f"{count} {found.group(2)}{'s' if count != 1 else ''} "
                      f"{'before' if sign < 0 else 'after'}")
    return None
