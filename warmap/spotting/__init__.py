"""Spotting: every place name a document gives, as Mentions with their gazetteer candidates.

Three kinds of evidence, strongest first: a wikilink whose target is a place
(``[[丹东市|安东]]`` — the target says which place, the shown text is the surface),
a Latin gloss in parentheses (``پوسان (Pusan)``), and gazetteer names matched in
running text all at once (Aho-Corasick over the matching form, longest match
wins). Running-text matches must survive the context checks in ``vocabulary``.
"""

from __future__ import annotations

import re

from warmap.model import Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.glosses import spot_glosses
from warmap.spotting.hills import spot_hills
from warmap.spotting.links import spot_links
from warmap.spotting.names import spot_names
from warmap.spotting.spans import SpanSet
from warmap.spotting.vocabulary import skipped_sections
from warmap.spotting.written_forms import with_written_forms
from warmap.wars import War

# Titles of works in 《》 or 「」-quoted book titles: names inside are part of a title.
TITLE_OF_WORK = re.compile(r"《[^《》\n]{1,80}》")

__all__ = ["spot"]


def spot(doc: Document, gazetteer, war: War | None = None) -> list[Mention]:
    """All place mentions of one document, ordered by position, without overlaps; ``war`` (the
    profile, default Korea) says which places are near enough to need no further evidence."""
    from_links, guarded, proper_names = spot_links(doc, gazetteer)
    titles = [(m.start(), m.end()) for m in TITLE_OF_WORK.finditer(doc.text)]
    guarded += titles
    in_titles = SpanSet(titles)
    # 《[[欢迎来到东莫村]]》: an unknown link inside a title of a work is the work, not a village.
    from_links = [
        m for m in from_links if m.candidates or not in_titles.overlaps(m.readable_start, m.readable_end)
    ]
    taken = [(m.readable_start, m.readable_end) for m in from_links]
    from_hills = spot_hills(doc, gazetteer, taken)
    taken += [(m.readable_start, m.readable_end) for m in from_hills]
    from_names = spot_names(doc, gazetteer, taken, guarded, proper_names)
    from_glosses, from_names = spot_glosses(doc, gazetteer, from_names)  # names a gloss follows, enriched
    glossed = {(m.start, m.end) for m in from_glosses}  # a Latin gloss a language reads as names is read once, as a gloss
    from_names = [m for m in from_names if (m.start, m.end) not in glossed]
    mentions = sorted(from_links + from_hills + from_names + from_glosses, key=lambda m: (m.start, -m.end))
    mentions = with_written_forms(doc, gazetteer, mentions, from_names, war)
    apparatus = _apparatus_spans(doc)
    return [m for m in _drop_overlaps(mentions) if not apparatus.overlaps(m.start, m.start + 1)]


def _apparatus_spans(doc: Document) -> SpanSet:
    """Source spans of notes/references/external-links sections, whose names are not the war's places."""
    skipped = skipped_sections()
    return SpanSet([(s.start, s.end) for s in doc.sections if normalize_name(s.title) in skipped])


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the first (longest at equal start) of overlapping mentions."""
    kept: list[Mention] = []
    last_end = -1
    for mention in mentions:
        if mention.start >= last_end:
            kept.append(mention)
            last_end = mention.end
    return kept
