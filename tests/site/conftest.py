"""Sites built once per session: the bundled graph, and a fictional graph with its texts."""

from pathlib import Path

import pytest
from sitekit import FICTION_SOURCES, REPO, build, fiction_tree


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled graph's site, without article texts (they are not in the repository)."""
    return build(REPO, tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="session")
def fiction_tree_dir(tmp_path_factory) -> Path:
    return fiction_tree(tmp_path_factory.mktemp("fiction-tree"))


@pytest.fixture(scope="session")
def fiction_site(tmp_path_factory, fiction_tree_dir) -> Path:
    return build(fiction_tree_dir, tmp_path_factory.mktemp("fiction") / "site", FICTION_SOURCES)


@pytest.fixture(scope="session")
def fiction_site_without_texts(tmp_path_factory, fiction_tree_dir) -> Path:
    return build(fiction_tree_dir, tmp_path_factory.mktemp("fiction-bare") / "site")
