"""The persistent query store: never stale, rebuilt when damaged, safe for concurrent runs,
and never in the real user cache during tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplograph import rdfio, storecache
from diplograph.paths import DataTree

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABELS = "SELECT ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?o"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "graph" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def thing(name: str, label: str) -> str:
    return (f"<https://example.org/{name}> <http://www.w3.org/2000/01/rdf-schema#label> "
            f'"{label}" .\n')


def labels(root: Path) -> list[str]:
    store = rdfio.load_data(DataTree(root)).store
    return [row["o"].value for row in store.query(LABELS)]


@pytest.fixture
def cached(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOGRAPH_CACHE", "on")
    return write_tree(tmp_path / "tree",
                      {"a.ttl": thing("a", "alpha"), "b.ttl": thing("b", "beta")})


def stores() -> list[Path]:
    return sorted(storecache.cache_dir().glob("store-*"))


def test_tests_never_use_the_real_user_cache():
    real = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "diplograph"
    assert storecache.cache_dir() != real
    assert os.environ["DIPLOGRAPH_CACHE_DIR"] == str(storecache.cache_dir())


def test_a_second_run_opens_the_stored_store(cached):
    assert labels(cached) == ["alpha", "beta"]
    assert len(stores()) == 1
    built = stores()[0].stat().st_mtime_ns
    assert labels(cached) == ["alpha", "beta"]
    assert stores()[0].stat().st_mtime_ns == built  # not rebuilt


def test_a_changed_file_is_seen_even_with_the_same_size_and_mtime(cached):
    assert labels(cached) == ["alpha", "beta"]
    path = cached / "graph" / "b.ttl"
    before = path.stat()
    path.write_text(thing("b", "bets"), encoding="utf-8")  # same size as "beta"
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert labels(cached) == ["alpha", "bets"]


def test_an_added_file_is_seen(cached):
    assert labels(cached) == ["alpha", "beta"]
    write_tree(cached, {"c.ttl": thing("c", "delta")})
    assert labels(cached) == ["alpha", "beta", "delta"]


def test_a_removed_file_is_seen(cached):
    assert labels(cached) == ["alpha", "beta"]
    (cached / "graph" / "a.ttl").unlink()
    assert labels(cached) == ["beta"]


def test_going_back_to_earlier_files_reuses_their_store(cached):
    assert labels(cached) == ["alpha", "beta"]
    path = cached / "graph" / "b.ttl"
    path.write_text(thing("b", "other"), encoding="utf-8")
    assert labels(cached) == ["alpha", "other"]
    path.write_text(thing("b", "beta"), encoding="utf-8")
    assert labels(cached) == ["alpha", "beta"]
    assert len(stores()) == 2


@pytest.mark.parametrize("damage", ["garbage", "no-mark", "emptied"])
def test_a_damaged_store_is_rebuilt(cached, damage):
    assert labels(cached) == ["alpha", "beta"]
    (folder,) = stores()
    if damage == "garbage":
        for path in (folder / storecache.DB).iterdir():
            path.write_bytes(b"\x00garbage" * 64)
    elif damage == "no-mark":
        (folder / storecache.DONE).unlink()
    else:
        for path in folder.iterdir():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert labels(cached) == ["alpha", "beta"]
    assert (stores()[0] / storecache.DONE).is_file()


def test_a_bad_data_file_is_named_and_nothing_is_cached(cached):
    from diplograph.errors import DataError

    write_tree(cached, {"bad.ttl": "<https://example.org/x> <https://example.org/p> .\n"})
    with pytest.raises(DataError) as caught:
        labels(cached)
    assert "bad.ttl" in str(caught.value)
    assert not list(storecache.cache_dir().glob(".building-*"))


def test_two_processes_at_once_build_one_store_and_both_answer(cached):
    write_tree(cached, {f"n{i}.ttl": thing(f"n{i}", f"label {i:04d}") for i in range(300)})
    script = ("import sys; from pathlib import Path; from diplograph import rdfio; "
              "from diplograph.paths import DataTree; "
              "store = rdfio.load_data(DataTree(Path(sys.argv[1]))).store; "
              f"print(next(iter(store.query({COUNT!r})))['n'].value)")
    env = dict(os.environ)
    runs = [subprocess.Popen([sys.executable, "-c", script, str(cached)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["302", "302"]
    assert len(stores()) == 1
    assert not list(storecache.cache_dir().glob(".building-*"))


def test_auto_mode_skips_the_cache_for_small_data(monkeypatch, tmp_path):
    monkeypatch.delenv("DIPLOGRAPH_CACHE", raising=False)
    root = write_tree(tmp_path / "tree", {"a.ttl": thing("a", "alpha")})
    assert labels(root) == ["alpha"]
    assert stores() == []


# ---------------------------------------------------------------- updated, not rebuilt

EX = "@prefix : <https://example.org/> .\n"
BUILD_ANEW = storecache._build_anew
SHARED = ('<https://example.org/x> <https://example.org/size> '
          '"45"^^<http://www.w3.org/2001/XMLSchema#decimal> ')


def everything(root: Path) -> list[str]:
    """The store's triples, blank nodes named by what they hold (one level deep is enough
    for these trees), sorted: equal for two stores of the same data."""
    store = rdfio.load_data(DataTree(root)).store
    rows = store.query("SELECT ?s ?p ?o (GROUP_CONCAT(?inner; separator='|') AS ?in) "
                       "WHERE { ?s ?p ?o OPTIONAL { FILTER isBlank(?o) ?o ?ip ?io "
                       "BIND(CONCAT(STR(?ip), '=', STR(?io)) AS ?inner) } } "
                       "GROUP BY ?s ?p ?o")
    return sorted(" ".join("[]" if isinstance(row[v], ox.BlankNode) else str(row[v])
                           for v in ("s", "p", "o")) + f" {row['in'].value if row['in'] else ''}"
                  for row in rows)


def from_scratch(root: Path, monkeypatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setenv("DIPLOGRAPH_CACHE", "off")
        return everything(root)


@pytest.fixture
def updatable(monkeypatch, tmp_path):
    """Four files, one triple stated by two of them (in two spellings of one value), blank
    nodes in each; the store built once, and building anew refused from then on."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE", "on")
    root = write_tree(tmp_path / "tree", {
        "a.ttl": EX + ":x :size 45.0 ; :note [ :text \"a\" ] .\n",
        "b.ttl": EX + ":x :size 45.00 ; :note [ :text \"b\" ] .\n:y :size 1 .\n",
        "c.ttl": EX + ":c :label \"c\" .\n",
        "d.ttl": EX + ":d :label \"d\" .\n",
    })
    everything(root)

    def refused(*args):
        raise AssertionError("built anew, not updated")

    monkeypatch.setattr(storecache, "_build_anew", refused)
    return root


@pytest.mark.parametrize("change", ["changed", "added", "removed", "comment"])
def test_a_few_changed_files_update_the_closest_store_to_what_a_fresh_load_holds(
        updatable, monkeypatch, change):
    b = updatable / "graph" / "b.ttl"
    if change == "changed":  # drops the triple a.ttl states too, and one only it states
        b.write_text(EX + ":x :note [ :text \"b2\" ] .\n", encoding="utf-8")
    elif change == "added":
        write_tree(updatable, {"e.ttl": EX + ":x :size 45 ; :note [ :text \"e\" ] .\n"})
    elif change == "removed":
        b.unlink()
    else:
        b.write_text(b.read_text(encoding="utf-8") + "# a comment more\n", encoding="utf-8")
    updated = everything(updatable)
    assert updated == from_scratch(updatable, monkeypatch)
    assert SHARED in updated  # a.ttl states it still (as 45.0)
    assert len(stores()) == 2
    assert everything(updatable) == updated  # and read back from disk the same


def test_a_triple_no_file_states_any_more_is_gone_after_an_update(updatable, monkeypatch):
    (updatable / "graph" / "b.ttl").unlink()
    after = everything(updatable)
    assert SHARED in after
    assert not [t for t in after if t.startswith("<https://example.org/y>")]
    assert not [t for t in after if '<https://example.org/text> "b"' in t or "text=b" in t]
    assert len(after) == len(from_scratch(updatable, monkeypatch)) == 5


def test_damaged_kept_triples_make_the_store_be_built_anew(updatable, monkeypatch):
    built = []
    monkeypatch.setattr(storecache, "_build_anew",
                        lambda *a: built.append(1) or BUILD_ANEW(*a))
    (folder,) = stores()
    for kept in (folder / storecache.TRIPLES).iterdir():  # one line less: not what was written
        kept.write_text("".join(kept.read_text(encoding="utf-8").splitlines(True)[1:]),
                        encoding="utf-8")
    (updatable / "graph" / "b.ttl").unlink()
    assert everything(updatable) == from_scratch(updatable, monkeypatch)
    assert built == [1]


def test_when_most_files_changed_the_store_is_built_anew(updatable, monkeypatch):
    built = []
    monkeypatch.setattr(storecache, "_build_anew",
                        lambda *a: built.append(1) or BUILD_ANEW(*a))
    for name in ("a", "b", "c"):
        write_tree(updatable, {f"{name}.ttl": EX + f":{name} :label \"{name}2\" .\n"})
    assert everything(updatable) == from_scratch(updatable, monkeypatch)
    assert built == [1]


def test_two_processes_updating_at_once_both_answer(updatable):
    write_tree(updatable, {"e.ttl": thing("e", "epsilon")})
    script = ("import sys; from pathlib import Path; from diplograph import rdfio; "
              "from diplograph.paths import DataTree; "
              "store = rdfio.load_data(DataTree(Path(sys.argv[1]))).store; "
              f"print(next(iter(store.query({COUNT!r})))['n'].value)")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(updatable)], env=dict(os.environ),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["9", "9"]  # 8 triples and e.ttl's
    assert len(stores()) == 2
    assert not list(storecache.cache_dir().glob(".building-*"))


def test_old_stores_are_pruned_once_an_hour_old(cached):
    for n in range(storecache.KEEP_STORES + 2):
        write_tree(cached, {"b.ttl": thing("b", f"beta {n}")})
        labels(cached)
    assert len(stores()) == storecache.KEEP_STORES + 2  # all young: none pruned yet
    hours_ago = os.path.getmtime(stores()[0]) - 2 * storecache.PRUNE_AFTER_SECONDS
    for folder in stores():
        os.utime(folder, (hours_ago, hours_ago))
    write_tree(cached, {"b.ttl": thing("b", "beta last")})
    assert labels(cached) == ["alpha", "beta last"]
    assert len(stores()) == storecache.KEEP_STORES


# ---------------------------------------------------------------- export's kept output

def exported(root: Path) -> str:
    from diplograph.export import export

    return export(DataTree(root), "turtle")


def kept_exports() -> list[Path]:
    return sorted(storecache.cache_dir().glob("export-turtle-*.txt"))


def fresh_export(root: Path, monkeypatch) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("DIPLOGRAPH_CACHE", "off")
        return exported(root)


def test_export_of_unchanged_data_is_read_back_byte_for_byte(cached, monkeypatch):
    from diplograph import export

    first = exported(cached)
    assert first == fresh_export(cached, monkeypatch)
    assert len(kept_exports()) == 1

    def no_writing(*args):
        raise AssertionError("unchanged data was written again")

    monkeypatch.setattr(export, "serialize", no_writing)
    assert exported(cached) == first


@pytest.mark.parametrize("change", ["changed", "added", "removed"])
def test_export_after_a_data_change_is_written_again(cached, monkeypatch, change):
    before = exported(cached)
    if change == "changed":
        (cached / "graph" / "b.ttl").write_text(thing("b", "bets"), encoding="utf-8")
    elif change == "added":
        write_tree(cached, {"c.ttl": thing("c", "delta")})
    else:
        (cached / "graph" / "a.ttl").unlink()
    after = exported(cached)
    assert after != before
    assert after == fresh_export(cached, monkeypatch)
    assert len(kept_exports()) == 2  # the newest two data states are kept


@pytest.mark.parametrize("damage", ["truncated", "edited", "emptied"])
def test_a_damaged_kept_export_is_written_again(cached, monkeypatch, damage):
    good = exported(cached)
    (path,) = kept_exports()
    text = path.read_text(encoding="utf-8")
    path.write_text({"truncated": text[: len(text) // 2], "edited": text.replace("alpha", "alphx"),
                     "emptied": ""}[damage], encoding="utf-8")
    assert exported(cached) == good
    assert path.read_text(encoding="utf-8") == text  # and kept again, whole


def test_kept_export_is_keyed_by_the_writer_code_too(cached, tmp_path):
    code = tmp_path / "writer.py"
    code.write_text("one", encoding="utf-8")
    files = rdfio.load_data(DataTree(cached)).files
    assert storecache.cached_text(files, "k", [code], lambda: "first") == "first"
    assert storecache.cached_text(files, "k", [code], lambda: "other") == "first"
    code.write_text("two", encoding="utf-8")
    assert storecache.cached_text(files, "k", [code], lambda: "second") == "second"
