"""``diplograph export``: the whole data graph, byte-identical across runs.

The bytes depend only on the data files and on the writer, so the output for
data that has not changed is kept in the cache (storecache.cached_text) when
the cache pays, and read back instead of parsed and written again.
"""

from pathlib import Path

from diplograph import rdfio
from diplograph.rdfwrite import FORMATS, serialize

__all__ = ["FORMATS", "export"]

# The modules whose source decides the bytes export writes.
_WRITER = ("rdfio.py", "rdfwrite.py", "canonical.py", "terms.py", "namespaces.py", "export.py")


def export(tree, fmt: str = "turtle") -> str:
    from diplograph import storecache

    data = rdfio.load_data(tree)
    if fmt not in FORMATS or not storecache.wanted(data.files):
        return serialize(data.triples, fmt)
    here = Path(__file__).parent
    return storecache.cached_text(data.files, f"export-{fmt}", [here / m for m in _WRITER],
                                  lambda: serialize(data.triples, fmt))
