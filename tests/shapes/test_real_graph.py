"""The real data graph (every *.ttl under ontology/ and graph/) against the shapes."""

from shapekit import real_data_graph, validate
from test_shapes import describe

VIOLATION = "http://www.w3.org/ns/shacl#Violation"


def test_the_graph_has_no_violations():
    results = validate(real_data_graph())
    violations = [r for r in results if str(r["severity"]) == VIOLATION]
    assert not violations, f"{len(violations)} violations:\n{describe(violations)}"
