"""Readers: a Source becomes a Document (readable text, offset map, sections, links…).

``read_document`` dispatches on ``Source.format``; ``document_to_json`` and
``print_document`` are what ``warmap read`` shows.

``warmap read --json`` prints, per source: ``doc``, ``lang``, ``format``,
``sections`` (title, level, start, end, heading_end: source offsets),
``links`` (target, shown, start, end: the source span of the whole markup,
hint, kind, readable_start, readable_end, foreign: the page on another wiki
for {{le}}-like templates), ``infobox`` (field → plain text),
``aliases`` (variant → other variants), ``sentences`` (their count), ``text``
(the readable text) and ``offsets``: the map from readable to source offsets
as runs ``[readable_start, source_start, length]`` — readable character
``readable_start + k`` is source character ``source_start + k`` for k < length.
A run of length 1 whose character differs from the source is one the reader
wrote (a separator, a country name for {{USA}}, an HTML entity's character).
"""

from __future__ import annotations

from typing import Any

from warmap.model import Document, Source
from warmap.reading.normalize import match_form

# The readers load when a document is read: importing warmap.reading.normalize (the gazetteer's
# name keys) runs this file first, and a gazetteer lookup needs no reader.

__all__ = ["read_document", "document_to_json", "print_document", "offset_runs"]


def read_document(source: Source) -> Document:
    """Read one source with the reader its format calls for."""
    if source.format == "wikitext":
        return _read_wikitext(source)
    from warmap.reading.plaintext import read_plaintext

    return read_plaintext(source)


def _read_wikitext(source: Source) -> Document:
    from warmap.reading.sentences import split_sentences
    from warmap.reading.wikitext import WikitextReader

    reader = WikitextReader(source).read()
    text = reader.out.text()
    offsets = reader.out.offsets
    offsets.append(offsets[-1] + 1 if offsets else 0)
    match_text, match_offsets = match_form(text)
    return Document(
        source=source,
        text=text,
        offsets=offsets,
        match_text=match_text,
        match_offsets=match_offsets,
        sections=reader.sections(),
        links=reader.links,
        sentences=split_sentences(text, source.lang),
        infobox=reader.infobox,
        aliases=reader.alias_map(),
    )


def offset_runs(offsets: list[int]) -> list[list[int]]:
    """The offset map, run-length encoded: [[readable_start, source_start, length], …].

    Each run is a stretch of readable characters copied from consecutive source
    characters; readable index r in a run maps to source_start + (r - readable_start).
    The final extra entry of ``offsets`` is left out (it is ``len(text)``'s mapping).
    """
    runs: list[list[int]] = []
    body = offsets[:-1]
    for index, offset in enumerate(body):
        if runs and offset == runs[-1][1] + runs[-1][2] and index == runs[-1][0] + runs[-1][2]:
            runs[-1][2] += 1
        else:
            runs.append([index, offset, 1])
    return runs


def document_to_json(doc: Document) -> dict[str, Any]:
    """What ``warmap read --json`` prints for one source."""
    return {
        "doc": doc.name,
        "lang": doc.lang,
        "format": doc.source.format,
        "sections": [
            {"title": s.title, "level": s.level, "start": s.start, "end": s.end, "heading_end": s.heading_end}
            for s in doc.sections
        ],
        "links": [
            {
                "target": link.target,
                "shown": link.shown,
                "start": link.start,
                "end": link.end,
                "hint": link.hint,
                "kind": link.kind,
                "readable_start": link.readable_start,
                "readable_end": link.readable_end,
                "foreign": link.foreign,
            }
            for link in doc.links
        ],
        "infobox": dict(sorted(doc.infobox.items())),
        "aliases": {key: list(values) for key, values in sorted(doc.aliases.items())},
        "sentences": len(doc.sentences),
        "text": doc.text,
        "offsets": offset_runs(doc.offsets),
    }


def print_document(doc: Document) -> None:
    """A readable summary of one document on stdout, with rich."""
    from rich.console import Console
    from rich.table import Table

    from warmap.terminal import printable, safe_markup

    console = Console()
    console.rule(f"[bold]{safe_markup(doc.name)}[/bold]  {doc.lang} · {doc.source.format}")
    console.print(
        f"{len(doc.source.text):,} source characters → {len(doc.text):,} readable, "
        f"{len(doc.sentences):,} sentences, {len(doc.sections)} sections, {len(doc.links)} links"
    )
    if doc.sections:
        table = Table(title="sections", show_lines=False)
        for column in ("level", "title", "source span"):
            table.add_column(column)
        for section in doc.sections:
            table.add_row(str(section.level), "  " * (section.level - 2) + safe_markup(section.title),
                          f"{section.start}–{section.end}")  # fmt: skip
        console.print(table)
    if doc.infobox:
        table = Table(title="infobox")
        table.add_column("field")
        table.add_column("value")
        for key, value in doc.infobox.items():
            table.add_row(safe_markup(key), safe_markup(value[:120]))
        console.print(table)
    if doc.links:
        table = Table(title=f"links (first 40 of {len(doc.links)})")
        for column in ("shown", "target", "hint", "kind", "source span"):
            table.add_column(column)
        for link in doc.links[:40]:
            table.add_row(*map(safe_markup, (link.shown, link.target, link.hint or "", link.kind)),
                          f"{link.start}–{link.end}")  # fmt: skip
        console.print(table)
    console.rule("readable text (first 2,000 characters)")
    console.print(printable(doc.text[:2000]), markup=False, highlight=False)
