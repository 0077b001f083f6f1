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
    counts = dict.fromkeys(SCRIPT_NAMES, 0)
    persian = arabic_only = 0
    for char in text[:200000]:
        code = ord(char)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FFFF:
            counts["han"] += 1
        elif 0x3040 <= code <= 0x30FF:
            counts["kana"] += 1
        elif 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFEFF or 0x0750 <= code <= 0x077F:
            counts["arabic"] += 1
            if char in PERSIAN_ONLY:
                persian += 1
            elif char in ARABIC_ONLY:
                arabic_only += 1
        elif 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            counts["hangul"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif char.isascii() and char.isalpha() or 0x00C0 <= code <= 0x024F:
            counts["latin"] += 1
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
