"""Claims from sentences that join an action word, a date and a place.

``9月15日，美軍…在仁川港大規模登陸`` and ``در ۱۰ اکتبر ۱۹۵۰ شهر پيونگ يانگ … را به
تصرف خود درآوردند`` both say: on a day, at a place, this happened. Trigger words
come from ``data/events-<lang>.json`` and are matched on Document.match_text, so
letter forms, scripts and missing ZWNJs do not matter. A trigger after a
hypothetical word (若, 建议, خواستار…) reports a plan, not an event, and is skipped.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.chronology.event_claims import (
    Claim,
    DocView,
    base_lang,
    fold,
    loose,
    loose_key,
    nearest_date,
    pick_places,
    source_ref,
    surface,
    title_for,
    vocabulary,
)
from warmap.model import Sentence


@cache
def _triggers(lang: str) -> tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """One regex over all trigger words and patterns; loose key of a word → type; patterns with types."""
    vocab = vocabulary(lang)
    word_types: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for entry in vocab["triggers"]:
        for word in entry.get("words", []):
            word_types.setdefault(loose_key(word), entry["type"])
        for pattern in entry.get("patterns", []):
            patterns.append((re.compile(fold(pattern)), entry["type"]))
    words = {loose(w) for entry in vocab["triggers"] for w in entry.get("words", [])}
    boundary = r"(?<![a-z])" if lang == "en" else ""
    end = r"(?![a-z])" if lang == "en" else ""
    alternation = "|".join(sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"{boundary}(?:{alternation}){end}"), word_types, patterns


@cache
def _context_rules(lang: str) -> list[tuple[frozenset[str], re.Pattern[str], str]]:
    """(loose keys of the trigger words, a regex of the context words, the type they make)."""
    return [
        (
            frozenset(loose_key(w) for w in rule["words"]),
            re.compile("|".join(loose(w) for w in rule["when"])),
            rule["type"],
        )
        for rule in vocabulary(lang).get("context_types", [])
    ]


def _hypothetical(view: DocView, lang: str, sentence: Sentence, at: int, end: int) -> bool:
    """Whether a plan-or-condition word stands shortly before the trigger in its clause (or 的计划 after it)."""
    vocab = vocabulary(lang)
    text = view.doc.text
    window = vocab["hypothetical_window"]
    start = at
    while start > max(sentence.start, at - window) and text[start - 1] not in vocab["clause_breaks"]:
        start -= 1
    stop = end
    while stop < min(sentence.end, end + window + 4) and text[stop] not in vocab["clause_breaks"]:
        stop += 1
    before, after = fold(text[start:at]), fold(text[end:stop])
    words_before, words_after = _hypothetical_words(lang)
    return any(w in before for w in words_before) or any(w in after for w in words_after)


@cache
def _hypothetical_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded plan-or-condition words (before a trigger, after it), folded once per language."""
    vocab = vocabulary(lang)
    return tuple(fold(w) for w in vocab["hypothetical"]), tuple(
        fold(w) for w in vocab.get("hypothetical_after", [])
    )


def _context_type(lang: str, kind: str, word: str, sentence_text: str) -> str:
    """A trigger's type refined by its sentence: 签署 next to 停战协定 is the armistice."""
    folded, key = fold(sentence_text), loose_key(word)
    for words, when, refined in _context_rules(lang):
        if key in words and when.search(folded):
            return refined
    return kind


def trigger_claims(view: DocView, years: range, center: tuple[float, float] | None = None) -> list[Claim]:
    """Every (trigger, date, place) a document's sentences tell."""
    doc, lang = view.doc, base_lang(view.doc.lang)
    pattern, word_types, extra = _triggers(lang)
    hits: list[tuple[int, int, str, str]] = []  # readable span, type, folded word
    for regex, fixed in [(pattern, None), *[(p, t) for p, t in extra]]:
        for m in regex.finditer(doc.match_text):
            start, end = doc.match_to_readable(m.start(), m.end())
            hits.append((start, end, fixed or word_types[loose_key(m.group(0))], m.group(0)))
    hits.sort()
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, int]] = set()
    breaks = vocabulary(lang)["clause_breaks"]
    for start, end, kind, word in hits:
        if kind == "ignore":
            continue
        index = view.sentence_index(start)
        if index is None:
            continue
        sentence = doc.sentences[index]
        date = nearest_date(view, sentence, start, breaks)
        if date is None or date.first.year not in years or date.first.month is None:
            continue  # a year alone ("1950年的…") dates a topic, not an action
        if _hypothetical(view, lang, sentence, start, end):
            continue
        kind = _context_type(lang, kind, word, doc.text[sentence.start : sentence.end])
        places = pick_places(view, sentence, (start, end), kind, breaks, center)
        place_sentence = sentence
        if not places and index + 1 < len(doc.sentences):
            following = doc.sentences[index + 1]  # "… was signed. The commission sat at Panmunjom."
            if not view.dates_in(following.start, following.end):
                places = pick_places(
                    view,
                    following,
                    (following.start, following.start),
                    kind,
                    breaks,
                    center,
                    focus=_places_before(view, index),
                )
                places = [m for m in places if m.place and m.place.feature != "country"]
                place_sentence = following
        if not places:
            continue
        main = places[0]
        assert main.place is not None
        key = (kind, main.place.place_id, date.first.iso(), index)
        if key in seen:
            continue
        seen.add(key)
        titles = {lang: title_for(lang, kind, surface(view, main))}
        if lang != "en":
            titles["en"] = title_for("en", kind, main.place.name)
        sources = [source_ref(view, sentence)]
        if place_sentence is not sentence:
            sources.append(source_ref(view, place_sentence))
        places_found = [m.place for m in places if m.place is not None]
        claims.append(Claim(doc.name, lang, kind, date.first, date.last, places_found, sources, titles))
    return claims


def _places_before(view: DocView, index: int) -> set[str]:
    """The places of the sentence before: what "the perimeter" or "the town" of a placeless sentence
    most likely refers to, preferred when the next sentence names it again."""
    if index == 0:
        return set()
    previous = view.doc.sentences[index - 1]
    return {m.place.place_id for m in view.mentions_in(previous.start, previous.end) if m.place}
