"""Hostile parameter values through the command line: text comes back as the
value it was, typed values are refused, and the query never changes shape.

The property-based proof (the parsed algebra with a hostile value bound equals
the algebra with a placeholder, for every parameter type, through the stored
query's own typing) is in tests/endpoint/test_bind.py.
"""

import json

import pytest

from diplograph import endpoint as ep
from diplograph.errors import EXIT_BAD_INPUT

from .conftest import one_or_two_lines

HOSTILE = [
    '"', "'", '">', "x> <http://evil/", "{ }", "}", "line\nbreak\r\n", "} ; DROP ALL ; {",
    '" } ; DROP ALL ; { "', "\\u0022) } } #", "\\U00000022", "\\\\u0022", "'''\"\"\"", "# comment",
    "\\", "<http://x/a>", "?s", "\t\x00\x7f\u2028",
]
ECHO = (
    "#+ param: s string x\n"
    "#+ param: l langstring x@en\n"
    "#+ param: i iri http://x/a\n"
    "#+ param: d date 2025-01-01\n"
    "#+ param: n integer 1\n"
    "SELECT ?s ?l ?i ?d ?n WHERE { }\n"
)


@pytest.fixture
def echo(tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(ECHO)
    return path


def bindings(result):
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    return row


@pytest.mark.parametrize("value", HOSTILE)
def test_text_comes_back_exactly(run, echo, value):
    row = bindings(run("query", str(echo), "-p", f"s={value}", "-p", f"l={value}@ko",
                       "-f", "json"))
    assert row["s"] == {"type": "literal", "value": value}
    assert row["l"] == {"type": "literal", "value": value, "xml:lang": "ko"}
    assert row["i"]["value"] == "http://x/a" and row["n"]["value"] == "1"


@pytest.mark.parametrize("name, kind", [("i", "iri"), ("d", "date"), ("n", "integer")])
@pytest.mark.parametrize("value", [v for v in HOSTILE if v != "<http://x/a>"])
def test_typed_parameters_refuse_hostile_values(run, echo, name, kind, value):
    result = run("query", str(echo), "-p", f"{name}={value}")
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith(f"diplograph: parameter {name}: ")
    assert f"is not a valid {kind}: " in line


@pytest.mark.parametrize("value", ["http://x/a> } ; DROP ALL ; { <b", "person:x\"y", "dg:a{b}"])
def test_hostile_iris_with_a_valid_start_are_refused(run, echo, value):
    result = run("query", str(echo), "-p", f"i={value}")
    assert result.exit_code == EXIT_BAD_INPUT
    assert one_or_two_lines(result.stderr) == [
        f"diplograph: parameter i: {value!r} is not a valid iri: an IRI cannot contain spaces "
        "or any of <>\"{}|^`\\"
    ]


def test_hostile_text_against_a_real_endpoint(run, server, echo):
    before = ep.count(server.endpoint())
    ep.update(server.endpoint(), "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }")
    for value in HOSTILE:
        args = ("query", str(echo), "-p", f"s={value}", "-p", f"l={value}@ko", "-f", "json")
        remote = run(*args, "--endpoint", server.query_url)
        assert bindings(remote) == bindings(run(*args)), value
    assert ep.count(server.endpoint()) == before + 1


def test_a_huge_bad_value_is_cut_in_the_message(run, echo):
    result = run("query", str(echo), "-p", "n=" + "9" * 50_000 + "x")
    assert result.exit_code == EXIT_BAD_INPUT
    (line,) = one_or_two_lines(result.stderr)
    assert line.startswith("diplograph: parameter n: '999") and line.endswith("…")
    assert len(line) == len("diplograph: ") + 400
