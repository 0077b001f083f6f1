"""Links first: a link to a place article says which place is meant.

``[[丹东市|安东]]`` means Dandong whatever the shown text says, and
``[[九州_(日本)|九州]]`` carries its disambiguator as a hint. Links to battle
articles (``[[长津湖战役|…]]``) are left to running-text matching, which finds the
place inside the shown title; links to anything else are not places.
"""

from __future__ import annotations

from functools import lru_cache

from warmap.model import Candidate, Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.mentions import mention_at
from warmap.spotting.names import generated_text
from warmap.spotting.vocabulary import vocabulary

# A link target resolves as a place only through these lookups (no fuzzy guesses).
TRUSTED_HOW = {"exact", "normalised", "bridge"}
# A library links the same targets, hints and shown texts in every article: fold each once.
_folded = lru_cache(maxsize=1 << 16)(normalize_name)


def link_candidates(gazetteer, target: str, lang: str) -> list[Candidate]:
    """Gazetteer candidates for a link target, or [] when the target is not a place article."""
    if not target.strip() or len(target) > 200:
        return []
    key = normalize_name(target)
    candidates = [c for c in gazetteer.lookup(target, lang=lang) if c.how in TRUSTED_HOW]
    if not candidates:  # "平壤直辖市" style targets fall back on the exact key
        candidates = gazetteer.exact(key)
    # The Hanja bridge reads any two characters as some Korean place (机械 → 기계 → Kigye):
    # a link to a two-character article must name the place itself, not through the bridge.
    if len(key) <= 2:
        candidates = [c for c in candidates if c.how != "bridge"]
    return candidates


def spot_links(
    doc: Document, gazetteer
) -> tuple[list[Mention], list[tuple[int, int]], list[tuple[int, int]]]:
    """One mention per link whose target is a place, spanning the shown text.

    Also returns the readable spans of links whose disambiguator says they are
    not places (``北纬38度线_(电影)``, a film): names inside them are guarded;
    and of links showing the very title of an article that is not a place
    (``[[张平山]]``, a person): a proper name, not to be read for places inside.
    """
    vocab = vocabulary(doc.lang)
    mentions: list[Mention] = []
    guarded: list[tuple[int, int]] = []
    proper_names: list[tuple[int, int]] = []
    cache: dict[str, tuple[str, list[Candidate], bool]] = {}  # target → key, candidates, a place?
    for link in doc.links:
        if link.readable_start is None or link.readable_end is None:
            continue
        if link.readable_end <= link.readable_start:
            continue
        if generated_text(doc, link.readable_start, link.readable_end):
            continue  # {{USA}}: the shown name is not in the source to point at
        if link.hint and vocab.hints.get(_folded(link.hint)) == "not_place":
            guarded.append((link.readable_start, link.readable_end))
            continue
        target = link.target
        if target not in cache:
            key = _folded(target)
            candidates = link_candidates(gazetteer, target, doc.lang)
            cache[target] = (key, candidates, bool(candidates) or _looks_like_place(key, vocab))
        key, candidates, a_place = cache[target]
        if not a_place:
            if _folded(link.shown) == key:
                proper_names.append((link.readable_start, link.readable_end))
            continue  # not a place article: names inside are judged as running text
        mentions.append(
            mention_at(
                doc,
                link.readable_start,
                link.readable_end,
                target,
                candidates,
                "link",
                link_target=target,
                link_hint=link.hint,
            )
        )
    return mentions, guarded, proper_names


def _looks_like_place(key: str, vocab) -> bool:
    """An unknown link target named like a place (柳潭里, 漢江大橋): worth geocoding."""
    if key.endswith(vocab.event_suffixes + vocab.organisation_suffixes):
        return False
    return vocab.place_feature(key) is not None
