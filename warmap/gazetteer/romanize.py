"""Korean romanisations: a plain Revised Romanisation of Hangul, and a skeleton that
folds Revised and McCune–Reischauer spellings (Busan/Pusan, Cheorwon/Ch'ŏrwŏn) together.

The skeleton is what the "fuzzy romanisation" step matches on first: it is exact,
fast and explains itself, where an edit distance would also take Pusan for Busa.
"""

from __future__ import annotations

import re

from warmap.reading.normalize import normalize_name

_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
]  # fmt: skip
_FINALS = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
]  # fmt: skip


def revised(hangul: str) -> str:
    """Syllable-by-syllable Revised Romanisation (no sound-change rules): 평택 → pyeongtaek."""
    out = []
    for char in hangul:
        code = ord(char) - 0xAC00
        if 0 <= code < 11172:
            out.append(_INITIALS[code // 588] + _VOWELS[(code % 588) // 28] + _FINALS[code % 28])
        elif not char.isspace():
            out.append(char)
    return "".join(out)


# Applied in order to the normalised (lower-case, accent- and apostrophe-free) spelling.
_FOLDS = [
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"shi"), "si"),
    (re.compile(r"yeo"), "yo"),
    (re.compile(r"eo"), "o"),
    (re.compile(r"eu"), "u"),
    (re.compile(r"wo"), "o"),
    (re.compile(r"j"), "ch"),
    (re.compile(r"(?<!n)g"), "k"),
    (re.compile(r"d"), "t"),
    (re.compile(r"b"), "p"),
    (re.compile(r"r"), "l"),
    # ㄹ after another consonant is said (and often spelt) ㄴ: 담리 Tam-ni; ㄴ before ㄹ is ㄹ: 신라 Silla
    (re.compile(r"(?<=[kmpt])l|(?<=ng)l"), "n"),
    (re.compile(r"nl"), "ll"),
    (re.compile(r"(.)\1"), r"\1"),
]


# Korean administrative suffixes as romanised after a hyphen or space: Koto-ri, Hagaru-ri, Kaech'ŏn-ŭp.
_LATIN_SUFFIX = re.compile(
    r"[-‐‑ ](?:si|shi|gun|kun|[uŭ]p|eup|my[oŏ]n|myeon|ri|ni|dong|tong|gu|ku|do|to)$", re.IGNORECASE
)


def strip_latin_suffix(latin: str) -> str:
    """Koto-ri → Koto: the romanised name without a hyphenated administrative suffix."""
    return _LATIN_SUFFIX.sub("", latin.strip())


def skeleton_keys(latin: str) -> set[str]:
    """The skeletons a Latin name is filed and looked up under: whole and without its suffix."""
    keys = {skeleton(latin), skeleton(strip_latin_suffix(latin))}
    return {k for k in keys if len(k) >= 3}


def skeleton(latin: str) -> str:
    """The spelling with the distinctions Revised and McCune–Reischauer draw differently folded away."""
    text = normalize_name(latin)
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text
