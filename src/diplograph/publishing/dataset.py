"""``diplograph export``: the data graph in every format, with named graphs where a
format has them.

Turtle, N-Triples and RDF/XML are the merged graph (``export.export``). TriG
and N-Quads keep a graph per file as ``graphs`` derives it, plus the dataset
description (``describe``) in ``describe.DESCRIPTION_GRAPH``; nothing is in the
default graph. JSON-LD is compacted with the shipped context (``jsonld``), or
with ``frame="events"`` the event-centred view.

Each graph is written by the one deterministic writer (``rdfwrite.serialize``),
so blank nodes keep their canonical labels. Labels are computed per graph; two
graphs holding the very same blank-node structure would get the same labels,
which in one TriG or N-Quads document would merge them, so that is refused.
"""

import pyoxigraph as ox

from diplograph.errors import InputError
from diplograph.namespaces import PREFIXES
from diplograph.terms import nt

QUAD_FORMATS = ("trig", "nquads")
FRAMES = ("events",)


def export_dataset(tree, fmt: str = "turtle", frame: str | None = None) -> str:
    from diplograph.export import export

    if frame is not None and fmt != "jsonld":
        raise InputError(f"--frame {frame}: only with --format jsonld")
    if fmt == "jsonld":
        from diplograph.publishing import jsonld

        return jsonld.export_jsonld(tree, frame)
    if fmt not in QUAD_FORMATS:
        return export(tree, fmt)
    return write_graphs(dataset_graphs(tree), fmt)


def dataset_graphs(tree) -> dict[str, list]:
    """Graph IRI -> triples: every data graph and the description graph, sorted."""
    from diplograph.publishing.describe import DESCRIPTION_GRAPH, description_triples
    from diplograph.publishing.graphs import graph_triples

    graphs = graph_triples(tree)
    graphs[DESCRIPTION_GRAPH] = description_triples(tree)
    return dict(sorted(graphs.items()))


def write_graphs(graphs: dict[str, list], fmt: str) -> str:
    from diplograph.rdfwrite import serialize

    if fmt == "nquads":
        lines = []
        seen: dict[str, str] = {}
        for name, triples in graphs.items():
            text = serialize(triples, "ntriples")
            _refuse_shared_labels(name, text, seen)
            lines += [line[: -len(" .")] + f" {nt(ox.NamedNode(name))} ." for line in
                      text.splitlines()]
        return "".join(line + "\n" for line in sorted(lines))
    prefixes: set[str] = set()
    blocks = []
    seen = {}
    for name, triples in graphs.items():
        _refuse_shared_labels(name, serialize(triples, "ntriples"), seen)
        body = serialize(triples, "turtle")
        head, _, rest = body.partition("\n\n") if body.startswith("@prefix") else ("", "", body)
        prefixes.update(line for line in head.splitlines() if line)
        blocks.append(f"GRAPH {nt(ox.NamedNode(name))} {{\n{rest}}}\n")
    order = {f"@prefix {n}: <{iri}> .": i for i, (n, iri) in enumerate(PREFIXES.items())}
    head = "".join(line + "\n" for line in sorted(prefixes, key=lambda x: order.get(x, 1e9)))
    return head + ("\n" if head and blocks else "") + "\n".join(blocks)


def _refuse_shared_labels(name: str, ntriples: str, seen: dict[str, str]) -> None:
    labels = set()
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.BlankNode):
                labels.add(term.value)
    for label in sorted(labels):
        other = seen.setdefault(label, name)
        if other != name:
            raise InputError(
                f"graphs <{other}> and <{name}> hold the same blank-node structure "
                f"(_:{label}); one TriG or N-Quads document would merge them",
                hint="give the structure an IRI in one of the files, or export Turtle",
            )
