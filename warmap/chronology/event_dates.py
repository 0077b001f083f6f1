"""The date an action took: its own clause's date, the sentence's, or the span between two told dates.

Which of a sentence's dates belongs to which action depends on the language
(dates precede the verb in Chinese and Persian, follow it in English) and on
words that mark an end (持續至, lasted until, تا). These rules are separate
from the places of an action and change on their own.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.chronology.event_claims import DocView, clause_at
from warmap.chronology.event_vocabulary import base_lang, compile_words, vocabulary
from warmap.model import DateMention, DateValue, Sentence


def nearest_date(
    view: DocView, sentence: Sentence, at: int, breaks: str, stop: int | None = None
) -> DateMention | None:
    """The date of the action at ``at``: a date of its own clause first (after the landing at Inchon
    on 15 September, X Corps recaptured Seoul on 28 September; 9月15日登陸，28日收復漢城), the
    nearest before it; else of the sentence — the nearest before ``at``, else the first after it in
    the same clause. In a language whose dates follow the
    action (``dates_follow_action``: took Seoul three days later), a date after the action and
    before the next one (``stop``) is its own, and a date past the next action is that action's."""
    dates = view.dates_in(sentence.start, sentence.end)
    follows = "dates_follow_action" in vocabulary(view.doc.lang).rules
    if follows and stop is not None:
        dates = [d for d in dates if d.readable_start < stop]
    clause = clause_at(view.doc.text, sentence.start, sentence.end, at, breaks)
    clause = clause or (sentence.start, sentence.end)
    own = [d for d in dates if clause[0] <= d.readable_start < clause[1] and not until_date(view, d)]
    if follows and (after := [d for d in own if d.readable_start >= at]):
        return after[0]
    if before := [d for d in own if d.readable_start <= at and d.first.month is not None]:
        return before[-1]  # where dates precede the verb (zh, fa), one after it is the next action's
    return _nearest(dates, at, clause)


def _nearest(dates: list[DateMention], at: int, clause: tuple[int, int]) -> DateMention | None:
    """The date nearest before ``at``, else the first after it in ``clause``."""
    before = [d for d in dates if d.readable_start <= at]
    after = [d for d in dates if at < d.readable_start < clause[1]]
    if before and (before[-1].first.month is not None or not after or after[0].first.month is None):
        return before[-1]  # a year alone before ("the winter of 1950–51 …, which … took on January 4")
    return after[0] if after else (before[-1] if before else None)  # yields to a day in the clause


def bounding_dates(
    view: DocView, sentence: Sentence, at: int, stop: int | None
) -> tuple[DateValue, DateValue] | None:
    """For an action with no date of its own whose sentence dates a later action (fought along the
    Kum River and lost Taejon on 20 July; fought its way out … to Hungnam, which was evacuated on
    24 December), the span it lies in: from the month of the last date told before the sentence
    (else the later date's month) to the later action's date. Only in ``dates_follow_action`` languages."""
    if stop is None or "dates_follow_action" not in vocabulary(view.doc.lang).rules:
        return None
    later = [
        d for d in view.dates_in(stop, sentence.end) if d.first.day is not None and not until_date(view, d)
    ]
    if not later:
        return None
    end = later[0].first
    told = view.last_month_date_before(sentence.start)
    since = told.first if told is not None else end
    first = DateValue(since.year, since.month)
    if (first.year, first.month) > (end.year, end.month or 0) or (end.year - first.year) * 12 + (
        (end.month or 0) - (first.month or 0)
    ) > BOUNDING_MONTHS:
        first = DateValue(end.year, end.month)
    return first, end


BOUNDING_MONTHS = 2  # an undated action lies between the last date told and a later one this close


@cache
def _word_pattern(lang: str, key: str, tail: str = "") -> re.Pattern[str] | None:
    """The vocabulary's ``key`` words (an EventWords field) as one pattern, then ``tail``: whole words
    where words are spaced, anywhere in a run of characters where they are not."""
    vocab = vocabulary(lang)
    words = getattr(vocab, key)
    if not words:
        return None
    edge = r"(?<![^\W\d_])" if vocab.spaced else ""
    return re.compile(rf"{edge}(?:{compile_words(words)}){tail}")


def until_date(view: DocView, date: DateMention) -> bool:
    """Whether a single date is written as the end of an action: 持續至七月十一日, lasted until
    2 December, تا ۲۹ فروردین. (A range, 4月23日至25日, is one date with its own end.)"""
    pattern = _word_pattern(base_lang(view.doc.lang), "until", r"\s*$")
    if pattern is None or date.last is not None:
        return False
    return bool(pattern.search(view.folded(max(0, date.readable_start - 12), date.readable_start)))


def dating(
    view: DocView, sentence: Sentence, at: int, date: DateMention, breaks: str
) -> tuple[DateValue, DateValue | None, bool]:
    """(start, end, closing) of the action at ``at`` dated by ``date``. A date that ends the action's
    own clause (金城戰役至27日結束) tells when it ended, not when it began: closing. Else the first
    until-date after the action in its clause is its end (…, and the battle lasted until 2 December)."""
    clause = clause_at(view.doc.text, sentence.start, sentence.end, at, breaks)
    clause = clause or (sentence.start, sentence.end)
    if until_date(view, date) and (date.readable_start >= at or clause[0] <= date.readable_start < clause[1]):
        if date.readable_start < at and _leads(view, clause[0], date):
            return date.first, None, False  # تا نوامبر ۱۹۵۰ … عقب راندند: done by then, not ended then
        return date.first, None, True
    if date.last is not None and date.readable_end <= at and _at_the_end(view, date.readable_end, at):
        return date.last, None, False  # …از ۲۳ تیر تا ۳۰ تیر ادامه یافت و در پایان آن … افتاد: on the last day
    end = date.last
    if end is None:
        for later in view.dates_in(at, clause[1]):
            if until_date(view, later) and _day_key(later.first) > _day_key(date.first):
                end = later.first
                break
    return date.first, end, False


def _leads(view: DocView, clause_start: int, date: DateMention) -> bool:
    """Whether an until-date opens its clause, nothing before it but its until word (تا نوامبر سال
    ۱۹۵۰ …, by November 1950): the action after it was done by that date; it does not end one begun
    before (the battle lasted until 2 December, 金城戰役至27日結束)."""
    pattern = _word_pattern(base_lang(view.doc.lang), "until", r"\s*$")
    opening = view.folded(clause_start, date.readable_start).strip()
    return bool(pattern and opening and pattern.fullmatch(opening))


def _at_the_end(view: DocView, start: int, at: int) -> bool:
    """Whether the words between a range and an action say the action came at its end (در پایان آن,
    at the end of it, 最终): then it happened on the range's last day, not over the range."""
    pattern = _word_pattern(base_lang(view.doc.lang), "end_words")
    return bool(pattern and pattern.search(view.folded(start, at)))


def _day_key(value: DateValue) -> tuple[int, int, int]:
    return value.year, value.month or 0, value.day or 0
