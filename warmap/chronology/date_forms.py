"""The written forms of dates, per language: scanners that find them, unresolved.

A scanner reports what the text says and nothing more: ``6月25日`` is a point
with a month and a day but no year. Filling the year from the context is the
job of ``dates``; keeping the two apart lets a test check each on its own.
Scanners work on ``fold_1to1(text)`` — the shared matching fold restricted to
one-character-for-one replacements, so that indices stay those of the text.
The vocabularies live in ``data/dates-*.json``.

Each language's scanner lives in its own module (``date_forms_zh``,
``date_forms_fa``, ``date_forms_en``); the types they report live in
``date_points``. This module picks the scanner for a text's language.
"""

from __future__ import annotations

from warmap.chronology.date_forms_en import scan_en
from warmap.chronology.date_forms_fa import scan_fa
from warmap.chronology.date_forms_zh import scan_zh
from warmap.chronology.date_points import RawDate, fold_1to1

SCANNERS = {"zh": scan_zh, "fa": scan_fa, "en": scan_en}


def scan(text: str, lang: str) -> list[RawDate]:
    """All dates written in ``text`` (indices into ``text``); unknown languages use Chinese + English forms."""
    folded = fold_1to1(text)
    base = lang.split("-")[0].lower()
    if base == "zh":
        return scan_zh(folded, text)
    if base in SCANNERS:
        return SCANNERS[base](folded)
    merged = scan_zh(folded, text) + scan_en(folded)
    return sorted(merged, key=lambda r: r.start)
