"""Reading parts of a text with the name automaton finds what reading all of it finds there.

The bundled Chinese article holds Korean names in parentheses, read with the Korean pack's
automaton (Han, Hangul and Latin names): the windowed scan and the windowed reading must give
exactly the whole text's matches and mentions inside the parts they read.
"""

from __future__ import annotations

import dataclasses

import pytest

from warmap.gazetteer import Gazetteer
from warmap.model import Document
from warmap.reading import read_document
from warmap.sources import load_sources
from warmap.spotting.foreign import _foreign_runs, _reach
from warmap.spotting.names import automaton_for, scripts_for, spot_names
from warmap.spotting.spans import SpanSet
from warmap.spotting.windows import keyed, match_windows, matches_in, name_letters


@pytest.fixture(scope="module")
def chinese() -> Document:
    source = next(s for s in load_sources([]) if s.lang == "zh")
    return read_document(source)


def _as_korean(doc: Document) -> Document:
    return dataclasses.replace(doc, source=dataclasses.replace(doc.source, lang="ko"))


def _spans_everywhere(doc: Document) -> list[tuple[int, int]]:
    """Spans of every length from 0 to 40 characters, starting all over the text."""
    size = len(doc.text)
    return [(start, min(size, start + start % 41)) for start in range(0, size, 331)]


def test_windowed_scan_gives_the_whole_scans_matches_inside_the_windows(chinese):
    automaton = automaton_for(Gazetteer.load(), scripts_for("ko"))
    text = chinese.match_text
    whole = list(keyed(text, automaton.iter_long(text)))
    for spans in (_spans_everywhere(chinese), [span for runs in _foreign_runs(chinese).values() for span in runs]):
        windows = match_windows(chinese, name_letters(automaton), spans)
        assert windows == sorted(windows) and all(a < b for a, b in windows)
        assert all(end <= start for (_, end), (start, _) in zip(windows, windows[1:], strict=False))
        inside = [m for m in whole if any(a <= m[0] - len(m[1]) + 1 and m[0] < b for a, b in windows)]
        assert list(matches_in(automaton, text, windows)) == inside
        # every match of the whole scan reaching into a span is in a window
        reading = SpanSet(spans)
        for last, key in whole:
            if reading.overlaps(*chinese.match_to_readable(last - len(key) + 1, last + 1)):
                assert (last, key) in inside


def test_reading_within_spans_finds_the_whole_readings_mentions_there(chinese):
    gazetteer, reader = Gazetteer.load(), _as_korean(chinese)
    spans = _spans_everywhere(chinese)
    within = _reach(spans)
    whole = [m for m in spot_names(reader, gazetteer, []) if within.overlaps(m.readable_start, m.readable_end)]
    assert len(whole) > 20  # the spans reach names, so the comparison says something
    assert spot_names(reader, gazetteer, [], within=within) == whole


def test_kept_name_letters_are_the_automatons_own():
    """automaton_for takes the letters from the parsed-file cache: they must be what the keys hold."""
    automaton = automaton_for(Gazetteer.load(), scripts_for("ko"))
    assert name_letters(automaton) == frozenset().union(*automaton.keys())
