"""Which script a name is written in, and the language tag a gazetteer name gets from it.

GeoNames' alternate names carry no language; the script (and for Han, which
OpenCC conversion leaves the name unchanged) is what we can tell them by.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

# Countries whose places are named in a language other than their script alone tells (Korean Hanja, Japanese kanji).
PLACE_LANGUAGES = Path(__file__).with_name("place_languages.csv")

SCRIPTS = ("Han", "Hangul", "Kana", "Arabic", "Latin", "Cyrillic")

# Letters only Persian uses (پ چ ژ گ) and those Persian writes where Arabic differs (ک ی).
_PERSIAN = set("\u067e\u0686\u0698\u06af\u06a9\u06cc")
_ARABIC_ONLY = set("\u064a\u0643\u0629")  # ي ك ة
# Pashto, Urdu, Kurdish, Uyghur, Sindhi letters: names in those languages, not ours.
_OTHER_ARABIC = set(
    "\u067c\u0681\u0685\u0689\u0693\u0696\u069a\u06ab\u06bc\u0688\u0679\u0691\u06ba\u06be\u06c1\u06d2\u06ce\u06c6\u06b5\u06ad\u06c7\u06c8\u06cb\u06d0\u06d5"
)
_RUSSIAN_EXTRA = set("іїєјљњћђўөүңқғһәұ" + "ІЇЄЈЉЊЋЂЎӨҮҢҚҒҺӘҰ")
_MR_MARKS = re.compile(r"[ŏŭŎŬ]|[ptkc]h?['’ʼ]", re.IGNORECASE)
_JA_MACRONS = re.compile(r"[ōūŌŪ]")


@cache  # one entry per distinct character: names ask for the same letters over and over
def char_script(char: str) -> str | None:
    """The script of one letter, None for marks, digits, spaces and punctuation."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "Hangul"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "Kana"
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    ):
        return "Han"
    if 0x3005 <= code <= 0x3007:  # 々 〆 〇
        return "Han"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "Arabic" if unicodedata.category(char).startswith("L") else None
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    if unicodedata.category(char).startswith("L"):
        return "Latin" if code < 0x0250 or 0x1E00 <= code <= 0x1EFF else "Other"
    return None


def scripts_of(text: str) -> set[str]:
    return {s for s in map(char_script, text) if s}


@lru_cache(maxsize=1 << 16)  # the spotter asks again for every match of the same names
def name_script(text: str) -> str | None:
    """One script for a name: Han+Kana is Japanese (Kana), otherwise the single script or None."""
    found = scripts_of(text)
    if found == {"Han", "Kana"}:
        return "Kana"
    return next(iter(found)) if len(found) == 1 else None


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _place_languages() -> dict[str, dict[str, str]]:
    """country → its row of place_languages.csv: the language its places are named in, and how."""
    with open(PLACE_LANGUAGES, encoding="utf-8", newline="") as handle:
        return {row["country"]: row for row in csv.DictReader(handle)}


def countries_naming(lang: str) -> frozenset[str]:
    """The countries whose places are named in ``lang`` (place_languages.csv): Korean → the two Koreas."""
    return frozenset(c for c, row in _place_languages().items() if row["lang"] == lang)


def place_language(country: str | None) -> str | None:
    """The language a country's places are named in, when place_languages.csv says."""
    row = _place_languages().get(country or "")
    return row["lang"] if row else None


def _han_names(country: str | None) -> str | None:
    """The tag of a country's own Han names (Japanese kanji, Korean Hanja), if it writes them."""
    row = _place_languages().get(country or "")
    return (row["han_names"] or None) if row else None


def _romanised_lowercase(country: str | None) -> bool:
    """Whether GeoNames' lower-case Latin names of the country's places are real romanisations."""
    row = _place_languages().get(country or "")
    return bool(row and row["romanised"] == "lowercase")


SCRIPT_SAMPLE = 20_000  # characters: enough to tell a document's script, cheap on a whole book


@lru_cache(maxsize=64)
def document_han_tag(text: str) -> str | None:
    """zh-Hans or zh-Hant by which characters a document writes more of (a traditional text with a
    simplified title line is traditional); None when it writes no characters that differ."""
    sample = text[:SCRIPT_SAMPLE]
    s2t, t2s = _converters()
    to_traditional, to_simplified = s2t.convert(sample), t2s.convert(sample)
    if len(to_traditional) != len(sample) or len(to_simplified) != len(sample):
        return None
    simplified = sum(a != b for a, b in zip(sample, to_traditional, strict=True))  # characters only Simplified writes
    traditional = sum(a != b for a, b in zip(sample, to_simplified, strict=True))
    if simplified == traditional:
        return None
    return "zh-Hans" if simplified > traditional else "zh-Hant"


def han_tag(text: str, country: str | None) -> str:
    """zh-Hans, zh-Hant or zh (both) by which conversion leaves the name as it is.

    Japanese places' Han names are ja; Korean places' non-Simplified ones are Hanja (ko-Hani).
    OpenCC's s2t is not reversible for every character (咸 → 鹹), so "survives neither" is generic zh.
    """
    own = _han_names(country)
    if own and "-" not in own:  # a language of its own writes these Han names (kanji)
        return own
    s2t, t2s = _converters()
    simplified_ok = t2s.convert(text) == text
    traditional_ok = s2t.convert(text) == text
    if simplified_ok and not traditional_ok:
        return "zh-Hans"
    if own:  # Hanja: the country's own Han names
        return own
    if traditional_ok and not simplified_ok:
        return "zh-Hant"
    return "zh"


def is_junk_latin(text: str, country: str | None) -> bool:
    """GeoNames' machine transliterations and codes that would only add false matches."""
    stripped = text.strip()
    if len(stripped) < 3 or any(c.isdigit() for c in stripped) or any(c in stripped for c in "*()/,;:"):
        return True
    if " - " in stripped:
        return True
    if stripped.isupper() and len(stripped) <= 4:  # IATA codes: SEL, FNJ
        return True
    if stripped == stripped.lower():  # lowercase: transliterated from another script
        if not _romanised_lowercase(country):
            return True
        return bool(re.search(r"w[^aeiouy]|w$|yw|[qx]", stripped))  # Arabic-script transliterations
    return False


def tag_name(text: str, country: str | None) -> str | None:
    """The language tag for a GeoNames name, or None to drop it (scripts our sources never use)."""
    script = name_script(text)
    if script is None or any(c in text for c in "،,;()*"):
        return None
    if script == "Hangul":
        return "ko"
    if script == "Kana":
        return "ja"
    if script == "Han":
        return han_tag(text, country)
    if script == "Arabic":
        letters = set(text)
        if letters & _OTHER_ARABIC:
            return None
        if letters & _ARABIC_ONLY and not letters & _PERSIAN:
            return "ar"
        return "fa"
    if script == "Cyrillic":
        return None if set(text) & _RUSSIAN_EXTRA else "ru"
    if script == "Latin":
        if is_junk_latin(text, country):
            return None
        if _romanised_lowercase(country):
            own = place_language(country)
            if _MR_MARKS.search(text):
                return f"{own}-Latn-mr"
            if _JA_MACRONS.search(text):
                return "ja-Latn"
            if text == text.lower():
                return f"{own}-Latn-rr"
        return "en"
    return None
