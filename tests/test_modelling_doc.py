"""docs/modelling.md names resources the way the data does."""

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplograph import rdfio
from diplograph.namespaces import KIND, mint
from diplograph.paths import DataTree

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "modelling.md").read_text(encoding="utf-8")
# The table of resource kinds: | `kind` | class | `example slug` |
EXAMPLES = re.findall(r"^\| `([a-z]+)` \| .* \| `([^`]+)` \|$", DOC, re.M)


@pytest.fixture(scope="module")
def subjects():
    store = rdfio.load_data(DataTree(REPO)).store
    return {s["s"].value for s in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")
            if isinstance(s["s"], ox.NamedNode)}


def test_every_kind_has_an_example():
    assert sorted(kind for kind, _ in EXAMPLES) == sorted(KIND)


@pytest.mark.parametrize("kind, slug", EXAMPLES, ids=[k for k, _ in EXAMPLES])
def test_example_slug_names_a_resource_in_the_data(kind, slug, subjects):
    assert mint(kind, slug) in subjects, f"docs/modelling.md: no {kind}:{slug} in the data"
