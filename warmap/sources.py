"""Input texts: files or standard input, decoded, checked, with language and format detected.

Everything that can be wrong with a file (missing, empty, binary, not UTF-8…)
is caught here and reported as one ``InputError`` naming the file, so the later
stages only ever see clean ``str`` text.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warmap.errors import InputError
from warmap.languages.detect import language_of_letters
from warmap.model import Source
from warmap.paths import corpus_dir
from warmap.terminal import text_name

BUNDLED = ("zh-korean-war.wikitext", "fa-korean-war.txt")
# The largest source read, in megabytes (WARMAP_MAX_SOURCE_MB overrides): the longest
# encyclopedia articles are about 1 MB, and the pipeline holds ~150 bytes per character.
MAX_SOURCE_MB = 10
MAX_SOURCE_VARIABLE = "WARMAP_MAX_SOURCE_MB"
FORMATS = ("wikitext", "text")

_SIMPLE_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_TAG_OR_URL = re.compile(r"<[^<>\n]{1,300}>|https?://\S+")
_WIKI_MARKUP = re.compile(
    r"\[\[[^\[\]\n]{1,300}(?:\]\]|$)|\{\{[^{}\n|]{1,100}(?:[|}]|$)|^={2,6}[^=\n]+={2,6}\s*$|'''|<ref[ >]|^\{\||^\|-",
    re.MULTILINE,
)


def load_sources(specs: list[str], lang: str | None = None, fmt: str | None = None) -> list[Source]:
    """Read every SOURCE ('-' is stdin); with none, the bundled corpus."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if not specs:
        specs = [str(corpus_dir() / name) for name in BUNDLED]
    sources = []
    for spec in specs:
        if spec == "-":
            name, path, raw = "stdin", None, _read_stdin()
        else:
            name, path, raw = text_name(Path(spec).name), spec, _read_file(spec)
        text = decode(raw, spec if path else "stdin")
        sources.append(
            Source(
                name=name,
                text=text,
                lang=lang or detect_language(text),
                format=fmt or detect_format(text),
                path=path,
            )
        )
    return unique_names(sources)


def unique_names(sources: Iterable[Source]) -> list[Source]:
    """Give every document its own name: results, GeoJSON sources and CSV rows are keyed by it.

    A name shared by two sources (``a/notes.txt`` and ``b/notes.txt``) becomes the path as
    given; what still collides (the same file twice, two stdin pages) gets `` (2)``, `` (3)``…
    """
    sources = list(sources)
    counts = Counter(source.name for source in sources)
    named = [
        replace(source, name=text_name(source.path)) if counts[source.name] > 1 and source.path else source
        for source in sources
    ]
    seen: Counter[str] = Counter()
    taken = {source.name for source in named}
    result = []
    for source in named:
        seen[source.name] += 1
        if seen[source.name] > 1:
            number = seen[source.name]
            while f"{source.name} ({number})" in taken:
                number += 1
            taken.add(f"{source.name} ({number})")
            source = replace(source, name=f"{source.name} ({number})")
        result.append(source)
    return result


def source_from_text(name: str, text: str, lang: str | None = None, fmt: str | None = None) -> Source:
    """A Source from text already in memory (a dump page, a batch document), checked like a file."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    text = text.removeprefix("\ufeff")
    check_size(text, name)
    if not text.strip():
        raise InputError(name, "empty document, no text to read")
    if _mostly_control(text):
        raise InputError(name, "binary content (mostly control characters), expected text")
    return Source(
        name=name, text=text, lang=lang or detect_language(text), format=fmt or detect_format(text), path=None
    )


def max_source_bytes() -> int:
    """The size limit of one source: MAX_SOURCE_MB, or WARMAP_MAX_SOURCE_MB when set."""
    value = os.environ.get(MAX_SOURCE_VARIABLE, "").strip()
    if not value:
        return MAX_SOURCE_MB * 1_000_000
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0 or megabytes == float("inf"):
        raise InputError(MAX_SOURCE_VARIABLE, f"{value!r} is not a positive number of megabytes")
    return int(megabytes * 1_000_000)


def _too_large(where: str, limit: int) -> InputError:
    return InputError(
        where, f"larger than {limit / 1_000_000:g} MB, the most one source may be (set {MAX_SOURCE_VARIABLE} to allow more)"
    )


def read_bounded(stream: BinaryIO, where: str) -> bytes:
    """All of ``stream`` up to the size limit; an endless stream (/dev/zero) stops there."""
    limit = max_source_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(where, limit)
    return data


def check_size(text: str, where: str) -> None:
    """Text already in memory (a dump page) holds to the same limit as a file."""
    limit = max_source_bytes()
    if len(text) * 4 > limit and len(text.encode("utf-8")) > limit:
        raise _too_large(where, limit)


def _read_stdin() -> bytes:
    try:
        return read_bounded(sys.stdin.buffer, "stdin")
    except (OSError, AttributeError, ValueError) as error:
        raise InputError("stdin", f"cannot read standard input ({error})") from None


def _read_file(spec: str) -> bytes:
    path = Path(spec)
    if not path.exists():
        raise InputError(spec, "no such file")
    if path.is_dir():
        raise InputError(spec, "is a directory, not a text file")
    try:
        with open(path, "rb") as handle:
            return read_bounded(handle, spec)
    except OSError as error:
        raise InputError(spec, f"cannot read file ({error.strerror or error})") from None


def decode(raw: bytes, where: str) -> str:
    """Bytes → text: UTF-8 (BOM optional) or UTF-16 with BOM; refuse empty and binary input."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, raw = "utf-8", raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    if encoding == "utf-8" and b"\x00" in raw:
        if _looks_like_utf16(raw):
            raise InputError(where, "looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise InputError(where, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-8" if encoding == "utf-8" else "UTF-16"
        raise InputError(where, f"not valid {label} text (bad byte at offset {error.start})") from None
    if encoding == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(where, "empty file, no text to read")
    if _mostly_control(text):
        raise InputError(where, "binary file (mostly control characters), expected text")
    return text


def _looks_like_utf16(raw: bytes) -> bool:
    """Text in UTF-16 without a BOM: NUL in nearly every other byte of the first kilobytes."""
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > 0.4 * (len(sample) / 2) and min(even, odd) < 0.05 * (len(sample) / 2)


# Unicode's control characters (category Cc: U+0000–U+001F and U+007F–U+009F), less tab, newline,
# carriage return and form feed: counted by the regex engine, not a Python loop over the sample.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _mostly_control(text: str) -> bool:
    """True when a sample of the text is more than 10 % control characters (tabs, newlines excepted)."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    control = len(sample) - len(_CONTROL.sub("", sample))
    return control > 0.1 * len(sample)


def detect_language(text: str) -> str:
    """The language by the script most letters are written in (zh, fa, ar, ko, ja, ru, en…: see warmap.languages.detect)."""
    return language_of_letters(_strip_markup_for_detection(text[:400000]))


def _strip_markup_for_detection(text: str) -> str:
    """Citations, templates, tags and URLs are mostly Latin whatever the article's language."""
    text = _strip_refs(text)
    for _ in range(3):
        text = _SIMPLE_TEMPLATE.sub(" ", text)
    return _TAG_OR_URL.sub(" ", text)


def _strip_refs(text: str) -> str:
    """Text without <ref>…</ref> spans, in one pass (a regex rescans after every unclosed <ref>)."""
    lowered = text.lower()
    kept = []
    position = 0
    while True:
        opened = lowered.find("<ref", position)
        closed = lowered.find("</ref>", opened) if opened >= 0 else -1
        if closed < 0:
            break
        kept.append(text[position:opened])
        position = closed + len("</ref>")
    kept.append(text[position:])
    return " ".join(kept)


def detect_format(text: str) -> str:
    """ "wikitext" when MediaWiki markup is frequent enough to be the text's form, else "text"."""
    sample = text[:500000]
    hits = sum(1 for _ in _WIKI_MARKUP.finditer(sample))
    # One markup construct per 5,000 characters: even a sparsely linked page or a
    # short fragment with a single [[link]] is wikitext; prose almost never has any.
    return "wikitext" if hits >= 1 and hits * 5000 >= len(sample) else "text"
