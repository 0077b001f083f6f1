"""The place an action's clause points back to, when it names none of its own.

``the parallel`` names again the 38th parallel named before; ``Seoul, which the
Chinese took`` opens a relative clause about the place just named; ``該高地``,
``این تپه`` and ``the hill`` point to the place of the sentence before; ``lost``
is an action only with its place right after it. The words come from the pack
(``back_reference_*``, ``relative``, ``anaphor``, ``object_action``, ``object_gap``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from warmap.chronology.event_claims import DocView, clause_at, clause_spans, surface
from warmap.chronology.event_vocabulary import fold, loose, loose_key, vocabulary
from warmap.model import ResolvedMention, Sentence


@cache
def _back_reference(lang: str) -> re.Pattern[str] | None:
    """``the parallel``, ``the river``: a definite noun alone, that names again a place named before."""
    vocab = vocabulary(lang)
    if not vocab.back_nouns:
        return None
    nouns = "|".join(loose(w) for w in vocab.back_nouns)
    articles = "|".join(loose(w) for w in vocab.back_articles)
    before, after = vocab.edges()
    return re.compile(rf"{before}(?:{articles}) (?P<noun>{nouns}){after}")


def named_before(
    view: DocView, lang: str, sentence: Sentence, at: int, breaks: str
) -> ResolvedMention | None:
    """The place a definite noun in the action's clause names again (UN forces crossed the parallel in
    October → the 38th parallel named earlier): the last place named before the sentence whose
    written name ends with that noun."""
    pattern = _back_reference(lang)
    if pattern is None:
        return None
    clause = clause_at(view.doc.text, sentence.start, sentence.end, at, breaks)
    clause = clause or (sentence.start, sentence.end)
    found = pattern.search(view.folded(clause[0], clause[1]))
    if found is None:
        return None
    return _last_named_with(view, found.group("noun"), sentence.start)


def _last_named_with(view: DocView, noun: str, before: int) -> ResolvedMention | None:
    """The last resolved place starting before ``before`` whose written name ends with `` noun``.
    The places that do are listed once per noun and document, then found by bisection: asking for
    every action of a long text is not a walk back through all its places each time."""
    index: dict[str, tuple[list[int], list[ResolvedMention]]] = view.__dict__.setdefault("_named_ends", {})
    if noun not in index:
        ending = " " + noun
        named = [m for m in view.mentions if m.place and fold(surface(view, m)).strip().endswith(ending)]
        index[noun] = ([m.mention.readable_start for m in named], named)
    starts, named = index[noun]
    i = bisect_left(starts, before)
    return named[i - 1] if i else None


@cache
def _relatives(lang: str) -> re.Pattern[str] | None:
    vocab = vocabulary(lang)
    if not vocab.relatives:
        return None
    return re.compile(r"\s*(?:" + "|".join(loose(w) for w in vocab.relatives) + ")" + vocab.edges()[1])


ANTECEDENT_GAP = 3  # the place a relative clause refers to ends the clause before it, at most this far off


def relative_antecedent(
    view: DocView, lang: str, sentence: Sentence, at: int, breaks: str
) -> ResolvedMention | None:
    """The place a relative clause refers to (Seoul, which the Chinese took; Hungnam, which was
    evacuated): the place that ends the clause before the action's clause, when that clause opens
    with a relative word."""
    pattern = _relatives(lang)
    if pattern is None:
        return None
    clauses = clause_spans(view.doc.text, sentence.start, sentence.end, breaks)
    own = next((i for i, c in enumerate(clauses) if c[0] <= at < c[1]), None)
    if not own:
        return None
    start = clauses[own][0]
    if not pattern.match(view.folded(start, clauses[own][1])):
        return None
    previous = clauses[own - 1]
    places = [m for m in view.mentions_in(previous[0], previous[1]) if m.place is not None]
    if places and start - places[-1].mention.readable_end <= ANTECEDENT_GAP:
        return places[-1]
    return None


@cache
def _object_words(lang: str) -> frozenset[str]:
    return frozenset(loose_key(w) for w in vocabulary(lang).object_actions)


@cache
def _object_gap(lang: str) -> re.Pattern[str]:
    return re.compile(vocabulary(lang).object_gap)


def object_ok(view: DocView, lang: str, word: str, end: int, main: ResolvedMention) -> bool:
    """A word that is an action only with its place as object (``lost Taejon``, not ``lost heavily at``)
    needs the main place right after it, with at most an article and a ``city of`` between."""
    if loose_key(word) not in _object_words(lang):
        return True
    start = main.mention.readable_start
    return start >= end and bool(_object_gap(lang).fullmatch(view.doc.text[end:start]))


@cache
def anaphor_pattern(lang: str) -> re.Pattern[str] | None:
    """Words that point back to a place just named (該高地, این تپه, the hill), folded."""
    vocab = vocabulary(lang)
    if not vocab.anaphors:
        return None
    return re.compile(vocab.edges()[0] + "(?:" + "|".join(loose(w) for w in vocab.anaphors) + ")")


def places_before(view: DocView, index: int, breaks: str) -> set[str]:
    """The places of the sentence before (of its end, if it is long): what "the perimeter" or "the
    town" of a placeless sentence most likely refers to, preferred when the next sentence names it again."""
    if index == 0:
        return set()
    previous = view.doc.sentences[index - 1]
    previous = view.reading_span(previous, previous.end, previous.end, breaks)
    return {m.place.place_id for m in view.mentions_in(previous.start, previous.end) if m.place}
