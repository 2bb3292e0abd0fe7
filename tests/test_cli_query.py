import json
from pathlib import Path

import pytest

from diplograph.errors import EXIT_BAD_INPUT


def test_table_output(run):
    result = run("query", "meetings", "--iris")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["event", "date", "place", "leader1"]
    assert lines[2].split() == [
        "event:2025-10-30-japan-south-korea-summit", "2025-10-30", "Gyeongju",
        "person:lee-jae-myung",
    ]
    assert len(lines) == 3


def test_param_iri_prefixed_name(run):
    result = run("query", "meetings", "--param", "leader2=person:xi-jinping", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith(
        "https://w3id.org/diplograph/id/event/2025-11-01-china-south-korea-summit,2025-11-01,"
    )


def test_param_date_filters(run):
    result = run("query", "meetings", "-p", "asof=2025-10-29", "-f", "tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "?event\t?date\t?place\t?leader1\n"


def test_param_value_is_bound_as_a_term_not_text(run):
    # A string that would break out of a spliced literal stays one literal.
    result = run("query", "people", "-p", 'lang=en") } } #', "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []


def test_json_is_w3c_results(run):
    result = run("query", "meetings", "-f", "json")
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["event", "date", "place", "leader1"]
    (row,) = document["results"]["bindings"]
    assert row["date"] == {"type": "literal", "value": "2025-10-30",
                           "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert row["place"] == {"type": "literal", "value": "Gyeongju", "xml:lang": "en"}


def test_xml_is_w3c_results(run):
    import xml.etree.ElementTree as ET

    result = run("query", "meetings", "-f", "xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(result.stdout)
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == [
        "event", "date", "place", "leader1"]
    assert len(root.findall("s:results/s:result", ns)) == 1


def test_markdown(run):
    result = run("query", "people", "-f", "md")
    assert result.stdout.splitlines()[:2] == ["| person | name | events |", "|---|---|---|"]


def test_ask(run):
    result = run("query", "has-disagreements", "-f", "json")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
    assert run("query", "has-disagreements").stdout == "true\n"


def test_construct_prints_turtle(run):
    result = run("query", "meeting-graph")
    assert result.exit_code == 0, result.output
    assert "@prefix event: <https://w3id.org/diplograph/id/event/> ." in result.stdout
    assert "time:numericDuration 45.5" in result.stdout


def test_query_file(run, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }\n")
    result = run("query", str(path), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n3\r\n"


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://x/>\n# comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL", "LOAD <http://example.org/x>", "CLEAR DEFAULT", "CREATE GRAPH <http://g>",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(run, tmp_path, update):
    path = tmp_path / "update.rq"
    path.write_text(update)
    result = run("query", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "update" in result.stderr


@pytest.mark.parametrize("name", ["../queries/sources", "/etc/passwd", "..", "a/b", ".hidden"])
def test_names_cannot_escape_the_queries_folder(run, name):
    result = run("query", name)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "path parts" in result.stderr


def test_unknown_name_suggests_close_ones(run):
    result = run("query", "meeting")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "did you mean meetings" in result.stderr


def test_missing_query_file(run, tmp_path):
    result = run("query", str(tmp_path / "nope.rq"))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "does not exist" in result.stderr


@pytest.mark.parametrize("engine, lines", [("oxigraph", {5}), ("rdflib", {4, 5})])
def test_syntax_error_shows_position(run, tmp_path, engine, lines):
    path = tmp_path / "bad.rq"
    path.write_text("#+ title: bad\nSELECT * WHERE {\n  ?s dg:p ?o .\n  ?s ?p\n}")
    result = run("query", str(path), "--engine", engine)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "syntax error" in result.stderr
    # dg: was undeclared, so a PREFIX line went in front; positions are still the file's.
    line = int(result.stderr.split(f"{path}:")[1].split(":")[0])
    assert line in lines


@pytest.mark.parametrize("param, message", [
    ("asof=2025-13-45", "not a valid date"),
    ("leader1=person:has space", "not a valid iri"),
    ("leader1=<http://a>b", "not a valid iri"),
    ("leader1=nope:x", "not a valid iri"),
    ("nosuch=1", "unknown parameter nosuch"),
    ("novalue", "expected NAME=VALUE"),
])
def test_bad_parameters(run, param, message):
    result = run("query", "meetings", "-p", param)
    assert result.exit_code == EXIT_BAD_INPUT
    assert message in result.stderr
    if "unknown" in message:
        assert "declared: leader1 (iri" in result.stderr


def test_missing_required_parameter(run, tmp_path):
    path = tmp_path / "needs.rq"
    path.write_text("#+ param: who iri -- a person\nSELECT ?name WHERE { ?who schema:name ?name }")
    result = run("query", str(path))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "missing parameter who" in result.stderr
    assert "who (iri, required): a person" in result.stderr
    ok = run("query", str(path), "-p", "who=person:xi-jinping", "-f", "csv")
    assert ok.stdout_bytes == b"name\r\nXi Jinping\r\n"


# ------------------------------------------------ query text: stdin, -e, .sparql

def test_query_from_standard_input(run):
    text = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
    result = run("query", "-", "-f", "csv", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"name\r\nLee Jae Myung\r\nSanae Takaichi\r\nXi Jinping\r\n"


def test_inline_query_text(run):
    result = run("query", "-e", "ASK { person:xi-jinping a schema:Person }")
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"


def test_inline_syntax_error_names_the_text_and_position(run):
    result = run("query", "-e", "SELECT ?s WHERE {\n  ?s ?p\n}")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith("diplograph: -e:3")
    assert "Traceback" not in result.output


def test_stdin_header_parameters_bind(run):
    text = ("#+ params:\n#+   - who: iri -- a person\n#+ defaults:\n#+   - who: person:xi-jinping\n"
            "SELECT ?name WHERE { ?who schema:name ?name }\n")
    assert run("query", "-", "-f", "csv", input=text).stdout_bytes == b"name\r\nXi Jinping\r\n"
    again = run("query", "-", "-f", "csv", "-p", "who=person:lee-jae-myung", input=text)
    assert again.stdout_bytes == b"name\r\nLee Jae Myung\r\n"


def test_sparql_suffix_is_a_query_file(run, tmp_path):
    path = tmp_path / "count.sparql"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }\n")
    result = run("query", str(path), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n3\r\n"


@pytest.mark.parametrize("args", [(), ("meetings", "-e", "ASK {}")])
def test_exactly_one_query_is_given(run, args):
    result = run("query", *args)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "give one query" in result.stderr


def test_select_star_columns_in_query_order(run):
    text = "SELECT * WHERE { ?zperson schema:name ?aname ; a schema:Person } ORDER BY ?aname"
    result = run("query", "-e", text, "-f", "tsv")
    assert result.stdout.splitlines()[0] == "?zperson\t?aname"
    assert run("query", "-e", text, "-f", "json").stdout.index('"zperson"') < \
        run("query", "-e", text, "-f", "json").stdout.index('"aname"')


# ------------------------------------------------------------ prefixes in text

def test_unknown_prefix_names_itself_and_lists_known(run):
    result = run("query", "-e", "SELECT ?x WHERE {\n  ?x persn:name ?y }")
    assert result.exit_code == EXIT_BAD_INPUT
    first, hint = result.stderr.splitlines()[:2]
    assert first == ("diplograph: -e:2:6: unknown prefix persn: "
                     "(not declared with PREFIX and not a known prefix)")
    assert hint.startswith("  did you mean person:? known: dg, schema, sem,")


def test_unknown_prefix_in_a_parameter_names_itself(run):
    result = run("query", "meetings", "-p", "leader2=persn:xi-jinping")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith(
        "diplograph: parameter leader2: 'persn:xi-jinping' is not a valid iri: "
        "unknown prefix persn: (known: dg, schema, sem,")


def test_declared_prefix_is_not_unknown(run):
    text = "PREFIX ex: <https://schema.org/>\nSELECT ?n WHERE { person:xi-jinping ex:name ?n }"
    assert run("query", "-e", text, "-f", "csv").stdout_bytes == b"n\r\nXi Jinping\r\n"


def test_prefixed_names_in_a_path_are_all_completed(run):
    text = "SELECT ?n WHERE { ?e sem:hasPlace/schema:name ?n }"
    result = run("query", "-e", text, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "Gyeongju" in result.stdout


# ------------------------------------------------------------------ labels

def test_table_shows_labels_by_default(run):
    result = run("query", "meetings")
    lines = result.stdout.splitlines()
    assert lines[2].split("  ")[-1] == "Lee Jae Myung"  # leader1, an IRI, printed as its name
    iris = run("query", "meetings", "--iris").stdout.splitlines()
    assert iris[2].endswith("person:lee-jae-myung")


def test_label_column_already_shown_keeps_iris(run):
    # people prints ?person and its ?name: the person column keeps compact IRIs.
    lines = run("query", "people").stdout.splitlines()
    assert lines[2].split() == ["person:lee-jae-myung", "Lee", "Jae", "Myung", "2"]


def test_labels_in_csv_and_jsonl_when_asked(run):
    text = "SELECT ?p WHERE { ?p a schema:Person } ORDER BY ?p"
    csv_out = run("query", "-e", text, "-f", "csv", "--labels").stdout_bytes
    assert csv_out == b"p\r\nLee Jae Myung\r\nSanae Takaichi\r\nXi Jinping\r\n"
    plain = run("query", "-e", text, "-f", "csv").stdout_bytes
    assert plain.splitlines()[1] == b"https://w3id.org/diplograph/id/person/lee-jae-myung"


def test_labels_refused_for_w3c_formats(run):
    result = run("query", "people", "-f", "json", "--labels")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "--labels does not apply to -f json" in result.stderr


def test_labels_come_from_the_endpoint_too(run, server, fixture_tree):
    push = run_push(run, server, fixture_tree)
    assert push.exit_code == 0, push.output
    result = run("query", "meetings", "--endpoint", server.query_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].endswith("Lee Jae Myung")


# ----------------------------------------------------- fitting the terminal

LONG = ("SELECT ?p ?note WHERE { VALUES (?p ?note) { (person:xi-jinping "
        '"one two three four five six seven eight nine ten eleven twelve thirteen") } }')


def test_piped_output_keeps_full_values(run):
    lines = run("query", "-e", LONG).stdout.splitlines()
    assert lines[2] == ("Xi Jinping  one two three four five six seven eight nine ten eleven "
                        "twelve thirteen")


def test_max_width_wraps_cells(run):
    result = run("query", "-e", LONG, "--max-width", "40")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines == [
        "p           note",
        "----------  ----------------------------",
        "Xi Jinping  one two three four five six",
        "            seven eight nine ten eleven",
        "            twelve thirteen",
    ]


def test_too_many_columns_turn_into_records(run):
    text = ("SELECT ?a ?b ?c ?d WHERE { VALUES (?a ?b ?c ?d) "
            '{ ("alpha beta gamma" "delta" "epsilon zeta" "eta theta iota kappa") } }')
    lines = run("query", "-e", text, "--max-width", "30").stdout.splitlines()
    assert lines == [
        "-[ 1 ]" + "-" * 24,
        "a  alpha beta gamma",
        "b  delta",
        "c  epsilon zeta",
        "d  eta theta iota kappa",
    ]


def test_records_format(run):
    lines = run("query", "meetings", "-f", "records").stdout.splitlines()
    assert lines[0].startswith("-[ 1 ]---")
    assert lines[1:] == [
        "event    event:2025-10-30-japan-south-korea-summit",
        "date     2025-10-30",
        "place    Gyeongju",
        "leader1  Lee Jae Myung",
    ]


def test_terminal_width_from_columns_only_on_a_terminal(monkeypatch):
    from diplograph.display import terminal_width

    class Stream:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    monkeypatch.setenv("COLUMNS", "72")
    assert terminal_width(None, Stream(True)) == 72
    assert terminal_width(None, Stream(False)) is None
    assert terminal_width(50, Stream(False)) == 50


# ------------------------------------------------------- jsonl and objects

def test_jsonl_one_object_per_row(run):
    result = run("query", "people", "-f", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0] == {"person": "https://w3id.org/diplograph/id/person/lee-jae-myung",
                       "name": "Lee Jae Myung", "events": 2}
    assert len(rows) == 3


def test_objects_array(run):
    result = run("query", "meetings", "-f", "objects")
    assert json.loads(result.stdout) == [{
        "event": "https://w3id.org/diplograph/id/event/2025-10-30-japan-south-korea-summit",
        "date": "2025-10-30", "place": "Gyeongju",
        "leader1": "https://w3id.org/diplograph/id/person/lee-jae-myung",
    }]


def test_objects_unbound_is_null_and_ask_is_boolean(run):
    text = "SELECT ?x ?y WHERE { BIND (true AS ?x) }"
    assert json.loads(run("query", "-e", text, "-f", "objects").stdout) == [{"x": True, "y": None}]
    assert run("query", "has-disagreements", "-f", "jsonl").stdout == '{"boolean": true}\n'


# ------------------------------------- control characters (issue 9, item 3)

HOSTILE = "evil\x1b]0;owned\x07title\x1b[2J\rhidden\x9b1mend"


def hostile_tree(tmp_path, fixture_tree):
    import shutil

    tree = tmp_path / "tree"
    shutil.copytree(fixture_tree, tree)
    escaped = HOSTILE.encode("unicode_escape").decode().replace("\\x", "\\u00")
    (tree / "graph" / "hostile.ttl").write_text(
        '<https://w3id.org/diplograph/id/person/xi-jinping> '
        f'<https://schema.org/alternateName> "{escaped}" .\n'
    )
    return tree


HOSTILE_QUERY = "SELECT ?n WHERE { person:xi-jinping schema:alternateName ?n }"
SAFE = "evil\\x1b]0;owned\\x07title\\x1b[2J\\rhidden\\x9b1mend"


@pytest.mark.parametrize("fmt", ["table", "md", "records"])
def test_control_characters_escaped_in_cells(run, tmp_path, fixture_tree, fmt):
    tree = hostile_tree(tmp_path, fixture_tree)
    result = run("query", "-e", HOSTILE_QUERY, "-f", fmt, data=tree)
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in "\x1b\x07\r\x9b")
    assert SAFE in result.stdout


def test_control_characters_kept_in_machine_formats(run, tmp_path, fixture_tree):
    tree = hostile_tree(tmp_path, fixture_tree)
    result = run("query", "-e", HOSTILE_QUERY, "-f", "json", data=tree)
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == HOSTILE


def test_control_characters_from_an_endpoint_escaped(run, server, tmp_path, fixture_tree):
    tree = hostile_tree(tmp_path, fixture_tree)
    assert run_push(run, server, tree).exit_code == 0
    result = run("query", "-e", HOSTILE_QUERY, "--endpoint", server.query_url, data=tree)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2] == SAFE


def run_push(run, server, tree):
    return run("push", "--endpoint", server.query_url, "--update-endpoint", server.update_url,
               "--replace", data=tree)


# ---------------------------------------------- grlc-style headers and defaults

GRLC = (Path(__file__).parent / "data" / "queries" / "grlc-name.rq").read_text()


def test_parameter_replaces_the_default_values_block(run, tmp_path):
    path = tmp_path / "name.rq"
    path.write_text(GRLC)
    assert run("query", str(path), "-f", "csv").stdout_bytes == b"name\r\nXi Jinping\r\n"
    other = run("query", str(path), "-f", "csv", "-p", "who=person:lee-jae-myung")
    assert other.stdout_bytes == b"name\r\nLee Jae Myung\r\n"


def test_enumerated_parameter_refuses_other_values(run, tmp_path):
    path = tmp_path / "name.rq"
    path.write_text(GRLC)
    result = run("query", str(path), "-p", "lang=fr")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "parameter lang: 'fr' is not one of en, ko" in result.stderr


@pytest.mark.parametrize("header, message", [
    ("#+ defaults:\n#+   - nobody: 1\n", "names nobody, which no '#+ params' entry declares"),
    ("#+ params:\n#+   - n: integer 3\n", "defaults go in '#+ defaults'"),
    ("#+ params:\n#+   - n: colour\n", "unknown type 'colour'"),
    ("#+ params:\n#+   - n: integer\n#+ defaults:\n#+   - n: x\n", "bad default"),
    ("#+ summary\n", "expected '#+ key: value'"),
])
def test_bad_grlc_headers(run, header, message):
    result = run("query", "-e", header + "SELECT * WHERE {}")
    assert result.exit_code == EXIT_BAD_INPUT
    assert message in result.stderr


# ------------------------------------------- resources named in parameters

def test_a_name_resolves_to_the_one_resource_find_matches(run):
    result = run("query", "meetings", "-p", "leader2=xi jinping", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith(
        "https://w3id.org/diplograph/id/event/2025-11-01-china-south-korea-summit,")
    assert result.stderr == (
        "diplograph: parameter leader2: 'xi jinping' is person:xi-jinping (Xi Jinping)\n")


def test_an_iri_naming_nothing_warns_with_the_closest(run):
    result = run("query", "meetings", "-p", "leader2=person:xi", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes == b"event,date,place,leader1\r\n"
    assert result.stderr == ("diplograph: warning: parameter leader2: person:xi names no "
                             "resource in the data; closest: person:xi-jinping (Xi Jinping)\n")


def test_an_iri_naming_a_resource_gets_no_warning(run):
    result = run("query", "meetings", "-p", "leader2=person:xi-jinping")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_name_that_is_not_one_resource_lists_the_candidates(run):
    result = run("query", "meetings", "-p", "leader2=ae")  # in Jae and in Sanae, not a word
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.splitlines() == [
        "diplograph: parameter leader2: 'ae': no resource of that name in the graph",
        "  did you mean person:lee-jae-myung (Lee Jae Myung) or person:sanae-takaichi "
        "(Sanae Takaichi)?",
    ]


def test_a_name_matching_nothing_is_refused(run):
    result = run("query", "meetings", "-p", "leader2=zzzz")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.splitlines() == [
        "diplograph: parameter leader2: 'zzzz': no resource of that name in the graph",
        "  find candidates with: diplograph find zzzz",
    ]


def test_hostile_or_iri_like_values_are_not_names(run):
    result = run("query", "meetings", "-p", "leader2=?s")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "parameter leader2: '?s' is not a valid iri" in result.stderr


def test_names_resolve_by_the_kind_of_the_default(run):
    # On the bundled graph "Taiwan" names a place and a topic; the parameter's
    # default is a topic:, so the topic is meant.
    from diplograph.paths import data_tree

    result = run("query", "statements-on-topic", "-p", "topic=Taiwan", "-f", "csv",
                 data=data_tree().root)
    assert result.exit_code == 0, result.output
    assert result.stderr == "diplograph: parameter topic: 'Taiwan' is topic:taiwan (Taiwan)\n"
    assert len(result.stdout.splitlines()) > 1
    place = run("query", "events-in-place", "-p", "place=Taiwan", "-f", "csv",
                data=data_tree().root)
    assert place.stderr == "diplograph: parameter place: 'Taiwan' is place:taiwan (Taiwan)\n"


STORED = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))


@pytest.mark.parametrize("name", STORED)
def test_every_stored_query_fits_100_columns(run, name):
    from diplograph.display import display_width
    from diplograph.paths import data_tree

    result = run("query", name, "--max-width", "100", data=data_tree().root)
    assert result.exit_code == 0, result.output
    assert max(display_width(line) for line in result.stdout.splitlines()) <= 100


def test_only_wrapped_rows_stand_apart(run):
    text = ('SELECT ?a ?b WHERE { VALUES (?a ?b) { ("x" "short") ("y" "short too") '
            '("z" "a value long enough that it has to wrap") ("w" "short") } } ORDER BY ?b')
    lines = run("query", "-e", text, "--max-width", "30").stdout.splitlines()
    assert lines == [
        "a  b",
        "-  ---------------------------",
        "z  a value long enough that it",
        "   has to wrap",
        "",
        "x  short",
        "w  short",
        "y  short too",
    ]


def test_stdin_that_is_not_utf8_is_bad_input(run):
    result = run("query", "-", input=b"SELECT ?x WHERE { ?x ?p \"\xff\" }")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith("diplograph: standard input: the query is not UTF-8")


def test_byte_order_mark_is_not_query_text(run, tmp_path):
    path = tmp_path / "bom.sparql"
    path.write_bytes(b"\xef\xbb\xbfASK { person:xi-jinping a schema:Person }\n")
    assert run("query", str(path)).stdout == "true\n"
    assert run("query", "-", input=path.read_bytes()).stdout == "true\n"


def test_a_name_with_an_endpoint_is_refused_with_a_hint(run, server):
    result = run("query", "meetings", "-p", "leader2=Xi", "--endpoint", server.query_url)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.splitlines() == [
        "diplograph: parameter leader2: 'Xi' is a name; with --endpoint give an IRI",
        "  names resolve on the local data only: diplograph find 'Xi'",
    ]


def test_a_local_timeout_is_refused_not_ignored(run):
    """A local query cannot be stopped part-way (pyoxigraph holds the GIL while it
    sorts), so --timeout without --endpoint is bad input, never silently dropped."""
    result = run("query", "sources", "--timeout", "5")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.splitlines()[0].startswith(
        "diplograph: --timeout bounds requests to an --endpoint; a local query cannot be stopped")
    assert result.stdout == ""
