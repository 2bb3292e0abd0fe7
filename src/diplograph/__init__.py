"""diplograph: a linked-data knowledge graph of diplomatic summit facts.

Kept empty of imports on purpose: ``diplograph --help`` and ``diplograph query``
must start fast, so every command imports only what it needs.
"""
