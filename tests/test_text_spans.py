"""A phase's character spans answer "is this position inside one of them" as a scan of them all would."""

from __future__ import annotations

import random

import pytest

from warmap.features.text_spans import TextSpans


@pytest.mark.parametrize("seed", range(20))
def test_membership_is_the_scan_of_every_span(seed: int) -> None:
    rng = random.Random(seed)
    pairs = [(a, a + rng.randrange(-3, 12)) for a in (rng.randrange(100) for _ in range(rng.randrange(12)))]
    spans = TextSpans(pairs)
    for position in range(-2, 115):
        assert (position in spans) == any(a <= position < b for a, b in pairs), (pairs, position)


def test_touching_spans_join_and_empty_ones_hold_nothing() -> None:
    spans = TextSpans([(3, 5), (1, 3), (7, 7), (9, 8)])
    assert (spans.starts, spans.ends) == ([1], [5])
    assert [p for p in range(12) if p in spans] == [1, 2, 3, 4]
