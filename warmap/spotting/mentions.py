"""One way to make a Mention from a readable span, for every kind of evidence.

Whatever found the name (a link, a pattern, the gazetteer, a gloss), the
mention points at the source: its span and surface come from the document's
offset map, so ``source.text[start:end] == surface`` always holds.
"""

from __future__ import annotations

from typing import Any

from warmap.model import Candidate, Document, Mention

MARKUP_PAIRS = (("[[", "]]"), ("{{", "}}"), ("-{", "}-"))


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a wikitext span so no link, template or conversion markup is left half-open.

    "894高地" read from ``894[[高地|高地]]`` gives that whole markup as its surface,
    not the half-open ``894[[高地|高地``; a span that holds no markup is unchanged, so a
    name that is a link's shown text keeps the shown text as its surface.
    """
    surface = text[start:end]  # most names hold no markup, so no half of any pair:
    if "[" not in surface and "]" not in surface and "{" not in surface and "}" not in surface:
        return start, end
    for opener, closer in MARKUP_PAIRS:
        surface = text[start:end]
        while surface.count(opener) > surface.count(closer):
            close = text.find(closer, end)
            if close < 0:
                break
            end = close + len(closer)
            surface = text[start:end]
        while surface.count(closer) > surface.count(opener):
            open_at = text.rfind(opener, 0, start)
            if open_at < 0:
                break
            start = open_at
            surface = text[start:end]
    return start, end


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
    if doc.source.format == "wikitext":
        start, end = _balanced(doc.source.text, start, end)
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
