"""SpanSet and DisjointSpans answer like a scan over every span would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warmap.spotting.spans import DisjointSpans, SpanSet

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])), max_size=30)


@given(spans, st.integers(0, 250), st.integers(1, 20))
def test_overlaps_matches_a_scan(items, start, length):
    end = start + length
    expected = any(s < end and start < e for s, e in items if e > s)  # an empty span holds no character
    assert SpanSet(items).overlaps(start, end) == expected


@given(st.lists(st.integers(0, 300), max_size=20, unique=True), st.integers(0, 320))
def test_strictly_inside_matches_a_scan(cuts, offset):
    cuts = sorted(cuts)
    disjoint = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    expected = any(s < offset < e for s, e in disjoint)
    assert DisjointSpans(disjoint).strictly_inside(offset) == expected
