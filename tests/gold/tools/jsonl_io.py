"""Write and check gold JSONL files: sorted by start, text[start:end] == surface, features in the allowed set."""

from __future__ import annotations

import json
from pathlib import Path

FEATURES = {"city", "town", "village", "river", "lake", "mountain", "island", "line", "region", "country",
            "site", "sea"}
CORPUS = Path(__file__).resolve().parents[3] / "warmap" / "corpus"


def read_text(doc: str) -> str:
    """The corpus file as Python str (UTF-8, no BOM): the offsets' frame of reference."""
    return (CORPUS / doc).read_text(encoding="utf-8")


def check(rows: list[dict], text: str) -> None:
    """Raise on a row whose offsets do not reproduce its surface, or on overlapping/duplicate spans."""
    last_end = -1
    for row in sorted(rows, key=lambda r: (r["start"], r["end"])):
        assert text[row["start"]:row["end"]] == row["surface"], row
        assert row["feature"] in FEATURES, row
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row
        assert row["start"] >= last_end, ("overlap", row)
        last_end = row["end"]


def write(path: Path, rows: list[dict], text: str) -> None:
    """Validate, sort by start and write one JSON object per line (UTF-8, keys in fixed order)."""
    check(rows, text)
    keys = ["doc", "start", "end", "surface", "name", "feature", "lat", "lon", "note"]
    lines = [json.dumps({k: row.get(k, "") for k in keys}, ensure_ascii=False)
             for row in sorted(rows, key=lambda r: (r["start"], r["end"]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
