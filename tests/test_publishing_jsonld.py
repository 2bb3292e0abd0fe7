"""JSON-LD for the web: the shipped context, the compacted export and the events view,
read back by PyLD with a document loader that refuses the network."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

REPO = Path(__file__).resolve().parent.parent
EVENT = "event:2025-10-30-japan-south-korea-summit"


class NetworkRefused(Exception):
    pass


def refuse(url, options=None):
    raise NetworkRefused(url)


@pytest.fixture(autouse=True)
def _no_remote_documents(monkeypatch):
    monkeypatch.setattr(jsonld, "_default_document_loader", refuse)


def to_rdflib(document: dict):
    import rdflib

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads",
                                      "documentLoader": refuse})
    return rdflib.Graph().parse(data=nquads, format="nt")


def data_graph(tree: Path):
    from diplograph import rdfio
    from diplograph.paths import DataTree

    return rdfio.load_data(DataTree(tree)).rdflib()


@pytest.mark.parametrize("tree", ["fixture", "bundled"])
def test_export_round_trips_through_pyld(run, fixture_tree, tree):
    from rdflib.compare import isomorphic

    data = fixture_tree if tree == "fixture" else REPO
    result = run("export", "-f", "jsonld", data=data)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document["@context"], dict), "the context is inline, never a URL"
    assert isomorphic(to_rdflib(document), data_graph(data))


def test_the_shipped_context_is_the_inline_one(run):
    from importlib.resources import files

    from diplograph.namespaces import PREFIXES

    shipped = json.loads(files("diplograph.publishing").joinpath("context.jsonld").read_text())
    inline = json.loads(run("export", "-f", "jsonld", data=REPO).stdout)["@context"]
    assert inline == {**{k: str(v) for k, v in PREFIXES.items()}, **shipped["@context"]}
    clashes = set(shipped["@context"]) & set(PREFIXES)
    assert not clashes, "a term named as a prefix would break compact IRIs"


def test_terms_are_plain_values_a_web_app_reads(run):
    document = json.loads(run("export", "-f", "jsonld", data=REPO).stdout)
    nodes = {node["id"]: node for node in document["@graph"]}
    event = nodes[EVENT]
    assert event["type"] == "dg:SummitMeeting"
    assert event["label"] == "Japan–South Korea summit in Gyeongju, 30 October 2025"
    assert event["hasPlace"] == "place:hico"
    assert event["timeStamp"] == "2025-10-30"
    assert event["beginTimeStamp"] == "2025-10-30T18:02:00+09:00"
    assert event["hasActor"] == ["person:lee-jae-myung", "person:sanae-takaichi",
                                 "person:toshimitsu-motegi"]
    article = nodes["source:2025-10-25-summit-meeting-eyed"]
    assert article["datePublished"] == "2025-10-25T14:14:00+09:00"
    assert article["publisher"] == "organization:the-japan-news"
    # A checksum is a blank node used once: embedded, as Turtle writes it inline.
    capture = nodes[article["capturedAs"]]
    assert capture["spdx:checksum"]["type"] == "spdx:Checksum"


def test_events_view_nests_what_an_event_has(run):
    result = run("export", "-f", "jsonld", "--frame", "events", data=REPO)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    events = document["@graph"]
    assert all(node["id"].startswith("event:") for node in events)
    summit = next(node for node in events if node["id"] == EVENT)
    assert summit["hasPlace"] == {"id": "place:hico", "type": "schema:EventVenue",
                                  "label": "HICO Convention Center"}
    lee = summit["participations"][0]
    assert lee["participant"]["label"] == "Lee Jae-myung"
    assert lee["roleType"] == "dg:host"
    assert {s["id"] for s in summit["anticipatedBy"]} >= {
        "statement:2025-10-24-wi-lee-wants-early-meeting"}
    assert summit["reportedOnBy"]["id"] == (  # one value is written alone
        "statement:2025-10-30-presidential-office-no-historical-issues")
    assert {o["id"] for o in summit["ordinals"]} == {
        "ordinal:2025-10-30-japan-south-korea-summit-first-face-to-face-meeting",
        "ordinal:2025-10-30-japan-south-korea-summit-first-lee-takaichi-summit",
        "ordinal:2025-10-30-japan-south-korea-summit-first-takaichi-bilateral-with-lee"}
    quote = summit["evidencedBy"][0]["hasTarget"]
    assert quote["hasSource"]["id"].startswith("source:") and quote["hasSource"]["label"]
    assert quote["hasSelector"]["exact"]
    assert any(d["type"] == "dg:DateExpression" for d in summit["dateExpressions"])


def test_events_view_states_only_what_the_data_states(run):
    """Every triple of the view is in the data (blank nodes matched by their place)."""
    document = json.loads(run("export", "-f", "jsonld", "--frame", "events", data=REPO).stdout)
    view, data = _grounded(to_rdflib(document)), _grounded(data_graph(REPO))
    assert view <= data
    assert len(view) > 1000


def _grounded(graph) -> set:
    """Triples with each blank node named by the subjects and predicates that reach it
    and its own ground triples (no blank node of this graph is a root or on a cycle)."""
    import hashlib

    import rdflib

    names: dict = {}

    def name(node):
        if not isinstance(node, rdflib.BNode):
            return node
        if node not in names:
            parents = sorted(f"{name(s)} {p}" for s, p in graph.subject_predicates(node))
            own = sorted(f"{p} {o}" for p, o in graph.predicate_objects(node)
                         if not isinstance(o, rdflib.BNode))
            text = "\n".join([*parents, "", *own])
            names[node] = rdflib.URIRef("urn:sha256:" + hashlib.sha256(text.encode()).hexdigest())
        return names[node]

    return {(name(s), p, name(o)) for s, p, o in graph}


def test_frame_needs_jsonld(run):
    result = run("export", "-f", "turtle", "--frame", "events")
    assert result.exit_code == 2
    assert result.stderr == "diplograph: --frame events: only with --format jsonld\n"
