"""The site's pages as HTML text: every value escaped, every link relative.

Links are relative (``../../timeline.html``) so that the same tree works from
the file system and from any web server, at any path. Only http(s) IRIs become
outside links; anything else (``javascript:``, ``data:``) is shown as text.
"""

from dataclasses import dataclass
from html import escape
from importlib.resources import files
from string import Template

import pyoxigraph as ox

from diplograph.namespaces import DG, OWL, RDF, RDFS, SKOS, XSD
from diplograph.site.model import Graph, Quote, resource_path
from diplograph.terms import compact

_TEMPLATES = files("diplograph.site") / "templates"
PAGE = Template((_TEMPLATES / "page.html").read_text(encoding="utf-8"))
# Predicates whose values the facts table shows first.
_FIRST = (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.definition, RDFS.comment)


def e(text) -> str:
    return escape(str(text), quote=True)


def anchor(iri: str) -> str:
    """The id of an evidence quote's place in its article page."""
    return "q-" + iri.rsplit("/", 1)[-1]


@dataclass
class Site:
    """What every page needs to render a term: the graph and which pages exist."""

    graph: Graph
    pages: set[str]  # paths without suffix: "id/person/lee-jae-myung", "timeline"
    ontology_terms: set[str]  # IRIs described on ontology.html

    def href(self, iri: str, root: str) -> str | None:
        path = resource_path(iri)
        if path and path in self.pages:
            return f"{root}{path}.html"
        if iri in self.ontology_terms:
            return f"{root}ontology.html#{e(iri.rsplit('#', 1)[-1].rsplit('/', 1)[-1])}"
        return None

    def link(self, term, root: str) -> str:
        """A term as HTML: a link to its page, an outside link, or text."""
        if isinstance(term, ox.Literal):
            return literal(term)
        if isinstance(term, ox.BlankNode):
            return '<span class="meta">(a blank node, shown above)</span>'  # labels vary
        label = self.graph.label(term)
        href = self.href(term.value, root)
        if href:
            return f'<a href="{e(href)}">{e(label)}</a>'
        name = compact(term.value)
        if term.value.startswith(("https://", "http://")):
            return f'<a href="{e(term.value)}">{e(label)}</a>'
        return f"<span>{e(name or term.value)}</span>"

    def predicate(self, iri: str, root: str) -> str:
        label = self.graph.label(ox.NamedNode(iri))
        name = compact(iri) or iri
        href = self.href(iri, root)
        text = e(label) if label != name else f"<code>{e(name)}</code>"
        return f'<a href="{e(href)}" title="{e(name)}">{text}</a>' if href else \
            f'<span title="{e(iri)}">{text}</span>'


def literal(term: ox.Literal) -> str:
    text = e(term.value)
    if term.language:
        return f'{text} <span class="lit-type">@{e(term.language)}</span>'
    datatype = term.datatype.value
    if datatype == XSD.string:
        return text
    return f'{text} <span class="lit-type">{e(compact(datatype) or datatype)}</span>'


def page(title: str, body: str, root: str, *, alternates: str | None = None,
         footer: str = "") -> str:
    links = ""
    if alternates:
        links = (f'<link rel="alternate" type="text/turtle" href="{e(alternates)}.ttl">\n'
                 f'<link rel="alternate" type="application/ld+json" '
                 f'href="{e(alternates)}.jsonld">\n')
    return PAGE.substitute(title=e(title), root=root, alternates=links, body=body,
                           footer=footer)


def alternates_note(name: str) -> str:
    return (f' This page as <a href="{e(name)}.ttl">Turtle</a> or '
            f'<a href="{e(name)}.jsonld">JSON-LD</a>.')


# ------------------------------------------------------------ resource pages

def facts_table(site: Site, subject, root: str, seen: frozenset = frozenset()) -> str:
    props = site.graph.out.get(subject, {})
    if not props:
        return '<p class="meta">No facts.</p>'
    order = sorted(props, key=lambda p: (_FIRST.index(p) if p in _FIRST else len(_FIRST), p))
    rows = []
    for predicate in order:
        values = []
        for o in props[predicate]:
            if isinstance(o, ox.BlankNode) and o not in seen:
                values.append(facts_table(site, o, root, seen | {subject}))
            else:
                values.append(site.link(o, root))
        rows.append(f'<tr><td class="p">{site.predicate(predicate, root)}</td><td>'
                    + "<br>".join(values) + "</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def incoming_table(site: Site, iri: str, root: str) -> str:
    """Facts whose object is ``iri``; one held by a blank node is shown from the named
    resource that holds it, with the path (evidence … oa:hasTarget / oa:hasSource)."""
    rows = []
    for subject, path in site.graph.incoming(ox.NamedNode(iri)):
        arrows = " / ".join(site.predicate(p, root) for p in path)
        rows.append(f"<tr><td>{site.link(subject, root)}</td><td>{arrows}</td></tr>")
    if not rows:
        return '<p class="meta">Nothing points here.</p>'
    return ("<table>\n<tr><th>resource</th><th>property</th></tr>\n" + "\n".join(rows)
            + "\n</table>")


def quote_block(site: Site, quote: Quote, root: str) -> str:
    article = ""
    if quote.source:
        href = site.href(quote.source, root)
        label = e(site.graph.label(ox.NamedNode(quote.source)))
        if href:
            article = (f'<a href="{e(href)}">{label}</a> · '
                       f'<a href="{e(href)}#{e(anchor(quote.evidence))}">the quote in the article'
                       "</a>")
        else:
            article = label
    evidence = site.href(quote.evidence, root)
    kind = "quotation" if quote.quotation else "evidence"
    evidence_link = f' · <a href="{e(evidence)}">{kind}</a>' if evidence else ""
    return (f"<div class=\"note\"><blockquote>{e(quote.exact)}</blockquote>"
            f"<p class=\"meta\">{article}{evidence_link}</p></div>")


def status_table(site: Site, rows: list[tuple], root: str) -> str:
    if not rows:
        return ""
    def cell(term) -> str:
        if term is None:
            return ""
        return e(term.value) if isinstance(term, ox.Literal) else site.link(term, root)

    body = "\n".join("<tr>" + "".join(f"<td>{cell(t)}</td>" for t in row) + "</tr>"
                     for row in rows)
    return ("<h2>Status history</h2>\n<table>\n<tr><th>as of</th><th>status</th><th>article</th>"
            "<th>attributed to</th></tr>\n" + body + "\n</table>\n")


def resource_page(site: Site, iri: str, *, status_rows: list[tuple] | None = None,
                  article: str = "") -> str:
    path = resource_path(iri)
    root = "../../"
    name = path.rsplit("/", 1)[-1]
    node = ox.NamedNode(iri)
    graph = site.graph
    label = graph.label(node)
    classes = "".join(f'<span class="class">{site.link(ox.NamedNode(c), root)}</span>'
                      for c in graph.types(node))
    parts = [f"<h1>{e(label)}</h1>",
             f'<p class="iri">{e(iri)}</p>',
             f"<p>{classes}</p>" if classes else "",
             "<h2>Facts</h2>", facts_table(site, node, root),
             status_table(site, status_rows or [], root), article,
             "<h2>Pointing here</h2>", incoming_table(site, iri, root)]
    quotes = graph.quotes_for(iri)
    if quotes:
        parts.append(f"<h2>Evidence ({len(quotes)})</h2>")
        parts += [quote_block(site, q, root) for q in quotes]
    body = "\n".join(p for p in parts if p) + "\n"
    return page(label, body, root, alternates=name, footer=alternates_note(name))


def article_section(site: Site, source: str, text: str | None,
                    spans: dict[str, tuple[int, int]]) -> str:
    """The captured text with every quote highlighted, or, without it, the quotes alone.

    ``spans`` maps an evidence IRI to where its quote is in ``text``. Quotes
    may overlap: the text is cut at every start and end, and each piece is
    marked with every quote covering it (``data-ev``).
    """
    root = "../../"
    quotes = site.graph.quotes_in(source)
    if not quotes:
        return ""
    notes = []
    for q in quotes:
        facts = ", ".join(site.link(ox.NamedNode(b), root) for b in q.bodies) or "—"
        ident = ("note-" if text is not None else "") + anchor(q.evidence)
        back = (f' · <a href="#{e(anchor(q.evidence))}">in the text</a>'
                if text is not None else "")
        notes.append(f'<div class="note" id="{e(ident)}"><blockquote>{e(q.exact)}</blockquote>'
                     f'<p class="meta">supports {facts}{back}</p></div>')
    if text is None:
        return (f"<h2>Quotes from this article ({len(quotes)})</h2>\n"
                '<p class="meta">Built without <code>--sources</code>: the captured text is not '
                "part of the site, only the quotes the graph holds.</p>\n" + "\n".join(notes))
    cuts = sorted({0, len(text), *(p for s in spans.values() for p in s)})
    by_start: dict[int, list[str]] = {}
    for evidence, (start, _end) in sorted(spans.items()):
        by_start.setdefault(start, []).append(evidence)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = sorted(ev for ev, (s, t) in spans.items() if s <= a < t)
        piece = e(text[a:b])
        if not covering:
            out.append(piece)
            continue
        starting = by_start.get(a, [])
        ids = [anchor(ev) for ev in starting]
        extra = "".join(f'<span id="{e(i)}"></span>' for i in ids[1:])
        ident = f' id="{e(ids[0])}"' if ids else ""
        data = " ".join(anchor(ev)[2:] for ev in covering)
        many = " many" if len(covering) > 1 else ""
        out.append(f'{extra}<mark class="q{many}"{ident} data-ev="{e(data)}"><a href="#note-'
                   f'{e(anchor(covering[0]))}">{piece}</a></mark>')
    return (f"<h2>The article ({len(quotes)} quotes highlighted)</h2>\n"
            f'<div class="article-text">{"".join(out)}</div>\n'
            f"<h2>What each quote supports</h2>\n" + "\n".join(notes))


# ------------------------------------------------------------ other pages

def table(headers: list[str], rows: list[list[str]]) -> str:
    head = "<tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>"
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n{head}\n{body}\n</table>"


def ontology_page(site: Site, terms: list[str], ontology_iri: str) -> str:
    graph = site.graph
    root = ""
    classes = [t for t in terms if OWL.Class in graph.types(t)]
    properties = [t for t in terms if t not in classes and any(
        c in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
        for c in graph.types(t))]
    others = [t for t in terms if t not in classes and t not in properties]
    parts = ["<h1>The diplograph ontology</h1>",
             f'<p class="iri">{e(ontology_iri)}</p>',
             facts_table(site, ox.NamedNode(ontology_iri), root)]
    for title, group in (("Classes", classes), ("Properties", properties),
                         ("Other terms", others)):
        parts.append(f"<h2>{title} ({len(group)})</h2>")
        parts.append('<ul class="terms">' + "".join(
            f'<li><a href="#{e(_local(t))}">{e(graph.label(ox.NamedNode(t)))}</a></li>'
            for t in group) + "</ul>")
        for t in group:
            definition = graph.value(t, SKOS.definition)
            parts.append(f'<h3 id="{e(_local(t))}">{e(graph.label(ox.NamedNode(t)))} '
                         f'<code>{e(compact(t) or t)}</code></h3>')
            if definition is not None:
                parts.append(f"<p>{e(definition.value)}</p>")
            parts.append(facts_table(site, ox.NamedNode(t), root))
    return page("Ontology", "\n".join(parts) + "\n", root, alternates="ontology",
                footer=alternates_note("ontology"))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def is_ontology_term(iri: str) -> bool:
    return iri.startswith(DG)
