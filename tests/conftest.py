"""Shared test helpers. Nothing here depends on the working directory."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from oxigraph_server import start_server, stop_server

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_TREE = TESTS / "data" / "tree"


class Run:
    """The CLI run in-process against a data tree; returns click's Result."""

    def __init__(self, data: Path):
        self.data = data

    def __call__(self, *args: str, data: Path | None = None, **kwargs):
        from diplograph.cli import cli

        runner = CliRunner()
        return runner.invoke(cli, ["--data", str(data or self.data), *args], **kwargs)


@pytest.fixture
def run() -> Run:
    return Run(FIXTURE_TREE)


@pytest.fixture
def fixture_tree() -> Path:
    return FIXTURE_TREE


@pytest.fixture(autouse=True)
def _no_data_env(monkeypatch):
    monkeypatch.delenv("DIPLOGRAPH_DATA", raising=False)


@pytest.fixture(autouse=True)
def _private_store_cache(monkeypatch, tmp_path_factory):
    """No test writes into the user's cache: the query store cache of each test is its own."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("store-cache")))
    monkeypatch.delenv("DIPLOGRAPH_CACHE", raising=False)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """One real Oxigraph server on 127.0.0.1 for the whole test session."""
    server = start_server(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        stop_server(server.process)


@pytest.fixture
def server(oxigraph_server):
    """The session's server, emptied for this test."""
    assert oxigraph_server.process.poll() is None, "the oxigraph server has stopped"
    oxigraph_server.clear()
    return oxigraph_server
