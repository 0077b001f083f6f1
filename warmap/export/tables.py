"""Mentions, events and phases as JSON records, CSV text and rich terminal tables."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from warmap.model import Event, Phase, ResolvedMention
from warmap.terminal import safe_markup

if TYPE_CHECKING:
    from warmap.campaign import Campaign

LOW_CONFIDENCE = 0.6
MENTION_COLUMNS = [
    "doc",
    "lang",
    "start",
    "end",
    "surface",
    "place_id",
    "name",
    "feature",
    "lat",
    "lon",
    "confidence",
    "resolver",
    "qualifier",
    "key",
    "evidence",
]
UNRESOLVED_COLUMNS = ["doc", "start", "end", "surface", "key", "reason"]
EVENT_COLUMNS = [
    "id",
    "type",
    "title",
    "start",
    "end",
    "places",
    "lon",
    "lat",
    "sources",
    "docs",
    "conflicts",
]


# ------------------------------------------------------------------ records
def mention_record(rm: ResolvedMention) -> dict[str, Any]:
    """One INTERFACE.md mention record (plus qualifier, key and evidence)."""
    m, place = rm.mention, rm.place
    return {
        "doc": m.doc,
        "lang": m.lang,
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "place_id": place.place_id if place else None,
        "name": place.name if place else None,
        "feature": place.feature if place else None,
        "lat": round(place.lat, 6) if place else None,
        "lon": round(place.lon, 6) if place else None,
        "geometry": place.geometry if place else None,
        "confidence": round(rm.confidence, 3),
        "resolver": rm.resolver if place else "unresolved",
        "qualifier": m.qualifier,
        "key": m.key,
        "evidence": m.evidence,
    }


def mentions_json(places: Sequence[ResolvedMention]) -> list[dict[str, Any]]:
    return [mention_record(rm) for rm in places]


_SHARED_MARK = "\x00shared\x00"  # no record value can encode to this: NUL is refused in every source


def write_json_list(records: Iterable[dict[str, Any]], stream: TextIO, shared: str = "geometry") -> None:
    """``json.dumps(list(records), ensure_ascii=False, indent=2)``, written record by record.

    Every mention of a river or a region carries the place's whole shape: built as one
    string, a long text's output took gigabytes. Here memory is that of one record, and
    each ``shared`` value (the same object for every mention of a place) is encoded once.
    """
    encoded: dict[int, tuple[Any, str]] = {}  # id → (the object, kept alive; its JSON)
    mark = f'"{shared}": ' + json.dumps(_SHARED_MARK)
    stream.write("[")
    first = True
    for record in records:
        value = record.get(shared)
        if isinstance(value, dict | list):
            if id(value) not in encoded:
                text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
                encoded[id(value)] = (value, text)
            record = {**record, shared: _SHARED_MARK}
        body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        if isinstance(value, dict | list):
            body = body.replace(mark, f'"{shared}": ' + encoded[id(value)][1], 1)
        stream.write(("\n  " if first else ",\n  ") + body)
        first = False
    stream.write("]" if first else "\n]")


def write_mentions_json(places: Sequence[ResolvedMention], stream: TextIO) -> None:
    """What ``warmap places --json`` prints, streamed (the same bytes as ``json.dumps``)."""
    write_json_list((mention_record(rm) for rm in places), stream)


def unresolved_reason(rm: ResolvedMention) -> str:
    """Why a mention stayed unresolved, in words a reader can act on."""
    explicit = getattr(rm, "reason", None)
    if explicit:
        return str(explicit)
    candidates = rm.mention.candidates
    if not candidates:
        return "no gazetteer candidate" + (
            "" if rm.resolver == "unresolved" else f"; {rm.resolver} found none"
        )
    best = max(candidates, key=lambda c: c.score)
    return f"no confident choice among {len(candidates)} candidates (best {best.place.name} {best.score:.2f})"


# ------------------------------------------------------------------ CSV
FORMULA_START = re.compile(r"^[\s]*[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula (OWASP's CSV injection advice).

    Text that starts with ``= + - @``, a tab or a carriage return (after any blanks) gets a
    leading apostrophe, which spreadsheets show as text; numbers, and text that is just a
    number ("-12.5"), stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, str) and FORMULA_START.match(value) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_text(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    """CSV with a header row; every cell through ``safe_cell``."""
    buffer = io.StringIO()
    write_csv(columns, rows, buffer)
    return buffer.getvalue()


def write_csv(columns: list[str], rows: Iterable[dict[str, Any]], stream: TextIO) -> None:
    """``csv_text``, written row by row."""
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k)) for k in columns})


def mentions_csv(places: Sequence[ResolvedMention]) -> str:
    return csv_text(MENTION_COLUMNS, (mention_record(rm) for rm in places))


def write_mentions_csv(places: Sequence[ResolvedMention], stream: TextIO) -> None:
    write_csv(MENTION_COLUMNS, (mention_record(rm) for rm in places), stream)


def unresolved_csv(places: Sequence[ResolvedMention]) -> str:
    rows = [
        {
            "doc": rm.mention.doc,
            "start": rm.mention.start,
            "end": rm.mention.end,
            "surface": rm.mention.surface,
            "key": rm.mention.key,
            "reason": unresolved_reason(rm),
        }
        for rm in places
        if rm.place is None
    ]
    return csv_text(UNRESOLVED_COLUMNS, rows)


def _event_row(e: Event) -> dict[str, Any]:
    lon = lat = None
    if e.geometry and e.geometry.get("type") == "Point":
        lon, lat = e.geometry["coordinates"][:2]
    return {
        "id": e.id,
        "type": e.type,
        "title": json.dumps(e.title, ensure_ascii=False, sort_keys=True),
        "start": e.start,
        "end": e.end,
        "places": ";".join(e.places),
        "lon": lon,
        "lat": lat,
        "sources": len(e.sources),
        "docs": ";".join(sorted({s.doc for s in e.sources})),
        "conflicts": json.dumps(e.conflicts, ensure_ascii=False, sort_keys=True) if e.conflicts else "",
    }


def events_csv(events: Sequence[Event]) -> str:
    return csv_text(EVENT_COLUMNS, (_event_row(e) for e in events))


# ------------------------------------------------------------------ terminal
def _console(stderr: bool = False):
    """Rich on a terminal; wide, unfolded lines when piped to a file or a pager."""
    import os
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    piped = not stream.isatty() and "COLUMNS" not in os.environ
    return Console(stderr=stderr, highlight=False, width=200 if piped else None)


def _title(title: dict[str, str]) -> str:
    if not title:
        return ""
    first = title.get("en") or title[sorted(title)[0]]
    others = [v for k, v in sorted(title.items()) if v != first]
    return first + (f" ({' / '.join(others)})" if others else "")


def print_mentions(places: Sequence[ResolvedMention]) -> None:
    """Every mention and its place; low confidence in yellow, unresolved in red."""
    from rich.table import Table

    table = Table(title=f"{len(places)} place mentions", show_lines=False)
    for column in ("doc", "offset", "surface", "place", "feature", "lat, lon", "conf.", "resolver"):
        table.add_column(
            column, justify="right" if column in ("offset", "conf.") else "left", overflow="fold"
        )
    for rm in places:
        m, p = rm.mention, rm.place
        style = "red" if p is None else ("yellow" if rm.confidence < LOW_CONFIDENCE else "")
        table.add_row(
            safe_markup(m.doc),
            str(m.start),
            safe_markup(m.surface),
            safe_markup(p.name if p else "—"),
            p.feature if p else "",
            f"{p.lat:.3f}, {p.lon:.3f}" if p else "",
            f"{rm.confidence:.2f}",
            rm.resolver if p else "unresolved",
            style=style,
        )
    _console().print(table)


def print_events(events: Sequence[Event]) -> None:
    from rich.table import Table

    table = Table(title=f"{len(events)} events")
    for column in ("start", "end", "type", "title", "places", "sources", "conflicts"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            e.start or "?",
            e.end or "",
            e.type,
            safe_markup(_title(e.title)),
            str(len(e.places)),
            safe_markup(", ".join(sorted({s.doc for s in e.sources}))),
            "⚠ " + str(len(e.conflicts)) if e.conflicts else "",
            style="yellow" if e.conflicts else "",
        )
    _console().print(table)


def print_phases(phases: Sequence[Phase]) -> None:
    from rich.table import Table

    table = Table(title=f"{len(phases)} phases")
    for column in ("id", "start", "end", "title", "events", "front", "territory"):
        table.add_column(column, overflow="fold")
    for ph in phases:
        table.add_row(
            safe_markup(ph.id),
            ph.start,
            ph.end or "",
            safe_markup(_title(ph.title)),
            str(len(ph.events)),
            "yes" if ph.front else "—",
            ", ".join(sorted({t.side for t in ph.territory})) or "—",
        )
    _console().print(table)


def print_build_summary(campaign: Campaign, written: Sequence[Path]) -> None:
    """A few lines on stdout: what was read, resolved and written."""

    total = len(campaign.places)
    resolved = sum(1 for rm in campaign.places if rm.place is not None)
    unresolved = [rm.mention.surface for rm in campaign.places if rm.place is None]
    share = f"{100 * resolved / total:.1f}%" if total else "n/a"
    console = _console()
    console.print(
        f"documents  {len(campaign.documents)}: " + safe_markup(", ".join(d.name for d in campaign.documents))
    )
    console.print(f"mentions   {total}, resolved {resolved} ({share}), unresolved {len(unresolved)}", end="")
    if unresolved:
        first = list(dict.fromkeys(unresolved))[:5]
        console.print(": " + safe_markup(", ".join(first)) + (", …" if len(set(unresolved)) > 5 else ""), end="")
    console.print()
    console.print(
        f"events     {len(campaign.events)}, phases {len(campaign.phases)}, "
        f"fronts {len(campaign.fronts)}, territory polygons {len(campaign.territories)}"
    )
    if written:
        folder = Path(written[0]).parent
        console.print(
            f"wrote      {len(written)} files under {safe_markup(str(folder))}: "
            + safe_markup(", ".join(Path(p).name for p in list(written)[:4]))
            + (", …" if len(written) > 4 else "")
        )
