"""The events stage on a text with no sentence break, against the same text broken into lines.

A text with no sentence break is one sentence however long it is, and an events
stage that reads a whole sentence for each of its actions grows with the square
of its length (issue 14: 30 KB on one line took 6.8 s, 100 KB 89 s). The inputs
are real sentences — of the bundled accounts (zh, fa) and of the unseen English
fixtures — with their sentence ends turned into commas and joined into one line
of 10, 30 and 100 KB (UTF-8); the line-broken text is the same pieces one per
line. Each language runs in a fresh process: a warm-up on a small text, then, per
size and variant, reading, spotting, resolution and dates untimed and the events
stage alone timed, best of five runs (one with --quick). A run past the budget is
stopped (SIGALRM) and reported as a lower bound.

``python -m benchmarks.one_line LANG REPEATS SIZE_KB ...`` is the worker.
"""

from __future__ import annotations

import re
import signal
import sys
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from benchmarks.common import ROOT, emit, na, reason, row, run_worker, slope

SIZES_KB = (10, 30, 100)
QUICK_SIZES_KB = (5, 10, 20)
LANGS = ("en", "zh", "fa")
RATIO_TARGET = 3.0  # one line / line-broken, at the largest size
LINEAR_ENOUGH = 1.15  # a log-log slope above this is super-linear
BUDGET_S = 120.0  # one timed events run longer than this is stopped
COMMA = {"en": ", ", "zh": "，", "fa": "، "}
# what splits sentences (warmap.reading.sentences), and the full-width stop: all become commas
_ENDS = re.compile(r"[.!?؟…。！？．\n]+")
_TRAILING = re.compile(r"[\s.!?؟…。！？．\"'”’」』）)»\]】〕]+$")


class _OverBudget(Exception):
    pass


def _alarm(signum, frame):
    raise _OverBudget()


@cache
def corpus_sentences(lang: str) -> tuple[str, ...]:
    """The readable sentences of the corpus texts in ``lang``: the bundled accounts (zh, fa), and
    for English the unseen fixtures (the bundled corpus has no English account)."""
    from warmap.reading import read_document
    from warmap.sources import load_sources

    if lang == "en":
        paths = sorted((ROOT / "tests" / "fixtures" / "unseen").glob("en-*.txt"))
    else:
        paths = sorted((ROOT / "warmap" / "corpus").glob(f"{lang}-*"))
    out = []
    for source in load_sources([str(p) for p in paths]):
        doc = read_document(source)
        out += [doc.text[s.start : s.end].strip() for s in doc.sentences]
    return tuple(s for s in out if len(s) >= 8)


def texts(lang: str, kilobytes: float) -> tuple[str, str]:
    """(one line, line-broken): the corpus sentences in order (repeated as needed), each with its
    sentence ends made commas, until ``kilobytes`` of UTF-8; joined by commas, or one per line."""
    sentences = corpus_sentences(lang)
    comma = COMMA[lang]
    pieces: list[str] = []
    size = 0
    while size < kilobytes * 1000:
        piece = _ENDS.sub(comma.strip(), _TRAILING.sub("", sentences[len(pieces) % len(sentences)]))
        pieces.append(piece)
        size += len((piece + comma).encode("utf-8"))
    return comma.join(pieces) + "\n", "\n".join(pieces) + "\n"


def source(lang: str, text: str, name: str):
    from warmap.model import Source

    return Source(name=name, text=text, lang=lang, format="text")


def prepared(src) -> tuple[list, list, list]:
    """What the events stage is fed: (documents, resolved mentions, dates), computed untimed."""
    from warmap.chronology.dates import find_dates
    from warmap.gazetteer import Gazetteer
    from warmap.reading import read_document
    from warmap.resolution.geocoding import FallbackGeocoder, GeocoderSettings
    from warmap.resolution.resolve import resolve
    from warmap.spotting import spot

    gazetteer = Gazetteer.load()
    docs = [read_document(src)]
    mentions = {d.name: spot(d, gazetteer) for d in docs}
    places = resolve(docs, mentions, gazetteer, FallbackGeocoder(GeocoderSettings(offline=True)), progress=False)
    return docs, places, [d for doc in docs for d in find_dates(doc)]


def events_seconds(
    src, repeats: int, budget_s: float | None = None, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, int, int]:
    """(best seconds of the events stage alone, events found, sentences of the text).

    Tests pass ``clock=time.process_time``: this process's CPU time, which other work on a
    shared machine does not inflate."""
    from warmap.chronology.events import extract_events

    docs, places, dates = prepared(src)
    best, found = float("inf"), 0
    for _ in range(max(1, repeats)):
        start = clock()
        if budget_s:
            signal.setitimer(signal.ITIMER_REAL, budget_s)
        try:
            found = len(extract_events(docs, places, dates))
        finally:
            if budget_s:
                signal.setitimer(signal.ITIMER_REAL, 0)
        best = min(best, clock() - start)
    return best, found, len(docs[0].sentences)


def measure(lang: str, repeats: int, sizes: list[float], budget_s: float = BUDGET_S) -> dict[str, Any]:
    """Worker: warm up, then per size the one-line and line-broken events times."""
    signal.signal(signal.SIGALRM, _alarm)
    warm_one, warm_broken = texts(lang, 2)
    events_seconds(source(lang, warm_one, "warm-one.txt"), 1)
    events_seconds(source(lang, warm_broken, "warm-broken.txt"), 1)
    out: dict[str, Any] = {}
    for kilobytes in sizes:
        one, broken = texts(lang, kilobytes)
        entry: dict[str, Any] = {"bytes": len(one.encode("utf-8"))}
        for variant, text in (("one_line", one), ("line_broken", broken)):
            try:
                seconds, found, sentences = events_seconds(source(lang, text, f"{variant}.txt"), repeats, budget_s)
                entry[variant] = {"seconds": seconds, "events": found, "sentences": sentences}
            except _OverBudget:
                entry[variant] = {"over": budget_s}
            except Exception as error:
                entry[variant] = {"error": reason(error)}
        out[f"{kilobytes:g}"] = entry
    return out


def bench_one_line(quick: bool) -> list[dict]:
    """Rows per language: seconds per size (one line, line-broken, their ratio), the ratio at the
    largest size against its target, and the growth exponent of the one-line times."""
    sizes = QUICK_SIZES_KB if quick else SIZES_KB
    repeats = 1 if quick else 5
    rows: list[dict] = []
    for lang in LANGS:
        try:
            done = run_worker("benchmarks.one_line", [lang, str(repeats), *map(str, sizes)],
                              timeout=BUDGET_S * 2 * repeats * len(sizes) + 300)
        except Exception as error:
            rows.append(na(f"{lang}: events on one line", reason(error)))
            continue
        rows += _language_rows(lang, sizes, done)
    return rows


def _language_rows(lang: str, sizes: tuple[float, ...], done: dict[str, Any]) -> list[dict]:
    rows, measured, seconds = [], [], []
    ratio = None
    for kilobytes in sizes:
        entry = done[f"{kilobytes:g}"]
        one, broken = entry["one_line"], entry["line_broken"]
        if "seconds" not in one:
            rows.append(na(f"{lang}: events, {kilobytes:g} KB on one line",
                           one.get("error") or f"stopped after {one['over']:g} s (budget)"))
            continue
        measured.append(entry["bytes"])
        seconds.append(one["seconds"])
        ratio = one["seconds"] / broken["seconds"] if broken.get("seconds") else None
        rows.append(row(
            f"{lang}: events, {kilobytes:g} KB on one line", one["seconds"], "s",
            note=f"{one['sentences']} sentence(s), {one['events']} events; line-broken: "
                 f"{broken.get('sentences', '?')} sentences, {broken.get('events', '?')} events",
            line_broken_s=broken.get("seconds"), ratio=round(ratio, 2) if ratio else None,
        ))
    largest = sizes[-1]
    if ratio is not None and "seconds" in done[f"{largest:g}"]["one_line"]:
        rows.append(row(f"{lang}: one line / line-broken at {largest:g} KB", ratio, "×", f"< {RATIO_TARGET:g}",
                        "ok" if ratio < RATIO_TARGET else "TOO SLOW on one line"))
    exponent = slope(measured, seconds)
    if exponent is None:
        rows.append(na(f"{lang}: one line, growth exponent", "fewer than two sizes", "≈ 1 (linear)"))
    else:
        last = slope(measured[-2:], seconds[-2:])
        flag = "SUPER-LINEAR" if max(exponent, last or 0) > LINEAR_ENOUGH else "linear"
        rows.append(row(f"{lang}: one line, growth exponent", exponent, "", "≈ 1 (linear)", flag, last_step=last))
    return rows


if __name__ == "__main__":
    emit(measure(sys.argv[1], int(sys.argv[2]), [float(s) for s in sys.argv[3:]]))
