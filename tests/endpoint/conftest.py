"""The endpoint tests' own fixture graph; the Oxigraph server fixtures are in tests/conftest.py."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
