"""Whole words first: in a cased language, a longer name that is no word hides no name inside it.

The automaton's leftmost-longest matches are taken before anyone asks whether they are
words: "the d" (a village's name) read across "the DMZ" is no word, is dropped, and the
DMZ it overlapped is lost with it. Where capitals mark names (English), the matches are
chosen among whole words only, leftmost-longest; languages that write endings on names
(Korean particles) keep the automaton's own order and their checks.
"""

from __future__ import annotations

import ahocorasick

from warmap.languages.tags import own_pack


def cased(lang: str) -> bool:
    """Whether the language's pack says its letters have case."""
    found = own_pack(lang)
    return found is not None and found.has_case


def _is_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def whole_word_matches(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, str]]:
    """(last index, key) of the leftmost-longest matches among whole words, as ``iter_long`` gives them
    (the automaton stores each key's length)."""
    words = sorted(
        (last - length + 1, -length, text[last - length + 1 : last + 1])
        for last, length in automaton.iter(text)
        if _is_word(text, last - length + 1, last + 1)
    )
    chosen, end = [], -1
    for start, negative_length, key in words:
        if start >= end:
            chosen.append((start - negative_length - 1, key))
            end = start - negative_length
    return chosen
