"""Engines behind the commands that have a fast path besides the reference one.

``fast_shacl``: SHACL compiled to SPARQL and run on pyoxigraph (``validate``'s
default; pySHACL stays the reference, ``validate --engine pyshacl``).
"""
