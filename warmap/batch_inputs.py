"""The documents of a batch: text files, folders of texts, MediaWiki XML dumps.

A dump is split into ``<page>…</page>`` elements on the bytes (page text never holds
a raw ``<``: XML escapes it) and each page is parsed alone, so one malformed page
fails alone, and a dump cut off (a truncated ``.bz2``) gives every page before the
cut. What cannot be read becomes a ``BatchItem`` with a ``problem``, reported with
the failures; only a dump with no readable page at all is bad input (exit 2).
"""

from __future__ import annotations

import bz2
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from warmap.errors import InputError

TEXT_SUFFIXES = {".txt", ".wikitext", ".wiki", ".mediawiki", ".md"}
# The category namespace's name in the languages of the war's accounts; a dump adds its own (siteinfo).
CATEGORY_NAMES = ("Category", "分类", "分類", "رده", "분류", "カテゴリ", "Категория")
CHUNK_BYTES = 64 * 1024  # read size: memory stays that of a page or two
MAX_PAGE_BYTES = 64 * 1024 * 1024  # a page longer than this is skipped and reported
MAX_HEADER_BYTES = 16 * 1024 * 1024  # the <siteinfo> before the first page
_PAGE_OPEN, _PAGE_CLOSE = b"<page>", b"</page>"
_TITLE = re.compile(rb"<title>([^<]{0,500})</title>")


@dataclass
class BatchItem:
    """One document of a batch: a title, its text, where it came from, and why it cannot be read."""

    title: str
    text: str
    origin: str
    categories: list[str] = field(default_factory=list)
    problem: str | None = None  # set when the text could not even be decoded
    want_catalogue: bool = False  # ask the worker for the shared layers too (until the batch has them)
    damaged: bool = False  # a part of a dump that could not be read: reported whatever the filters

    @property
    def slug(self) -> str:
        """A file name stable across runs: readable prefix + hash of the title."""
        safe = re.sub(r"[^\w\-]+", "_", self.title, flags=re.UNICODE).strip("_")[:60] or "page"
        digest = hashlib.sha1(self.title.encode("utf-8")).hexdigest()[:10]
        return f"{safe}-{digest}"


def categories_of(text: str, names: tuple[str, ...] = CATEGORY_NAMES) -> list[str]:
    """The categories a wikitext page declares with [[Category:…]] (any of ``names``)."""
    alternatives = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
    pattern = re.compile(rf"\[\[\s*(?:{alternatives})\s*:\s*([^\]|\n]+)", re.IGNORECASE)
    return [match.strip() for match in pattern.findall(text)]


# ------------------------------------------------------------------ dumps
class _PageSplitter:
    """The bytes before the first <page>, then each <page>…</page>, read in small chunks."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.buffer = b""
        self.ended = False

    def _more(self) -> bool:
        chunk = self.handle.read(CHUNK_BYTES)
        if not chunk:
            self.ended = True
        self.buffer += chunk
        return bool(chunk)

    def header(self) -> bytes:
        while _PAGE_OPEN not in self.buffer and len(self.buffer) < MAX_HEADER_BYTES and self._more():
            pass
        start = self.buffer.find(_PAGE_OPEN)
        start = len(self.buffer) if start < 0 else start
        header, self.buffer = self.buffer[:start], self.buffer[start:]
        return header

    def pages(self) -> Iterator[bytes | None]:
        """Each page's bytes; None for a page too long to read (its bytes are skipped)."""
        searched = 0
        while True:
            start = self.buffer.find(_PAGE_OPEN)
            if start < 0:
                self.buffer = self.buffer[-len(_PAGE_OPEN) :]
                if not self._more():
                    return
                continue
            end = self.buffer.find(_PAGE_CLOSE, max(start, searched))
            if end >= 0:
                end += len(_PAGE_CLOSE)
                page, self.buffer, searched = self.buffer[start:end], self.buffer[end:], 0
                yield page
            elif len(self.buffer) - start > MAX_PAGE_BYTES:
                self.buffer, searched = self.buffer[start + len(_PAGE_OPEN) :], 0
                yield None
            else:
                searched = max(len(self.buffer) - len(_PAGE_CLOSE), start)
                if not self._more():
                    return

    def unfinished(self) -> bool:
        return _PAGE_OPEN in self.buffer


def _check_header(header: bytes, path: Path) -> list[str]:
    """The root must be <mediawiki>; returns the category namespace names (siteinfo's added)."""
    names = list(CATEGORY_NAMES)
    parser = ET.XMLPullParser(events=("start", "end"))
    try:
        parser.feed(header)
        events = list(parser.read_events())
    except ET.ParseError as error:
        raise InputError(str(path), f"not a readable MediaWiki XML dump ({error})") from None
    if not events:
        raise InputError(str(path), "not a MediaWiki XML dump (no XML content)")
    root = events[0][1].tag.rsplit("}", 1)[-1]
    if root != "mediawiki":
        raise InputError(str(path), f"not a MediaWiki XML dump (root element <{root}>)")
    for event, element in events:
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "end" and tag == "namespace" and element.get("key") == "14" and element.text:
            names.append(element.text.strip())
    return names


def _page_item(raw: bytes, path: Path, names: tuple[str, ...], number: int) -> BatchItem | None:
    """An article of the dump (its last revision), None for other pages, a damaged item if unreadable."""
    try:
        page = ET.fromstring(raw)
    except ET.ParseError as error:
        found = _TITLE.search(raw)
        title = found.group(1).decode("utf-8", "replace") if found else f"{path.name}: page {number}"
        return BatchItem(title, "", str(path), problem=f"malformed page in the dump ({error})", damaged=True)
    title = page.findtext("title") or ""
    if (page.findtext("ns") or "0").strip() != "0" or page.find("redirect") is not None:
        return None
    revisions = page.findall("revision")
    text = (revisions[-1].findtext("text") if revisions else "") or ""
    return BatchItem(title, text, str(path), categories_of(text, names))


def iter_dump(path: Path) -> Iterator[BatchItem]:
    """Articles of a MediaWiki XML dump, streamed page by page; unreadable parts as damaged items."""
    opener = bz2.open if path.name.endswith(".bz2") else open
    with opener(path, "rb") as handle:
        splitter = _PageSplitter(handle)
        names = tuple(_check_header(splitter.header(), path))
        number = 0
        try:
            for raw in splitter.pages():
                number += 1
                if raw is None:
                    problem = f"page longer than {MAX_PAGE_BYTES // 2**20} MB, skipped"
                    yield BatchItem(f"{path.name}: page {number}", "", str(path), problem=problem, damaged=True)
                elif (item := _page_item(raw, path, names, number)) is not None:
                    yield item
        except (OSError, EOFError) as error:  # a truncated or corrupt compressed stream
            if number == 0:
                raise
            problem = f"the dump cannot be read after page {number} ({error})"
            yield BatchItem(f"{path.name}: after page {number}", "", str(path), problem=problem, damaged=True)
            return
        if splitter.unfinished():
            if number == 0:
                raise InputError(str(path), "not a readable MediaWiki XML dump (it ends inside its first page)")
            problem = f"the dump ends inside page {number + 1}"
            yield BatchItem(f"{path.name}: page {number + 1}", "", str(path), problem=problem, damaged=True)


# ------------------------------------------------------------------ all inputs
def iter_inputs(inputs: list[str]) -> Iterator[BatchItem]:
    """Every document named by the inputs, in a stable order."""
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES):
                yield _text_item(f"{path.resolve().name}/{child.relative_to(path).as_posix()}", child)
        elif path.name.endswith((".xml", ".xml.bz2")):
            try:
                yield from iter_dump(path)
            except (OSError, EOFError) as error:
                raise InputError(spec, f"cannot read the dump ({error})") from None
        else:
            yield _text_item(path.name, path)


def _text_item(title: str, path: Path) -> BatchItem:
    from warmap.sources import decode, read_bounded

    try:
        with open(path, "rb") as handle:
            text = decode(read_bounded(handle, str(path)), str(path))
    except InputError as error:
        return BatchItem(title, "", str(path), problem=error.problem)
    except OSError as error:
        return BatchItem(title, "", str(path), problem=f"cannot read file ({error.strerror or error})")
    return BatchItem(title, text, str(path), categories_of(text))


def check_inputs(inputs: list[str]) -> None:
    """Refuse missing inputs and files that are neither texts nor dumps before any work starts."""
    for spec in inputs:
        path = Path(spec)
        if not path.exists():
            raise InputError(spec, "no such file or folder")
        if (
            path.is_file()
            and not path.name.endswith((".xml", ".xml.bz2"))
            and path.suffix not in TEXT_SUFFIXES
        ):
            suffixes = ", ".join(sorted(TEXT_SUFFIXES | {".xml", ".xml.bz2"}))
            raise InputError(spec, f"not a text file or MediaWiki dump (expected one of: {suffixes})")
