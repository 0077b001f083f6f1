"""The matching form of a text: one folding shared by readers, gazetteer and spotter.

A name in the gazetteer and the same name in a text must fold to the same
string, whatever letter forms, digits, diacritics, apostrophes or zero-width
joiners the writer used. Folding never adds characters; it replaces or deletes
them, and ``match_form`` returns for each output character the index of the
input character it came from, so a match can be traced back to the source.

Chinese characters fold from traditional to simplified one character at a time
(OpenCC's t2s table applied per character, so lengths never change): 漢城 and
汉城, 韓國國軍 and 韩国国军 are the same key, and every word list needs one script.

A small normaliser of our own rather than hazm: hazm pins numpy 1.24, which
conflicts with the numpy 2 that geopandas needs.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import compress
from operator import not_

# Arabic letter forms → the Persian ones (ي ى → ی, ك → ک), hamza-carrying alefs → ا.
_LETTERS = {
    "\u064a": "\u06cc",  # ي ARABIC YEH
    "\u0649": "\u06cc",  # ى ALEF MAKSURA
    "\u06d2": "\u06cc",  # ے YEH BARREE
    "\u0643": "\u06a9",  # ك ARABIC KAF
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    "\u06c0": "\u0647",  # ۀ → ه
    "\u0629": "\u0647",  # ة → ه
    "\u0624": "\u0648",  # ؤ → و
    "\u0626": "\u06cc",  # ئ → ی
}
# Persian (U+06F0…) and Arabic-Indic (U+0660…) digits → ASCII.
for _i in range(10):
    _LETTERS[chr(0x06F0 + _i)] = str(_i)
    _LETTERS[chr(0x0660 + _i)] = str(_i)

# Deleted: tatweel, zero-width (non-)joiners and marks, apostrophes and hyphens inside names, and the
# straight double quote, which a writer may put round part of a name ("Red" Beach, "Line" Kansas).
_DELETE = set('\u0640\u200c\u200d\u200b\u200e\u200f\ufeff\'’‘ʼʻ`´-‐‑–"')
_SPACES = set(" \t\r\n\u00a0\u3000\u2009\u202f")


_T2S = None
_FOLDED: dict[str, str] = {}  # character → its folded form ('' when deleted)
_TABLE: dict[int, str] = {}  # the same for str.translate
_DELETED: set[str] = set()  # the characters folded to ''


def _simplified(char: str) -> str:
    """One traditional character's simplified form (itself when there is none or it is not 1:1)."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    converted = _T2S.convert(char)
    return converted if len(converted) == 1 else char


def _is_han(code: int) -> bool:
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def _fold_char(char: str) -> str:
    """One character's folded form: '' to delete it, else one character."""
    if char in _LETTERS:
        return _LETTERS[char]
    if char in _DELETE:
        return ""
    if char in _SPACES:
        return " "
    code = ord(char)
    if _is_han(code):
        return _simplified(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
        code -= 0xFEE0
        char = chr(code)
    category = unicodedata.category(char)
    if category == "Mn":  # Arabic harakat, combining accents
        return ""
    if code < 0x3000:  # Latin, Greek, Cyrillic: drop accents, fold case
        base = unicodedata.normalize("NFD", char)[0]
        lowered = base.lower()
        return lowered if len(lowered) == 1 else base
    return char


LONG_TEXT = 10_000  # characters: a text this long is folded once however often it is asked for
_LONG_FOLDED: dict[str, tuple[str, list[int]]] = {}


def match_form(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with, per output character, its input index.

    The offsets list has one extra final entry, ``len(text)``, so that a match
    ending at the end of the folded text maps to the end of the input. A long text (a
    document, which reading and the event catalogue both fold) is folded once: the last few
    are remembered, and each caller gets its own offsets list.
    """
    if len(text) < LONG_TEXT:
        return _match_form(text)
    known = _LONG_FOLDED.get(text)
    if known is None:
        if len(_LONG_FOLDED) >= 4:
            _LONG_FOLDED.clear()
        known = _LONG_FOLDED[text] = _match_form(text)
    return known[0], list(known[1])


def _match_form(text: str) -> tuple[str, list[int]]:
    """match_form with every loop in C: each new character folded once (``_fold_char``), the text
    translated through the table of folded characters, offsets counted past the deleted ones."""
    for char in set(text).difference(_FOLDED):
        folded = _fold_char(char)
        _TABLE[ord(char)] = folded
        if not folded:
            _DELETED.add(char)
        _FOLDED[char] = folded  # last: another thread skips a character only once table and set know it
    size = len(text)
    if _DELETED.isdisjoint(text):
        return text.translate(_TABLE), list(range(size + 1))
    offsets = list(compress(range(size), map(not_, map(_DELETED.__contains__, text))))
    offsets.append(size)
    return text.translate(_TABLE), offsets


@lru_cache(maxsize=1 << 16)  # a build asks for the same 2,000 names 6,000 times (the catalogue three times)
def normalize_name(name: str) -> str:
    """The key a name is stored and looked up under: folded, trimmed, spaces collapsed."""
    folded, _ = match_form(name)
    return " ".join(folded.split())
