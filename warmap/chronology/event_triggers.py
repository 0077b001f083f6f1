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
    clause_spans,
    dating,
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


def negated(view: DocView, lang: str, sentence: Sentence, at: int, end: int) -> bool:
    """Whether the clause says the action did not happen: a negation shortly before the trigger
    (未能攻占, 阻止了志願軍向漢城推進, failed to take, نتوانستند … تصرف کنند) or a failure after it
    (the advance stopped short of …)."""
    vocab = vocabulary(lang)
    before_words, after_words = _negation_words(lang)
    if not before_words and not after_words:
        return False
    text, window, breaks = view.doc.text, vocab.get("negation_window", 12), vocab["clause_breaks"]
    start = at
    while start > max(sentence.start, at - window) and text[start - 1] not in breaks:
        start -= 1
    stop = end
    while stop < min(sentence.end, end + window) and text[stop] not in breaks:
        stop += 1
    before, after = fold(text[start:at]), fold(text[end:stop])
    if lang == "en":
        before, after = f" {before} ", f" {after} "
    return any(w in before for w in before_words) or any(w in after for w in after_words)


@cache
def _negation_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    vocab = vocabulary(lang)
    pad = (lambda w: f" {w} ") if lang == "en" else (lambda w: w)
    return tuple(pad(fold(w)) for w in vocab.get("negations", [])), tuple(
        pad(fold(w)) for w in vocab.get("negations_after", [])
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
    acting: dict[int | None, set[str]] = {}  # sentence → the kinds of action it tells
    for start, _, kind, _ in hits:
        if kind != "ignore":
            acting.setdefault(view.sentence_index(start), set()).add(kind)
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, int]] = set()
    breaks = vocabulary(lang)["clause_breaks"]
    silenced: list[tuple[int, int]] = []  # clauses whose action the text negates: their places are its
    for start, end, kind, _ in hits:
        index = view.sentence_index(start)
        if kind != "ignore" and index is not None:
            sentence = doc.sentences[index]
            if negated(view, lang, sentence, start, end):
                silenced += [
                    c
                    for c in clause_spans(doc.text, sentence.start, sentence.end, breaks)
                    if c[0] <= start < c[1]
                ]
    anaphor = _anaphors(lang)
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
        if _hypothetical(view, lang, sentence, start, end) or negated(view, lang, sentence, start, end):
            continue
        kind = _context_type(lang, kind, word, doc.text[sentence.start : sentence.end])
        places = pick_places(view, sentence, (start, end), kind, breaks, center, avoid=silenced)
        place_sentence = sentence
        if (
            not places
            and index > 0
            and anaphor is not None
            and anaphor.search(fold(doc.text[sentence.start : sentence.end]))
        ):
            # "… از این تپه عقب نشینی کردند", "美軍最終撤離該高地": the place the sentence before names
            previous = doc.sentences[index - 1]
            places = pick_places(view, previous, (previous.end, previous.end), kind, breaks, center)
            places = [m for m in places if m.place and m.place.feature != "country"]
            place_sentence = previous
        if not places and index + 1 < len(doc.sentences):
            following = doc.sentences[index + 1]  # "… was signed. The commission sat at Panmunjom."
            # a sentence that tells another kind of action is not the scene of this one
            told = acting.get(index + 1, {kind})
            if not view.dates_in(following.start, following.end) and kind in told:
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
        first, last, closing = dating(view, sentence, start, date, breaks)
        claims.append(
            Claim(doc.name, lang, kind, first, last, places_found, sources, titles, closing=closing)
        )
    return claims


@cache
def _anaphors(lang: str) -> re.Pattern[str] | None:
    """Words that point back to a place just named (該高地, این تپه, the hill), folded."""
    words = vocabulary(lang).get("anaphors")
    if not words:
        return None
    edge = r"(?<![a-z])" if lang == "en" else ""
    return re.compile(edge + "(?:" + "|".join(loose(w) for w in words) + ")")


def _places_before(view: DocView, index: int) -> set[str]:
    """The places of the sentence before: what "the perimeter" or "the town" of a placeless sentence
    most likely refers to, preferred when the next sentence names it again."""
    if index == 0:
        return set()
    previous = view.doc.sentences[index - 1]
    return {m.place.place_id for m in view.mentions_in(previous.start, previous.end) if m.place}
