"""``diplograph export``: the whole data graph, byte-identical across runs."""

from diplograph import rdfio
from diplograph.rdfwrite import FORMATS, serialize

__all__ = ["FORMATS", "export"]


def export(tree, fmt: str = "turtle") -> str:
    return serialize(rdfio.load_data(tree).triples, fmt)
