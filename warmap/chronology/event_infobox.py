"""The article's own event, from its infobox: its name, its dates, the places its place field names.

Which infobox parameters give the date and the place is pack data (``infobox_field``
rows: ``date``, ``تاریخ``; ``place``, ``location``, ``مکان``), as are the characters
that part a field's items besides commas and semicolons (``infobox_separator``: 、).
"""

from __future__ import annotations

import re
from functools import cache

from warmap.chronology.dates import parse_dates
from warmap.chronology.event_claims import Claim, DocView
from warmap.chronology.event_named import battle_type
from warmap.chronology.event_places import pointless
from warmap.chronology.event_types import placed_broadly, registry
from warmap.chronology.event_vocabulary import all_vocabularies, base_lang, common_titles, fold, vocabulary
from warmap.model import Place, ResolvedMention, SourceRef


def infobox_claims(view: DocView, center: tuple[float, float] | None = None) -> list[Claim]:
    """The article's own event from its infobox: its name (typed by its suffix, 长津湖战役 → battle;
    a war is ``other``), its dates, and the places its ``place`` field names. A point event whose
    field names only countries or the peninsula (a war's "朝鲜半岛") has no point: no claim."""
    doc, lang = view.doc, base_lang(view.doc.lang)
    box = {k.strip().lower(): v for k, v in doc.infobox.items()}
    fields = _infobox_fields(lang)
    date_text = next((box[f] for f in fields["date"] if box.get(f)), "")
    dates = parse_dates(date_text, lang) if date_text else []
    if not dates:
        return []
    places = _infobox_places(view, next((box[f] for f in fields["place"] if box.get(f)), ""))
    if not places:
        return []
    conflict = box.get("conflict", "")
    name = re.split(r"\s|<", conflict.strip())[0] if conflict.strip() else ""
    titles = {lang: name} if name else {}
    english = re.findall(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)+", conflict)
    kind = (battle_type(name, lang) if name else None) or "other"
    if not placed_broadly(kind):
        places = [p for p in places if not pointless(p, center)]
        if not places:
            return []
    if english:
        titles[registry().common_title_language] = english[0]
    elif kind != "other":
        titles.update(common_titles(lang, kind, places[0].name))
    first = dates[0]
    at = re.search(r"\|\s*date\s*=\s*", doc.source.text)
    start = at.end() if at else 0
    end = doc.source.text.find("\n", start) if at else 0
    ref = SourceRef(doc.name, start, max(start, end), date_text.strip())
    return [Claim(doc.name, lang, kind, first.first, first.last, places, [ref], titles, origin="infobox")]


def _infobox_places(view: DocView, field: str) -> list[Place]:
    """The places an infobox ``place`` field names, as the text resolved them. Each listed item is
    matched whole first, else by the resolved places written inside it (朝鲜长津湖地区 → 长津湖);
    a country counts only when nothing narrower is named."""
    places: list[Place] = []
    countries: list[Place] = []
    shown = [(m.place, _shown(view, m)) for m in view.mentions if m.place]  # folded once, not per item
    separators = re.escape(",;" + vocabulary(view.doc.lang).infobox_separators)
    for item in (fold(n).strip() for n in re.split(rf"[{separators}\n]", field) if n.strip()):
        whole = [place for place, form in shown if form == item]
        inside = sorted(
            {
                (item.find(form), -len(form), place.place_id): place
                for place, form in shown
                if len(form) >= 2 and form in item
            }.items()
        )
        for place in whole[:1] or [place for _, place in inside]:
            bucket = countries if place.feature == "country" else places
            if place not in bucket:
                bucket.append(place)
    return places or countries


@cache
def _infobox_fields(lang: str) -> dict[str, tuple[str, ...]]:
    """date | place → the infobox parameter names that give it: the text's own language's first, then
    every other pack's (a template's parameters are often named in another language than its text)."""
    own = vocabulary(lang)
    fields: dict[str, list[str]] = {"date": [], "place": []}
    for vocab in (own, *(v for v in all_vocabularies() if v.code != own.code)):
        for name, role in vocab.infobox_fields:
            if name not in fields[role]:
                fields[role].append(name)
    return {role: tuple(names) for role, names in fields.items()}


def _shown(view: DocView, mention: ResolvedMention) -> str:
    readable = view.doc.text[mention.mention.readable_start : mention.mention.readable_end]
    return fold(readable).strip()
