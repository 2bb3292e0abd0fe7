import hashlib

import pytest

TEXT_A = "Leaders met in Gyeongju.\nThey talked for 45 minutes. They talked again.\n"
TEXT_B = "Xi arrived on Friday.\n"

GRAPH = """\
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix source: <https://w3id.org/diplograph/id/source/> .
@prefix capture: <https://w3id.org/diplograph/id/capture/> .

source:a dg:capturedAs capture:a .
capture:a dg:fileName "a.txt" ;
    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;
                    spdx:checksumValue "{sha_a}"^^xsd:hexBinary ] .
source:b dg:capturedAs capture:b .
capture:b dg:fileName "b.txt" ;
    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;
                    spdx:checksumValue "{sha_b}"^^xsd:hexBinary ] .
{evidence}
"""


def annotation(name, source, exact, prefix=None, suffix=None):
    extra = "".join(
        f' ; oa:{key} "{value}"' for key, value in (("prefix", prefix), ("suffix", suffix))
        if value is not None
    )
    return (f"<https://w3id.org/diplograph/id/evidence/{name}> oa:hasBody <urn:x:fact> ; "
            "oa:hasTarget [ oa:hasSource "
            f'source:{source} ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "{exact}"'
            f"{extra} ] ] .\n")


@pytest.fixture
def world(tmp_path):
    """Write a tiny data tree and sources folder; returns (tree, sources, write)."""
    tree, sources = tmp_path / "tree", tmp_path / "sources"
    (tree / "graph").mkdir(parents=True)
    sources.mkdir()
    (sources / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (sources / "b.txt").write_text(TEXT_B, encoding="utf-8")

    def write(evidence, sha_a=None, sha_b=None):
        sha_a = sha_a or hashlib.sha256(TEXT_A.encode()).hexdigest()
        sha_b = sha_b or hashlib.sha256(TEXT_B.encode()).hexdigest()
        (tree / "graph" / "g.ttl").write_text(
            GRAPH.format(sha_a=sha_a, sha_b=sha_b, evidence="".join(evidence))
        )

    return tree, sources, write


def test_all_good(run, world):
    tree, sources, write = world
    write([annotation("1", "a", "Leaders met in Gyeongju."),
           annotation("2", "b", "Xi arrived"),
           annotation("3", "a", "They talked", suffix=" again")])
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 0, result.output
    quoted_a = len("Leaders met in Gyeongju.") + len("They talked")
    quoted_b = len("Xi arrived")
    assert result.stdout == (
        "every capture and quotation checks out\n"
        f"a.txt: evidence quotes cover {quoted_a * 100 // len(TEXT_A)}% of the text "
        f"({quoted_a} of {len(TEXT_A)} characters)\n"
        f"b.txt: evidence quotes cover {quoted_b * 100 // len(TEXT_B)}% of the text "
        f"({quoted_b} of {len(TEXT_B)} characters)\n"
    )


def test_overlapping_quotes_count_once(run, world):
    """The share counts characters, not quotes: overlapping quotes are not added twice."""
    tree, sources, write = world
    write([annotation("1", "b", "Xi arrived on"), annotation("2", "b", "arrived on Friday")])
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 0, result.output
    quoted = len("Xi arrived on Friday")
    assert f"b.txt: evidence quotes cover {quoted * 100 // len(TEXT_B)}% of the text " \
        f"({quoted} of {len(TEXT_B)} characters)" in result.stdout


def test_quote_not_verbatim(run, world):
    tree, sources, write = world
    write([annotation("1", "a", "Leaders met in Seoul.")])
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 1
    assert result.stdout == ("a.txt: https://w3id.org/diplograph/id/evidence/1: "
                             "quote not found verbatim: 'Leaders met in Seoul.'\n")
    assert "1 evidence problem found" in result.stderr


def test_prefix_and_suffix_must_be_contiguous(run, world):
    tree, sources, write = world
    write([annotation("1", "a", "talked", prefix="They ", suffix=" for 46")])
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 1
    assert "prefix/suffix not found" in result.stdout


def test_ambiguous_quote(run, world):
    tree, sources, write = world
    write([annotation("1", "a", "They talked"),
           annotation("2", "a", "They talked", prefix="minutes. ")])
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "evidence/1: quote occurs 2 times" in lines[0]


def test_checksum_mismatch_and_missing_file(run, world):
    tree, sources, write = world
    write([annotation("1", "b", "Xi arrived")], sha_a="ab" * 32)
    (sources / "b.txt").unlink()
    result = run("evidence", "--sources", str(sources), data=tree)
    assert result.exit_code == 1
    out = result.stdout
    assert "a.txt: https://w3id.org/diplograph/id/source/a: SHA-256 is" in out
    assert "b.txt: https://w3id.org/diplograph/id/source/b: captured file not found" in out


def test_missing_folder(run, world):
    tree, sources, write = world
    write([])
    result = run("evidence", "--sources", str(sources / "nope"), data=tree)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_library_function(world):
    from diplograph import rdfio
    from diplograph.evidence import check_evidence
    from diplograph.paths import data_tree

    tree, sources, write = world
    write([annotation("1", "b", "Xi left")])
    problems = check_evidence(rdfio.load_data(data_tree(tree)), sources)
    assert [(p.file, p.subject, p.quote) for p in problems] == [
        ("b.txt", "https://w3id.org/diplograph/id/evidence/1", "Xi left")]
