"""``warmap batch``: many documents, one result each, resumable, locally or on Dask.

Inputs are text files, folders of texts, or MediaWiki XML dumps (``.xml``,
``.xml.bz2``) streamed page by page (articles only: namespace 0, no redirects;
of a page with several revisions, the last). Every document becomes
``OUT/docs/<slug>.geojson`` with its own features (the territory and curated
fronts every campaign shares go once to ``OUT/catalogue.geojson``), written
atomically by the coordinating process, so a re-run skips what is done and a
crash or Ctrl-C loses at most the pages in flight. A failing document (a
malformed page, the part of a truncated dump after the cut: see
``warmap.batch_inputs``) is listed in ``OUT/failures.csv`` and on stderr and
skipped; the next run retries it. Local workers die with the coordinator, even
one killed outright. ``--merge`` joins the catalogue and every document's features into
``OUT/campaign.geojson``.

Memory stays flat whatever the input's size: the inputs are read twice (a
counting pass for the progress bar, then the work), and only a window of
documents (two per worker) is in memory at once. Workers get the gazetteer
once: each local process opens it on first use; on Dask see ``warmap.batch_dask``.
One run per output folder at a time.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from warmap.batch_inputs import BatchItem, categories_of, check_inputs, iter_dump, iter_inputs  # noqa: F401 (re-exported)
from warmap.errors import InputError
from warmap.export.atomic import write_text
from warmap.terminal import printable

WINDOW_PER_WORKER = 2
CATALOGUE_FILE = "catalogue.geojson"

Finished = Callable[["BatchItem", "dict | None", "str | None"], None]


def compile_filter(pattern: str | None, option: str) -> re.Pattern | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise InputError(option, f"not a valid regular expression ({error})") from None


def selected(item: BatchItem, title: re.Pattern | None, category: re.Pattern | None) -> bool:
    if item.damaged:
        return True  # a part of a dump that could not be read is reported whatever it was
    if title is not None and not title.search(item.title):
        return False
    return category is None or any(category.search(name) for name in item.categories)


# ------------------------------------------------------------------ one document
def is_catalogue(feature: dict) -> bool:
    """Territory and curated fronts come from the bundled catalogue, not from the document: the same for all."""
    properties = feature["properties"]
    return properties["kind"] == "territory" or properties.get("origin") == "curated"


def map_document(title: str, text: str, lang: str | None, fmt: str | None, catalogue: bool = False) -> dict:
    """Run the pipeline on one document (in a worker): its own features, and the catalogue's when asked.

    Every campaign carries the whole war's territory and curated fronts (about 2 MB);
    they are kept once per batch, in ``catalogue.geojson``, not once per document.
    """
    from warmap.campaign import Campaign
    from warmap.features.geojson import dumps
    from warmap.sources import source_from_text

    source = source_from_text(title, text, lang=lang, fmt=fmt)
    campaign = Campaign.from_sources([source], offline=True)
    if not catalogue:
        campaign.territories = []  # their export is most of a short document's time, and dropped anyway
    features = campaign.to_geojson()["features"]
    result = {"geojson": dumps(_collection(f for f in features if not is_catalogue(f)))}
    if catalogue:
        shared = [f for f in features if is_catalogue(f)]
        for feature in shared:
            feature["properties"]["phase"] = None  # phases belong to one document's text
        result["catalogue"] = dumps(_collection(shared))
    return result


def _collection(features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def safe_map(item: BatchItem, lang: str | None, fmt: str | None) -> tuple[dict | None, str | None]:
    """One document's failure is a line in the report, never the end of the batch."""
    if item.problem is not None:
        return None, item.problem
    try:
        return map_document(item.title, item.text, lang, fmt, item.want_catalogue), None
    except InputError as error:
        return None, error.problem
    except Exception as error:  # noqa: BLE001 — recorded and skipped by design
        return None, f"{type(error).__name__}: {error}"


# ------------------------------------------------------------------ the run
def run_batch(args: argparse.Namespace) -> int:
    """The ``warmap batch`` command."""
    check_inputs(args.inputs)
    title, category = compile_filter(args.title, "--title"), compile_filter(args.category, "--category")
    if args.jobs < 1:
        raise InputError("--jobs", "must be at least 1")
    out = Path(args.out)
    docs_dir = out / "docs"
    catalogue = out / CATALOGUE_FILE
    total = done_before = 0
    for item in iter_inputs(
        args.inputs
    ):  # counting pass: the progress bar needs a total; bad dumps fail here
        if selected(item, title, category):
            total += 1
            done_before += (docs_dir / f"{item.slug}.geojson").exists()
    client = None
    if args.dask:
        from warmap.batch_dask import connect

        client = connect(args.dask)
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(str(out), f"cannot create the output folder ({error.strerror or error})") from None
    for stale in docs_dir.glob(".*.tmp-*"):  # left by a killed run
        stale.unlink(missing_ok=True)
    print(f"batch: {total} documents, {done_before} already done", file=sys.stderr)

    def todo() -> Iterator[BatchItem]:
        for item in iter_inputs(args.inputs):
            if selected(item, title, category) and not (docs_dir / f"{item.slug}.geojson").exists():
                item.want_catalogue = not catalogue.exists()
                yield item

    failures: list[tuple[str, str, str]] = []

    def finished(item: BatchItem, result: dict | None, error: str | None) -> None:
        if error is not None:
            failures.append((item.title, item.origin, error))
            print(printable(f"batch: failed: {item.title}: {error}"), file=sys.stderr)
            return
        if "catalogue" in result and not catalogue.exists():  # before any document: a resumed run has it
            write_text(catalogue, result["catalogue"])
        write_text(docs_dir / f"{item.slug}.geojson", result["geojson"])

    progress = Progress(total - done_before)
    try:
        if client is not None:
            from warmap.batch_dask import run_on_dask

            run_on_dask(client, todo(), args.lang, args.format, finished, progress.advance)
        else:
            run_local(todo(), args.jobs, args.lang, args.format, finished, progress.advance)
    finally:
        progress.close()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "origin", "error"])
    writer.writerows(sorted(failures))
    write_text(out / "failures.csv", buffer.getvalue())
    if args.merge:
        write_text(out / "campaign.geojson", merge_results(out))
    mapped = total - len(failures)
    print(f"batch: {mapped} of {total} documents mapped, {len(failures)} failed", file=sys.stderr)
    return 0


def run_local(items: Iterator[BatchItem], jobs: int, lang, fmt, finished: Finished, advance) -> None:
    """Map documents in this process, or in ``jobs`` worker processes with a bounded window."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    if jobs <= 1:
        for item in items:
            finished(item, *safe_map(item, lang, fmt))
            advance()
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_setup, initargs=(os.getpid(),))
    pending: dict = {}
    try:
        for item in items:
            if getattr(pool, "_broken", False):  # a worker died (OOM killer…): its batch-mates failed, go on
                pool.shutdown(wait=False)
                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_setup, initargs=(os.getpid(),))
            pending[pool.submit(safe_map, item, lang, fmt)] = item
            while len(pending) >= jobs * WINDOW_PER_WORKER:
                _collect(wait(pending, return_when=FIRST_COMPLETED).done, pending, finished, advance)
        while pending:
            _collect(wait(pending, return_when=FIRST_COMPLETED).done, pending, finished, advance)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on Ctrl-C: drop the queue, finish nothing new


def _collect(done, pending: dict, finished: Finished, advance) -> None:
    for future in sorted(done, key=lambda f: pending[f].title):
        try:
            result, error = future.result()
        except Exception as failure:  # noqa: BLE001 — the worker process died under this document
            result, error = None, f"worker process died ({type(failure).__name__}); retried by the next run"
        finished(pending.pop(future), result, error)
        advance()


def _worker_setup(coordinator: int) -> None:
    """Workers leave Ctrl-C to the coordinator, which stops handing out work, and die with it.

    A coordinator killed outright (the OOM killer, SIGKILL) cannot stop its workers; left
    alone they would wait forever, each holding its memory and the coordinator's stdout.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(coordinator)


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux), else watch for it."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1  # noqa: N806 — the name in <linux/prctl.h>
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it died before the request: nobody would send the signal
                os._exit(1)
            return
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="watch-coordinator", daemon=True).start()


class Progress:
    """Documents done, rate and ETA on stderr: a rich bar on a terminal, a line every few seconds in a log."""

    LOG_EVERY_SECONDS = 5.0

    def __init__(self, total: int):
        from rich.console import Console

        self.total, self.done = total, 0
        self.started = self.logged = time.monotonic()
        console = Console(stderr=True)
        self.bar = None
        if console.is_terminal and total:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            columns = (
                TextColumn("batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
            )
            self.bar = RichProgress(*columns, TimeRemainingColumn(), console=console, transient=True)
            self.task = self.bar.add_task("batch", total=total, rate="")
            self.bar.start()

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-6)

    def line(self) -> str:
        rate = self.rate()
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        minutes, seconds = divmod(int(eta), 60)
        return f"batch: {self.done}/{self.total} docs, {rate:.2f} docs/s, ETA {minutes // 60}:{minutes % 60:02d}:{seconds:02d}"

    def advance(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, rate=f"{self.rate():.2f} docs/s")
        elif time.monotonic() - self.logged >= self.LOG_EVERY_SECONDS or self.done == self.total:
            self.logged = time.monotonic()
            print(self.line(), file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def merge_results(out: Path) -> str:
    """The catalogue's features and every document's, ids prefixed by the document (sorted: stable)."""
    from warmap.features.geojson import dumps

    features = []
    if (out / CATALOGUE_FILE).exists():
        features += json.loads((out / CATALOGUE_FILE).read_text(encoding="utf-8"))["features"]
    for path in sorted(p for p in (out / "docs").glob("*.geojson") if not p.name.startswith(".")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            feature["properties"]["id"] = f"{path.stem}/{feature['properties']['id']}"
            feature["properties"]["batch_doc"] = path.stem
            features.append(feature)
    return dumps(_collection(features))
