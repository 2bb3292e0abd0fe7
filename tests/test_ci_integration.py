"""diplograph in another repository's CI, for real: the pre-commit hook as README.md
documents it, run by pre-commit on a throwaway repository that holds only its own
graph/, with the hook repository a local git clone of this checkout at its release tag.

pre-commit builds the hook's environment itself (``pip install`` of the clone; the
dependencies come from the configured package index). PRE_COMMIT_HOME is a
temporary folder, so nothing is reused from or left in the user's cache.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
# What a release holds: what pyproject builds the wheel from, and the hook manifest.
RELEASE = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "ontology", "graph",
           "shapes", "queries")
# A small graph of someone else's that conforms to the bundled ontology and shapes.
CONSUMER_GRAPH = REPO / "tests" / "shapes" / "context.ttl"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True)


def documented_config() -> str:
    """The .pre-commit-config.yaml README.md tells other repositories to write."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Validating graphs in other repositories", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def release_version() -> str:
    text = (REPO / "ontology" / "diplograph.ttl").read_text(encoding="utf-8")
    return re.search(r'owl:versionInfo "([^"]+)"', text).group(1)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "DIPLOGRAPH_"))},
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> Path:
    """A git repository holding this checkout's release files, tagged v<version>."""
    clone = tmp_path_factory.mktemp("diplograph")
    for name in RELEASE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, clone / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "data"))
        else:
            shutil.copy2(source, clone / name)
    git(clone, "init", "-q", "-b", "main", env=env)
    git(clone, "add", "-A", env=env)
    git(clone, "commit", "-q", "-m", "release", env=env)
    git(clone, "tag", f"v{release_version()}", env=env)
    return clone


def test_the_documented_rev_is_the_release_tag():
    config = yaml.safe_load(documented_config())
    (repo,) = config["repos"]
    assert repo["rev"] == f"v{release_version()}"
    assert [hook["id"] for hook in repo["hooks"]] == ["diplograph-validate"]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["diplograph-validate"]


def test_the_documented_hook_runs_on_a_repository_with_only_its_graph(tmp_path, env, hook_repo):
    theirs = tmp_path / "theirs"
    (theirs / "graph").mkdir(parents=True)
    shutil.copy2(CONSUMER_GRAPH, theirs / "graph" / "context.ttl")
    config = documented_config().replace("https://github.com/diplograph/diplograph",
                                         str(hook_repo))
    assert str(hook_repo) in config
    (theirs / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(theirs, "init", "-q", "-b", "main", env=env)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=theirs, env=env, check=True,
                   capture_output=True)

    git(theirs, "add", "-A", env=env)
    clean = subprocess.run(["git", "commit", "-m", "graph"], cwd=theirs, env=env,
                           capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"diplograph validate\.+Passed", clean.stderr), clean.stderr

    slip = theirs / "graph" / "slip.ttl"
    slip.write_text(
        "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
        "@prefix place: <https://w3id.org/diplograph/id/place/> .\n"
        "\n"
        "place:ctx-city dg:occassion place:ctxland .\n", encoding="utf-8")
    git(theirs, "add", "-A", env=env)
    failed = subprocess.run(["git", "commit", "-m", "slip"], cwd=theirs, env=env,
                            capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    out = failed.stdout + failed.stderr  # git prints a hook's output on stderr
    assert re.search(r"diplograph validate\.+Failed", out), out
    assert "The data graph does not conform (1 violation)." in out
    assert "with the bundled ontology/, shapes/, queries/." in out
    assert ("graph/slip.ttl:4: place:ctx-city: dg:occassion is not declared in the ontology"
            in out), out
    log = git(theirs, "log", "--format=%s", env=env).stdout.split()
    assert log == ["graph"], "the failing commit was refused"


def test_the_example_workflow_runs_as_written(tmp_path, monkeypatch):
    """Every `diplograph …` step of docs/examples/validate-graph.yml, in-process, on a
    repository with only its graph/; the install step pins the release tag."""
    import shlex

    from click.testing import CliRunner

    from diplograph.cli import cli

    workflow = yaml.safe_load((REPO / "docs" / "examples" / "validate-graph.yml")
                              .read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    install = next(run for run in runs if "pip install" in run)
    assert install.endswith(f'git+https://github.com/diplograph/diplograph@v{release_version()}"')
    theirs = tmp_path / "theirs"
    (theirs / "graph").mkdir(parents=True)
    shutil.copy2(CONSUMER_GRAPH, theirs / "graph" / "context.ttl")
    monkeypatch.chdir(theirs)
    commands = [shlex.split(run) for run in runs if run.startswith("diplograph ")]
    assert [c[3] for c in commands] == ["info", "validate", "evidence", "export"]
    for command in commands:
        if command[3] == "evidence":
            continue  # guarded by hashFiles('sources/**'): this repository has no sources/
        result = CliRunner().invoke(cli, command[1:])
        assert result.exit_code == 0, (command, result.output)
        if command[3] == "validate":
            assert result.stdout.splitlines()[-1].startswith("The data graph conforms.")
    assert (theirs / "graph.jsonld").stat().st_size > 0
