"""Canonical blank-node labels: one implementation, for ``export`` and for ``push``.

Blank nodes joined by triples form a component, and each component is
canonicalised on its own with W3C RDFC-1.0 (pyoxigraph's
``Dataset.canonicalize``). A blank node's label is a hash of its component's
canonical N-Quads and of the RDFC label it got there, so it depends on the
shape of the graph around it only: not on parse order, the labels in the
files, the run or the machine, and a change elsewhere in the graph leaves it
alone. Isomorphic components (two identical checksum structures) are told
apart by a counter; which one gets which number does not show in any output,
as swapping them gives the same triples.

RDFC-1.0 tells apart blank nodes whose first-degree hashes (their own triples)
are equal by hashing paths through the graph, which costs time exponential in
the worst case; in an RDF list of equal items, or a collection nested 2000
deep, almost every node has the same first-degree hash, and 4000 items take
hours. So before RDFC sees a component, each blank node gets a colour, one
extra triple computed in linear time from what the node reaches (bottom-up,
Merkle-style) and what reaches it (top-down). A colour depends only on the
graph's shape, so adding it keeps the result canonical; it leaves RDFC's path
hashing to nodes that really look alike (siblings with equal values, cycles).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from diplograph.errors import InputError
from diplograph.namespaces import CANONICAL_COLOUR
from diplograph.terms import nt

# The colour triple's predicate; stripped again after canonicalisation.
_COLOUR = ox.NamedNode(CANONICAL_COLOUR)
LABEL_HEX = 32  # hex digits of a label (128 bits of SHA-256)


def canonical_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples (duplicates merged) with every blank node relabelled canonically.

    Labels are ``b`` and 32 hex digits: the same graph gives the same labels,
    whatever labels it was written with.
    """
    ground, components = _components(dict.fromkeys(triples))
    if not components:
        return ground
    colour, cyclic = _colours([t for part in components for t in part])
    for part in components:
        _refuse_poison(part, colour, cyclic)
    canonical = sorted((_canonical(part, colour) for part in components), key=lambda c: c[0])
    seen: dict[str, int] = defaultdict(int)
    out = ground
    for digest, rows in canonical:
        index = seen[digest]
        seen[digest] += 1
        labels: dict[str, ox.BlankNode] = {}

        def name(term, salt=f"{digest}/{index}", labels=labels):
            if not isinstance(term, ox.BlankNode):
                return term
            label = labels.get(term.value)
            if label is None:
                hexed = hashlib.sha256(f"{salt}/{term.value}".encode()).hexdigest()
                label = labels[term.value] = ox.BlankNode("b" + hexed[:LABEL_HEX])
            return label

        out += [ox.Triple(name(t.subject), t.predicate, name(t.object)) for t in rows]
    return out


def _components(triples: Iterable[ox.Triple]) -> tuple[list[ox.Triple], list[list[ox.Triple]]]:
    """(triples without blank nodes, the others grouped by connected component)."""
    ground: list[ox.Triple] = []
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def find(node):
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    linked = []
    for t in triples:
        nodes = [x for x in (t.subject, t.object) if isinstance(x, ox.BlankNode)]
        if not nodes:
            ground.append(t)
            continue
        linked.append((t, nodes[0]))
        for node in nodes:
            parent.setdefault(node, node)
        if len(nodes) == 2:
            a, b = find(nodes[0]), find(nodes[1])
            if a != b:
                parent[a] = b
    components: dict[ox.BlankNode, list[ox.Triple]] = defaultdict(list)
    for t, node in linked:
        components[find(node)].append(t)
    return ground, list(components.values())


# RDFC-1.0's path hashing of alike nodes on cycles grows as the cube of their
# number in a ring and factorially with alike neighbours (a clique); past these
# limits it would run for minutes to hours ("dataset poisoning", RDFC-1.0 §4.4).
MAX_ALIKE_ON_CYCLES = 150
MAX_ALIKE_NEIGHBOURS = 6


def _refuse_poison(component: list[ox.Triple], colour: dict, cyclic: set) -> None:
    on_cycles = {x for t in component for x in (t.subject, t.object) if x in cyclic}
    shared: dict[str, int] = defaultdict(int)
    for node in on_cycles:
        shared[colour[node]] += 1
    alike = {node for node in on_cycles if shared[colour[node]] > 1}
    neighbours: dict = defaultdict(lambda: defaultdict(int))
    for t in component:
        if t.subject in alike and t.object in alike:
            neighbours[t.subject][(t.predicate, colour[t.object], "out")] += 1
            neighbours[t.object][(t.predicate, colour[t.subject], "in")] += 1
    most = max((n for around in neighbours.values() for n in around.values()), default=0)
    if len(alike) > MAX_ALIKE_ON_CYCLES or most > MAX_ALIKE_NEIGHBOURS:
        raise InputError(
            f"cannot give canonical labels to a structure of {len(on_cycles)} blank nodes on "
            f"cycles, {len(alike)} of them alike: RDFC-1.0 would take too long",
            hint="give some of these blank nodes IRIs",
        )


def _canonical(component: list[ox.Triple], colour: dict) -> tuple[str, list[ox.Triple]]:
    """(digest of the canonical N-Quads, the triples with RDFC labels) of one component."""
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in component]
    nodes = {x for t in component for x in (t.subject, t.object) if isinstance(x, ox.BlankNode)}
    quads += [ox.Quad(node, _COLOUR, ox.Literal(colour[node])) for node in nodes]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    rows = [q.triple for q in dataset if q.predicate != _COLOUR]
    rows.sort(key=lambda t: (nt(t.subject), nt(t.predicate), nt(t.object)))
    text = "".join(f"{nt(t.subject)} {nt(t.predicate)} {nt(t.object)} .\n" for t in rows)
    return hashlib.sha256(text.encode()).hexdigest(), rows


def _colours(triples: list[ox.Triple]) -> tuple[dict[ox.BlankNode, str], set]:
    """An isomorphism-invariant colour (a hex digest) for every blank node, and the
    blank nodes that lie on cycles.

    First what a node reaches: strongly connected components (iterative
    Tarjan, no recursion however deep the data) come out sinks first, so each
    node's hash covers the hashes of the nodes it points to outside its own
    cycle. Then, sources first, what reaches it. Edges inside a cycle count
    by predicate only at first; then the nodes on cycles are refined by their
    neighbours' colours. RDFC sorts out the nodes that still share a colour.
    """
    out_edges: dict = defaultdict(list)
    in_edges: dict = defaultdict(list)
    nodes: dict[ox.BlankNode, None] = {}
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if isinstance(s, ox.BlankNode):
            nodes[s] = None
            out_edges[s].append((p, o))
        if isinstance(o, ox.BlankNode):
            nodes[o] = None
            in_edges[o].append((p, s))
    cycles = _strongly_connected(nodes, out_edges)
    cycle_of = {node: number for number, members in enumerate(cycles) for node in members}

    def digest(kind: str, lines: list[str]) -> str:
        return hashlib.sha256("\n".join([kind, *sorted(lines)]).encode()).hexdigest()

    def neighbour(node, p, other, known) -> str:
        if not isinstance(other, ox.BlankNode):
            return f"{p} {nt(other)}"
        if cycle_of[other] == cycle_of[node]:
            return f"{p} ~"
        return f"{p} {known[other]}"

    down: dict = {}
    for members in cycles:  # sinks first
        for node in members:
            down[node] = digest("down", [neighbour(node, p, o, down) for p, o in out_edges[node]])
    up: dict = {}
    for members in reversed(cycles):  # sources first
        for node in members:
            up[node] = digest(
                down[node], [neighbour(node, p, s, up) for p, s in in_edges[node]]
            )
    cyclic = [node for members in cycles if len(members) > 1 or _loops(members[0], out_edges)
              for node in members]
    return _refine(up, cyclic, out_edges, in_edges, digest), set(cyclic)


def _loops(node, out_edges) -> bool:
    return any(other == node for _, other in out_edges[node])


def _refine(colour: dict, nodes: list, out_edges, in_edges, digest) -> dict:
    """Colour refinement (1-WL) of the nodes on cycles, which the hashes above see by
    predicate only: each round hashes a node's colour with its neighbours' colours,
    until the number of colours stops growing."""
    if not nodes:
        return colour

    def around(node) -> list[str]:
        lines = []
        for direction, edges in (("out", out_edges[node]), ("in", in_edges[node])):
            for p, other in edges:
                if isinstance(other, ox.BlankNode):
                    lines.append(f"{direction} {p} {colour[other]}")
        return lines

    classes = len({colour[node] for node in nodes})
    for _ in range(len(nodes)):
        new = {node: digest(colour[node], around(node)) for node in nodes}
        colour.update(new)
        now = len(set(new.values()))
        if now == classes:
            break
        classes = now
    return colour


def _strongly_connected(nodes, edges) -> list[list]:
    """Tarjan's strongly connected components, iteratively, in reverse topological order."""
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    found: list[list] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, ())
            advanced = False
            while position < len(targets):
                other = targets[position][1]
                position += 1
                if not isinstance(other, ox.BlankNode):
                    continue
                if other not in index:
                    work.append((node, position))
                    work.append((other, 0))
                    advanced = True
                    break
                if other in on_stack:
                    low[node] = min(low[node], index[other])
            if advanced:
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                found.append(members)
            if work:
                caller = work[-1][0]
                low[caller] = min(low[caller], low[node])
    return found
