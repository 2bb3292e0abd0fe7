"""The static linked-data site (``diplograph site``) and its server (``diplograph serve``).

One entry function per command: ``build_site`` and ``serve_site``. Templates
and the stylesheet ship inside this package (``templates/``, ``static/``); the
pages load nothing from the network.
"""


def build_site(tree, out_dir, sources_dir=None):
    from diplograph.site.build import build_site as build

    return build(tree, out_dir, sources_dir)


def serve_site(folder, host: str = "127.0.0.1", port: int = 8000, announce=print):
    from diplograph.site.server import serve_site as serve

    return serve(folder, host, port, announce)
