"""``diplograph site``: builds a site from the data tree, exit 2 on bad input."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
SOURCES = TESTS / "site" / "data" / "sources"


def test_builds_the_site(run, tmp_path):
    result = run("site", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {tmp_path / 'out'}: ")
    assert "without article texts" in result.stderr
    for name in ("index.html", "index.ttl", "timeline.html", "timeline.svg", ".htaccess",
                 "id/person/sanae-takaichi.html", "id/person/sanae-takaichi.ttl",
                 "id/person/sanae-takaichi.jsonld", "static/style.css"):
        assert (tmp_path / "out" / name).is_file(), name


def test_rebuilds_over_an_earlier_site(run, tmp_path):
    assert run("site", "-o", str(tmp_path / "out")).exit_code == 0
    (tmp_path / "out" / "stale.html").write_text("old", encoding="utf-8")
    result = run("site", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temp folder left


def test_refuses_a_folder_of_other_files(run, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("site", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"diplograph: cannot write the site to {tmp_path}: the folder holds other files")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_output_that_is_a_file(run, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("site", "-o", str(tmp_path / "file"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr or "Directory" in result.stderr


def test_sources_that_do_not_match_the_graph(run, tmp_path):
    # The fixture tree's captures are not in tests/site/data/sources.
    result = run("site", "-o", str(tmp_path / "out"), "--sources", str(SOURCES))
    assert result.exit_code == 2
    assert "captured file not found" in result.stderr.splitlines()[0]
    assert "diplograph evidence --sources" in result.stderr
    assert not (tmp_path / "out").exists()


def test_sources_folder_missing(run, tmp_path):
    result = run("site", "-o", str(tmp_path / "out"), "--sources", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"diplograph: sources folder {tmp_path / 'none'} does not exist")


def test_a_slug_that_cannot_be_a_file_name(run, fixture_tree, tmp_path):
    import shutil

    tree = tmp_path / "tree"
    shutil.copytree(fixture_tree, tree)
    (tree / "graph" / "odd.ttl").write_text(
        '<https://w3id.org/diplograph/id/person/o\'hara> '
        '<http://www.w3.org/2000/01/rdf-schema#label> "O\'Hara" .\n', encoding="utf-8")
    result = run("site", "-o", str(tmp_path / "out"), data=tree)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "diplograph: cannot make a page for <https://w3id.org/diplograph/id/person/o'hara>: "
        "its slug \"o'hara\" is not a safe file name")
    assert not (tmp_path / "out").exists()
