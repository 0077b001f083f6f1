"""The events stage stays linear on a text with no sentence break (issue 14, item 4).

A sentence longer than LONG_SENTENCE is read, for each action, in a window of whole clauses around
it; shorter ones are read whole, as before. The growth check is a generous ratio (the speed target
is in benchmarks/one_line.py); the lookups the window relies on are checked against their plain
definitions on random input.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.one_line import events_seconds, prepared, source, texts
from warmap.chronology.event_claims import (
    LONG_SENTENCE,
    WINDOW_CHARS,
    ClauseIndex,
    DocView,
    clause_at,
    clause_spans,
)
from warmap.chronology.events import extract_events
from warmap.model import DateMention, DateValue, Document, Sentence, Source
from warmap.reading.normalize import match_form

BREAKS = ",，;"
FILLER = ", ".join(["the weather was cold and the roads were long"] * 40)  # no action, place or date


def _events(text: str, lang: str = "en"):
    docs, places, dates = prepared(Source(name="long.txt", text=text, lang=lang, format="text"))
    return extract_events(docs, places, dates)


def test_events_on_one_line_grow_linearly() -> None:
    """60 KB of real sentences on one line costs about ten times 6 KB (a hundred times, before)."""
    small, _ = texts("en", 6)
    large, _ = texts("en", 60)
    small_s, _, small_sentences = events_seconds(source("en", small, "small.txt"), 3, clock=time.process_time)
    large_s, found, large_sentences = events_seconds(source("en", large, "large.txt"), 3, clock=time.process_time)
    assert small_sentences == large_sentences == 1  # the input really has no sentence break
    assert found > 0
    assert large_s / small_s < 25, (small_s, large_s)


def test_an_action_of_a_long_sentence_is_not_dated_from_far_away() -> None:
    """The landing at Inchon, 1,800 characters after the only date, took no date from it (before:
    "landing, 1950-06-25")."""
    text = f"On 25 June 1950 the Korean People's Army crossed the 38th parallel, {FILLER}, X Corps landed at Inchon.\n"
    found = [(e.type, e.start) for e in _events(text)]
    assert ("crossing", "1950-06-25") in found
    assert not [kind for kind, _ in found if kind == "landing"]


def test_an_event_of_a_long_sentence_quotes_the_clauses_around_it() -> None:
    text = f"On 15 September 1950 X Corps landed at Inchon, {FILLER}.\n"
    (landing,) = [e for e in _events(text) if e.type == "landing"]
    (quoted,) = landing.sources
    assert quoted.text.startswith("On 15 September 1950 X Corps landed at Inchon, the weather")
    assert len(quoted.text) <= 2 * WINDOW_CHARS + 40 < len(text)


def test_a_sentence_of_normal_length_is_read_whole() -> None:
    """Up to LONG_SENTENCE characters nothing changes: a date 850 characters before the action dates it."""
    filler = ", ".join(["the weather was cold and the roads were long"] * 18)
    text = f"On 25 June 1950 the Korean People's Army crossed the 38th parallel, {filler}, X Corps landed at Inchon.\n"
    assert len(text) < LONG_SENTENCE
    assert ("landing", "1950-06-25") in [(e.type, e.start) for e in _events(text)]


# ------------------------------------------------------------ the lookups, against their definitions
_texts = st.text(alphabet="ab,，; ", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_texts, st.data())
def test_clause_at_is_the_clause_of_clause_spans_holding_the_offset(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    at = data.draw(st.integers(max(0, start - 2), end + 2))
    expected = next((c for c in clause_spans(text, start, end, BREAKS) if c[0] <= at < c[1]), None)
    assert clause_at(text, start, end, at, BREAKS) == expected


def _view(text: str, sentences: list[Sentence], dates: list[DateMention] | None = None) -> DocView:
    match_text, match_offsets = match_form(text)
    doc = Document(Source(name="t", text=text, lang="en", format="text"), text, list(range(len(text) + 1)), match_text,
                   match_offsets, sentences=sentences)
    return DocView(doc, [], dates or [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["abc", "de", "a" * 300, "b" * 700]), min_size=1, max_size=12),
       st.sampled_from([", ", " "]), st.data())
def test_reading_span_is_whole_clauses_near_the_action(words: list[str], joint: str, data) -> None:
    text = joint.join(words)
    sentence = Sentence(0, len(text))
    view = _view(text, [sentence])
    at = data.draw(st.integers(0, len(text) - 1))
    end = min(len(text), at + data.draw(st.integers(0, 5)))
    span = view.reading_span(sentence, at, end, BREAKS)
    if len(text) <= LONG_SENTENCE:
        assert span is sentence
        return
    assert sentence.start <= span.start <= at <= end <= span.end <= sentence.end
    assert at - span.start <= WINDOW_CHARS and span.end - end <= WINDOW_CHARS
    inner = clause_spans(text, span.start, span.end, BREAKS)
    whole = set(clause_spans(text, sentence.start, sentence.end, BREAKS))
    # every clause of the window is a clause of the sentence, except where a clause was too long to fit
    for clause in inner:
        cut = (clause[0] == span.start and at - span.start == WINDOW_CHARS) or (
            clause[1] == span.end and span.end - end == WINDOW_CHARS
        )
        assert clause in whole or cut


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 200), st.integers(1, 30), st.sampled_from("xy")),
                max_size=30),
       st.integers(0, 3), st.integers(0, 230), st.integers(0, 60))
def test_clause_index_finds_the_clauses_overlapping_a_span(added, index, start, length) -> None:
    clauses = ClauseIndex()
    for sentence, a, size, tag in added:
        clauses.add(sentence, (a, a + size), tag)
    span = Sentence(start, start + length)
    expected = sorted({(a, a + size, tag) for s, a, size, tag in added
                       if s == index and a < span.end and a + size > span.start})
    assert clauses.overlapping(index, span) == expected


def _date(at: int, month: int | None) -> DateMention:
    return DateMention("t", at, at + 1, "x", DateValue(1950, month), readable_start=at, readable_end=at + 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 99), st.booleans()), max_size=20), st.integers(0, 101),
       st.lists(st.integers(0, 99), max_size=10, unique=True), st.integers(0, 101), st.integers(0, 101))
def test_bisections_agree_with_their_definitions(dated, at, sentence_starts, low, high) -> None:
    sentences = [Sentence(s, s + 1) for s in sorted(sentence_starts)]
    view = _view("x" * 100, sentences, [_date(a, 6 if month else None) for a, month in dated])
    told = [d for d in view.dates_in(0, at) if d.first.month is not None]
    assert view.last_month_date_before(at) is (told[-1] if told else None)
    assert view.has_dates(low, high) == bool(view.dates_in(low, high))
    listed = view.sentences_in(low, high)
    assert view.first_sentence_in(low, high) is (listed[0] if listed else None)


# ------------------------------------------------------------ fronts drawn by one long sentence
def test_fronts_of_one_long_sentence_grow_linearly() -> None:
    """Each parallel a sentence names was checked against every line it draws: 3,000 lines in one
    sentence cost 45 times 300 (now about 6)."""
    from warmap.fronts import fronts_from_text

    def best_seconds(repeat: int) -> float:
        text = "，".join(["1951年1月，志愿军推进至平泽、安城、堤川、三陟一线，北纬37度线以南"] * repeat) + "\n"
        docs, places, dates = prepared(Source(name="f.txt", text=text, lang="zh", format="text"))
        assert len(docs[0].sentences) == 1
        runs = []
        for _ in range(2):
            start = time.process_time()
            fronts = fronts_from_text(docs[0], places, dates)
            runs.append(time.process_time() - start)
        assert {f.origin for f in fronts} == {"text"} and len(fronts) == 2  # the line and the parallel
        return min(runs)

    best_seconds(30)  # warm-up
    assert best_seconds(3000) / best_seconds(300) < 25


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 20)), max_size=15),
       st.lists(st.tuples(st.integers(0, 100), st.integers(0, 20)), max_size=15))
def test_taken_spans_answer_as_the_scan_of_every_span(lines, parallels) -> None:
    from warmap.fronts.text_lines import _Taken

    found = [(a, a + n) for a, n in lines]
    taken = _Taken(list(found))
    for a, n in parallels:
        expected = any(x < a + n and a < y for x, y in found)
        assert taken.overlaps(a, a + n) == expected
        if not expected:
            found.append((a, a + n))
            taken.add(a, a + n)


def test_the_benchmark_rows_give_ratio_and_slope() -> None:
    """benchmarks/one_line.py's table from a worker's answer: linear growth passes, a run over budget is n/a."""
    from benchmarks.one_line import _language_rows

    def entry(kb: int, one: float, broken: float) -> dict:
        return {"bytes": kb * 1000, "one_line": {"seconds": one, "events": 3, "sentences": 1},
                "line_broken": {"seconds": broken, "events": 2, "sentences": 40}}

    rows = _language_rows("en", (10, 100), {"10": entry(10, 0.02, 0.01), "100": entry(100, 0.2, 0.1)})
    by_name = {r["measure"]: r for r in rows}
    assert by_name["en: one line / line-broken at 100 KB"]["value"] == 2.0
    assert by_name["en: one line, growth exponent"]["note"] == "linear"
    over = {"bytes": 100_000, "one_line": {"over": 120.0}, "line_broken": {"seconds": 0.1}}
    rows = _language_rows("en", (10, 100), {"10": entry(10, 0.02, 0.01), "100": over})
    assert any(r["value"] is None and "budget" in r["note"] for r in rows)
