"""Names that are not places in this document: people, ships, units and titles of works.

An account names generals, ships and units with the same capitalised words as towns:
"General Walton Walker", "HMS Jamaica", "the Republic of Korea Army (ROK)", "the film Pork
Chop Hill". The pack's ``spotting`` table says what introduces them (``person_title``,
``vessel_prefix``, ``person_pattern``, ``unit_after``, ``work_title``); a word once introduced
as a person or a ship is that person or ship wherever it stands bare later in the same
document ("Walker", "Jamaica", the infobox's "Nam Il").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warmap.languages.tags import own_pack
from warmap.model import Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.spans import SpanSet

# One word of a proper name: a capitalised word (MacArthur, O'Daniel, Il-sung) or an initial (A.).
NAME_WORD = re.compile(r"[ \u00a0]*([A-Z]\.|[A-Z][^\W_]*(?:['’-][^\W_]+)*)")
POSSESSIVE = ("'s", "’s")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # a page that glued two names: JamaicaRochester
UNIT_REACH = 80  # how far after a name the words making it a unit's name are looked for


@dataclass(frozen=True)
class _Rules:
    introducers: re.Pattern[str] | None  # person titles and vessel prefixes, one or more in a row
    persons: tuple[re.Pattern[str], ...]
    units: tuple[re.Pattern[str], ...]
    works: tuple[re.Pattern[str], ...]


@cache
def _rules(lang: str) -> _Rules:
    found = own_pack(lang)
    if found is None:
        return _Rules(None, (), (), ())
    words = found.words("spotting", "person_title") + found.words("spotting", "vessel_prefix")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    introducers = re.compile(rf"(?<![\w.])(?:(?:{alternatives})(?!\w)[ \u00a0]*)+") if words else None

    def patterns(kind: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in found.words("spotting", kind))

    return _Rules(introducers, patterns("person_pattern"), patterns("unit_after"), patterns("work_title"))


def _name_after(text: str, at: int) -> tuple[int, list[str]]:
    """The proper name that starts at ``at``: its end and its words (a possessive ends it)."""
    words: list[str] = []
    end = at
    while match := NAME_WORD.match(text, end):
        word = match.group(1)
        end = match.end()
        if word.endswith(POSSESSIVE):
            words.append(word[:-2])
            break
        words.append(word)
    return end, words


def _folded(words: list[str]) -> set[str]:
    """The matching forms of a name's words (glued names split), initials left out."""
    found = set()
    for word in words:
        for part in CAMEL.split(word.rstrip(".")):
            if len(part) > 1:
                found.add(normalize_name(part))
    return found


@dataclass
class ProperNames:
    """Where a document names people, ships, units and works, and the words of its people and ships."""

    spans: SpanSet
    words: set[str]


def proper_names(doc: Document) -> ProperNames:
    """Spans of the document that name no place, and the words its people and ships are called by."""
    rules = _rules(doc.lang)
    text = doc.text
    spans: list[tuple[int, int]] = []
    words: set[str] = set()
    if rules.introducers is not None:
        for match in rules.introducers.finditer(text):
            end, name = _name_after(text, match.end())
            if name:
                spans.append((match.end(), end))
                words |= _folded(name)
    for pattern in rules.persons:
        for match in pattern.finditer(text):
            spans.append(match.span())
            words |= _folded(match.group(0).split())
    for pattern in rules.works:
        for match in pattern.finditer(text):
            spans.append(match.span(1))
    return ProperNames(SpanSet(spans), words)


def _unit_tail(doc: Document, rules: _Rules, mention: Mention) -> tuple[int, int] | None:
    """The unit words after a name that is part of a unit's name (Republic of Korea Army (ROK))."""
    following = doc.text[mention.readable_end : mention.readable_end + UNIT_REACH]
    for pattern in rules.units:
        match = pattern.match(following)
        if match:
            return mention.readable_end, mention.readable_end + match.end()
    return None


def drop_proper_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """The mentions that are places: not inside a person's, ship's, unit's or work's name."""
    rules = _rules(doc.lang)
    if rules == _Rules(None, (), (), ()):
        return mentions
    names = proper_names(doc)
    units: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.evidence != "link":
            tail = _unit_tail(doc, rules, mention)
            if tail is not None:
                units.append((mention.readable_start, tail[1]))
    in_units = SpanSet(units)
    kept = []
    for mention in mentions:
        start, end = mention.readable_start, mention.readable_end
        if mention.evidence != "link":
            if names.spans.overlaps(start, end) or in_units.overlaps(start, end):
                continue
            surface = doc.text[start:end].split()
            if surface and all(normalize_name(word) in names.words for word in surface):
                continue
        kept.append(mention)
    return kept
