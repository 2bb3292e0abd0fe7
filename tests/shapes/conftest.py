"""The shapes graph, parsed once per session; the fixture helpers live in shapekit.py.

(Helpers are not imported from conftest: tests/site has a conftest of its own,
and two modules named ``conftest`` cannot both be imported by name.)
"""

import pytest
import rdflib
from shapekit import shapes_graph


@pytest.fixture(scope="session")
def shapes() -> rdflib.Graph:
    return shapes_graph()
