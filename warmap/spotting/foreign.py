"""Names in another script standing in parentheses: ``Hungnam evacuation (Hangul: 흥남 철수 작전;
Hanja: 興南撤收作戰)``, ``Battle of Osan (Korean: 오산 전투)``.

A text matches the gazetteer's names in its own language's scripts. A writer who adds the
name in the place's own script inside parentheses names the place again: those runs are
read as the language that writes that script would read them (its pack's word lists, its
spacing, its people and far places), and only there.
"""

from __future__ import annotations

import dataclasses
import re

from warmap.gazetteer.scripts import char_script
from warmap.languages.tags import pack_writing, scripts_of, unpacked_scripts
from warmap.model import Document, Mention
from warmap.spotting.far import keep_far_on_evidence
from warmap.spotting.names import spot_names
from warmap.spotting.not_places import UNIT_REACH, drop_proper_names
from warmap.spotting.spans import SpanSet
from warmap.spotting.words import cased
from warmap.wars import War

PARENTHESES = re.compile(r"[(（]([^()（）\n]{1,300})[)）]")


def _language_writing(script: str) -> str | None:
    """The language whose names a run of this script is read as: its pack's, else scripts.csv's first."""
    writer = pack_writing(script)
    if writer is not None:
        return writer.code
    return next((code for code, scripts in unpacked_scripts().items() if script in scripts), None)


def _foreign_runs(doc: Document) -> dict[str, list[tuple[int, int]]]:
    """Script → the readable spans inside parentheses holding letters of that script, not the text's own."""
    own = scripts_of(doc.lang)
    found: dict[str, list[tuple[int, int]]] = {}
    for match in PARENTHESES.finditer(doc.text):
        inside = match.group(1)
        scripts = {char_script(ch) for ch in inside} - own - {None}
        for script in scripts:
            found.setdefault(script, []).append(match.span(1))
    return found


def _reach(spans: list[tuple[int, int]]) -> SpanSet:
    """Where the names that can decide a mention inside ``spans`` lie: the spans, and before each the
    reach of a unit's words (a name there may be a unit's whose words run into the parentheses).

    Enough where the reader's language has no case: then no far place waits on a country named
    elsewhere in the sentence (``far``), and the rest of the checks look at a name's own context.
    """
    return SpanSet([(max(0, start - UNIT_REACH), end) for start, end in spans])


def spot_foreign(doc: Document, gazetteer, taken: list[tuple[int, int]], war: War | None = None) -> list[Mention]:
    """Mentions of names written in parentheses in a script the document's language does not write."""
    mentions: list[Mention] = []
    for script, spans in sorted(_foreign_runs(doc).items()):
        lang = _language_writing(script)
        if lang is None:
            continue
        reader = dataclasses.replace(doc, source=dataclasses.replace(doc.source, lang=lang))
        inside = SpanSet(spans)
        found = spot_names(reader, gazetteer, taken, within=_reach(spans) if not cased(lang) else None)
        for mention in keep_far_on_evidence(reader, drop_proper_names(reader, found), war):
            if not inside.overlaps(mention.readable_start, mention.readable_end):
                continue
            if char_script(doc.text[mention.readable_start]) != script:
                continue
            mention.lang = doc.lang
            mentions.append(mention)
    return mentions
