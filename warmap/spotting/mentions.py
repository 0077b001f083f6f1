"""One way to make a Mention from a readable span, for every kind of evidence.

Whatever found the name (a link, a pattern, the gazetteer, a gloss), the
mention points at the source: its span and surface come from the document's
offset map, so ``source.text[start:end] == surface`` always holds.
"""

from __future__ import annotations

from typing import Any

from warmap.model import Candidate, Document, Mention


def mention_at(
    doc: Document,
    readable_start: int,
    readable_end: int,
    key: str,
    candidates: list[Candidate],
    evidence: str,
    **fields: Any,
) -> Mention:
    """A Mention of ``doc`` for the readable span [readable_start, readable_end)."""
    start, end = doc.source_span(readable_start, readable_end)
    return Mention(
        doc=doc.name,
        lang=doc.lang,
        start=start,
        end=end,
        surface=doc.source.text[start:end],
        key=key,
        readable_start=readable_start,
        readable_end=readable_end,
        candidates=candidates,
        evidence=evidence,
        **fields,
    )
