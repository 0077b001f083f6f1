"""Half the theatre named by a compass word: "invaded the south", تهاجم … برای تصرف منطقه جنوبی.

A text that tells the war's first attack often names its target only as "the south"
or "the southern region". The words are the language pack's (events table, kind
``compass``); whose land each half is, is the war profile's (``theatre.compass``).
The word counts only after the action word in its clause, where a target stands
(``در منطقه شمالی … تهاجم``, the attack from the northern region, is not aimed north).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from warmap.chronology.event_claims import DocView, clause_at
from warmap.chronology.event_vocabulary import vocabulary
from warmap.model import Mention, Place, ResolvedMention, Sentence


@cache
def _pattern(lang: str) -> re.Pattern[str] | None:
    """The pack's compass words, longest first, as whole words of the matching form."""
    words = vocabulary(lang).compass
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word, _ in sorted(words, key=lambda w: -len(w[0])))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def compass_target(
    view: DocView,
    lang: str,
    sentence: Sentence,
    anchor: tuple[int, int],
    breaks: str,
    territory: dict[str, Place],
) -> list[ResolvedMention]:
    """The land a compass word after the action word (in its clause) means, as a mention of it; or []."""
    pattern = _pattern(lang)
    if pattern is None or not territory:
        return []
    clause = clause_at(view.doc.text, sentence.start, sentence.end, anchor[0], breaks)
    end = clause[1] if clause is not None else sentence.end
    doc = view.doc
    low = bisect_left(doc.match_offsets, anchor[1])
    high = bisect_left(doc.match_offsets, end)
    directions = dict(vocabulary(lang).compass)
    for found in pattern.finditer(doc.match_text, low, high):
        place = territory.get(directions[found.group(0)])
        if place is None:
            continue
        start, stop = doc.match_to_readable(found.start(), found.end())
        source_start, source_end = doc.source_span(start, stop)
        mention = Mention(
            doc.name, doc.lang, source_start, source_end, doc.text[start:stop], place.name,
            readable_start=start, readable_end=stop, evidence="compass",
        )
        return [ResolvedMention(mention, place, 1.0, "war-profile")]
    return []


def territory(compass: tuple[tuple[str, str], ...]) -> dict[str, Place]:
    """The war profile's ``theatre.compass`` as gazetteer places (a direction whose id is unknown is left out)."""
    if not compass:
        return {}
    from warmap.chronology.event_linking import _gazetteer

    places = {direction: _gazetteer().get(place_id) for direction, place_id in compass}
    return {direction: place for direction, place in places.items() if place is not None}
