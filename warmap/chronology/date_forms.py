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
picks it, and ``date_grammars_also`` (pack.toml) may add others that read the
same words (a language that writes both 1950년 6월 and June 1950). A language
without a pack reads its dates with the packs its fallback pack names in
``date_fallback_packs``.
"""

from __future__ import annotations

from collections.abc import Callable

from warmap import languages
from warmap.chronology import date_grammar_alphabetic, date_grammar_han, date_grammar_persian
from warmap.chronology.date_points import RawDate, fold_1to1
from warmap.languages import LanguagePack, PackError

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


def grammars(pack: LanguagePack) -> tuple[str, ...]:
    """The grammars that read a pack's dates.csv: its ``date_grammar``, then any ``date_grammars_also``."""
    named = (pack.date_grammar, *pack.setting("date_grammars_also", []))
    unknown = [name for name in named if name not in GRAMMARS]
    if unknown:
        raise PackError(pack.folder / "pack.toml", f"no date grammar {', '.join(unknown)} ({', '.join(GRAMMARS)})")
    return named


def readers(lang: str) -> tuple[tuple[str, LanguagePack], ...]:
    """(grammar, pack) pairs that read a language's dates: its own pack's, or what its fallback pack chooses."""
    chosen = languages.pack(lang)
    if chosen.code == lang.split("-")[0].lower():
        packs: tuple[LanguagePack, ...] = (chosen,)
    else:
        packs = tuple(languages.pack(code) for code in chosen.setting("date_fallback_packs", [chosen.code]))
    return tuple((grammar, pack) for pack in packs for grammar in grammars(pack))


def read(text: str, pairs: tuple[tuple[str, LanguagePack], ...]) -> list[RawDate]:
    """All dates the (grammar, pack) pairs find in ``text``; of several, merged by position, a date that
    overlaps one an earlier grammar found left out (1950년 is the han grammar's, not a bare 1950)."""
    folded = fold_1to1(text)
    found: list[RawDate] = []
    for grammar, pack in pairs:
        taken = [(r.start, r.end) for r in found]
        found += [r for r in GRAMMARS[grammar](folded, text, pack) if not _overlaps(r, taken)]
    return found if len(pairs) == 1 else sorted(found, key=lambda r: r.start)


def _overlaps(raw: RawDate, spans: list[tuple[int, int]]) -> bool:
    return any(start < raw.end and raw.start < end for start, end in spans)


def scan(text: str, lang: str) -> list[RawDate]:
    """All dates written in ``text`` (indices into ``text``), read by the language's grammar(s)."""
    return read(text, readers(lang))
