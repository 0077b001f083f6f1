"""The written forms of dates: the grammar a language's pack names finds them, unresolved.

A grammar reports what the text says and nothing more: ``6月25日`` is a point
with a month and a day but no year. Filling the year from the context is the
job of ``dates``; keeping the two apart lets a test check each on its own.
Grammars work on ``fold_1to1(text)`` — the shared matching fold restricted to
one-character-for-one replacements, so that indices stay those of the text.

There is one grammar per family of writing systems, not per language:
``han`` (年月日 suffixes after numbers), ``alphabetic`` (month names, day
numbers) and ``persian`` (two calendars, ordinal words). Each is language-free
and reads every word from the pack's ``dates.csv``; the pack's ``date_grammar``
picks it. A language without a pack reads its dates with the grammars of the
packs its fallback pack names in ``date_fallback_packs``.
"""

from __future__ import annotations

from collections.abc import Callable

from warmap import languages
from warmap.chronology import date_grammar_alphabetic, date_grammar_han, date_grammar_persian
from warmap.chronology.date_points import RawDate, fold_1to1
from warmap.languages import LanguagePack

Grammar = Callable[[str, str, LanguagePack], list[RawDate]]
GRAMMARS: dict[str, Grammar] = {
    "han": date_grammar_han.scan,
    "alphabetic": date_grammar_alphabetic.scan,
    "persian": date_grammar_persian.scan,
}
NEEDS = {  # the dates.csv kinds each grammar cannot do without
    "han": date_grammar_han.NEEDS,
    "alphabetic": date_grammar_alphabetic.NEEDS,
    "persian": date_grammar_persian.NEEDS,
}


def readers(lang: str) -> tuple[LanguagePack, ...]:
    """The packs whose grammars read a language's dates: its own, or its fallback's choice."""
    chosen = languages.pack(lang)
    if chosen.code == lang.split("-")[0].lower():
        return (chosen,)
    return tuple(languages.pack(code) for code in chosen.setting("date_fallback_packs", [chosen.code]))


def scan(text: str, lang: str) -> list[RawDate]:
    """All dates written in ``text`` (indices into ``text``), read by the language's grammar(s)."""
    folded = fold_1to1(text)
    packs = readers(lang)
    found = [raw for pack in packs for raw in GRAMMARS[pack.date_grammar](folded, text, pack)]
    return found if len(packs) == 1 else sorted(found, key=lambda r: r.start)
