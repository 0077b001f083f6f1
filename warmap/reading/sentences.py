"""Sentence splitting for readable text, in any of the languages we read.

A sentence is where an event's evidence is quoted from, so a wrong split is
worse than a missed one: we split at line ends and at clear terminators, and
not at full stops that belong to a number, an initial, an abbreviation
(the ``abbreviation`` rows of every language pack's reading table) or an era marker. Persian writes the era after a
year with a full stop: "۱۹۵۰م." (Gregorian), "۱۳۲۹ه.ش." (Solar Hijri),
"ق.م." (BC). Such a stop ends a sentence only at the end of a line: in the
middle of a line it is far more often followed by the rest of the sentence
("در ۲۵ ژوئن ۱۹۵۰م. به خاک …") than by a new one.
"""

from __future__ import annotations

import re
from functools import cache

from warmap.languages import all_packs
from warmap.languages.tags import is_spaced
from warmap.model import Sentence

_TERMINATOR = re.compile(r"[.!?؟…。！？\n]+")
_CLOSERS = "\"'”’」』）)»]】〕"
_CJK_ENDS = set("。！？!?")
_DIGIT = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]")


@cache
def _era() -> re.Pattern[str]:
    """A year followed by an era marker (every pack's ``era_marker`` rows): ۱۹۵۰م, ۱۳۲۹ه.ش."""
    markers = [re.escape(word) for pack in all_packs() for word in pack.words("reading", "era_marker")]
    return re.compile(rf"{_DIGIT.pattern}+\s?(?:{'|'.join(markers)})$" if markers else r"(?!)")


@cache
def abbreviations() -> frozenset[str]:
    """Words whose full stop ends no sentence, from every pack: any text may quote "Gen. MacArthur"."""
    return frozenset(word.lower() for pack in all_packs() for word in pack.words("reading", "abbreviation"))


def _is_arabic_letter(char: str) -> bool:
    return "\u0620" <= char <= "\u064a" or "\u066e" <= char <= "\u06d3" or char in "\u06fa\u06fb\u06fc"


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start < 40:
        start -= 1
    return text[start:end]


def _ends_sentence(text: str, match: re.Match, lang: str) -> bool:
    """Whether the terminator run at ``match`` ends a sentence (newlines handled by the caller)."""
    run = match.group(0)
    after = match.end()
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    following = text[after] if after < len(text) else "\n"
    if any(char in _CJK_ENDS or char == "…" for char in run) and run != "…":
        return True
    if not is_spaced(lang) and "." in run and run.strip(".") == "":
        # Unspaced scripts end sentences with 。; an ASCII full stop is part of a number, a name or an abbreviation.
        return following.isspace() and not _DIGIT.match(text[match.start() - 1 : match.start()] or "x")
    if run.startswith(".") and len(run) == 1:
        before = text[match.start() - 1] if match.start() else ""
        if before and _DIGIT.match(before) and _DIGIT.match(following):
            return False  # 3.5, ۱۹.۵
        word = _word_before(text, match.start())
        if _era().search(word) or (len(word) == 1 and _is_arabic_letter(word)):
            return following == "\n"  # ۱۹۵۰م. / ه.ش. / ق.م. : era markers and Persian abbreviations
        bare = word.lstrip("(\"'“‘«").rsplit(".", 1)[-1]
        if bare.lower() in abbreviations() or (len(bare) == 1 and bare.isalpha() and bare.isupper()):
            return False  # Gen. MacArthur, U.S., D. MacArthur
        if following.isspace():
            return True
        # Persian often omits the space after a stop: "… شد.بهدنبال"
        return _is_arabic_letter(following) and bool(before) and _is_arabic_letter(before) and len(word) > 1
    return following.isspace() or _is_arabic_letter(following) or following in "\"'“«"


def split_sentences(text: str, lang: str = "en") -> list[Sentence]:
    """Readable text → sentence spans, trimmed of surrounding whitespace, in order."""
    sentences: list[Sentence] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        run = match.group(0)
        if "\n" in run:
            head = run.split("\n", 1)[0]
            end = match.start() + len(head)
            _add(sentences, text, start, end)
            start = match.start() + run.rfind("\n") + 1
            continue
        if _ends_sentence(text, match, lang):
            end = match.end()
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            _add(sentences, text, start, end)
            start = end
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end))
