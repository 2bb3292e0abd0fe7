"""Server-side SVG pictures: the timeline and the who-met-whom network.

Drawn here, as text, so pages need no script. Coordinates are rounded to one
decimal place so that the same graph gives the same bytes on every machine.
"""

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from html import escape

# Status (the skos:prefLabel of a dg:EventStatus) -> colour; events without a
# status report are grey.
STATUS_COLOURS = {
    "occurred": "#2e7d32",
    "announced": "#6a1b9a",
    "being arranged": "#1565c0",
    "planned": "#0288d1",
    "expected": "#ef6c00",
    "possible": "#f9a825",
}
NO_STATUS_COLOUR = "#546e7a"
_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def colour(status: str | None) -> str:
    return STATUS_COLOURS.get((status or "").lower(), NO_STATUS_COLOUR)


def interval(lexical: str) -> tuple[int, int] | None:
    """The days a date literal covers, as [first, last+1) ordinals (a year, a month, a day)."""
    match = _DATE.match(lexical.strip())
    if not match:
        return None
    year = int(match.group(1))
    if not 1 <= year <= 9998:
        return None
    try:
        if match.group(3):
            day = dt.date(year, int(match.group(2)), int(match.group(3))).toordinal()
            return day, day + 1
        if match.group(2):
            month = int(match.group(2))
            first = dt.date(year, month, 1).toordinal()
            following = dt.date(year + (month == 12), month % 12 + 1, 1).toordinal()
            return first, following
        return dt.date(year, 1, 1).toordinal(), dt.date(year + 1, 1, 1).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    bound: bool  # True: only known to lie within (earliest/latest bounds)
    title: str


@dataclass(frozen=True)
class TimelineEvent:
    iri: str
    href: str
    label: str
    date_text: str
    status: str | None
    spans: tuple[Span, ...]

    @property
    def start(self) -> int:
        return min(s.start for s in self.spans)


class _Scale:
    """Days to x: linear within clusters, long empty stretches cut to a fixed width."""

    GAP_DAYS = 120
    BREAK_PX = 26.0

    def __init__(self, points: list[int], width: float, spans: list[tuple[int, int]]):
        points = sorted(set(points))
        cut, linear = set(), 0
        for a, b in zip(points, points[1:], strict=False):
            if b - a > self.GAP_DAYS:
                cut.add(a)
            else:
                linear += b - a
        per_day = (width - self.BREAK_PX * len(cut)) / max(linear, 1)
        self.points, self.xs = points, [0.0]
        for a, b in zip(points, points[1:], strict=False):
            self.xs.append(self.xs[-1] + (self.BREAK_PX if a in cut else (b - a) * per_day))
        self.cut = cut
        # A cut stretch that some span covers is compressed, not empty.
        self.empty = {a for a in cut
                      if not any(s <= a and t >= self._next(a) for s, t in spans)}

    def _next(self, point: int) -> int:
        return self.points[self.points.index(point) + 1]

    def x(self, day: int) -> float:
        i = max(0, bisect_right(self.points, day) - 1)
        if i >= len(self.points) - 1:
            return self.xs[-1]
        a, b = self.points[i], self.points[i + 1]
        return self.xs[i] + (self.xs[i + 1] - self.xs[i]) * (day - a) / (b - a)


def _f(number: float) -> str:
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _day_text(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{_MONTHS[date.month - 1]} {date.year}"


def timeline_svg(events: list[TimelineEvent], standalone: bool = False) -> str:
    """Events on a time axis, one row each: a bar per known date (its precision), a
    dashed box for bounds, coloured by status; each row links to the event's page."""
    if not events:
        attrs = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
        return (f'<svg{attrs} viewBox="0 0 400 40" width="400" height="40" role="img" '
                'font-family="system-ui, sans-serif" font-size="12"><title>Timeline</title>'
                '<text x="8" y="24">No dated events in the graph.</text></svg>\n')
    row, top, plot_width = 24, 44, 560
    # Room for the longest row's text (about 6.1 px a character at 12 px), within reason.
    longest = max(len(ev.date_text) + 1 + len(ev.label) for ev in events)
    label_width = min(max(300, round(longest * 6.1) + 24), 700)
    height = top + row * len(events) + 30
    width = label_width + plot_width + 20
    points = [p for e in events for s in e.spans for p in (s.start, s.end)]
    scale = _Scale(points, plot_width, [(s.start, s.end) for e in events for s in e.spans])
    x0 = label_width
    out = []
    attrs = (' xmlns="http://www.w3.org/2000/svg"' if standalone else "")
    out.append(f'<svg{attrs} viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
               'role="img" aria-labelledby="timeline-title" font-family="system-ui, sans-serif" '
               'font-size="12">')
    out.append('<title id="timeline-title">Timeline of the events in the graph</title>')
    out.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>')
    # Axis: month ticks inside clusters, a break mark where empty years are cut.
    axis_y = top - 12
    out.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x0 + plot_width}" y2="{axis_y}" '
               'stroke="#90a4ae"/>')
    last_tick = -1e9
    bottom = height - 24

    def tick(x: float, text: str, gap: float) -> None:
        nonlocal last_tick
        if x - last_tick >= gap:
            out.append(f'<line x1="{_f(x)}" y1="{axis_y - 4}" x2="{_f(x)}" y2="{bottom}" '
                       'stroke="#eceff1"/>')
            out.append(f'<text x="{_f(x)}" y="{axis_y - 8}" fill="#546e7a" '
                       f'text-anchor="middle">{text}</text>')
            last_tick = x

    for i, (a, b) in enumerate(zip(scale.points, scale.points[1:], strict=False)):
        left, right = x0 + scale.xs[i], x0 + scale.xs[i + 1]
        if a in scale.empty:  # nothing happened: a grey band, not to scale
            out.append(f'<g><title>{escape(_day_text(a))} to {escape(_day_text(b))}: nothing '
                       'dated; not to scale</title>')
            out.append(f'<rect x="{_f(left + 3)}" y="{axis_y - 5}" width="{_f(right - left - 6)}"'
                       f' height="{bottom - axis_y + 5}" fill="#f5f5f5"/>')
            out.append(f'<text x="{_f((left + right) / 2)}" y="{axis_y + 4}" '
                       'text-anchor="middle" fill="#78909c">≈</text></g>')
        elif a in scale.cut:  # a long span (years): compressed, labelled by its year
            tick(left, str(dt.date.fromordinal(a).year), 30)
        else:
            day = dt.date.fromordinal(a)
            month = dt.date(day.year, day.month, 1)
            while month.toordinal() < b:
                if month.toordinal() >= a:
                    tick(x0 + scale.x(month.toordinal()), _day_text(month.toordinal()), 62)
                month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    for number, event in enumerate(events):
        y = top + number * row
        fill = colour(event.status)
        out.append(f'<a href="{escape(event.href)}">')
        out.append(f'<title>{escape(event.label)} ({escape(event.date_text)}; '
                   f'{escape(event.status or "no status reported")})</title>')
        out.append(f'<text x="8" y="{y + 15}"><tspan fill="#546e7a">'
                   f'{escape(event.date_text)}</tspan> <tspan fill="#1d232b">'
                   f'{escape(event.label)}</tspan></text>')
        for span in event.spans:
            left = x0 + scale.x(span.start)
            right = max(x0 + scale.x(span.end), left + 6)
            if span.bound:
                out.append(f'<rect x="{_f(left)}" y="{y + 5}" width="{_f(right - left)}" '
                           f'height="12" rx="3" fill="{fill}" fill-opacity="0.18" stroke="{fill}" '
                           'stroke-dasharray="4 3"><title>'
                           f'{escape(span.title)}</title></rect>')
            else:
                out.append(f'<rect x="{_f(left)}" y="{y + 5}" width="{_f(right - left)}" '
                           f'height="12" rx="3" fill="{fill}"><title>{escape(span.title)}'
                           '</title></rect>')
        out.append("</a>")
    legend_y = height - 8
    x = 8
    for name in [*STATUS_COLOURS, None]:
        text = name or "no status reported"
        out.append(f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" '
                   f'fill="{colour(name)}"/><text x="{x + 14}" y="{legend_y}">{text}</text>')
        x += 24 + 7 * len(text)
    out.append(f'<rect x="{x}" y="{legend_y - 10}" width="18" height="10" fill="none" '
               f'stroke="#546e7a" stroke-dasharray="4 3"/><text x="{x + 22}" y="{legend_y}">'
               'only bounds known</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    href: str | None


def network_svg(people: list[Node], meetings: list[Node],
                edges: list[tuple[str, str]]) -> str:
    """People on the left, meetings on the right (oldest first), a line per participation."""
    row, top = 26, 20
    height = top + row * max(len(people), len(meetings), 1) + 10
    width, left_x, right_x = 1040, 250, 620
    y_person = {n.key: top + i * row * max(len(meetings), 1) / max(len(people), 1)
                for i, n in enumerate(people)}
    y_meeting = {n.key: top + i * row * max(len(people), 1) / max(len(meetings), 1)
                 for i, n in enumerate(meetings)}
    if len(people) >= len(meetings):
        y_person = {n.key: top + i * row for i, n in enumerate(people)}
    else:
        y_meeting = {n.key: top + i * row for i, n in enumerate(meetings)}
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           'aria-labelledby="network-title" font-family="system-ui, sans-serif" font-size="12">',
           '<title id="network-title">Who met whom: people and the meetings they took part in'
           '</title>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for person, meeting in edges:
        y1, y2 = y_person[person] + 6, y_meeting[meeting] + 6
        mid = (left_x + right_x) / 2
        out.append(f'<path d="M{left_x + 8} {_f(y1)} C{_f(mid)} {_f(y1)} {_f(mid)} {_f(y2)} '
                   f'{right_x - 8} {_f(y2)}" fill="none" stroke="#90a4ae" stroke-width="1.2"/>')

    def node(n: Node, x: float, y: float, anchor: str, fill: str, shape: str) -> None:
        if n.href:
            out.append(f'<a href="{escape(n.href)}">')
        out.append(shape.format(x=_f(x), y=_f(y), fill=fill))
        tx = x - 14 if anchor == "end" else x + 14
        out.append(f'<text x="{_f(tx)}" y="{_f(y + 10)}" text-anchor="{anchor}">'
                   f'{escape(n.label)}</text>')
        if n.href:
            out.append("</a>")

    for n in people:
        node(n, left_x, y_person[n.key], "end", "#1f5f99",
             '<circle cx="{x}" cy="' + "{y}" + '" r="7" fill="{fill}" transform="translate(0 6)"/>')
    for n in meetings:
        node(n, right_x, y_meeting[n.key], "start", "#2e7d32",
             '<rect x="{x}" y="{y}" width="12" height="12" fill="{fill}" '
             'transform="translate(-6 0)"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
