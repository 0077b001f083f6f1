"""Linking: a text's mentions of the war's named events, tied to their catalogue rows.

A name of the catalogue (``warmap/wars/<war>/event_names.csv``) found in a text's
readable words, a wikilink or ``{{main}}`` target or a section title is a claim of
that event: the catalogue gives its type, its title in every language and its
places; the text gives its sentence and, when the sentence (or the one after it,
"… The battle began on 15 September 1950") holds a date near the catalogue's
span, its own date. A mention without such a date is dated from the catalogue
and its source says so (``"from": "catalogue"``).

``absorb`` then gives a linked event the claims the trigger rules read off the
same happening — the same place, within its span — so that "Capture of
Chipyong-ni" on the day of the battle becomes the Battle of Chipyong-ni.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from warmap.chronology.catalogue import Catalogue, CatalogueEvent
from warmap.chronology.event_claims import FAMILIES, Claim, DocView, clause_at, source_ref
from warmap.chronology.event_merge import MERGE_KM, MERGE_WINDOW_DAYS, NAMED_ORIGINS, PLACELESS_FAMILIES, span
from warmap.chronology.event_places import broad, bundled_gazetteer, distance_km, rank
from warmap.chronology.event_triggers import hypothetical, names_a_plan, negated
from warmap.chronology.event_types import outcome_of
from warmap.chronology.event_vocabulary import base_lang, vocabulary
from warmap.gazetteer.scripts import document_han_tag, han_tag
from warmap.model import DateMention, DateValue, Place, Sentence

NEAR_SPAN_DAYS = 30  # a date in the name's own clause this far outside the catalogue's span is still its date
FOLLOWING_SENTENCES = 2  # "The Battle of X was … The battle began on 15 September 1950"
HEADING_SENTENCES = 8  # a title line or heading: the date its first sentences (or infobox lines) give
ABSORB_SLACK_DAYS = 2  # a capture told a day after a battle's last day is still that battle
LONGEST_PLACE_NAME = 40  # characters: how far back a place name holding a catalogue name may begin




@cache
def catalogue_places(event: CatalogueEvent) -> tuple[Place, ...]:
    """The catalogue's reviewed places of an event, as gazetteer entries (countries aside: no point)."""
    places = (bundled_gazetteer().get(place_id) for place_id in event.places)
    return tuple(p for p in places if p is not None and p.feature != "country")


def _value(iso: str) -> DateValue:
    parts = [int(p) for p in iso.split("-")]
    return DateValue(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


def catalogue_dates(event: CatalogueEvent) -> tuple[DateValue, DateValue | None] | None:
    """A catalogue row's start and end (None when the row gives no start)."""
    if not event.start:
        return None
    return _value(event.start), _value(event.end) if event.end and event.end != event.start else None


def _fits(date: DateMention, event: CatalogueEvent, slack_days: int) -> bool:
    """Whether a text's date can be its date of this event: within ``slack_days`` of the catalogue's span."""
    dates = catalogue_dates(event)
    if dates is None:
        return True
    if date.first.month is None:
        return False  # a bare year dates a mention no better than the catalogue does
    told, known = span(date.first, date.last), span(*dates)
    slack = dt.timedelta(days=slack_days)
    return told.first <= known.last + slack and known.first - slack <= told.last


def _as_precise(date: DateMention, events: tuple[CatalogueEvent, ...]) -> bool:
    """Whether a text's date is as precise as every catalogue row it may date (9月15日 for a landing
    of one day; 9月初 is not: under the heading 仁川登陸 it tells the offensive before)."""
    need = {"year": 0, "month": 1, "day": 2}
    told = 0 if date.first.month is None else 1 if date.first.day is None else 2
    return all(told >= need.get(e.precision, 0) for e in events)


def _refined(date: DateMention, event: CatalogueEvent) -> tuple[DateValue, DateValue | None] | None:
    """The catalogue's dates, when the text's date holds them ("September 1950" of a landing on 15
    September; "13 to 27 July … until the armistice was signed") or lies within them (a battle's
    second day): the text agrees, and the catalogue says when the whole event was."""
    dates = catalogue_dates(event)
    if dates is None or dates[0].day is None:
        return None
    told, known = span(date.first, date.last), span(*dates)
    coarser = date.first.day is None or dates[1] is None  # a month, or a range around a one-day event
    holds = coarser and told.first <= known.first and known.last <= told.last
    within = known.first <= told.first and told.last <= known.last
    return dates if (holds or within) and (told.first, told.last) != (known.first, known.last) else None


def linked_claims(view: DocView, years: range) -> list[Claim]:
    """A claim for every mention of a catalogued event in the document (see the module docstring)."""
    catalogue = view.catalogue
    doc = view.doc
    mentions: list[tuple[int, int, tuple[CatalogueEvent, ...], bool]] = []
    for hit in catalogue.names_in(doc.text):
        if not _inside_a_longer_place(view, hit.start):
            mentions.append((hit.start, hit.end, hit.events, False))
    for link in doc.links:
        if link.readable_start is not None and (found := catalogue.lookup(link.target)):
            at_top = link.kind.lower() in {"main", "see also", "seealso", "further", "details"}
            mentions.append((link.readable_start, link.readable_end or link.readable_start, tuple(found), at_top))
    for section in doc.sections:
        if found := catalogue.lookup(section.title.strip()):
            at = min(bisect_left(doc.offsets, section.heading_end or section.start), len(doc.text))
            mentions.append((at, at, tuple(found), True))
    claims: list[Claim] = []
    seen: set[tuple[str, int]] = set()
    for start, end, events, at_top in sorted(mentions, key=lambda m: (m[0], -m[1])):
        claim = _claim(view, start, end, events, at_top, years)
        if claim is not None and (claim.catalogue, claim.sources[0].start) not in seen:
            seen.add((claim.catalogue, claim.sources[0].start))  # type: ignore[arg-type]
            claims.append(claim)
    return claims


def _inside_a_longer_place(view: DocView, at: int) -> bool:
    """Whether a name found at ``at`` begins inside a place name that starts before it: 马山战役 in
    白马山战役 (White Horse Hill) is no battle of Masan."""
    before = view.mentions_in(max(0, at - LONGEST_PLACE_NAME), at)
    return any(m.mention.readable_start < at < m.mention.readable_end for m in before)


def _claim(
    view: DocView, start: int, end: int, events: tuple[CatalogueEvent, ...], at_top: bool, years: range
) -> Claim | None:
    doc, lang = view.doc, base_lang(view.doc.lang)
    index = view.sentence_index(start)
    if index is None:
        index = view.sentence_index(end) if at_top else None
        if index is None:
            return None
    breaks = vocabulary(lang).clause_breaks
    own = view.reading_span(doc.sentences[index], start, end, breaks)
    if not at_top and (
        hypothetical(view, lang, own, start, end) or negated(view, lang, own, start, end) or names_a_plan(view, lang, start, end)
    ):
        return None  # a battle planned, proposed or not fought is no event
    event, date, sentence = _dated(view, index, own, start, end, events)
    if event is None:
        return None
    places = list(catalogue_places(event)) or _text_places(view, start, end, own)
    if not places:
        return None  # no place more specific than a country: nothing to put on the map
    sources = [source_ref(view, own)]
    if date is not None and (refined := _refined(date, event)) is not None:
        (first, last), by_catalogue = refined, True
        sources = [replace(sources[0], origin="catalogue")]
        if sentence is not None and sentence != own:
            sources.append(source_ref(view, sentence))  # the text's agreeing date
    elif date is not None:
        first, last, by_catalogue = date.first, date.last, False
        if sentence is not None and sentence != own:
            sources.append(source_ref(view, sentence))
    else:
        dates = catalogue_dates(event)
        if dates is None:
            return None
        (first, last), by_catalogue = dates, True
        sources = [replace(sources[0], origin="catalogue")]
    if first.year not in years:
        return None
    if at_top and start == end and len(sources) > 1:  # a heading: the sentence dating it, not the first below
        sources = [replace(sources[1], origin=sources[0].origin)]
    return Claim(
        doc.name,
        lang,
        event.type,
        first,
        last,
        places,
        sources,
        _titles(event, doc.text[start:end], document_han_tag(doc.text)),
        origin="catalogue",
        catalogue=event.id,
        dated_by_catalogue=by_catalogue,
    )


def _dated(
    view: DocView, index: int, own: Sentence, at: int, named_end: int, events: tuple[CatalogueEvent, ...]
) -> tuple[CatalogueEvent | None, DateMention | None, Sentence | None]:
    """The event a name stands for and the text's date of it. A date in the name's own clause may
    disagree with the catalogue by up to NEAR_SPAN_DAYS (the texts' disagreement is kept as a
    conflict); a date elsewhere in the sentence, or in the next sentences, must fall in the
    catalogue's span ("on 25 October, when the fight at Onjong began, … the Inchon landing" does not
    date the landing). A name whose own clause gives a date far from the event tells another
    happening with the same words (US troops landing at Inchon in 1945): no link. A name shared by
    several events is decided by the date; undated, it stays undecided."""
    breaks = vocabulary(base_lang(view.doc.lang)).clause_breaks
    clause = clause_at(view.doc.text, own.start, own.end, at, breaks) or (own.start, own.end)
    dates = view.dates_in(own.start, own.end)
    in_clause = [d for d in dates if clause[0] <= d.readable_start < clause[1]]
    before = [d for d in in_clause if d.readable_start <= at][::-1]
    candidates: list[tuple[list[DateMention], Sentence, int]] = [
        (before + [d for d in in_clause if d.readable_start > at], own, NEAR_SPAN_DAYS),
        ([d for d in dates if d not in in_clause], own, ABSORB_SLACK_DAYS),
    ]
    # a name standing alone (a title line, a heading) is dated by what follows it, as a section is
    alone = len(view.doc.text[own.start : own.end].strip()) <= len(view.doc.text[at:named_end].strip()) + 1
    following_count, slack = (HEADING_SENTENCES, NEAR_SPAN_DAYS) if alone else (FOLLOWING_SENTENCES, ABSORB_SLACK_DAYS)
    following = [
        (view.dates_in(s.start, s.end), s, slack) for s in view.doc.sentences[index + 1 : index + 1 + following_count]
    ]
    if alone:  # under a heading, a sentence that dates the event as closely as the catalogue does comes first
        precise = [([d for d in dated if _as_precise(d, events)], s, k) for dated, s, k in following]
        candidates += precise
    candidates += following
    for dated, sentence, slack in candidates:
        for date in dated:
            fitting = [e for e in events if _fits(date, e, slack)]
            if len(fitting) == 1:
                return fitting[0], date, sentence
    if any(d.first.month is not None for d in in_clause):
        return None, None, None  # its own clause dates it far from every such event: another happening
    return (events[0] if len(events) == 1 else None), None, None


def _text_places(view: DocView, start: int, end: int, own: Sentence) -> list[Place]:
    """The place named inside the name, else the most specific place of its sentence outside the other
    event names it lists: never a country or a broad region (the peninsula of "the Korean War"),
    whose centroid says nothing of where."""
    inside = [m.place for m in view.mentions_in(start, end) if m.place and not broad(m.place)]
    if inside:
        return inside[:1]
    others = [
        (own.start + h.start, own.start + h.end)
        for h in view.catalogue.names_in(view.doc.text[own.start : own.end])
        if not (own.start + h.start <= start < own.start + h.end)
    ]  # a list of names (保導聯盟事件、濟州四·三事件): the places inside the others are theirs
    found = [
        m.place
        for m in view.mentions_in(own.start, own.end)
        if m.place
        and not broad(m.place)
        and not any(a <= m.mention.readable_start < b for a, b in others)
    ]
    return sorted(found, key=rank)[:1]


def _titles(event: CatalogueEvent, written: str, document_script: str | None = None) -> dict[str, str]:
    """The catalogue's title in every language (keyed by the language without its script): in the
    script the document writes most (a traditional text with a simplified title line), then the one
    the text writes the name in where it has several (漢城 or 汉城), else the plain tag's."""
    titles: dict[str, str] = {}
    script = han_tag(written.strip(), None)  # the script the text writes the name in, when it is one

    def other_script(tag: str) -> bool:
        if document_script is None or "-" not in tag:
            return False
        return tag.split("-")[0] == document_script.split("-")[0] and tag != document_script

    order = sorted(
        event.names.items(),
        key=lambda item: (other_script(item[0]), written.strip() not in item[1], item[0] != script, "-" in item[0]),
    )
    for tag, names in order:
        if names:
            titles.setdefault(tag.split("-")[0], names[0])
    return dict(sorted(titles.items()))


# ---------------------------------------------------------------- absorbing
def _known_span(group: list[Claim], event: CatalogueEvent):
    dates = catalogue_dates(event)
    if dates is not None:
        return span(*dates)
    told = [span(c.start, c.end) for c in group]
    return type(told[0])(min(t.first for t in told), max(t.last for t in told))


@dataclass
class _Target:
    """A linked event as ``absorb`` tries claims against it."""

    event_id: str
    known: Any  # the days it covers (event_merge's span)
    points: set[tuple[float, float]]
    family: str | None
    sentences: set[tuple[str, int]]
    slack_days: int
    docs: set[str]
    parent: bool  # a campaign with battles of its own in the catalogue


def absorb(linked: dict[str, list[Claim]], claims: list[Claim], catalogue: Catalogue) -> list[Claim]:
    """Give each claim that tells a linked event's happening to that event (the shortest such event);
    return the claims that found none. A claim tells it when it is of the event's family (or is its
    outcome — a capture ends a battle — told in a sentence that names it), at one of its places (within
    MERGE_KM), and inside its span (another text may date it up to MERGE_WINDOW_DAYS apart) or in a
    sentence that names it; a claim the text names by one of the event's names is it, whatever its
    type and date (the disagreement stays a conflict). A campaign with battles of its own in the catalogue, and a battle the text
    names by another name (新興里戰鬥 beside the Chosin Reservoir), take only the claims of sentences
    that name the event."""
    targets = []
    for event_id, group in linked.items():
        event = catalogue.get(event_id)
        if event is None:
            continue
        points = {(p.lat, p.lon) for c in group for p in c.places[:1]}
        points |= {(p.lat, p.lon) for p in catalogue_places(event)}
        targets.append(
            _Target(
                event_id,
                _known_span(group, event),
                points,
                FAMILIES.get(event.type),
                {(s.doc, s.start) for c in group for s in c.sources},
                ABSORB_SLACK_DAYS if event.precision == "day" else 0,
                {c.doc for c in group},
                bool(catalogue.children(event_id)),
            )
        )
    rest = []
    for claim in claims:
        told = span(claim.start, claim.end)
        claim_family = FAMILIES.get(claim.type)
        own_name = claim.titles.get(claim.lang) if claim.origin in NAMED_ORIGINS else None
        named = {e.id for e in catalogue.lookup(own_name)} if own_name else set()
        fitting = []
        for target in targets:
            if target.event_id in named:  # the text's own name of it is one of the catalogue's names
                fitting.append((-1, target.event_id))
                continue
            slack = dt.timedelta(days=target.slack_days if claim.doc in target.docs else MERGE_WINDOW_DAYS)
            retold = any((s.doc, s.start) in target.sentences for s in claim.sources)
            if claim_family != target.family and not (outcome_of(claim.type) == target.family and retold):
                continue
            if (target.parent or claim.origin in NAMED_ORIGINS) and not retold:
                continue  # a campaign's battles, and a battle the text names otherwise, are events of their own
            inside = claim.start.day is not None and target.known.first - slack <= told.first
            inside = inside and told.last <= target.known.last + slack
            near = claim_family in PLACELESS_FAMILIES or any(  # one armistice, wherever a sentence puts it
                distance_km(claim.main.lat, claim.main.lon, lat, lon) <= MERGE_KM for lat, lon in target.points
            )
            if (inside and near) or (retold and near):
                fitting.append(((target.known.last - target.known.first).days, target.event_id))
        if fitting:
            linked[min(fitting)[1]].append(claim)
        else:
            rest.append(claim)
    return rest


def agreeing(group: list[Claim], catalogue: Catalogue) -> list[Claim]:
    """The claims of a linked event whose dates meet the catalogue's span (all, when none does or the
    event is not linked): the event keeps one of their dates, the others stand as conflicts."""
    event_id = next((c.catalogue for c in group if c.catalogue is not None), None)
    event = catalogue.get(event_id) if event_id else None
    if event is None or catalogue_dates(event) is None:
        return group
    known = span(*catalogue_dates(event))  # type: ignore[misc]
    inside = [c for c in group if (t := span(c.start, c.end)).first <= known.last and known.first <= t.last]
    return inside or group

