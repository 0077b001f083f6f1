"""The plain-text reader: the text is its own readable form, so the offset map is the identity."""

from __future__ import annotations

from warmap.model import Document, Source
from warmap.reading.normalize import match_form
from warmap.reading.sentences import split_sentences


def read_plaintext(source: Source) -> Document:
    """Source → Document: identity offsets, matching form, sentences."""
    text = source.text
    match_text, match_offsets = match_form(text)
    return Document(
        source=source,
        text=text,
        offsets=list(range(len(text) + 1)),
        match_text=match_text,
        match_offsets=match_offsets,
        sentences=split_sentences(text, source.lang),
    )
