"""Curation provenance: every source file ends with who added it, when, with what."""

from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplograph.namespaces import PROV, SCHEMA
from diplograph.publishing.provenance import MARKER, curation_block, default_curator

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "graph" / "sources").glob("*.ttl"))


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_source_file_ends_with_its_curation_block(path):
    text = path.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1
    block = text[text.index(MARKER):]
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(f"""
        SELECT ?article ?graph ?when ?who ?version WHERE {{
          ?curation a <{PROV.Activity}> ; <{PROV.used}> ?article ; <{PROV.generated}> ?graph ;
            <{PROV.endedAtTime}> ?when ; <{PROV.wasAssociatedWith}> ?agent , ?tool .
          ?agent a <{PROV.Agent}> ; <http://www.w3.org/2000/01/rdf-schema#label> ?who .
          ?tool a <{PROV.SoftwareAgent}> ; <{SCHEMA.softwareVersion}> ?version .
        }}"""))
    assert [(r[0].value, r[1].value) for r in rows] == [(
        f"https://w3id.org/diplograph/id/source/{path.stem}",
        f"https://w3id.org/diplograph/graph/source/{path.stem}")]
    assert rows[0][4].value == "0.1.0"
    assert block.startswith(MARKER) and "@prefix curation:" in block


def test_block_for_a_new_source_parses_after_the_standard_prefixes():
    from diplograph.namespaces import PREFIXES

    block = curation_block("2026-02-01-a-fictional-article", "Ana Ñúñez",
                           datetime(2026, 2, 1, 9, 30, tzinfo=UTC), "0.2.0")
    prefixes = "".join(f"@prefix {n}: <{iri}> .\n" for n, iri in PREFIXES.items())
    store = ox.Store()
    store.load((prefixes + block).encode(), format=ox.RdfFormat.TURTLE)
    labels = {q.object.value for q in store
              if q.predicate.value.endswith("#label") and "agent/" in q.subject.value}
    assert labels == {"Ana Ñúñez", "diplograph 0.2.0"}
    assert "agent:ana-nunez" in block and '"2026-02-01T09:30:00+00:00"^^xsd:dateTime' in block


def test_bad_slug_or_naive_time_is_refused():
    from diplograph.errors import InputError

    with pytest.raises(InputError, match="not lower-case ASCII words"):
        curation_block("Bad Slug", "x", datetime.now(UTC))
    with pytest.raises(InputError, match="time zone"):
        curation_block("ok", "x", datetime(2026, 1, 1))


def test_curator_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOGRAPH_CURATOR", "A. Curator")
    assert default_curator(tmp_path) == "A. Curator"
