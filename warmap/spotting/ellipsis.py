"""Names a cased language shortens or inflects: "North and South Korea", "the two Koreas", "Seoul's".

A writer who joins two names sharing their last words writes those words once: the first
name is its first word and the shared words (``conjunction`` rows of the pack say which
words join them). A plural of a country or region name (``plural_suffix`` rows) names
that country or region ("the two Koreas"); a plural of a town is rarely one ("the
Gloucesters" are a regiment). A plural of a two-word name of a river, beach or other
feature is the shared head of the names before it ("the Red and Green Beaches", "the Nam
and Naktong Rivers"). A possessive (``possessive_suffix`` rows) is its name: the
matching form drops apostrophes, so "Seoul's" would otherwise read as one unknown word.
"""

from __future__ import annotations

import re

from warmap.languages.tags import own_pack
from warmap.model import Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.mentions import mention_at
from warmap.spotting.names import plausible
from warmap.spotting.spans import SpanSet

WORD = r"[A-Z][^\W\d_]*"
REGION_FEATURES = {"country", "region"}
HEAD_FEATURES = {"river", "lake", "mountain", "island", "line", "site", "sea"}  # a shared plural head names these


def _words(lang: str, kind: str) -> list[str]:
    found = own_pack(lang)
    return found.words("spotting", kind) if found is not None and found.has_case else []


def _shared_heads(doc: Document, gazetteer, names: list[Mention], occupied: SpanSet) -> list[Mention]:
    conjunctions = _words(doc.lang, "conjunction")
    if not conjunctions:
        return []
    joined = "|".join(re.escape(w) for w in conjunctions)
    before = re.compile(rf"(?<![\w-])({WORD})\s+(?:{joined})\s+$")
    found = []
    for mention in names:
        words = doc.text[mention.readable_start : mention.readable_end].split()
        if len(words) < 2:
            continue
        match = before.search(doc.text[max(0, mention.readable_start - 40) : mention.readable_start])
        if match is None:
            continue
        start = mention.readable_start - (len(match.string) - match.start(1))
        end = start + len(match.group(1))
        if occupied.overlaps(start, end):
            continue
        key = normalize_name(" ".join([match.group(1), *words[1:]]))
        candidates = gazetteer.exact(key)
        if not candidates and len(mention.key.split()) == len(words):  # a plural head: "Green Beaches"
            key = normalize_name(" ".join([match.group(1), *mention.key.split()[1:]]))
            candidates = gazetteer.exact(key)
        if candidates and plausible(candidates):
            found.append(mention_at(doc, start, end, key, candidates, "gazetteer"))
    return found


def _plural_heads(doc: Document, gazetteer, occupied: SpanSet) -> list[Mention]:
    """Two-word names of features written with a plural head: "Green Beaches" in "the Red and Green Beaches"."""
    found = []
    for suffix in _words(doc.lang, "plural_suffix"):
        for match in re.finditer(rf"(?<![\w-])({WORD}) ({WORD}){re.escape(suffix)}(?![\w-])", doc.text):
            if occupied.overlaps(match.start(), match.end()):
                continue
            key = normalize_name(f"{match.group(1)} {match.group(2)}")
            candidates = [c for c in gazetteer.exact(key) if c.place.feature in HEAD_FEATURES]
            if candidates and plausible(candidates):
                found.append(mention_at(doc, match.start(), match.end(), key, candidates, "gazetteer"))
    return found


def _plurals(doc: Document, gazetteer, occupied: SpanSet) -> list[Mention]:
    found = []
    for suffix in _words(doc.lang, "plural_suffix"):
        for match in re.finditer(rf"(?<![\w-])({WORD}){re.escape(suffix)}(?![\w-])", doc.text):
            if occupied.overlaps(match.start(), match.end()):
                continue
            key = normalize_name(match.group(1))
            candidates = [c for c in gazetteer.exact(key) if c.place.feature in REGION_FEATURES]
            if candidates and plausible(candidates):
                found.append(mention_at(doc, match.start(), match.end(), key, candidates, "gazetteer"))
    return found


def _possessives(doc: Document, gazetteer) -> list[Mention]:
    found = []
    for suffix in _words(doc.lang, "possessive_suffix"):
        pattern = rf"(?<![\w-])((?:{WORD}[ -])*{WORD}){re.escape(suffix)}(?![\w-])"
        for match in re.finditer(pattern, doc.text):
            words = list(re.finditer(r"[^ -]+", match.group(1)))
            for first in words:  # the longest name that ends the words: "Pusan Perimeter's", "General Walker's"
                start, end = match.start(1) + first.start(), match.end(1)
                key = normalize_name(doc.text[start:end])
                candidates = gazetteer.exact(key)
                if candidates and plausible(candidates):  # a shorter name found inside it loses the overlap
                    found.append(mention_at(doc, start, end, key, candidates, "gazetteer"))
                    break
    return found


def spot_ellipses(doc: Document, gazetteer, names: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """First names of shared-head pairs, plurals of countries and regions, possessives, outside ``taken``."""
    occupied = SpanSet(taken)
    heads = [m for m in _plural_heads(doc, gazetteer, occupied) if _shares_a_head(doc, m)]
    found = _shared_heads(doc, gazetteer, names + heads, occupied) + _plurals(doc, gazetteer, occupied)
    return found + heads + _possessives(doc, gazetteer)


def _shares_a_head(doc: Document, mention: Mention) -> bool:
    """Whether a conjunction stands before the plural head's first word ("Red and Green Beaches")."""
    joined = "|".join(re.escape(w) for w in _words(doc.lang, "conjunction"))
    before = doc.text[max(0, mention.readable_start - 40) : mention.readable_start]
    return bool(joined) and re.search(rf"(?<![\w-]){WORD}\s+(?:{joined})\s+$", before) is not None
