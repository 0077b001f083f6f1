"""Claims from the names of battles and from the infobox.

Wikitext names its battles: ``{{main|抗美援朝第一次战役}}``, ``[[砥平里战斗|…]]``,
section titles such as ``上甘嶺戰役``, and in running text ``金城战役``. The title is
the event's name in the text's language; its place is the place named inside it
(a resolved mention within the link or heading), else the place the section
speaks of most. Its date is the first date of a sentence in the section that
repeats the name, else the date the section opens with, else the first date of
a sentence naming the place. The infobox (``event_infobox``) gives the war itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

from warmap.chronology.event_claims import Claim, DocView, source_ref
from warmap.chronology.event_dates import dating
from warmap.chronology.event_places import in_theatre, rank
from warmap.chronology.event_triggers import names_a_plan
from warmap.chronology.event_vocabulary import base_lang, common_titles, fold, vocabulary
from warmap.model import DateMention, DateValue, Place, ResolvedMention, Section, Sentence

SECTION_LINK_KINDS = {"main", "see also", "seealso", "see", "further", "details"}
MIN_NAME_TAIL = 4  # 抗美援朝第一次战役 is found in the text as 第一次战役


@cache
def _name_rules(
    lang: str,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[re.Pattern[str]], set[str]]:
    vocab = vocabulary(lang)
    suffixes = sorted(((fold(s), kind) for s, kind in vocab.suffixes), key=lambda s: -len(s[0]))
    prefixes = sorted(((fold(p), kind) for p, kind in vocab.prefixes), key=lambda p: -len(p[0]))
    offensive = [re.compile(fold(p)) for p in vocab.offensive_names]
    return suffixes, prefixes, offensive, {fold(w) for w in vocab.not_event_titles}


def battle_type(name: str, lang: str) -> str | None:
    """The event type a name declares (长津湖战役 → battle, 仁川登陸 → landing), or None."""
    suffixes, prefixes, offensive, excluded = _name_rules(base_lang(lang))
    folded = fold(name).strip()
    if any(folded.endswith(word) for word in excluded):
        return None
    for suffix, kind in suffixes:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            if kind == "battle" and any(p.search(folded) for p in offensive):
                return "offensive"
            return kind
    for prefix, kind in prefixes:
        if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
            return kind
    return None


def name_stem(name: str, lang: str) -> str:
    """A battle's name without its battle word: 長津湖戰役 → 长津湖, Battle of Chipyong-ni → chipyong-ni.
    Two names of one language whose stems differ name two battles."""
    suffixes, prefixes, _, _ = _name_rules(base_lang(lang))
    folded = fold(name).strip()
    for suffix, _kind in suffixes:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            folded = folded[: -len(suffix)]
            break
    else:
        for prefix, _kind in prefixes:
            if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
                folded = folded[len(prefix) + 1 :]
                break
    for linker in vocabulary(lang).name_linkers:  # 上甘嶺之戰 → 上甘嶺
        folded = folded.removesuffix(linker)
    return folded.strip()


def named_claims(view: DocView, years: range, center: tuple[float, float] | None) -> list[Claim]:
    """Named battles from links, section titles and place names followed by a battle suffix.

    A name already claimed by a link or a heading is not claimed again from running text: a later
    ``重演仁川登陆故伎`` recalls the landing, it does not repeat it."""
    doc, lang = view.doc, base_lang(view.doc.lang)
    claims: list[Claim] = []
    for link in doc.links:
        kind = battle_type(link.target, lang)
        if kind is None or link.readable_start is None:
            continue
        if link.readable_end is not None and names_a_plan(view, lang, link.readable_start, link.readable_end):
            continue
        section = doc.section_at(link.start)
        inside = [m.place for m in view.mentions_at_source(link.start, link.end) if m.place]
        inside = _title_places(view, link.target) or [p for p in inside if p.feature != "country"]
        at_top = link.kind.lower() in SECTION_LINK_KINDS
        if (at_top or not inside) and (view.catalogue.lookup(link.target) or view.catalogue.names_in(link.target)):
            continue  # {{see also|保導聯盟事件|江華島屠殺事件}}: the catalogue dates and places each, not the section
        claim = _claim(view, link.target, kind, link.readable_start, section, inside, at_top, years, center)
        if claim:
            claims.append(claim)
    for section in doc.sections:
        kind = battle_type(section.title, lang)
        if kind is None:
            continue
        if view.catalogue.lookup(section.title.strip()):
            continue  # == 第四次战役 ==: the catalogue's row, dated under its heading by linking
        inside = _title_places(view, section.title)
        if not inside and not _names_an_offensive(section.title, lang):
            continue  # "美军对平民的屠杀" heads a topic, it names no event
        claim = _claim(view, section.title.strip(), kind, None, section, inside, True, years, center)
        if claim:
            claims.append(claim)
    named = {fold(c.titles[lang]) for c in claims if lang in c.titles}
    claims.extend(c for c in _suffixed_mentions(view, years) if fold(c.titles[lang]) not in named)
    return claims


def _names_an_offensive(title: str, lang: str) -> bool:
    return any(p.search(fold(title)) for p in _name_rules(base_lang(lang))[2])


def _readable(view: DocView, source_offset: int) -> int:
    """The readable offset at or after a source offset."""
    return min(bisect_left(view.doc.offsets, source_offset), len(view.doc.text))


def _claim(
    view: DocView,
    name: str,
    kind: str,
    readable_at: int | None,
    section: Section | None,
    inside: list[Place],
    at_top: bool,
    years: range,
    center: tuple[float, float] | None,
) -> Claim | None:
    doc, lang = view.doc, base_lang(view.doc.lang)
    index = view.sentence_index(readable_at) if readable_at is not None else None
    own: Sentence | None = None
    if index is not None and readable_at is not None:  # of a long sentence, the clauses around the name
        own = view.reading_span(doc.sentences[index], readable_at, readable_at, _breaks(lang))
    scope = _section_sentences(view, section) if section and at_top else []
    date: DateMention | None = None
    sentence: Sentence | None = None
    timing: tuple[DateValue, DateValue | None, bool] | None = None
    if at_top:  # {{main|…}} or a heading: the section tells the date
        date, sentence = _section_date(view, scope, name, inside)
    elif own is not None and readable_at is not None:  # running text: its sentence, or the next one
        date, sentence = _own_date(view, own, readable_at)
        timing = dating(view, own, readable_at, date, _breaks(lang)) if date is not None else None
        following = _next_in_section(view, section, own.end) if date is None else None
        if following is not None and (dates := view.dates_in(following.start, following.end)):
            date, sentence = dates[0], following
    if date is None or sentence is None or date.first.year not in years:
        return None
    places = list(inside)
    if not places and at_top:
        places = _places_of(view, sentence) or _most_named(view, scope)
    if not places or not in_theatre(places[0], center):
        return None  # a link in running text names its place, or it is not a battle we can put on the map
    titles = {lang: name, **common_titles(lang, kind, places[0].name)}
    sources = [source_ref(view, sentence)]
    if own is not None and own is not sentence:
        sources.insert(0, source_ref(view, own))
    first, last, closing = (
        timing if timing is not None and sentence is own else (date.first, date.last, False)
    )
    return Claim(doc.name, lang, kind, first, last, places, sources, titles, origin="battle", closing=closing)


def _breaks(lang: str) -> str:
    return vocabulary(lang).clause_breaks


def _own_date(view: DocView, sentence: Sentence, at: int) -> tuple[DateMention | None, Sentence | None]:
    dates = view.dates_in(sentence.start, sentence.end)
    if not dates:
        return None, None
    before = [d for d in dates if d.readable_start <= at]
    return (before[-1] if before else dates[0]), sentence


def _next_in_section(view: DocView, section: Section | None, after: int) -> Sentence | None:
    """The first sentence of ``section`` that starts at or after readable ``after`` (the first of
    ``_section_sentences`` that does), found by bisection: a section of many battle links is not
    listed again for each. Long, it is read from its start."""
    if section is None:
        return None
    start, end = _readable(view, section.heading_end or section.start), _readable(view, section.end)
    sentence = view.first_sentence_in(max(start, after), end)
    if sentence is None:
        return None
    breaks = _breaks(base_lang(view.doc.lang))
    return view.reading_span(sentence, sentence.start, sentence.start, breaks)


def _section_sentences(view: DocView, section: Section) -> list[Sentence]:
    start = _readable(view, section.heading_end or section.start)
    end = _readable(view, section.end)
    return view.sentences_in(start, end)


def _section_date(
    view: DocView, scope: list[Sentence], name: str, inside: list[ResolvedMention]
) -> tuple[DateMention | None, Sentence | None]:
    """The date a named battle's section gives it (see the module docstring for the order)."""
    folded = fold(name)
    tails = [folded[i:] for i in range(0, max(1, len(folded) - MIN_NAME_TAIL + 1))]
    dated = [(s, [d for d in view.dates_in(s.start, s.end) if d.first.month is not None]) for s in scope]
    dated = [(s, d) for s, d in dated if d]
    for sentence, dates in dated:
        text = view.folded(sentence.start, sentence.end)
        if any(tail in text for tail in tails):
            return dates[0], sentence
    if dated and scope and dated[0][0] is scope[0]:
        return dated[0][1][0], dated[0][0]
    ids = {p.place_id for p in inside}
    for sentence, dates in dated:
        if ids & {m.place.place_id for m in view.mentions_in(sentence.start, sentence.end) if m.place}:
            return dates[0], sentence
    return (dated[0][1][0], dated[0][0]) if dated else (None, None)


def _title_places(view: DocView, title: str) -> list[Place]:
    """The place named inside a battle's title (第一次漢城戰役 → Seoul), from the places the text resolved."""
    stem = fold(title)
    for suffix, _ in _name_rules(base_lang(view.doc.lang))[0]:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    best: tuple[int, int, Place] | None = None
    for order, (form, place) in enumerate(_place_forms(view).items()):
        if form in stem and (best is None or len(form) > best[0]):
            best = (len(form), order, place)
    return [best[2]] if best else []


def _place_forms(view: DocView) -> dict[str, Place]:
    """Folded written forms and keys of the document's resolved places (countries aside) → place."""
    cached = getattr(view, "_forms", None)
    if cached is not None:
        return cached
    forms: dict[str, Place] = {}
    for m in view.mentions:
        if m.place is None or m.place.feature == "country":
            continue
        shown = view.doc.text[m.mention.readable_start : m.mention.readable_end]
        for form in (fold(shown).strip(), fold(m.mention.key).strip()):
            if len(form) >= 2:
                forms.setdefault(form, m.place)
    view._forms = forms  # type: ignore[attr-defined]
    return forms


def _places_of(view: DocView, sentence: Sentence) -> list[Place]:
    found = [m.place for m in view.mentions_in(sentence.start, sentence.end) if m.place is not None]
    found = [p for p in found if p.feature != "country"]
    return sorted(found, key=rank)[:1]


def _most_named(view: DocView, scope: list[Sentence]) -> list[Place]:
    """The place a section names most (countries aside); the first named wins a tie."""
    if not scope:
        return []
    mentions = [
        m for m in view.mentions_in(scope[0].start, scope[-1].end) if m.place and m.place.feature != "country"
    ]
    if not mentions:
        return []
    counts = Counter(m.place.place_id for m in mentions)  # type: ignore[union-attr]
    first: dict[str, Place] = {}
    order: dict[str, int] = {}
    for i, m in enumerate(mentions):
        first.setdefault(m.place.place_id, m.place)  # type: ignore[union-attr, arg-type]
        order.setdefault(m.place.place_id, i)  # type: ignore[union-attr]
    best = min(counts, key=lambda pid: (rank(first[pid]), -counts[pid], order[pid]))
    return [first[best]]


def _suffixed_mentions(view: DocView, years: range) -> list[Claim]:
    """金城战役, 上甘嶺之戰: a resolved place followed by a battle suffix, dated in its sentence."""
    doc, lang = view.doc, base_lang(view.doc.lang)
    suffixes, _, offensive, _ = _name_rules(lang)
    if not suffixes:
        return []
    linkers = vocabulary(lang).name_linkers
    claims = []
    starts = doc.match_offsets
    named = sorted((h.start, h.end) for h in view.catalogue.names_in(doc.text))
    named_starts = [a for a, _ in named]
    # each suffix itself, or joined by a linker (上甘嶺之戰: the name is one character longer)
    suffix_forms = [((suffix, *(k + suffix.lstrip(k) for k in linkers)), kind) for suffix, kind in suffixes]
    every_form = tuple(form for forms, _ in suffix_forms for form in forms)
    for mention in view.mentions:
        end = mention.mention.readable_end
        k = bisect_right(named_starts, mention.mention.readable_start) - 1
        if k >= 0 and mention.mention.readable_start < named[k][1]:
            continue  # inside a name the catalogue knows (江華島屠殺事件): linking dates and places it
        j = bisect_left(starts, end)
        after = doc.match_text[j : j + 8]
        if not after.startswith(every_form):
            continue  # no suffix follows (most mentions): one test, not one per suffix and linker
        for forms, kind in suffix_forms:
            written = next((w for w in forms if after.startswith(w)), None)
            if written is not None:
                index = view.sentence_index(mention.mention.readable_start)
                if index is None:
                    break
                at = mention.mention.readable_start
                sentence = view.reading_span(doc.sentences[index], at, end, _breaks(lang))  # all, if short
                date, _ = _own_date(view, sentence, at)
                if date is None or date.first.year not in years or date.first.month is None:
                    break
                name_end = doc.match_to_readable(j, j + len(written))[1]
                name = doc.text[mention.mention.readable_start : name_end]
                place = mention.place
                assert place is not None
                titles = {lang: name, **common_titles(lang, kind, place.name)}
                first, last, closing = dating(
                    view, sentence, mention.mention.readable_start, date, _breaks(lang)
                )
                claims.append(
                    Claim(
                        doc.name,
                        lang,
                        kind,
                        first,
                        last,
                        [place],
                        [source_ref(view, sentence)],
                        titles,
                        origin="battle",
                        closing=closing,
                    )
                )
                break
    return claims
