"""Gazetteer names in running text: all names matched at once, then the context says no.

One Aho-Corasick automaton per script holds every name key of the gazetteer;
``iter_long`` gives the leftmost-longest matches over the document's matching
form in one C-level pass. Each match then has to pass the checks a reader
would make: a whole word (for scripts with spaces), not an ordinary word that
a village happens to be called, not part of an army, newspaper or demonym,
and a place a text about this war could plausibly mean.
"""

from __future__ import annotations

import ahocorasick

from warmap.model import FEATURES, SETTLEMENTS, Candidate, Document, Mention
from warmap.spotting.mentions import mention_at
from warmap.spotting.spans import DisjointSpans, SpanSet
from warmap.spotting.vocabulary import QUALIFIERS, Vocabulary, vocabulary

# Which scripts' names are matched in a document of each language.
SCRIPTS_BY_LANG = {
    "zh": frozenset({"Han"}),
    "ja": frozenset({"Han"}),
    "ko": frozenset({"Hangul", "Han"}),
    "fa": frozenset({"Arabic"}),
    "ar": frozenset({"Arabic"}),
}
SPACED_SCRIPTS = {"Arabic", "Latin", "Hangul"}
# The war's theatre: any candidate here is plausible, whatever its size.
THEATRE = {"KR", "KP"}
NOT_SETTLEMENTS = set(FEATURES) - set(SETTLEMENTS)
# Outside the theatre a bare name must be a place people know: short names are
# too often ordinary words (三次, 北上) to let a small town anywhere claim them.
MIN_POPULATION_SHORT = 1_000_000
MIN_POPULATION_LONG = 100_000

_automata: dict[tuple[int, frozenset[str]], ahocorasick.Automaton] = {}


def base_lang(lang: str) -> str:
    return lang.split("-")[0].lower()


def scripts_for(lang: str) -> frozenset[str]:
    return SCRIPTS_BY_LANG.get(base_lang(lang), frozenset({"Latin"}))


def automaton_for(gazetteer, scripts: frozenset[str]) -> ahocorasick.Automaton:
    """The automaton of every name key in these scripts, built once per gazetteer."""
    key = (id(gazetteer), scripts)
    automaton = _automata.get(key)
    if automaton is None:
        automaton = ahocorasick.Automaton()
        for name in gazetteer.matching_names(set(scripts)):
            if name:
                automaton.add_word(name, name)
        if len(automaton) == 0:
            automaton.add_word("\x00", "\x00")  # an empty automaton cannot be searched
        automaton.make_automaton()
        _automata[key] = automaton
    return automaton


def plausible(candidates: list[Candidate], short: bool = False) -> bool:
    """Could a text about the war mean one of these places when it writes the name bare?"""
    threshold = MIN_POPULATION_SHORT if short else MIN_POPULATION_LONG
    for candidate in candidates:
        place = candidate.place
        if place.country in THEATRE or place.place_id.startswith(("curated:", "ne:")):
            return True
        if place.feature in NOT_SETTLEMENTS or place.population >= threshold:
            return True
    return False


def generated_text(doc: Document, start: int, end: int) -> bool:
    """Text a template made (the country name of ``{{USA}}``) is not in the source to point at."""
    source = doc.source.text
    return any(source[doc.offsets[i]] != doc.text[i] for i in range(start, end))


def _is_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _qualifier(doc: Document, vocab: Vocabulary, start: int, end: int) -> str | None:
    effect = vocab.effect_after(doc.match_text[end : end + 6])
    if effect in QUALIFIERS:
        return effect
    effect = vocab.effect_before(doc.match_text[max(0, start - 16) : start].rstrip())
    return effect if effect in QUALIFIERS else None


def spot_names(
    doc: Document,
    gazetteer,
    taken: list[tuple[int, int]],
    guarded: list[tuple[int, int]] = (),
    proper_names: list[tuple[int, int]] = (),
) -> list[Mention]:
    """Gazetteer names in the running text, outside the ``taken`` readable spans.

    Inside ``guarded`` spans (the shown text of links to organisations, treaties,
    people) a name counts only when the words after it make it a place again:
    a battle or conference named after it, or a phrase like 中华人民共和国政府.
    Inside ``proper_names`` (links whose shown text is the title of an article
    that is not a place: a person, a unit) only a name at the start can count.
    """
    scripts = scripts_for(doc.lang)
    vocab = vocabulary(base_lang(doc.lang))
    spaced = bool(scripts & SPACED_SCRIPTS)
    min_length = 1 if spaced else 2
    text = doc.match_text
    automaton = automaton_for(gazetteer, scripts)
    taken_spans, guarded_spans = SpanSet(taken), SpanSet(guarded)
    name_spans = DisjointSpans(proper_names)
    cache: dict[str, list[Candidate]] = {}
    mentions: list[Mention] = []
    for last, key in automaton.iter_long(text):
        start, end = last - len(key) + 1, last + 1
        if len(key.replace(" ", "")) < min_length or key in vocab.not_places:
            continue
        if spaced and not _is_word(text, start, end):
            continue
        effect = vocab.effect_after(text[end : end + vocab.longest_after])
        if effect == "not_place":
            continue
        readable_start, readable_end = doc.match_to_readable(start, end)
        if taken_spans.overlaps(readable_start, readable_end) or generated_text(doc, readable_start, readable_end):
            continue
        if effect not in ("event", "attributive") and guarded_spans.overlaps(readable_start, readable_end):
            continue
        if name_spans.strictly_inside(readable_start):
            continue  # 平山 inside the name of the person 张平山
        candidates = cache.get(key)
        if candidates is None:
            candidates = cache[key] = gazetteer.exact(key)
        short = len(key) <= (4 if spaced else 2)
        if not candidates or not plausible(candidates, short):
            continue
        qualifier = _qualifier(doc, vocab, start, end)
        mentions.append(
            mention_at(doc, readable_start, readable_end, key, candidates, "gazetteer", qualifier=qualifier)
        )
    return mentions
