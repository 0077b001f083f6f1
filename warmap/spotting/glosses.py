"""Latin glosses in parentheses: ``پوسان (Pusan)``, ``پانمونجوم (Panmunjom)``.

A writer who glosses a name tells us how it is romanised, which the gazetteer
knows far better than it knows Persian spellings. The gloss is a mention of its
own, and it names the place of the native word(s) just before it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from warmap.languages.tags import pack_writing
from warmap.model import Candidate, Document, Mention
from warmap.spotting.mentions import mention_at
from warmap.spotting.names import plausible
from warmap.spotting.vocabulary import latin_words

GLOSS = re.compile(r"\(\s*([A-Za-z][A-Za-z'’.\- ]{1,48}?)\s*\)")
WORD = re.compile(r"\w+", re.UNICODE)
TRUSTED_HOW = {"exact", "normalised", "fuzzy"}
MIN_FUZZY_SCORE = 0.9


@cache
def _generic_words() -> tuple[str, ...]:
    return tuple(latin_words("gloss_generic"))


@cache
def _gloss_lang() -> str | None:
    """A gloss is in Latin letters: it is looked up as the names of the pack that writes them."""
    writer = pack_writing("Latin")
    return writer.code if writer else None


def _gloss_candidates(gazetteer, gloss: str) -> list[Candidate]:
    candidates = [c for c in gazetteer.lookup(gloss, lang=_gloss_lang()) if c.how in TRUSTED_HOW]
    candidates = [c for c in candidates if c.how != "fuzzy" or c.score >= MIN_FUZZY_SCORE]
    if not candidates:  # "(Changjin)" for the Changjin Reservoir: the gloss drops the generic word
        for word in _generic_words():
            found = [c for c in gazetteer.lookup(f"{gloss} {word}", lang=_gloss_lang()) if c.how in ("exact", "normalised")]
            if found:
                candidates = found
                break
    return candidates if plausible(candidates) else []


def _glosses_part(native: Mention, gloss: str) -> bool:
    """Whether a gloss romanises only part of a longer native name the gazetteer already knows."""
    return bool(native.candidates) and len(native.key.split()) > len(gloss.split())


def spot_glosses(doc: Document, gazetteer, names: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(mentions for glosses that name places, ``names`` with each native name a gloss follows enriched).

    ``names`` is left as it was: an enriched name is a new Mention in the second list.
    """
    if doc.source.format == "wikitext":
        return [], names  # wikitext glosses are {{lang}} templates, read as links
    by_end = {m.readable_end: m for m in names}
    enriched: dict[int, Mention] = {}  # readable end → the enriched copy of by_end's name there
    found: list[Mention] = []
    for match in GLOSS.finditer(doc.text):
        gloss = match.group(1).strip()
        candidates = _gloss_candidates(gazetteer, gloss)
        if not candidates:
            continue
        found.append(mention_at(doc, match.start(1), match.start(1) + len(gloss), gloss, candidates, "gloss", gloss=gloss))
        before = doc.text[: match.start()].rstrip()
        native = enriched.get(len(before)) or by_end.get(len(before))
        if native is not None:
            chosen = {c.place.place_id for c in candidates}
            kept = native.candidates
            if not _glosses_part(native, gloss) or chosen & {c.place.place_id for c in native.candidates}:
                kept = candidates + [c for c in native.candidates if c.place.place_id not in chosen]
            # محدوده پوسان (Pusan): a gloss naming the city inside the perimeter's name keeps its candidates
            native = replace(native, gloss=gloss, evidence="gazetteer+gloss", candidates=kept)
            enriched[len(before)] = native
            continue
        words = list(WORD.finditer(before[-80:]))
        count = min(len(gloss.split()), len(words))
        if count == 0:
            continue
        offset = len(before) - len(before[-80:])
        start = offset + words[-count].start()
        found.append(mention_at(doc, start, len(before), gloss, candidates, "gloss", gloss=gloss))
    return found, [enriched.get(m.readable_end, m) if by_end[m.readable_end] is m else m for m in names]
