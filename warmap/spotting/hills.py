"""Numbered hills: 983高地, Hill 303, تپه ۳۰۳ — named by their height, not in any list.

The patterns are the ``hill_pattern`` rows of each language pack's ``spotting`` table. A hill the gazetteer knows
("Hill 303") is resolved there; the others stay as mentions with no candidate,
for the geocoder fallback or ``unresolved.csv``.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.languages.tags import own_pack
from warmap.model import Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.mentions import mention_at
from warmap.spotting.spans import SpanSet


@cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    found = own_pack(lang)
    rows = found.rows("spotting", "hill_pattern") if found else ()
    # Matched on the matching form: ASCII digits, folded letters, lower case.
    return [(re.compile(r.text, re.IGNORECASE), r.value) for r in rows]


def spot_hills(doc: Document, gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of numbered hills, matched on the document's matching form."""
    mentions = []
    occupied = SpanSet(taken)
    for pattern, template in _patterns(doc.lang):
        for match in pattern.finditer(doc.match_text):
            start, end = doc.match_to_readable(match.start(), match.end())
            if occupied.overlaps(start, end):
                continue
            height = match.group(1)
            name = template.format(str(round(float(height))))
            candidates = gazetteer.exact(normalize_name(name))
            mentions.append(mention_at(doc, start, end, name, candidates, "pattern"))
    return mentions
