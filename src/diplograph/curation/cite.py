"""``diplograph cite``: one evidence annotation for exact words of a source.

The annotation is written the way every source file models evidence::

    evidence:{source-slug}-{NN} a oa:Annotation , dg:Evidence [, dg:Quotation] ;
        oa:motivatedBy dg:evidencing ;
        oa:hasBody … ;                      # what the words support, sorted
        dg:supportsProperty … ;             # with --supports
        oa:hasTarget [ a oa:SpecificResource ;
            oa:hasSource source:{source-slug} ;
            oa:hasSelector [ a oa:TextQuoteSelector ;
                oa:exact "…" ; oa:prefix "…" ; oa:suffix "…" ] ] .

with NN the next free number, appended at the end of the source's file (the
evidence comes last in every source file), so the file changes by exactly one
block and the same command on the same file always writes the same bytes.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from diplograph.curation import common
from diplograph.curation.quote import Selector, select
from diplograph.errors import InputError
from diplograph.namespaces import DG, mint


@dataclass(frozen=True)
class Cited:
    iri: str
    path: Path
    selector: Selector


class Evidence:
    """Evidence blocks for one source, numbered on from the file's last evidence id."""

    def __init__(self, tree, source: common.SourceFile, sources_dir):
        self.tree = tree
        self.source = source
        self.capture, self.text = common.read_capture(source, sources_dir)
        pattern = re.compile(rf"^evidence:{re.escape(source.slug)}-(\d+)\b", re.MULTILINE)
        numbers = [m.group(1) for m in pattern.finditer(source.text)]
        self.next = max((int(n) for n in numbers), default=0) + 1
        self.width = max([2, *(len(n) for n in numbers)])
        self.blocks: list[str] = []
        self.minted: list[str] = []

    def add(self, words: str, bodies: list[str], *, supports: list[str] = (),
            quotation: bool = False, occurrence: int | None = None) -> tuple[str, Selector]:
        """Check the words against the capture and plan one evidence block; its IRI."""
        where = self.capture.name
        selector = select(self.text, words, occurrence=occurrence, where=where)
        if not quotation and len(words) > common.MAX_EVIDENCE_QUOTE:
            raise InputError(
                f"the words are {len(words)} characters; evidence quotes at most "
                f"{common.MAX_EVIDENCE_QUOTE} (only a quotation of a statement may be longer)",
                hint="cite the clause that reports the fact, or use --quotation-of STATEMENT")
        iri = mint("evidence", f"{self.source.slug}-{self.next:0{self.width}d}")
        self.next += 1
        self.minted.append(iri)
        types = ["oa:Annotation", "dg:Evidence"] + (["dg:Quotation"] if quotation else [])
        block = common.Block(common.compact(iri), types)
        block.add("oa:motivatedBy", "dg:evidencing")
        bodies = sorted(dict.fromkeys(common.compact(b) for b in bodies))
        block.add("oa:hasBody", *bodies, one_per_line=True)
        block.add("dg:supportsProperty",
                  *sorted(dict.fromkeys(common.compact(p) for p in supports)))
        text = block.text()
        selector_lines = [f"oa:exact {common.literal(selector.exact)}"]
        if selector.prefix:
            selector_lines.append(f"oa:prefix {common.literal(selector.prefix)}")
        if selector.suffix:
            selector_lines.append(f"oa:suffix {common.literal(selector.suffix)}")
        target = (
            f"    oa:hasTarget [ a oa:SpecificResource ;\n"
            f"        oa:hasSource {common.compact(self.source.iri)} ;\n"
            f"        oa:hasSelector [ a oa:TextQuoteSelector ;\n            "
            + " ;\n            ".join(selector_lines) + " ] ] ."
        )
        self.blocks.append(text[:-2] + " ;\n" + target)
        return iri, selector

    def written(self, text: str) -> str:
        """The source file's text with the planned evidence appended."""
        return common.append_blocks(text, self.blocks)


def cite(tree, source: str, words: str, *, about: list[str], supports: list[str] = (),
         quotation_of: str | None = None, occurrence: int | None = None,
         sources_dir=None) -> Cited:
    """Append one evidence annotation (a dg:Quotation with ``quotation_of``) to a source.

    ``source`` names the source (``source:slug``, its IRI, slug or file);
    ``about`` the resources the words support (IRIs or exact names), each one
    the graph describes; ``supports`` properties (dg:supportsProperty) the
    words support; ``quotation_of`` a dg:Statement the words render verbatim
    (then ``about`` may be empty). ``sources_dir`` is the folder of captures.
    InputError, and no file touched, for anything that does not check out.
    """
    if not about and not quotation_of:
        raise InputError("say what the words are evidence for: --about IRI or "
                         "--quotation-of STATEMENT")
    found = common.source_file(tree, source)
    bodies = [common.resolve(tree, ref, what="resource", option="--about") for ref in about]
    if quotation_of:
        statements = tuple(sorted(common.subclasses(tree, DG.Statement)))
        bodies.append(common.resolve(tree, quotation_of, what="statement",
                                     option="--quotation-of", types=statements))
    properties = [common.resolve(tree, ref, what="property", option="--supports",
                                 types=common.PROPERTY_TYPES) for ref in supports]
    planned = Evidence(tree, found, sources_dir)
    iri, selector = planned.add(words, bodies, supports=properties,
                                quotation=bool(quotation_of), occurrence=occurrence)
    common.write_files({found.path: planned.written(found.text)})
    return Cited(iri, found.path, selector)
