"""The per-language words the event finders match: vocabularies, folding and loose spellings.

Both finders (``event_triggers``, ``event_named``) and the place and date
pickers read ``data/events-*.json`` and match its words against folded text;
keeping the loading and folding here gives all of them one way to spell a word.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from warmap.reading.normalize import match_form

DATA = Path(__file__).parent / "data"


@cache
def vocabulary(lang: str) -> dict:
    """A language's event words (``data/events-{lang}.json``); English stands in for a language without one."""
    path = DATA / f"events-{lang}.json"
    if not path.exists():
        path = DATA / "events-en.json"
    return json.loads(path.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """The matching form (as in Document.match_text) of a vocabulary word."""
    return match_form(text)[0]


_GAP = re.compile(r"[\s\u200c]+")
_LOOSE_CHARS = {"ء": "ء?", "آ": "[آا]"}


def loose(word: str) -> str:
    """A vocabulary word as a regex over folded text that forgives how writers join and spell it:
    a space or ZWNJ inside the word may be a space or nothing (آتش‌بس, آتش بس, آتشبس), a hamza
    may be missing or added after a final alef (امضاء, امضا), and آ may lose its madda."""
    pieces = []
    for piece in _GAP.split(word.strip()):
        folded = fold(piece)
        body = "".join(_LOOSE_CHARS.get(c, re.escape(c)) for c in folded)
        if folded.endswith("ا"):
            body += "ء?"
        pieces.append(body)
    return " ?".join(p for p in pieces if p)


def loose_key(text: str) -> str:
    """The key ``loose`` forgives: folded, without spaces, hamza or madda (امضا شد = امضاء شد)."""
    return _GAP.sub("", fold(text)).replace("ء", "").replace("آ", "ا")


def base_lang(lang: str) -> str:
    """``zh-hant`` → ``zh``: the vocabularies are per language, not per script or region."""
    return lang.split("-")[0].lower()


def title_for(lang: str, kind: str, place_name: str) -> str:
    """An event's title in the text's own language, from the vocabulary's pattern for its kind."""
    return vocabulary(lang)["titles"][kind].format(place=place_name)


def compile_words(words: list[str]) -> str:
    """Regex alternation of folded words, longest first."""
    folded = sorted({fold(w) for w in words if fold(w)}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in folded)
