"""Which language a text is in, by the script most of its letters are written in.

The script names the language through the packs (the pack that writes it: Han → zh, Hangul → ko,
Arabic → fa, Latin → en), else through ``scripts.csv`` (languages without a pack:
Cyrillic → ru, Kana → ja). Two scripts are shared, and the letters
decide: a Han text with many kana is Japanese (the language that writes Kana), and
an Arabic-script text with Arabic-only letters and the article al-, but no Persian
letter, is Arabic (the language without a pack that writes the script) rather than
Persian. Markup is the caller's to strip (``warmap.sources``).
"""

from __future__ import annotations

import re
from functools import cache

from warmap.languages.tags import pack_writing, unpacked_scripts

# Letters that only Persian (not Arabic) uses, and Arabic-only letter forms.
PERSIAN_ONLY = set("پچژگکیۀ")  # پ چ ژ گ, Persian kaf and yeh, heh with yeh
ARABIC_ONLY = set("ةكيىأإ")  # teh marbuta, Arabic kaf/yeh, alef maksura, hamza alefs
ARABIC_ARTICLE = re.compile(r"(?:^|\s)(?:و|ف|ب)?ال[\u0621-\u064a]{2,}")
# The letters counted for each script, as ranges of code points (each a pass of the regex engine
# over the text, not a Python loop over its characters).
LETTERS = {
    "han": re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff]"),
    "kana": re.compile("[\u3040-\u30ff]"),
    "arabic": re.compile("[\u0600-\u06ff\ufb50-\ufeff\u0750-\u077f]"),
    "hangul": re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "latin": re.compile("[A-Za-z\u00c0-\u024f]"),
}
# Counted letters by script (lower-case keys: ties go to the first in alphabetical order).
SCRIPT_NAMES = {
    "arabic": "Arabic",
    "cyrillic": "Cyrillic",
    "han": "Han",
    "hangul": "Hangul",
    "kana": "Kana",
    "latin": "Latin",
}


def packed_language(script: str) -> str | None:
    """The language of the pack that writes this script (its main script first)."""
    writer = pack_writing(script)
    return writer.code if writer else None


@cache
def unpacked_language(script: str) -> str | None:
    """The first language without a pack (``scripts.csv`` order) that writes this script."""
    return next((code for code, scripts in unpacked_scripts().items() if script in scripts), None)


def language_of(script: str) -> str:
    """A text's language from its main script: a pack's, else a pack-less language's, else the Latin one's."""
    return packed_language(script) or unpacked_language(script) or packed_language("Latin") or "und"


def language_of_letters(text: str) -> str:
    """The language by the script most letters of ``text`` (markup already stripped) are written in."""
    sample = text[:200000]
    counts = {name: len(sample) - len(letters.sub("", sample)) for name, letters in LETTERS.items()}
    persian = arabic_only = 0
    if counts["arabic"]:
        persian = sum(sample.count(char) for char in PERSIAN_ONLY if LETTERS["arabic"].match(char))
        arabic_only = sum(
            sample.count(char) for char in ARABIC_ONLY - PERSIAN_ONLY if LETTERS["arabic"].match(char)
        )
    # Wiki markup and URLs are Latin; weigh scripts other than Latin up so that
    # an article in Chinese with English citations is still Chinese.
    weighted = dict(counts)
    weighted["latin"] = counts["latin"] // 4
    script = max(sorted(weighted), key=lambda key: weighted[key])
    if weighted[script] == 0:
        return language_of("Latin")
    if script == "han" and counts["kana"] > counts["han"] // 5:
        script = "kana"  # Japanese writes kana among its Han characters
    if script == "arabic" and persian == 0 and arabic_only >= 3:
        # Persian texts often use Arabic kaf/yeh forms: only Persian letters, or
        # their absence together with Arabic letters and the article al-, decide.
        if len(ARABIC_ARTICLE.findall(text)) >= 2:
            return unpacked_language("Arabic") or language_of("Arabic")
    return language_of(SCRIPT_NAMES[script])
