"""Names joined by hyphens or dashes: "the Yoju-Wonju-Yongwol line", "Hoengsong–Wonju".

The matching form drops hyphens (so that Chipyong-ni and Chipyongni are one key), which
glues a chain of names into one word that no name matches whole. In a language whose
capitals mark names, a chain of capitalised words is read part by part, and it names
places only when every part is a place the war's texts may mean.
"""

from __future__ import annotations

import re

from warmap.languages.tags import own_pack
from warmap.model import Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.mentions import mention_at
from warmap.spotting.names import plausible
from warmap.spotting.spans import SpanSet

PART = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)*"
CHAIN = re.compile(rf"(?<![\w-]){PART}(?:\s?[-‐‑–—]\s?{PART})+(?![\w-])")
JOIN = re.compile(r"\s?[-‐‑–—]\s?")


def spot_chains(doc: Document, gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    """A mention for every part of a chain whose parts are all places."""
    found = own_pack(doc.lang)
    if found is None or not found.has_case:
        return []
    occupied = SpanSet(taken)
    mentions: list[Mention] = []
    for match in CHAIN.finditer(doc.text):
        if occupied.overlaps(match.start(), match.end()):
            continue
        parts, at = [], match.start()
        for piece in JOIN.split(match.group(0)):
            start = doc.text.index(piece, at)
            parts.append((start, start + len(piece), piece))
            at = start + len(piece)
        looked_up = [(start, end, gazetteer.exact(normalize_name(piece))) for start, end, piece in parts]
        if not all(candidates and plausible(candidates) for _, _, candidates in looked_up):
            continue
        for start, end, candidates in looked_up:
            mentions.append(mention_at(doc, start, end, normalize_name(doc.text[start:end]), candidates, "gazetteer"))
    return mentions
