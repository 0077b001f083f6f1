"""``warmap batch``: many documents, one result each, resumable, locally or on Dask.

Inputs are files, folders of texts, or MediaWiki XML dumps (``.xml``,
``.xml.bz2``) streamed page by page. Every document becomes
``OUT/docs/<slug>.geojson``, written atomically by the coordinating process,
so a re-run skips what is done and a crash or Ctrl-C loses at most the pages in
flight. One failing page is recorded in ``OUT/failures.csv`` and skipped.
Workers get the gazetteer once: each process loads it on first use, and on a
Dask cluster the database bytes are broadcast once and opened from a local file.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import hashlib
import io
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warmap.errors import InputError

TEXT_SUFFIXES = {".txt", ".wikitext", ".wiki", ".mediawiki", ".md"}
CATEGORY = re.compile(r"\[\[\s*(?:Category|分类|分類|رده)\s*:\s*([^\]|]+)", re.IGNORECASE)


@dataclass
class BatchItem:
    """One document of a batch: a title, its text, and where it came from."""

    title: str
    text: str
    origin: str

    @property
    def slug(self) -> str:
        """A file name stable across runs: readable prefix + hash of the title."""
        safe = re.sub(r"[^\w\-]+", "_", self.title, flags=re.UNICODE).strip("_")[:60] or "page"
        digest = hashlib.sha1(self.title.encode("utf-8")).hexdigest()[:10]
        return f"{safe}-{digest}"


# ------------------------------------------------------------------ inputs
def iter_dump(path: Path) -> Iterator[BatchItem]:
    """Pages of a MediaWiki XML dump, streamed: memory stays flat whatever the dump's size."""
    opener = bz2.open if path.suffix == ".bz2" else open
    with opener(path, "rb") as handle:
        title = None
        for _event, element in ET.iterparse(handle, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "title":
                title = element.text or ""
            elif tag == "text":
                text = element.text or ""
                if title is not None and text.strip():
                    yield BatchItem(title, text, str(path))
            elif tag == "page":
                title = None
                element.clear()


def iter_inputs(inputs: list[str]) -> Iterator[BatchItem]:
    """Every document named by the inputs, in a stable order."""
    for spec in inputs:
        path = Path(spec)
        if not path.exists():
            raise InputError(spec, "no such file or folder")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES):
                yield BatchItem(str(child.relative_to(path)), _read_text(child), str(child))
        elif path.name.endswith((".xml", ".xml.bz2")):
            try:
                yield from iter_dump(path)
            except ET.ParseError as error:
                raise InputError(spec, f"not a readable MediaWiki XML dump ({error})") from None
        else:
            yield BatchItem(path.name, _read_text(path), str(path))


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return ""  # reported as a failing document by the reader's own checks


def selected(item: BatchItem, title: str | None, category: str | None) -> bool:
    if title and not re.search(title, item.title):
        return False
    if category and not any(re.search(category, c.strip()) for c in CATEGORY.findall(item.text)):
        return False
    return True


# ------------------------------------------------------------------ one document
def map_document(title: str, text: str, lang: str | None, fmt: str | None) -> dict:
    """Run the pipeline on one document and return its GeoJSON text and counts (runs in a worker)."""
    from warmap.campaign import Campaign
    from warmap.export.geojson import dumps
    from warmap.sources import source_from_text

    source = source_from_text(title, text, lang=lang, fmt=fmt)
    campaign = Campaign.from_sources([source], offline=True)
    return {
        "geojson": dumps(campaign.to_geojson()),
        "mentions": len(campaign.places),
        "resolved": len(campaign.resolved),
        "events": len(campaign.events),
    }


# ------------------------------------------------------------------ the run
def run_batch(args: argparse.Namespace) -> int:
    """The ``warmap batch`` command."""
    from warmap.export.write import atomic_write_text

    out = Path(args.out)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    items = [i for i in iter_inputs(args.inputs) if selected(i, args.title, args.category)]
    todo = [i for i in items if not (docs_dir / f"{i.slug}.geojson").exists()]
    print(f"batch: {len(items)} documents, {len(items) - len(todo)} already done", file=sys.stderr)
    failures: list[tuple[str, str]] = []
    summary: dict[str, dict] = {}

    def finished(item: BatchItem, result: dict | None, error: str | None) -> None:
        if error is not None:
            failures.append((item.title, error))
            print(f"batch: {item.title}: {error}", file=sys.stderr)
            return
        atomic_write_text(docs_dir / f"{item.slug}.geojson", result.pop("geojson"))
        summary[item.title] = result

    if args.dask:
        from warmap.batch_dask import run_on_dask

        run_on_dask(args.dask, todo, args.lang, args.format, finished)
    else:
        _run_local(todo, args.jobs, args.lang, args.format, finished)
    if failures:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["title", "error"])
        writer.writerows(sorted(failures))
        atomic_write_text(out / "failures.csv", buffer.getvalue())
    if args.merge:
        merged = merge_results(docs_dir)
        atomic_write_text(out / "campaign.geojson", merged)
    done = len(items) - len(failures)
    print(f"batch: {done} of {len(items)} documents mapped, {len(failures)} failed", file=sys.stderr)
    return 0


def _run_local(items: list[BatchItem], jobs: int, lang, fmt, finished) -> None:
    """Map documents with a progress bar, in this process or in ``jobs`` worker processes."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with batch_progress(len(items)) as advance:
        if jobs <= 1:
            for item in items:
                finished(item, *_safe(map_document, item, lang, fmt))
                advance()
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_safe, map_document, item, lang, fmt): item for item in items}
            for future in as_completed(futures):
                finished(futures[future], *future.result())
                advance()


@contextmanager
def batch_progress(total: int):
    """A progress bar on stderr with documents per second and time remaining; yields ``advance()``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"))
    started = time.monotonic()
    with Progress(*columns, TimeRemainingColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("batch", total=total, rate="")

        def advance() -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, rate=f"{rate:.1f} docs/s")

        yield advance


def _safe(func, item: BatchItem, lang, fmt, *extra) -> tuple[dict | None, str | None]:
    """One page's failure is a line in the report, never the end of the batch."""
    try:
        return func(item.title, item.text, lang, fmt, *extra), None
    except InputError as error:
        return None, error.problem
    except Exception as error:  # noqa: BLE001 — recorded and skipped by design
        return None, f"{type(error).__name__}: {error}"


def merge_results(docs_dir: Path) -> str:
    """One FeatureCollection of every document's features, ids prefixed by the document."""
    from warmap.export.geojson import dumps

    features = []
    for path in sorted(docs_dir.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            feature["properties"]["id"] = f"{path.stem}/{feature['properties']['id']}"
            feature["properties"]["batch_doc"] = path.stem
            features.append(feature)
    return dumps({"type": "FeatureCollection", "features": features})
