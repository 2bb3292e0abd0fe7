"""``diplograph add event|statement|person|place|organization|date``: facts, with evidence.

Each command takes the source and the exact words that report the fact, and
writes, in one go and in the house style of each file:

    add event      the event (graph/events.ttl) with its actors and their
                   participations, and in the source's file its status as of the
                   article (dg:StatusReport), a date expression when the date is
                   given in words, and the evidence;
    add statement  the statement (graph/statements.ttl) with speaker, occasion,
                   verb and gist, and its dg:Quotation in the source's file;
    add person     the person (graph/entities/people.ttl) and, with --office, the
                   tenure (org:Membership, graph/entities/offices.ttl), and the
                   evidence;
    add place      a place (graph/entities/places.ttl) and the place it is in;
    add organization  an organization (graph/entities/organizations.ttl) and
                   what it is part of;
    add date       a relative date (dg:DateExpression) resolved against the
                   article's date, and the evidence.

Everything named must be in the graph already (IRIs or exact names, as for
``cite``); everything minted is printed. Nothing is written unless all of it
checks out.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from diplograph.curation import common, dates
from diplograph.curation.cite import Evidence
from diplograph.errors import InputError
from diplograph.namespaces import DG, ORG, SCHEMA, SEM, SKOS, XSD, mint

EVENTS_FILE = ("graph", "events.ttl")
STATEMENTS_FILE = ("graph", "statements.ttl")
PEOPLE_FILE = ("graph", "entities", "people.ttl")
PLACES_FILE = ("graph", "entities", "places.ttl")
ORGANIZATIONS_FILE = ("graph", "entities", "organizations.ttl")
OFFICES_FILE = ("graph", "entities", "offices.ttl")
# Statuses that put an event after the article: a weekday named for it is the next one.
_AHEAD = ("possible", "expected", "arranged", "planned", "announced")
_DATE_WORDS = tuple(dates.MONTHS) + tuple(m[:3] for m in dates.MONTHS)


@dataclass
class Added:
    minted: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


class _Plan:
    """Blocks to add to files, the source's evidence, and what was minted."""

    def __init__(self, tree, source: str, sources_dir):
        self.tree = tree
        self.source = common.source_file(tree, source)
        self.evidence = Evidence(tree, self.source, sources_dir)
        self.blocks: dict[Path, list[str]] = {}
        self.source_blocks: list[str] = []
        self.minted: list[str] = []

    def mint(self, kind: str, slug: str) -> str:
        iri = common.unused(self.tree, kind, slug, set(self.minted))
        self.minted.append(iri)
        return iri

    def add(self, where: tuple[str, ...], block: common.Block) -> None:
        self.blocks.setdefault(self.tree.root.joinpath(*where), []).append(block.text())

    def in_source(self, block: common.Block) -> None:
        self.source_blocks.append(block.text())

    def write(self) -> Added:
        changes: dict[Path, str] = {}
        for path, blocks in self.blocks.items():
            text = path.read_text(encoding="utf-8") if path.exists() else _new_file(path)
            changes[path] = common.append_blocks(text, blocks)
        text = common.append_blocks(self.source.text, self.source_blocks, before="evidence:")
        changes[self.source.path] = self.evidence.written(text)
        common.write_files(changes)
        return Added(self.minted + self.evidence.minted, sorted(changes))


def _new_file(path: Path) -> str:
    return f"# {path.stem.capitalize()} added with diplograph add.\n"


def _date_of_source(plan: _Plan, anchor: str | None) -> date | None:
    return _iso_day(anchor, "--anchor") if anchor else plan.source.date


def _resolution(expression: str, *, future: bool, anchor: date | None,
                resolved: str | None = None, earliest: str | None = None,
                latest: str | None = None, method: str | None = None) -> dates.Resolution:
    """The words resolved by rule against the anchor, or as the curator resolved them."""
    if resolved or earliest or latest:
        if not method:
            raise InputError("say how the date was resolved: --method TEXT",
                             hint="only rules diplograph knows are resolved without one")
        resolution = dates.Resolution(resolved, _iso_day(earliest, "--earliest"),
                                      _iso_day(latest, "--latest"), method)
    else:
        if anchor is None:
            raise InputError(f"cannot resolve {expression!r}: the source is undated",
                             hint="give --anchor DATE, or --resolved/--earliest/--latest "
                                  "with --method")
        resolution = dates.resolve(expression, anchor, future=future)
        if resolution is None:
            raise InputError(f"cannot resolve {expression!r} against {anchor.isoformat()} "
                             "by rule", hint="give --resolved (or --earliest and --latest) "
                                             "and --method TEXT")
        if method:
            resolution = dates.Resolution(resolution.resolved, resolution.earliest,
                                          resolution.latest, method)
    return resolution


def _date_expression(plan: _Plan, expression: str, dated: list[str], anchor: date | None,
                     resolution: dates.Resolution) -> str:
    """Plan a dg:DateExpression for the words in the source's file; its IRI."""
    iri = plan.mint("date", f"{plan.source.slug}-{common.slugify(expression) or 'date'}")
    block = common.Block(common.compact(iri), ["dg:DateExpression"])
    block.add("dg:expressionText", common.literal(expression))
    block.add("dg:dates", *(common.compact(d) for d in dated))
    if anchor:
        block.add("dg:anchorDate", common.literal(anchor.isoformat(), datatype=XSD.date))
    if resolution.resolved:
        block.add("dg:resolvedDate", common.temporal(resolution.resolved, option="--resolved"))
    if resolution.earliest:
        block.add("dg:resolvedEarliest",
                  common.literal(resolution.earliest.isoformat(), datatype=XSD.date))
    if resolution.latest:
        block.add("dg:resolvedLatest",
                  common.literal(resolution.latest.isoformat(), datatype=XSD.date))
    block.add("dg:inferenceMethod", common.literal(resolution.method, language="en"))
    plan.in_source(block)
    return iri


def _iso_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} {text!r}: not a date (YYYY-MM-DD)") from None


def _is_iso(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2}(T.*)?)?)?", text.strip()))


def _label(text: str, option: str = "--label") -> str:
    if not text or not text.strip():
        raise InputError(f"{option}: say what it is in a few words")
    return common.literal(text.strip(), language="en")


# ------------------------------------------------------------------ add event

@dataclass
class EventFacts:
    kind: str  # a dg: event class, e.g. SummitMeeting
    label: str
    date: str | None = None  # ISO 8601, or the article's words ("on Tuesday")
    place: str | None = None
    participants: list[str] = field(default_factory=list)  # WHO or WHO=ROLE
    status: str | None = None  # a dg:EventStatus: occurred, planned, announced…
    part_of: str | None = None
    sidelines_of: str | None = None
    meeting_kinds: list[str] = field(default_factory=list)
    slug: str | None = None


def add_event(tree, source: str, words: str, facts: EventFacts, *, occurrence=None,
              sources_dir=None, about: list[str] = ()) -> Added:
    """An event with its actors, participations, status as of the article, date and evidence."""
    plan = _Plan(tree, source, sources_dir)
    kind = common.subclass(tree, facts.kind, SEM.Event, option="--kind")
    status = (common.concept(tree, facts.status, DG.EventStatus, option="--status")
              if facts.status else None)
    place = common.resolve(tree, facts.place, what="place", option="--place",
                           types=common.PLACE_TYPES) \
        if facts.place else None
    people = []
    for item in facts.participants:
        who, _, role = item.partition("=")
        iri = common.resolve(tree, who, what="participant", option="--participant",
                             types=common.AGENT_TYPES)
        role_iri = common.concept(tree, role.strip(), DG.ParticipantRole,
                                  option="--participant … =ROLE") if role.strip() else None
        people.append((iri, role_iri))
    events = common.event_types(tree)
    parent = common.resolve(tree, facts.part_of, what="event", option="--part-of",
                            types=events) if facts.part_of else None
    sidelines = common.resolve(tree, facts.sidelines_of, what="event", option="--sidelines-of",
                               types=events) if facts.sidelines_of else None
    kinds = [common.concept(tree, k, DG.MeetingKind, option="--meeting-kind")
             for k in facts.meeting_kinds]
    extra = [common.resolve(tree, ref, what="resource", option="--about") for ref in about]

    anchor = plan.source.date
    stamp_lines: list[tuple[str, str]] = []
    prefix, resolution = "", None
    if facts.date and _is_iso(facts.date):
        stamp_lines.append(("sem:hasTimeStamp", common.temporal(facts.date, option="--date")))
        prefix = facts.date.strip()[:10]
    elif facts.date:
        if facts.date not in words:
            raise InputError(f"--date {facts.date!r}: the words cited do not contain it",
                             hint="cite words that include the date, or add it with "
                                  "diplograph add date")
        resolution = _resolution(facts.date, anchor=anchor,
                                 future=(facts.status or "").lower() in _AHEAD)
        stamp_lines += _stamps(resolution)
        prefix = resolution.resolved or _common_period(resolution.earliest, resolution.latest)
    if facts.slug:
        event_iri = plan.mint("event", _checked_slug(facts.slug))
    else:
        slug = common.slugify(facts.label, drop=_DATE_WORDS + tuple(str(n) for n in range(32)))
        event_iri = plan.mint("event", "-".join(filter(None, [prefix, slug])))
    bodies = [event_iri]
    if resolution is not None:
        bodies.append(_date_expression(plan, facts.date, [event_iri], anchor, resolution))

    event = common.Block(common.compact(event_iri), [common.compact(kind)])
    event.add("rdfs:label", _label(facts.label))
    for predicate, obj in stamp_lines:
        event.add(predicate, obj)
    event.add("sem:hasPlace", common.compact(place) if place else None)
    event.add("sem:subEventOf", common.compact(parent) if parent else None)
    event.add("dg:onSidelinesOf", common.compact(sidelines) if sidelines else None)
    event.add("sem:hasActor", *sorted(dict.fromkeys(common.compact(p) for p, _ in people)))
    roles = []
    for who, role in people:
        if role is None:
            continue
        iri = plan.mint("participation", f"{event_iri.rsplit('/', 1)[1]}-"
                                         f"{who.rsplit('/', 1)[1]}")
        block = common.Block(common.compact(iri), ["sem:Role"])
        name = _name(tree, who)
        block.add("rdfs:label", common.literal(f"{name}, {role.rsplit('#', 1)[1]}", language="en"))
        block.add("dg:participant", common.compact(who))
        block.add("sem:roleType", common.compact(role))
        roles.append(block)
        bodies.append(iri)
    event.add("dg:participation", *(b.subject for b in roles), one_per_line=True)
    event.add("dg:meetingKind", *(common.compact(k) for k in kinds))
    plan.add(EVENTS_FILE, event)
    for block in roles:
        plan.add(EVENTS_FILE, block)
    if status:
        report = plan.mint("status", f"{event_iri.rsplit('/', 1)[1]}-per-{plan.source.slug}")
        block = common.Block(common.compact(report), ["dg:StatusReport"])
        block.add("dg:aboutEvent", common.compact(event_iri))
        block.add("dg:eventStatus", common.compact(status))
        if anchor:
            block.add("dg:asOf", common.literal(anchor.isoformat(), datatype=XSD.date))
        block.add("dg:reportedIn", common.compact(plan.source.iri))
        # status reports come before the date expressions in a source file
        plan.source_blocks.insert(0, block.text())
        bodies.append(report)
    plan.evidence.add(words, bodies + extra, occurrence=occurrence)
    return plan.write()


def _common_period(earliest: date | None, latest: date | None) -> str:
    """The month or year both bounds fall in ("2026-02"), for naming an event; else ""."""
    if not earliest or not latest:
        return ""
    if earliest.isoformat()[:7] == latest.isoformat()[:7]:
        return earliest.isoformat()[:7]
    return str(earliest.year) if earliest.year == latest.year else ""


def _stamps(resolution: dates.Resolution) -> list[tuple[str, str]]:
    """The event's SEM timestamps for a resolved date: the date, else the bounds."""
    if resolution.resolved:
        return [("sem:hasTimeStamp", common.temporal(resolution.resolved, option="--date"))]
    return [("sem:hasEarliestBeginTimeStamp",
             common.literal(resolution.earliest.isoformat(), datatype=XSD.date)),
            ("sem:hasLatestEndTimeStamp",
             common.literal(resolution.latest.isoformat(), datatype=XSD.date))]


def _checked_slug(slug: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise InputError(f"--slug {slug!r}: lower-case ASCII letters and digits in words "
                         "joined by single hyphens")
    return slug


def _name(tree, iri: str) -> str:
    """How a resource is called in a label: a person's family name, else its label."""
    family = common.value(tree, iri, SCHEMA.familyName)
    if family:
        return family
    from diplograph.curation.find import index

    return index(tree)[iri].label or iri.rsplit("/", 1)[1]


# ------------------------------------------------------------------ add statement

@dataclass
class StatementFacts:
    label: str
    speakers: list[str]
    occasion: str | None = None
    kind: str = "Statement"  # Statement, Pledge, Proposal, Agreement, Hope, Intention…
    verb: str | None = None  # the reporting verb as printed: "said", "told reporters"
    gist: str | None = None
    topics: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    slug: str | None = None


def add_statement(tree, source: str, words: str, facts: StatementFacts, *, occurrence=None,
                  sources_dir=None, about: list[str] = ()) -> Added:
    """A statement (speaker, occasion, verb, gist) and its quotation in the source."""
    plan = _Plan(tree, source, sources_dir)
    kind = common.subclass(tree, facts.kind, DG.Statement, option="--kind")
    speakers = [common.resolve(tree, s, what="speaker", option="--speaker",
                               types=common.AGENT_TYPES)
                for s in facts.speakers]
    if not speakers and kind != DG.Assessment:
        raise InputError("say who made the statement: --speaker IRI-OR-NAME")
    occasion = common.resolve(tree, facts.occasion, what="event", option="--occasion",
                              types=common.event_types(tree)) if facts.occasion else None
    topics = [common.resolve(tree, t, what="topic", option="--topic",
                             types=(SKOS.Concept,)) for t in facts.topics]
    recipients = [common.resolve(tree, r, what="recipient", option="--recipient",
                                 types=common.AGENT_TYPES) for r in facts.recipients]
    extra = [common.resolve(tree, ref, what="resource", option="--about") for ref in about]
    when = None
    if occasion:
        stamp = common.value(tree, occasion, SEM.hasTimeStamp)
        when = stamp[:10] if stamp and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", stamp) else None
    slug = _checked_slug(facts.slug) if facts.slug else "-".join(
        filter(None, [when, common.slugify(facts.label)]))
    iri = plan.mint("statement", slug)
    block = common.Block(common.compact(iri), [common.compact(kind)])
    block.add("rdfs:label", _label(facts.label))
    block.add("schema:agent", *(common.compact(s) for s in speakers))
    block.add("dg:occasion", common.compact(occasion) if occasion else None)
    block.add("dg:reportingVerb", common.literal(facts.verb) if facts.verb else None)
    block.add("dg:gist", common.literal(facts.gist, language="en") if facts.gist else None)
    block.add("schema:recipient", *(common.compact(r) for r in recipients))
    block.add("dcterms:subject", *(common.compact(t) for t in topics))
    plan.add(STATEMENTS_FILE, block)
    plan.evidence.add(words, [iri, *extra], quotation=True, occurrence=occurrence)
    return plan.write()


# ------------------------------------------------------------------ add person

@dataclass
class PersonFacts:
    name: str  # as printed
    alternate_names: list[str] = field(default_factory=list)
    family_name: str | None = None
    given_name: str | None = None
    office: str | None = None  # an org:Post in the graph
    job_title: str | None = None  # as printed, when there is no post for it
    slug: str | None = None


def add_person(tree, source: str, words: str, facts: PersonFacts, *, occurrence=None,
               sources_dir=None) -> Added:
    """A person and, with an office, their tenure (org:Membership), with evidence."""
    plan = _Plan(tree, source, sources_dir)
    post = common.resolve(tree, facts.office, what="office", option="--office",
                          types=(ORG.Post,)) if facts.office else None
    iri, person = _entity(plan, tree, SCHEMA.Person, "person", facts)
    slug = iri.rsplit("/", 1)[1]
    person.add("schema:familyName",
               common.literal(facts.family_name) if facts.family_name else None)
    person.add("schema:givenName", common.literal(facts.given_name) if facts.given_name else None)
    person.add("schema:jobTitle", common.literal(facts.job_title) if facts.job_title else None)
    plan.add(PEOPLE_FILE, person)
    bodies = [iri]
    if post:
        organization = common.value(tree, post, ORG.postIn)
        role = common.value(tree, post, ORG.role)
        if not organization or not role:
            raise InputError(f"--office {facts.office}: {common.compact(post)} gives no "
                             "org:postIn and org:role to copy into the membership")
        membership = plan.mint("membership", f"{slug}-{post.rsplit('/', 1)[1]}")
        from diplograph.curation.find import index

        block = common.Block(common.compact(membership), ["org:Membership"])
        block.add("dg:post", common.compact(post))
        post_label = index(tree)[post].label or common.compact(post)
        block.add("rdfs:label", common.literal(f"{facts.name.strip()}, {post_label}",
                                               language="en"))
        block.add("org:member", common.compact(iri))
        block.add("org:organization", common.compact(organization))
        block.add("org:role", common.compact(role))
        plan.add(OFFICES_FILE, block)
        bodies += [membership, post]
    plan.evidence.add(words, bodies, occurrence=occurrence)
    return plan.write()


# ------------------------------------------------------------------ add place, organization

PLACE_KINDS = {iri.rsplit("/", 1)[1]: iri for iri in common.PLACE_TYPES}
# The classes `validate`'s lint accepts for an organization/ IRI (org:OrganizationalUnit,
# which the shapes know, is not among them).
ORGANIZATION_KINDS = {"Organization": ORG.Organization,
                      "FormalOrganization": ORG.FormalOrganization,
                      "NewsMediaOrganization": SCHEMA.NewsMediaOrganization}


@dataclass
class EntityFacts:
    name: str  # as printed
    kind: str  # City, Country, EventVenue… or FormalOrganization, NewsMediaOrganization…
    alternate_names: list[str] = field(default_factory=list)
    within: str | None = None  # the place it is in, or the organization it is part of
    area: str | None = None  # an organization's country (schema:areaServed)
    slug: str | None = None


def _entity(plan: _Plan, tree, kind_iri: str, mint_kind: str, facts) -> tuple:
    """A named entity's IRI (refused when the graph has it) and block: label, name, other names."""
    name = facts.name.strip()
    if not name:
        raise InputError("--name: the name, as printed")
    slug = _checked_slug(facts.slug) if facts.slug else common.slugify(name, max_words=99)
    iri = mint(mint_kind, slug)
    if common.described(tree, iri):
        raise InputError(f"the graph already describes {common.compact(iri)}",
                         hint="reuse it: cite the words --about it")
    plan.minted.append(iri)
    block = common.Block(common.compact(iri), [common.compact(kind_iri)])
    block.add("rdfs:label", common.literal(name, language="en"))
    block.add("schema:name", common.literal(name))
    block.add("schema:alternateName", *(common.literal(a) for a in facts.alternate_names))
    return iri, block


def _kind(facts: EntityFacts, kinds: dict[str, str]) -> str:
    if facts.kind not in kinds:
        raise InputError(f"--kind {facts.kind}: not one of {', '.join(kinds)}")
    return kinds[facts.kind]


def add_place(tree, source: str, words: str, facts: EntityFacts, *, occurrence=None,
              sources_dir=None) -> Added:
    """A place (a city, country, venue…) with the place it is in, and evidence."""
    plan = _Plan(tree, source, sources_dir)
    kind = _kind(facts, PLACE_KINDS)
    within = common.resolve(tree, facts.within, what="place", option="--in",
                            types=common.PLACE_TYPES) if facts.within else None
    iri, block = _entity(plan, tree, kind, "place", facts)
    block.add("schema:containedInPlace", common.compact(within) if within else None)
    plan.add(PLACES_FILE, block)
    plan.evidence.add(words, [iri], occurrence=occurrence)
    return plan.write()


def add_organization(tree, source: str, words: str, facts: EntityFacts, *, occurrence=None,
                     sources_dir=None) -> Added:
    """An organization (a government, ministry, outlet…) with what it belongs to, and evidence."""
    plan = _Plan(tree, source, sources_dir)
    kind = _kind(facts, ORGANIZATION_KINDS)
    organizations = tuple(ORGANIZATION_KINDS.values())
    within = common.resolve(tree, facts.within, what="organization", option="--part-of",
                            types=organizations) if facts.within else None
    area = common.resolve(tree, facts.area, what="place", option="--area",
                          types=common.PLACE_TYPES) if facts.area else None
    iri, block = _entity(plan, tree, kind, "organization", facts)
    block.add("org:subOrganizationOf", common.compact(within) if within else None)
    block.add("schema:areaServed", common.compact(area) if area else None)
    plan.add(ORGANIZATIONS_FILE, block)
    plan.evidence.add(words, [iri], occurrence=occurrence)
    return plan.write()


# ------------------------------------------------------------------ add date

@dataclass
class DateFacts:
    expression: str  # the words as printed: "on Friday", "next week"
    dates: list[str]  # the events or statements it dates
    quote: str | None = None  # the evidence's words, when longer than the expression
    future: bool = False
    anchor: str | None = None
    resolved: str | None = None
    earliest: str | None = None
    latest: str | None = None
    method: str | None = None


def add_date(tree, source: str, facts: DateFacts, *, occurrence=None, sources_dir=None) -> Added:
    """A relative date resolved against the article's date, with evidence."""
    plan = _Plan(tree, source, sources_dir)
    if not facts.dates:
        raise InputError("say what the words date: --dates IRI-OR-NAME")
    datable = common.event_types(tree) + tuple(common.subclasses(tree, DG.Statement))
    dated = [common.resolve(tree, d, what="event or statement", option="--dates",
                            types=datable) for d in facts.dates]
    words = facts.quote or facts.expression
    if facts.expression not in words:
        raise InputError(f"--quote does not contain the date's words {facts.expression!r}")
    anchor = _date_of_source(plan, facts.anchor)
    resolution = _resolution(facts.expression, future=facts.future, anchor=anchor,
                             resolved=facts.resolved, earliest=facts.earliest,
                             latest=facts.latest, method=facts.method)
    iri = _date_expression(plan, facts.expression, dated, anchor, resolution)
    plan.evidence.add(words, [iri, *dated], occurrence=occurrence)
    return plan.write()

