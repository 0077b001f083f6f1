"""Half the theatre named by a compass word: "invaded the south", تهاجم … برای تصرف منطقه جنوبی.

A text that tells the war's first attack often names its target only as "the south"
or "the southern region". The words are the language pack's (events table, kind
``compass``); whose land each half is, is the war profile's (``theatre.compass``).
The word counts only after the action word in its clause, where a target stands
(``در منطقه شمالی … تهاجم``, the attack from the northern region, is not aimed north),
or before it when an "until" word of the pack marks it as where the movement ended
(``تا مرز چین عقب راندند``, drove them back as far as the Chinese border).
The line between the halves (``divide``: مرز بین دو کره) is what a crossing crosses; the
theatre's land border with its neighbour (``frontier``: مرز چین, the Yalu for Korea) is
where an advance ends, or what a crossing crosses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from warmap.chronology.event_claims import DocView, clause_at
from warmap.chronology.event_places import bundled_gazetteer, pointless
from warmap.chronology.event_types import placed_broadly, scene
from warmap.chronology.event_vocabulary import base_lang, fold, vocabulary
from warmap.errors import InputError
from warmap.model import Mention, Place, ResolvedMention, Sentence
from warmap.wars import War
from warmap.wars.profile import PROFILE_FILE

DIVIDE = "divide"  # the compass word for the line between the halves (مرز دو کره, the border of the two Koreas)
FRONTIER = "frontier"  # the theatre's land border with its neighbour (مرز چین, the Chinese border)
LINES = (DIVIDE, FRONTIER)  # what a crossing may cross


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
    line: bool = False,
) -> list[ResolvedMention]:
    """The land a compass word after the action word (in its clause) means, as a mention of it; with
    ``line`` (a crossing), the line dividing the halves (``divide``: از مرز بین دو کره گذشتند) anywhere
    in the clause instead; or []."""
    pattern = _pattern(lang)
    if pattern is None or not territory:
        return []
    clause = clause_at(view.doc.text, sentence.start, sentence.end, anchor[0], breaks)
    begin, end = clause if clause is not None else (sentence.start, sentence.end)
    doc = view.doc
    words = vocabulary(lang)
    low = bisect_left(doc.match_offsets, begin)
    after = bisect_left(doc.match_offsets, anchor[1])
    high = bisect_left(doc.match_offsets, end)
    directions = dict(words.compass)
    goals = {fold(word) for word in words.until}
    for found in pattern.finditer(doc.match_text, low, high):
        direction = directions[found.group(0)]
        place = territory.get(direction)
        if place is None or (direction == DIVIDE and not line) or (direction not in LINES and line):
            continue
        before = doc.match_text[max(low, found.start() - 12) : found.start()].split()
        if not line and found.start() < after and not (before and before[-1] in goals):
            continue  # before the action and not its goal: where it came from
        start, stop = doc.match_to_readable(found.start(), found.end())
        source_start, source_end = doc.source_span(start, stop)
        mention = Mention(
            doc.name, doc.lang, source_start, source_end, doc.text[start:stop], place.name,
            readable_start=start, readable_end=stop, evidence="compass",
        )
        return [ResolvedMention(mention, place, 1.0, "war-profile")]
    return []


def compass_places(
    view: DocView,
    sentence: Sentence,
    anchor: tuple[int, int],
    kind: str,
    places: list[ResolvedMention],
    territory: dict[str, Place],
    center: tuple[float, float] | None,
) -> list[ResolvedMention]:
    """An action's places, or, when they say nothing of where (none, or the peninsula holding the whole
    theatre), the half its compass word aims an offensive at, or the line between the halves a
    crossing crosses."""
    lang = base_lang(view.doc.lang)
    breaks = vocabulary(lang).clause_breaks
    if placed_broadly(kind):  # a country named is an offensive's place already, unless only as its border
        if all(m.place is None or (m.place.feature != "country" and pointless(m.place, center)) for m in places):
            return compass_target(view, lang, sentence, anchor, breaks, territory) or places
        target = compass_target(view, lang, sentence, anchor, breaks, territory)
        if target and any(_within(m, target[0]) for m in places):
            return target  # تا مرز چین: the border, not China
    elif scene(kind) == "line" and all(m.place is None or pointless(m.place, center) for m in places):
        return compass_target(view, lang, sentence, anchor, breaks, territory, line=True) or places
    return places


def _within(place: ResolvedMention, phrase: ResolvedMention) -> bool:
    """Whether a place is named only inside a compass phrase (چین in مرز چین, the Chinese border)."""
    a, b = place.mention.readable_start, place.mention.readable_end
    return phrase.mention.readable_start <= a and b <= phrase.mention.readable_end


def territory(war: War) -> dict[str, Place]:
    """The war profile's ``theatre.compass`` as gazetteer places (an id the gazetteer lacks is an error
    naming the profile)."""
    if not war.compass:
        return {}
    places = {}
    for direction, place_id in war.compass:
        place = bundled_gazetteer().get(place_id)
        if place is None:
            raise InputError(str(war.folder / PROFILE_FILE), f"theatre.compass.{direction}: {place_id!r} is not in the gazetteer")
        places[direction] = place
    return places
