"""Sets of readable spans asked "does this match overlap one of you?" thousands of times.

Sorted once, then answered by bisection: a scan of every link per match made
spotting quadratic in the length of the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class SpanSet:
    """Half-open [start, end) spans; overlap and containment queries in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]] | tuple = ()):
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def spans(self) -> list[tuple[int, int]]:
        """The merged spans, in order."""
        return list(zip(self.starts, self.ends, strict=True))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any span."""
        index = bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start


class DisjointSpans:
    """Spans that never overlap each other (links): which one strictly contains an offset's inside."""

    def __init__(self, spans: list[tuple[int, int]] | tuple = ()):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def strictly_inside(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a span but not at its first character."""
        index = bisect_right(self.starts, offset - 1) - 1
        return index >= 0 and self.starts[index] < offset < self.ends[index]
