"""Phase titles a reader can tell apart: two text phases never share a title.

Two sections of a text can both fall in one catalogue campaign (仁川登陸 and
聯合國军越过三八线 are both in the U.S. Army's "UN Offensive"): each then takes
its own dates after the campaign's name, in the form its language pack gives
(``phase_part``: "UN Offensive (1950-09-16 – 1950-09-30)"). Dates, not "(I)/(II)":
they say which part of the campaign each phase is, and are true to its span.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from warmap import languages
from warmap.model import Phase


def _forms() -> dict[str, str]:
    """The ``phase_part`` form of each language pack that has one."""
    forms = {}
    for pack in languages.all_packs():
        words = pack.words("phases", "phase_part")
        if words:
            forms[pack.code] = words[0]
    return forms


def distinct_titles(phases: list[Phase]) -> list[Phase]:
    """``phases`` with each title that more than one of them carries (per language) qualified by its dates."""
    counts = Counter((lang, text) for p in phases for lang, text in p.title.items())
    forms = _forms()
    out = []
    for phase in phases:
        title = dict(phase.title)
        for lang, text in phase.title.items():
            if counts[(lang, text)] > 1 and lang in forms:
                title[lang] = forms[lang].format(title=text, first=phase.start, last=phase.end or phase.start)
        out.append(replace(phase, title=title) if title != phase.title else phase)
    return out
