"""``diplograph site``: the data graph as a static linked-data site.

The tree is written to a fresh folder beside DIR and swapped in when complete,
so an interrupted or failed build leaves the previous site as it was. A build
reads nothing but the data tree (and, with ``--sources``, the captured texts),
writes no date or path into the pages, and so gives the same bytes every time.
"""

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from diplograph import rdfio, stats
from diplograph.errors import InputError, QueryError
from diplograph.evidence import check_evidence, quote_start
from diplograph.namespaces import (
    DG,
    KIND,
    ONTOLOGY_IRI,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
)
from diplograph.queries import find_query, stored_queries
from diplograph.rdfwrite import serialize
from diplograph.site import pages, svg
from diplograph.site.model import TIME_PROPERTIES, Graph, resource_path
from diplograph.site.pages import Site, e, page, table
from diplograph.sparql import run

MARKER = ".diplograph-site"
SITE_BASE = "https://w3id.org/diplograph/"
FIXED_PAGES = ("index", "timeline", "who-met-whom", "places", "disagreements", "ontology",
               "queries")
LATEST_EVENTS = 8


@dataclass(frozen=True)
class BuildSummary:
    folder: Path
    files: int
    bytes: int
    seconds: float
    resources: int
    with_texts: bool

    def line(self) -> str:
        texts = "with article texts" if self.with_texts else "without article texts"
        return (f"wrote {self.folder}: {self.resources} resource pages, {self.files} files, "
                f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s ({texts})")


def build_site(tree, out_dir, sources_dir=None) -> BuildSummary:
    """Build the site into ``out_dir`` (replaced as a whole when the build is complete)."""
    started = time.perf_counter()
    target = Path(out_dir)
    _check_target(target)
    data = rdfio.load_data(tree)
    graph = Graph(data.triples)
    texts = _article_texts(data, graph, sources_dir) if sources_dir is not None else None
    figures = stats.stats(tree)
    resources = graph.resources()
    paths = {resource_path(r.value) for r in resources}
    ontology_terms = sorted(s.value for s in graph.out if isinstance(s, ox.NamedNode)
                            and pages.is_ontology_term(s.value))
    site = Site(graph, paths | set(FIXED_PAGES), set(ontology_terms))
    out: dict[str, str] = {}

    status = _status_histories(tree, data, graph)
    for resource in resources:
        path = resource_path(resource.value)
        article = ""
        if resource.value.startswith(KIND["source"]) and graph.quotes_in(resource.value):
            text, spans = (texts or {}).get(resource.value, (None, {}))
            article = pages.article_section(site, resource.value, text, spans)
        out[path + ".html"] = pages.resource_page(
            site, resource.value, status_rows=status.get(resource.value), article=article)
        _linked_data(out, path, graph.description(resource))

    events = _timeline_events(graph, status, "")
    timeline = svg.timeline_svg(events)
    out["timeline.svg"] = svg.timeline_svg(events, standalone=True)  # = standalone_timeline
    out["timeline.html"] = _timeline_page(site, events, timeline)
    _linked_data(out, "timeline", _descriptions(graph, [event.iri for event in events]))
    out["index.html"] = _index_page(site, figures, events)
    _linked_data(out, "index", data.triples)
    people, meetings = _meetings(graph)
    out["who-met-whom.html"] = _network_page(site, people, meetings)
    _linked_data(out, "who-met-whom", _descriptions(graph, [*people, *meetings]))
    places = _places(tree, data, graph)
    out["places.html"] = _places_page(site, places)
    _linked_data(out, "places", _descriptions(graph, sorted(places[0])))
    disagreements = graph.instances({DG.Disagreement})
    out["disagreements.html"] = _disagreements_page(site, disagreements)
    claims = [c.value for d in disagreements for c in graph.objects(d, DG.hasClaim)]
    _linked_data(out, "disagreements", _descriptions(graph, [d.value for d in disagreements]
                                                     + claims))
    out["ontology.html"] = pages.ontology_page(site, ontology_terms, ONTOLOGY_IRI)
    _linked_data(out, "ontology", _descriptions(graph, [ONTOLOGY_IRI, *ontology_terms]))
    queries = stored_queries(tree)
    out["queries.html"] = _queries_page(queries)
    _linked_data(out, "queries", _query_triples(queries))
    out["static/style.css"] = (files("diplograph.site") / "static" / "style.css").read_text(
        encoding="utf-8")
    out[".htaccess"] = HTACCESS
    out[MARKER] = "Built by diplograph site; `diplograph site -o` may replace this folder.\n"
    written = _write_tree(target, out)
    return BuildSummary(target, len(out), written, time.perf_counter() - started,
                        len(resources), texts is not None)


def standalone_timeline(tree) -> str:
    """The site's ``timeline.svg`` alone (README.md shows it as docs/timeline.svg)."""
    data = rdfio.load_data(tree)
    graph = Graph(data.triples)
    events = _timeline_events(graph, _status_histories(tree, data, graph), "")
    return svg.timeline_svg(events, standalone=True)


# ------------------------------------------------------------ writing

def _check_target(target: Path) -> None:
    """DIR may be new, empty, or an earlier site: never replace a folder of something else."""
    if target.exists() and not target.is_dir():
        raise InputError(f"cannot write the site to {target}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise InputError(
            f"cannot write the site to {target}: the folder holds other files",
            hint=f"give a new or empty folder, or one an earlier build wrote (it has {MARKER})",
        )
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"cannot write the site to {target}: folder {parent} does not exist")


def _write_tree(target: Path, out: dict[str, str]) -> int:
    parent = target.resolve().parent
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise InputError(f"cannot write the site to {target}: {exc.strerror or exc}") from exc
    old = None
    try:
        total = 0
        for name in sorted(out):
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = out[name].encode("utf-8")
            path.write_bytes(data)
            total += len(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fresh, 0o777 & ~umask)
        if target.exists():
            old = parent / f".{target.name}.old-{os.getpid()}"
            os.rename(target, old)
        os.rename(fresh, target)
    except BaseException as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        if old is not None and not target.exists():
            os.rename(old, target)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the site to {target}: {exc.strerror or exc}") from exc
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return total


def _linked_data(out: dict[str, str], path: str, triples) -> None:
    triples = list(triples)
    out[path + ".ttl"] = serialize(triples, "turtle")
    # The export's JSON-LD, without its indentation: a site has hundreds of them.
    document = json.loads(serialize(triples, "jsonld"))
    out[path + ".jsonld"] = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _descriptions(graph: Graph, iris) -> list:
    triples = []
    for iri in iris:
        triples += graph.description(ox.NamedNode(iri))
    return triples


# ------------------------------------------------------------ article texts

def _article_texts(data, graph: Graph, sources_dir) -> dict[str, tuple[str, dict]]:
    """Source IRI -> (captured text, evidence IRI -> (start, end)); every quote must be found."""
    problems = check_evidence(data, sources_dir)
    if problems:
        raise InputError(
            f"{problems[0].line()}",
            hint=f"{len(problems)} evidence problem(s); `diplograph evidence --sources "
                 f"{sources_dir}` lists them",
        )
    folder = Path(sources_dir)
    texts = {}
    for source in graph.instances({SCHEMA.NewsArticle}):
        for capture in graph.objects(source, DG.capturedAs):
            name = graph.value(capture, DG.fileName)
            if name is None:
                continue
            text = (folder / name.value).read_bytes().decode("utf-8-sig")
            spans = {}
            for q in graph.quotes_in(source.value):
                start = quote_start(text, q.exact, q.prefix, q.suffix)
                spans[q.evidence] = (start, start + len(q.exact))
            texts[source.value] = (text, spans)
    return texts


# ------------------------------------------------------------ stored queries

def _stored(tree, data, name: str, values: dict | None = None):
    """Rows of a stored query, or None when the data tree has no query of that name."""
    try:
        query = find_query(tree, name)
    except QueryError:
        return None
    return run(query, data, values or {}).rows


def _status_histories(tree, data, graph: Graph) -> dict[str, list[tuple]]:
    reported = sorted({o.value for s, props in graph.out.items()
                       for o in props.get(DG.aboutEvent, ()) if isinstance(o, ox.NamedNode)})
    histories = {}
    for event in reported:
        rows = _stored(tree, data, "status-history", {"event": f"<{event}>"})
        if rows:
            histories[event] = rows
    return histories


def _latest_status(rows: list[tuple] | None) -> str | None:
    dated = [r for r in rows or () if r[0] is not None]
    return dated[-1][1].value if dated else None


# ------------------------------------------------------------ timeline

def _timeline_events(graph: Graph, status: dict, root: str) -> list[svg.TimelineEvent]:
    events = []
    for event in graph.instances(graph.subclass_closure(SEM.Event)):
        times = {p: graph.value(event, p) for p in TIME_PROPERTIES}
        times = {p.rsplit("/", 1)[-1]: v.value for p, v in times.items() if v is not None}
        if not times:
            continue
        spans = []
        texts = []

        stamp = times.get("hasTimeStamp")
        begin, end = times.get("hasBeginTimeStamp"), times.get("hasEndTimeStamp")
        if begin or end:
            first, last = svg.interval(begin or end), svg.interval(end or begin)
            if first and last:
                spans.append(svg.Span(first[0], max(last[1], first[1]), False,
                                      f"{begin or '?'} to {end or '?'}"))
                texts.append(f"{begin[:10]}–{end[:10]}" if begin and end and begin[:10] != end[:10]
                             else (begin or end)[:10])
        if stamp and (found := svg.interval(stamp)):
            spans.append(svg.Span(found[0], found[1], False, stamp))
            texts.insert(0, stamp)
        bounds = [(k, v) for k, v in times.items() if "Earliest" in k or "Latest" in k]
        found_bounds = [(k, v, found) for k, v in bounds if (found := svg.interval(v))]
        if found_bounds:
            lo = min(b[2][0] for b in found_bounds)
            hi = max(b[2][1] for b in found_bounds)
            words = "; ".join(f"{_BOUND_WORDS[k]} {v}" for k, v, _ in sorted(found_bounds))
            spans.append(svg.Span(lo, hi, True, words))
            if not texts:
                texts.append(words)
        if not spans:
            continue
        events.append(svg.TimelineEvent(
            event.value, f"{root}{resource_path(event.value) or ''}.html", graph.label(event),
            texts[0], _latest_status(status.get(event.value)), tuple(spans)))
    return sorted(events, key=lambda ev: (ev.start, ev.label, ev.href))


_BOUND_WORDS = {
    "hasEarliestBeginTimeStamp": "began on or after",
    "hasLatestBeginTimeStamp": "began by",
    "hasEarliestEndTimeStamp": "ended on or after",
    "hasLatestEndTimeStamp": "ended by",
}


def _root_page(title: str, body: str, name: str) -> str:
    """A page at the site's root, with its Turtle and JSON-LD beside it."""
    return page(title, body, "", alternates=name, footer=pages.alternates_note(name))


def _events_table(events) -> str:
    return table(["date", "event", "latest status"], [
        [e(ev.date_text), f'<a href="{e(ev.href)}">{e(ev.label)}</a>', e(ev.status or "—")]
        for ev in events])


def _timeline_page(site: Site, events, picture: str) -> str:
    body = ("<h1>Timeline</h1>\n<p>Every dated event, oldest first: a bar per known date "
            "(as long as its precision: a year, a month, a day), a dashed box where only "
            "bounds are known, coloured by the latest status reported. Long empty stretches "
            "are cut (≈). Each row links to the event.</p>\n"
            f'<figure>\n{picture}</figure>\n<h2>The same, as a table</h2>\n'
            + _events_table(events) + "\n")
    return _root_page("Timeline", body, "timeline")


# ------------------------------------------------------------ index

def _index_page(site: Site, figures: dict, events) -> str:
    graph = site.graph
    counts = [("triples", figures["triples"]), ("facts", figures["facts"]),
              ("corroborated facts", figures["corroborated"]),
              ("single-sourced facts", figures["single_sourced"]),
              ("facts without a source", figures["unsourced"]),
              ("disagreements", figures["disagreements"])]
    parts = ["<h1>diplograph</h1>",
             "<p>A knowledge graph of diplomatic summit facts, every fact tied to the words of "
             "the article that reports it.</p>",
             '<ul class="figures">' + "".join(f"<li><b>{n}</b>{e(k)}</li>" for k, n in counts)
             + "</ul>",
             "<h2>See</h2><ul>"
             '<li><a href="timeline.html">the timeline</a> of events</li>'
             '<li><a href="who-met-whom.html">who met whom</a></li>'
             '<li><a href="places.html">the place hierarchy</a></li>'
             '<li><a href="disagreements.html">where the articles disagree</a></li>'
             '<li><a href="ontology.html">the ontology</a> and '
             '<a href="queries.html">the stored queries</a></li>'
             '<li>the whole graph as <a href="index.ttl">Turtle</a> or '
             '<a href="index.jsonld">JSON-LD</a></li></ul>',
             "<h2>The articles</h2>"]
    rows = []
    for source in graph.instances({SCHEMA.NewsArticle}):
        date = graph.value(source, SCHEMA.datePublished) or graph.value(source, SCHEMA.dateModified)
        publisher = graph.value(source, SCHEMA.publisher)
        facts = figures["facts_per_source"].get(pages.compact(source.value) or "", 0)
        rows.append([site.link(source, ""), e(date.value if date else "undated"),
                     site.link(publisher, "") if publisher is not None else "—", str(facts)])
    parts.append(table(["article", "date", "outlet", "facts"], rows))
    parts.append("<h2>Latest events</h2>")
    latest = list(reversed(events))[:LATEST_EVENTS]
    parts.append(_events_table(latest))
    parts.append("<h2>Resources by class</h2>")
    parts.append(table(["class", "resources"], [[e(k), str(n)] for k, n in
                                                figures["classes"].items()]))
    parts.append("<h2>Everything, by kind</h2>")
    by_kind: dict[str, list] = {}
    for resource in graph.resources():
        by_kind.setdefault(resource_path(resource.value).split("/")[1], []).append(resource)
    for kind in KIND:
        if kind in by_kind:
            items = sorted(by_kind[kind], key=lambda r: (graph.label(r), r.value))
            parts.append(f"<details><summary>{e(kind)} ({len(items)})</summary><ul>"
                         + "".join(f"<li>{site.link(r, '')}</li>" for r in items)
                         + "</ul></details>")
    return _root_page("Overview", "\n".join(parts) + "\n", "index")


# ------------------------------------------------------------ who met whom

def _persons(graph: Graph, event) -> list[str]:
    people = {SCHEMA.Person}
    found = {a.value for a in graph.objects(event, SEM.hasActor)
             if set(graph.types(a)) & people}
    for role in graph.objects(event, DG.participation):
        found |= {v.value for v in graph.objects(role, DG.participant)
                  if set(graph.types(v)) & people}
    return sorted(found)


def _meetings(graph: Graph) -> tuple[list[str], list[str]]:
    kinds = set().union(*(graph.subclass_closure(c)
                          for c in (DG.Meeting, DG.Visit, DG.OfficialDinner)))
    meetings = [m.value for m in graph.instances(kinds) if _persons(graph, m)]
    people = sorted({p for m in meetings for p in _persons(graph, ox.NamedNode(m))})
    return people, meetings


def _start(graph: Graph, iri: str) -> str:
    for p in TIME_PROPERTIES:
        value = graph.value(iri, p)
        if value is not None:
            return value.value
    return "9999"


def _meeting_where(site: Site, meeting: str) -> str:
    places = site.graph.objects(meeting, SEM.hasPlace)
    where = ", ".join(site.link(p, "") for p in places)
    return site.link(ox.NamedNode(meeting), "") + (f" (in {where})" if where else "")


def _network_page(site: Site, people: list[str], meetings: list[str]) -> str:
    graph = site.graph
    meetings = sorted(meetings, key=lambda m: (_start(graph, m), graph.label(ox.NamedNode(m)), m))
    people = sorted(people, key=lambda p: (graph.label(ox.NamedNode(p)), p))

    def node(iri: str) -> svg.Node:
        return svg.Node(iri, graph.label(ox.NamedNode(iri)), site.href(iri, ""))

    edges = [(p, m) for m in meetings for p in _persons(graph, ox.NamedNode(m))]
    picture = svg.network_svg([node(p) for p in people], [node(m) for m in meetings],
                              sorted(edges))
    pairs: dict[tuple[str, str], list[str]] = {}
    for m in meetings:
        present = _persons(graph, ox.NamedNode(m))
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                pairs.setdefault((a, b), []).append(m)
    rows = [[site.link(ox.NamedNode(a), ""), site.link(ox.NamedNode(b), ""),
             "<br>".join(_meeting_where(site, m) for m in ms)]
            for (a, b), ms in sorted(pairs.items(), key=lambda kv: (
                graph.label(ox.NamedNode(kv[0][0])), graph.label(ox.NamedNode(kv[0][1]))))]
    body = ("<h1>Who met whom</h1>\n<p>People (left) and the meetings, visits and dinners "
            "they took part in (right, oldest first). Held and planned ones both appear; each "
            "links to its page.</p>\n"
            f"<figure>\n{picture}</figure>\n<h2>Pairs who met</h2>\n"
            + table(["person", "person", "meetings"], rows) + "\n")
    return _root_page("Who met whom", body, "who-met-whom")


# ------------------------------------------------------------ places

def _places(tree, data, graph: Graph) -> tuple[set[str], dict[str, list[tuple[str, bool]]]]:
    places = {r.value for r in graph.resources() if r.value.startswith(KIND["place"])}
    children: dict[str, list[tuple[str, bool]]] = {}
    rows = _stored(tree, data, "place-hierarchy")
    if rows is None:  # the tree has no stored query: direct containment only
        rows = [(p, None, c, None, ox.Literal("true"), ox.Literal("false"))
                for p in map(ox.NamedNode, sorted(places))
                for c in graph.objects(p, SCHEMA.containedInPlace)]
    for place, _name, within, _within_name, direct, inferred in rows:
        if direct is not None and direct.value == "true":
            places |= {place.value, within.value}
            children.setdefault(within.value, []).append(
                (place.value, inferred is not None and inferred.value == "true"))
    return places, children


def _places_page(site: Site, places_and_children) -> str:
    places, children = places_and_children
    graph = site.graph
    contained = {c for kids in children.values() for c, _ in kids}
    roots = sorted((p for p in places if p not in contained),
                   key=lambda p: (graph.label(ox.NamedNode(p)), p))

    def branch(place: str, inferred: bool, seen: frozenset) -> str:
        mark = ' <span class="meta">(containment inferred)</span>' if inferred else ""
        kids = sorted(children.get(place, ()), key=lambda k: (graph.label(ox.NamedNode(k[0])),
                                                              k[0]))
        inner = "".join(branch(c, i, seen | {place}) for c, i in kids if c not in seen)
        return (f"<li>{site.link(ox.NamedNode(place), '')}{mark}"
                + (f"<ul>{inner}</ul>" if inner else "") + "</li>")

    body = ("<h1>Places</h1>\n<p>Each place inside the places that contain it "
            "(<code>schema:containedInPlace</code>); no map, just the hierarchy.</p>\n"
            '<ul class="tree">' + "".join(branch(r, False, frozenset()) for r in roots)
            + "</ul>\n")
    return _root_page("Places", body, "places")


# ------------------------------------------------------------ disagreements

def _disagreements_page(site: Site, disagreements) -> str:
    graph = site.graph
    parts = ["<h1>Disagreements</h1>",
             "<p>Where the articles report different values for the same thing: each "
             "article's value side by side, with its words.</p>"]
    if not disagreements:
        parts.append("<p>No disagreements are recorded.</p>")
    for d in disagreements:
        about = graph.value(d, DG.aboutResource)
        prop = graph.value(d, DG.aboutProperty)
        comment = graph.value(d, RDFS.comment)
        parts.append(f'<h2 id="{e(d.value.rsplit("/", 1)[-1])}">{site.link(d, "")}</h2>')
        if comment is not None:
            parts.append(f"<p>{e(comment.value)}</p>")
        parts.append("<p class=\"meta\">about "
                     + (site.link(about, "") if about is not None else "—") + ", property "
                     + (site.predicate(prop.value, "") if prop is not None else "—") + "</p>")
        cells = []
        for claim in graph.objects(d, DG.hasClaim):
            source = graph.value(claim, DG.reportedIn)
            printed = graph.value(claim, DG.valueText)
            value = graph.value(claim, DG.value)
            approximate = graph.value(claim, DG.isApproximate)
            quotes = "".join(pages.quote_block(site, q, "") for q in graph.quotes_for(claim.value))
            cells.append(
                "<div>"
                f'<p class="value">{e(printed.value) if printed is not None else "—"}</p>'
                f'<p class="meta">{site.link(claim, "")}'
                + (f" · {site.link(value, '')}" if value is not None else "")
                + (" · approximate" if approximate is not None and approximate.value == "true"
                   else "") + "</p>"
                f"<p>in {site.link(source, '') if source is not None else '—'}</p>"
                f"{quotes}</div>")
        parts.append('<div class="side">' + "".join(cells) + "</div>")
    return _root_page("Disagreements", "\n".join(parts) + "\n", "disagreements")


# ------------------------------------------------------------ queries

def _queries_page(queries) -> str:
    parts = ["<h1>Stored queries</h1>",
             "<p>Run one with <code>diplograph query NAME</code>, or send its text to the "
             "SPARQL endpoint of <code>diplograph serve</code> (<code>/sparql</code>; add the "
             "PREFIX lines it leaves out).</p>",
             "<ul>" + "".join(f'<li><a href="#{e(q.name)}">{e(q.name)}</a>: {e(q.title)}</li>'
                              for q in queries) + "</ul>"]
    for q in queries:
        parts.append(f'<h2 id="{e(q.name)}">{e(q.name)}: {e(q.title)}</h2>')
        if q.description:
            parts.append(f"<p>{e(q.description)}</p>")
        if q.params:
            parts.append("<ul>" + "".join(f"<li><code>{e(p.describe())}</code></li>"
                                          for p in q.params) + "</ul>")
        parts.append(f"<pre><code>{e(q.text)}</code></pre>")
    return _root_page("Stored queries", "\n".join(parts) + "\n", "queries")


def _query_triples(queries) -> list:
    triples = []
    for q in queries:
        node = ox.NamedNode(f"{SITE_BASE}queries#{q.name}")
        triples += [
            ox.Triple(node, ox.NamedNode(RDF.type), ox.NamedNode(SCHEMA.SoftwareSourceCode)),
            ox.Triple(node, ox.NamedNode(SCHEMA.name), ox.Literal(q.name)),
            ox.Triple(node, ox.NamedNode(SCHEMA.programmingLanguage), ox.Literal("SPARQL")),
            ox.Triple(node, ox.NamedNode(SCHEMA.text), ox.Literal(q.text)),
        ]
        if q.title:
            triples.append(ox.Triple(node, ox.NamedNode(RDFS.label), ox.Literal(q.title)))
        if q.description:
            triples.append(ox.Triple(node, ox.NamedNode(SCHEMA.description),
                                     ox.Literal(q.description)))
    return triples


# Apache rules for the site's folder on the host that w3id.org/diplograph redirects to:
# an extensionless path gives the .html, .ttl or .jsonld beside it, by the Accept header.
HTACCESS = """\
# Content negotiation for a diplograph site (Apache 2.4, mod_rewrite), w3id.org style.
# /id/{kind}/{slug}, /ontology, /timeline, ... and / answer with the .ttl or .jsonld
# file beside the .html when the Accept header asks for Turtle or JSON-LD; else HTML.
Options -MultiViews
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddCharset utf-8 .html .ttl .jsonld
DirectoryIndex index.html
<IfModule mod_headers.c>
  Header append Vary Accept
</IfModule>
RewriteEngine on

RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^$ index.ttl [L]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteRule ^$ index.jsonld [L]

RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(.+)$ $1.ttl [L]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(.+)$ $1.jsonld [L]
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(.+)$ $1.html [L]
"""
