"""Reading only parts of a text with the name automaton, and finding what reading all of it would there.

A text's names in another script stand in a few parentheses (``foreign``), but the automaton of
that script's language scanning the whole text costs as much as the text's own scan. A scan
started just after a character no name holds begins as the whole text's scan is there: in no
state but the start, nothing pending (no name can run across that character). So the matches
of ``iter_long`` inside a window that opens after and closes before such characters (or at the
text's ends) are the whole scan's matches there, found for the cost of the window.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

import ahocorasick

from warmap.model import Document

# automaton id → (the automaton, kept so its id is never reused; every character its names hold)
_alphabets: dict[int, tuple[ahocorasick.Automaton, frozenset[str]]] = {}


def name_letters(automaton: ahocorasick.Automaton) -> frozenset[str]:
    """Every character any of the automaton's names holds (computed once per automaton)."""
    known = _alphabets.get(id(automaton))
    if known is None or known[0] is not automaton:
        known = _alphabets[id(automaton)] = (automaton, frozenset().union(*automaton.keys()))
    return known[1]


def remember_letters(automaton: ahocorasick.Automaton, letters: frozenset[str]) -> None:
    """Take ``letters`` as the automaton's ``name_letters`` (known from where it was built or kept)."""
    _alphabets[id(automaton)] = (automaton, letters)


def match_windows(doc: Document, letters: frozenset[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges of ``doc.match_text``, in order and apart, holding every match that overlaps one of the
    readable ``spans``, each bounded by characters outside ``letters`` or by the text's ends."""
    text, offsets = doc.match_text, doc.match_offsets
    size = len(text)
    windows: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        first = min(bisect_left(offsets, start, 0, size), size)  # match characters read from [start, end)
        stop = min(bisect_left(offsets, end, first, size), size)
        while first > 0 and text[first - 1] in letters:
            first -= 1
        while stop < size and text[stop] in letters:
            stop += 1
        if windows and first < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(stop, windows[-1][1]))
        elif stop > first:
            windows.append((first, stop))
    return windows


def keyed(text: str, hits: Iterable[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """(last index, key) of an automaton's hits in ``text`` when it stores each key's length."""
    for last, length in hits:
        yield last, text[last - length + 1 : last + 1]


def matches_in(automaton: ahocorasick.Automaton, text: str, windows: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """(last index, key) of ``automaton.iter_long(text)``'s matches inside the windows (as
    ``match_windows`` makes them), for an automaton storing each key's length."""
    for start, end in windows:
        yield from keyed(text, automaton.iter_long(text, start, end))
