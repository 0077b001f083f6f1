"""Claims from sentences that join an action word, a date and a place.

``9月15日，美軍…在仁川港大規模登陸`` and ``در ۱۰ اکتبر ۱۹۵۰ شهر پيونگ يانگ … را به
تصرف خود درآوردند`` both say: on a day, at a place, this happened. Trigger words
come from the language pack's ``events.csv`` and are matched on Document.match_text, so
letter forms, scripts and missing ZWNJs do not matter. A trigger after a
hypothetical word (若, 建议, خواستار…) reports a plan, not an event, and is skipped.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from functools import cache

from warmap.chronology.event_claims import (
    FAMILIES,
    Claim,
    ClauseIndex,
    DocView,
    clause_at,
    source_ref,
    surface,
)
from warmap.chronology.event_compass import compass_places
from warmap.chronology.event_dates import bounding_dates, dating, nearest_date
from warmap.chronology.event_places import pick_places, pointless
from warmap.chronology.event_references import (
    anaphor_pattern,
    named_before,
    object_ok,
    places_before,
    relative_antecedent,
)
from warmap.chronology.event_types import placed_broadly, placeless_families
from warmap.chronology.event_vocabulary import (
    base_lang,
    common_titles,
    fold,
    loose,
    loose_key,
    title_for,
    vocabulary,
)
from warmap.model import Place, ResolvedMention, Sentence

PLACELESS_FAMILIES = placeless_families()  # one armistice ends a war, wherever each sentence puts it


@cache
def _triggers(lang: str) -> tuple[re.Pattern[str], dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """One regex over all trigger words and patterns; loose key of a word → type; patterns with types."""
    vocab = vocabulary(lang)
    word_types: dict[str, str] = {}
    for word, kind in vocab.actions:
        word_types.setdefault(loose_key(word), kind)
    patterns = [(re.compile(fold(pattern)), kind) for pattern, kind in vocab.action_patterns]
    words = {loose(w) for w, _ in vocab.actions}
    boundary, end = vocab.edges()
    alternation = "|".join(sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"{boundary}(?:{alternation}){end}"), word_types, patterns


@cache
def _context_rules(lang: str) -> list[tuple[frozenset[str], re.Pattern[str], str]]:
    """(loose keys of the trigger words, a regex of the context words, the type they make)."""
    return [
        (
            frozenset(loose_key(w) for w in actions),
            re.compile("|".join(loose(w) for w in context)),
            refined,
        )
        for actions, context, refined in vocabulary(lang).refinements
    ]


def _around(
    view: DocView, sentence: Sentence, at: int, end: int, reach: tuple[int, int], breaks: str
) -> tuple[str, str]:
    """The folded words of the trigger's clause within ``reach`` characters before ``at`` and after ``end``."""
    text = view.doc.text
    start = at
    while start > max(sentence.start, at - reach[0]) and text[start - 1] not in breaks:
        start -= 1
    stop = end
    while stop < min(sentence.end, end + reach[1]) and text[stop] not in breaks:
        stop += 1
    return view.folded(start, at), view.folded(end, stop)


def hypothetical(view: DocView, lang: str, sentence: Sentence, at: int, end: int) -> bool:
    """Whether a plan-or-condition word stands shortly before the trigger in its clause (or 的计划 after it)."""
    vocab = vocabulary(lang)
    window = vocab.plan_window
    before, after = _around(view, sentence, at, end, (window, window + 4), vocab.clause_breaks)
    words_before, words_after = _hypothetical_words(lang)
    return any(w in before for w in words_before) or any(w in after for w in words_after)


def names_a_plan(view: DocView, lang: str, start: int, end: int) -> bool:
    """Whether the words shown for a name are themselves a plan ([[仁川登陸|登陆计划]]: the landing
    plan links to the landing, but tells no landing)."""
    return any(w in view.folded(start, end) for w in _hypothetical_words(lang)[1])


@cache
def _hypothetical_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folded plan-or-condition words (before a trigger, after it), folded once per language."""
    vocab = vocabulary(lang)
    return tuple(fold(w) for w in vocab.plan_before), tuple(fold(w) for w in vocab.plan_after)


def negated(view: DocView, lang: str, sentence: Sentence, at: int, end: int) -> bool:
    """Whether the clause says the action did not happen: a negation shortly before the trigger
    (未能攻占, 阻止了志願軍向漢城推進, failed to take, نتوانستند … تصرف کنند) or a failure after it
    (the advance stopped short of …)."""
    vocab = vocabulary(lang)
    before_words, after_words = _negation_words(lang)
    if not before_words and not after_words:
        return False
    window = vocab.negation_window
    before, after = _around(view, sentence, at, end, (window, window), vocab.clause_breaks)
    if vocab.has_case:  # whole words: padded, as the words are
        before, after = f" {before} ", f" {after} "
    return any(w in before for w in before_words) or any(w in after for w in after_words)


@cache
def _negation_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    vocab = vocabulary(lang)
    pad = (lambda w: f" {w} ") if vocab.has_case else (lambda w: w)
    before = tuple(pad(fold(w)) for w in vocab.negation_before)
    return before, tuple(pad(fold(w)) for w in vocab.negation_after)


def _context_type(lang: str, kind: str, word: str, folded: str) -> str:
    """A trigger's type refined by its (folded) sentence: 签署 next to 停战协定 is the armistice."""
    key = loose_key(word)
    for words, when, refined in _context_rules(lang):
        if key in words and when.search(folded):
            return refined
    return kind


def trigger_claims(
    view: DocView,
    years: range,
    center: tuple[float, float] | None = None,
    territory: dict[str, Place] | None = None,
) -> list[Claim]:
    """Every (trigger, date, place) a document's sentences tell; ``territory`` is the land each half of
    the theatre a compass word names is (the war profile's ``theatre.compass``)."""
    doc, lang = view.doc, base_lang(view.doc.lang)
    pattern, word_types, extra = _triggers(lang)
    hits: list[tuple[int, int, str, str]] = []  # readable span, type, folded word
    for regex, fixed in [(pattern, None), *[(p, t) for p, t in extra]]:
        for m in regex.finditer(doc.match_text):
            start, end = doc.match_to_readable(m.start(), m.end())
            hits.append((start, end, fixed or word_types[loose_key(m.group(0))], m.group(0)))
    hits.sort()
    # 推進了十五公里: a measure of ground gained, no new action (an ignore pattern covers the word)
    covers = sorted((a, b) for a, b, kind, _ in hits if kind == "ignore")
    starts = [a for a, _ in covers]
    reach = list(itertools.accumulate((b for _, b in covers), max))  # furthest end of the covers so far

    def covered(hit: tuple[int, int, str, str]) -> bool:
        i = bisect_right(starts, hit[0])
        return i > 0 and reach[i - 1] >= hit[1]

    hits = [h for h in hits if h[2] == "ignore" or not covered(h)]
    acting: dict[int | None, set[str]] = {}  # sentence → the kinds of action it tells
    for start, _, kind, _ in hits:
        if kind != "ignore":
            acting.setdefault(view.sentence_index(start), set()).add(kind)
    claims: list[Claim] = []
    seen: set[tuple[str, str, str, int]] = set()
    breaks = vocabulary(lang).clause_breaks
    # the place inside another event's name (重演仁川登陆故伎) is that event's, not this action's
    event_names = _NameSpans(view)
    name_nouns = {fold(suffix) for suffix, _ in vocabulary(lang).suffixes}  # 战役, 登陆: what ends a name
    launches = vocabulary(lang).launch_words
    # sentence → the clauses whose action the text negates: their places are that action's
    silenced = ClauseIndex()
    for start, end, kind, _ in hits:
        index = view.sentence_index(start)
        if kind != "ignore" and index is not None:
            sentence = doc.sentences[index]
            if negated(view, lang, sentence, start, end):
                span = view.reading_span(sentence, start, end, breaks)
                if (clause := clause_at(doc.text, span.start, span.end, start, breaks)) is not None:
                    silenced.add(index, clause)
    anaphor = anaphor_pattern(lang)
    actions = [h for h in hits if h[2] != "ignore"]
    # English names each clause's object (crossed the parallel in October, took Pyongyang …); Chinese
    # and Persian drop it when it is the place just named (…發起8月攻勢，9月初又再次發起攻勢)
    own_places = "clause_keeps_its_places" in vocabulary(lang).rules
    acted = ClauseIndex()  # sentence → the clauses that tell an action, with its family
    for start, end, kind, _ in actions:
        index = view.sentence_index(start)
        if index is not None:
            span = view.reading_span(doc.sentences[index], start, end, breaks)
            if (clause := clause_at(doc.text, span.start, span.end, start, breaks)) is not None:
                acted.add(index, clause, FAMILIES.get(kind, "other"))
    nouns = _event_nouns(lang)
    action_starts = [h[0] for h in actions]  # sorted: hits are
    for number, (start, end, kind, word) in enumerate(actions):
        index = view.sentence_index(start)
        if index is None:
            continue
        sentence = view.reading_span(doc.sentences[index], start, end, breaks)  # the whole one, if not long
        following = max(number + 1, bisect_left(action_starts, end))  # the next action begun at or after end
        stop = action_starts[following] if following < len(action_starts) else None
        if fold(word) in launches and stop is not None and not any(c in breaks for c in doc.text[end:stop]):
            continue  # 发动更大规模的轰炸: the bombing is the event, the launching only begins it
        # a battle's noun takes the date of its verb: the Battle of X, …, was fought from 13 to 15 February
        stop = stop if stop is not None and stop < sentence.end and loose_key(word) not in nouns else None
        date = nearest_date(view, sentence, start, breaks, stop)
        bounds = bounding_dates(view, sentence, start, stop) if date is None else None
        if bounds is None and (date is None or date.first.year not in years or date.first.month is None):
            continue  # a year alone ("1950年的…") dates a topic, not an action
        if hypothetical(view, lang, sentence, start, end) or negated(view, lang, sentence, start, end):
            continue
        kind = _context_type(lang, kind, word, view.folded(sentence.start, sentence.end))
        # the places of a clause that tells its own action are that action's (crossed the parallel in
        # October, took Pyongyang …: the Yalu of the next clause was not crossed)
        family = FAMILIES.get(kind, "other")  # (the Battle of X … was fought: one action told twice)
        if fold(word) in name_nouns and event_names.names_other(start, kind):
            continue  # 战役 of 第四次战役结束: the noun of an offensive's name (linking tells it), no battle
        others = [
            (a, b)
            for a, b, f in acted.overlapping(index, sentence)
            if f != family and not a <= start < b and own_places
        ]
        antecedent = relative_antecedent(view, lang, sentence, start, breaks)
        if antecedent is not None:  # "…to Hungnam, which was evacuated": the place the clause refers to
            others = [c for c in others if not c[0] <= antecedent.mention.readable_start < c[1]]
        places = pick_places(
            view,
            sentence,
            (start, end),
            kind,
            breaks,
            center,
            focus={antecedent.place.place_id} if antecedent is not None and antecedent.place else None,
            avoid=[c[:2] for i in (index - 1, index, index + 1) for c in silenced.overlapping(i, sentence)]
            + sorted(others)
            + (names := event_names.others(sentence, start, family)),
        )
        places = [m for m in places if not any(a <= m.mention.readable_start < b for a, b in names)]
        places = event_names.as_named(places, family)  # محیط Pusan: the perimeter's battle, not the city
        if territory:  # تهاجم … برای تصرف منطقه جنوبی; از مرز بین دو کره گذشتند
            places = compass_places(view, sentence, (start, end), kind, places, territory, center)
        place_sentence = sentence
        if not places and (named := named_before(view, lang, sentence, start, breaks)) is not None:
            places = [named]  # "crossed the parallel in October": the 38th parallel named before
            at = named.mention.readable_start
            place_index = view.sentence_index(at)
            place_sentence = (
                view.reading_span(doc.sentences[place_index], at, named.mention.readable_end, breaks)
                if place_index is not None
                else sentence
            )
        if (
            not places
            and index > 0
            and anaphor is not None
            and anaphor.search(view.folded(sentence.start, sentence.end))
        ):
            # "… از این تپه عقب نشینی کردند", "美軍最終撤離該高地": the place the sentence before names
            previous = doc.sentences[index - 1]
            previous = view.reading_span(previous, previous.end, previous.end, breaks)  # its end, if long
            places = pick_places(view, previous, (previous.end, previous.end), kind, breaks, center)
            places = [m for m in places if m.place and m.place.feature != "country"]
            place_sentence = previous
        if not places and index + 1 < len(doc.sentences):
            following = doc.sentences[index + 1]  # "… was signed. The commission sat at Panmunjom."
            following = view.reading_span(following, following.start, following.start, breaks)  # its start
            # a sentence that tells another kind of action is not the scene of this one
            told = acting.get(index + 1, {kind})
            if not view.has_dates(following.start, following.end) and kind in told:
                places = pick_places(
                    view,
                    following,
                    (following.start, following.start),
                    kind,
                    breaks,
                    center,
                    focus=places_before(view, index, breaks),
                )
                places = [m for m in places if m.place and m.place.feature != "country"]
                place_sentence = following
        if not places or not object_ok(view, lang, word, end, places[0]):
            continue
        if not placed_broadly(kind) and FAMILIES.get(kind) not in PLACELESS_FAMILIES:
            # a point event rests on its most specific place, never on a country's or the peninsula's
            # centroid: told only of those, it has no point and is no event on the map
            places = [m for m in places if m.place is not None and not pointless(m.place, center)]
            if not places:
                continue
        elif FAMILIES.get(kind) not in PLACELESS_FAMILIES:
            # an offensive may sweep a country (the invasion of the South), but the peninsula that
            # holds the whole theatre says nothing of where
            places = [m for m in places if m.place is not None and (m.place.feature == "country" or not pointless(m.place, center))]
            if not places:
                continue
        main = places[0]
        assert main.place is not None
        if bounds is not None:
            first, last, closing = bounds[0], bounds[1], False
            if first.year not in years:
                continue
        else:
            assert date is not None
            first, last, closing = dating(view, sentence, start, date, breaks)
        key = (kind, main.place.place_id, first.iso(), index)
        if key in seen:
            continue
        seen.add(key)
        # a plain description in the common language ("Capture of Seoul"), never a name coined in the
        # text's language (朝鲜事件): the text's own names come from event_named and the catalogue
        titles = common_titles(lang, kind, main.place.name) or {lang: title_for(lang, kind, surface(view, main))}
        sources = [source_ref(view, sentence)]
        if place_sentence is not sentence:
            sources.append(source_ref(view, place_sentence))
        places_found = [m.place for m in places if m.place is not None]
        claims.append(
            Claim(doc.name, lang, kind, first, last, places_found, sources, titles, closing=closing)
        )
    return _without_vague(claims)


class _NameSpans:
    """The spans of the catalogue's event names in a document with their families, found once."""

    def __init__(self, view: DocView) -> None:
        hits = view.catalogue.names_in(view.doc.text)
        self.types = {(h.start, h.end): frozenset(e.type for e in h.events) for h in hits}
        self.places = {(h.start, h.end): h.events[0].places for h in hits if len(h.events) == 1}
        self.spans = sorted((h.start, h.end, frozenset(FAMILIES.get(e.type) for e in h.events)) for h in hits)
        self.starts = [a for a, _, _ in self.spans]

    def names_other(self, at: int, kind: str) -> bool:
        """Whether the word at ``at`` lies inside the name of an event of another type."""
        k = bisect_right(self.starts, at)  # the names begun by then; a word lies in few of them
        return any(a <= at < b and kind not in self.types[a, b] for a, b, _ in self.spans[max(0, k - 8) : k])

    def as_named(self, places: list[ResolvedMention], family: str) -> list[ResolvedMention]:
        """Without the places named only inside the name of one catalogued event of the action's family
        whose places they are not (Pusan in محیط Pusan, the Pusan Perimeter: not Busan the city). That
        event is the action's, and linking gives it with its own places; the Battle of Osan keeps Osan."""
        kept = []
        for m in places:
            start, end = m.mention.readable_start, m.mention.readable_end
            k = bisect_right(self.starts, start)
            inside = [
                self.places[a, b]
                for a, b, kinds in self.spans[max(0, k - 8) : k]
                if a <= start and end <= b and kinds == {family} and (a, b) in self.places
            ]
            if not (inside and m.place is not None and m.place.place_id not in inside[0]):
                kept.append(m)
        return kept

    def others(self, sentence: Sentence, at: int, family: str) -> list[tuple[int, int]]:
        """The names in ``sentence`` of events of another family than the action at ``at``: the places
        inside them are those events' (重演仁川登陆故伎 names no place of the fighting around it;
        仁川登陸後9月底轉入反攻 puts the counter-offensive after the landing, not at Incheon)."""
        low, high = bisect_left(self.starts, sentence.start), bisect_left(self.starts, sentence.end)
        return [(a, b) for a, b, kinds in self.spans[low:high] if family not in kinds and not a <= at < b]


def _without_vague(claims: list[Claim]) -> list[Claim]:
    """A vague ``other`` action (进入朝鲜, entered Korea) of a sentence that tells a definite action on
    the same day (跨过鸭绿江) adds nothing: the definite one is the event."""
    definite = {(c.sources[0].start, c.start.iso()) for c in claims if c.type != "other"}
    return [c for c in claims if c.type != "other" or (c.sources[0].start, c.start.iso()) not in definite]


@cache
def _event_nouns(lang: str) -> frozenset[str]:
    """The nouns that name a battle (battle, operation, siege: the first words of its name prefixes)."""
    return frozenset(loose_key(prefix.split()[0]) for prefix, _ in vocabulary(lang).prefixes)
