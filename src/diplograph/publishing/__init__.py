"""Publishing the graph as linked data: named graphs, a dataset description, JSON-LD.

One entry function per command: ``describe`` (``diplograph describe``),
``export_dataset`` (``diplograph export``, which calls it for every format).
"""
