"""Synthetic inputs built from the bundled texts: shuffled sections, varied dates.

The benchmarks need more text than the two bundled accounts: a library of
articles for spotting throughput, and one article 10× or 100× as long for the
growth measurements. Each variant keeps the lead, shuffles the level-2 sections
(wikitext) or paragraphs (plain text), and redraws years, months and days so the
date extractor sees varied dates. Generated at run time into a temporary folder,
never committed. Same seed → same text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from warmap.model import Source
from warmap.paths import corpus_dir

BUNDLED = (("zh-korean-war.wikitext", "zh", "wikitext"), ("fa-korean-war.txt", "fa", "text"))
_HEADING = re.compile(r"^==[^=].*?==[ \t]*$", re.MULTILINE)
_FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_FA_MONTHS = "ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"
_ZH_YEAR = re.compile(r"195[0-3](?=年)")
_ZH_MONTH_DAY = re.compile(r"(?<![0-9])([0-9]{1,2})月([0-9]{1,2})日")
_FA_YEAR = re.compile("۱۹۵[۰-۳]")
_FA_DAY = re.compile(f"(?<![۰-۹])[۰-۹]{{1,2}}(?= (?:{_FA_MONTHS}))")


def bundled_texts() -> list[tuple[str, str, str, str]]:
    """(name, text, lang, format) of each bundled account."""
    return [(name, (corpus_dir() / name).read_text(encoding="utf-8"), lang, fmt) for name, lang, fmt in BUNDLED]


def _persian(number: int) -> str:
    return "".join(_FA_DIGITS[int(d)] for d in str(number))


def vary_dates(text: str, rng: random.Random) -> str:
    """Redraw war years (1950–1953), months and days; the shapes of the dates stay as written."""
    text = _ZH_YEAR.sub(lambda m: str(rng.randint(1950, 1953)), text)
    text = _ZH_MONTH_DAY.sub(lambda m: f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", text)
    text = _FA_YEAR.sub(lambda m: _persian(rng.randint(1950, 1953)), text)
    return _FA_DAY.sub(lambda m: _persian(rng.randint(1, 28)), text)


def shuffle_sections(text: str, fmt: str, rng: random.Random) -> str:
    """The lead first, then the level-2 sections (wikitext) or paragraphs (text) in a random order."""
    if fmt == "wikitext":
        starts = [m.start() for m in _HEADING.finditer(text)]
        if not starts:
            return text
        lead, cuts = text[: starts[0]], starts + [len(text)]
        parts = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        parts = [p if p.endswith("\n") else p + "\n" for p in parts]
        rng.shuffle(parts)
        return lead + "".join(parts)
    paragraphs = text.split("\n")
    lead, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    return "\n".join(lead + rest)


def variant(text: str, fmt: str, rng: random.Random) -> str:
    return vary_dates(shuffle_sections(text, fmt, rng), rng)


def scaled_sources(factor: int, seed: int = 1950) -> list[Source]:
    """The bundled accounts, each ``factor`` variants long, as one document per language."""
    rng = random.Random(seed)
    out = []
    for name, text, lang, fmt in bundled_texts():
        pieces = [text] + [variant(text, fmt, rng) for _ in range(factor - 1)]
        out.append(Source(name=f"x{factor}-{name}", text="\n".join(pieces), lang=lang, format=fmt))
    return out


def write_library(folder: Path, megabytes: float, seed: int = 1950) -> list[Path]:
    """Articles (variants of the bundled texts, in their proportions) until ``megabytes`` of UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = bundled_texts()
    goal, written, paths = int(megabytes * 1_000_000), 0, []
    while written < goal:
        for name, text, _lang, fmt in texts:
            path = folder / f"{len(paths):05d}-{name}"
            data = variant(text, fmt, rng).encode("utf-8")
            path.write_bytes(data)
            paths.append(path)
            written += len(data)
    return paths


def source_for(path: Path) -> Source:
    """A library file as a Source, language and format taken from the bundled name it copies."""
    for name, lang, fmt in BUNDLED:
        if path.name.endswith(name):
            return Source(name=path.name, text=path.read_text(encoding="utf-8"), lang=lang, format=fmt,
                          path=str(path))
    raise ValueError(f"not a library file: {path}")
