"""Character spans of a text, for asking quickly whether a position falls inside any of them."""

from __future__ import annotations

from bisect import bisect_right


class TextSpans:
    """Half-open character spans [a, b), merged and sorted: ``position in spans`` by bisection."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(p for p in pairs if p[0] < p[1]):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def __contains__(self, position: int) -> bool:
        at = bisect_right(self.starts, position) - 1
        return at >= 0 and position < self.ends[at]
