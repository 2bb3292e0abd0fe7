"""SPARQL text, tokenized: one tokenizer for every place that reads query text.

Stored-query headers, PREFIX completion, ORDER BY detection, parameter
binding and SERVICE detection all need to tell strings, IRIs and comments
apart from the query's own words; they share ``SPARQL_TOKEN``. Light on
purpose (``re`` only): it is on the fast path of ``diplograph query``.
"""

import re

SPARQL_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}<>,;.!=|&+*/\[\]"'^#-]*)
    | (?P<word>(?:[A-Za-z_][\w.-]*)?:(?:\\.|[^\s(){}<>,;"'\\#])*|[A-Za-z_]\w*)
    | (?P<punct>.)
    """,
    re.X | re.S,
)

_OPAQUE_KINDS = ("string", "iri", "comment")


def code_only(query_text: str) -> str:
    """The text with every string, IRI and comment blanked to one space."""
    return "".join(
        " " if m.lastgroup in _OPAQUE_KINDS else m.group()
        for m in SPARQL_TOKEN.finditer(query_text)
    )
