"""Places far from the war need strong evidence in a language whose capitals mark names.

In a cased language every surname, ship and unit is capitalised like a town, and the
gazetteer holds the world's larger towns: "MacArthur" is an old name of Ormoc, "Surprise"
and "Clovis" are towns in the United States, "the Gettysburg of the Korean War" a metaphor.
A candidate outside the war's wider region (the profile's ``region``) is kept only on
strong evidence: a link, a country or another named feature that is no settlement, a capital,
a city of a million, or its country named in the same sentence (Geneva … in Switzerland). A word
written in lower case is never a far place ("the surprise attack").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from warmap.gazetteer.geonames import capitals
from warmap.languages.tags import own_pack
from warmap.model import FEATURES, SETTLEMENTS, Candidate, Document, Mention
from warmap.wars import War, load_war

NAMED_FEATURES = set(FEATURES) - set(SETTLEMENTS)  # countries, seas, islands, regions…
MIN_POPULATION_FAR = 1_000_000
TRUSTED_EVIDENCE = ("link", "pattern")


def _near(war: War, candidate: Candidate) -> bool:
    place = candidate.place
    return place.country in war.countries or war.in_region(place.lon, place.lat)


def _sentence_of(doc: Document) -> Callable[[int], int]:
    """The index of the sentence a readable offset lies in."""
    starts = [s.start for s in doc.sentences]

    def sentence(position: int) -> int:
        return bisect_right(starts, position) - 1

    return sentence


def _countries_by_sentence(mentions: list[Mention], sentence: Callable[[int], int]) -> set[tuple[int, str]]:
    """(sentence, country code) for every country the document names."""
    named = set()
    for mention in mentions:
        for candidate in mention.candidates:
            if candidate.place.feature == "country" and candidate.place.country:
                named.add((sentence(mention.readable_start), candidate.place.country))
    return named


def _strong(candidate: Candidate, in_sentence: set[str]) -> bool:
    place = candidate.place
    return (
        place.feature in NAMED_FEATURES
        or place.population >= MIN_POPULATION_FAR
        or (place.country, place.name) in capitals()
        or place.country in in_sentence
    )


def keep_far_on_evidence(doc: Document, mentions: list[Mention], war: War | None = None) -> list[Mention]:
    """The mentions with their far candidates kept only on strong evidence (cased languages only)."""
    found = own_pack(doc.lang)
    if found is None or not found.has_case:
        return mentions
    war = war or load_war()
    sentence = _sentence_of(doc)
    countries = _countries_by_sentence(mentions, sentence)
    kept = []
    for mention in mentions:
        if mention.evidence in TRUSTED_EVIDENCE or not mention.candidates:
            kept.append(mention)
            continue
        surface = doc.text[mention.readable_start : mention.readable_end]
        capitalised = surface[:1].isupper()
        at = sentence(mention.readable_start)
        in_sentence = {code for index, code in countries if index == at}
        chosen = [
            c for c in mention.candidates if _near(war, c) or (capitalised and _strong(c, in_sentence - {None}))
        ]
        if not chosen:
            continue
        mention.candidates = chosen
        kept.append(mention)
    return kept
