"""Build places-zh.jsonl: the candidates' proposals overridden by the reviewed verdicts in zh_review.tsv.

Extra mentions that no surface list can find (e.g. hill numbers) are added from zh_extra.tsv.
Only candidates below --upto (the end of the reviewed part) are written, so partial work stays honest.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from candidates import find, load_places
from jsonl_io import read_text, write
from readable import DOC

HERE = Path(__file__).resolve().parent


def _tsv(name: str) -> list[dict]:
    path = HERE / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def main(upto: int) -> None:
    text = read_text(DOC)
    places = load_places()
    verdicts = {int(r["start"]): r for r in _tsv("zh_review.tsv")}
    rows = []
    for cand in find(text):
        if cand["start"] >= upto:
            continue
        verdict = verdicts.get(cand["start"])
        keep = verdict["verdict"] == "keep" if verdict else cand["proposal"] == "keep"
        if not keep:
            continue
        key = (verdict or {}).get("key") or cand["key"]
        rows.append(_row(cand["start"], cand["end"], cand["surface"], places[key], (verdict or {}).get("note", "")))
    for extra in _tsv("zh_extra.tsv"):
        start = int(extra["start"])
        if start < upto:
            rows.append(_row(start, start + len(extra["surface"]), extra["surface"], places[extra["key"]],
                             extra["note"]))
    write(HERE.parent / "places-zh.jsonl", rows, text)
    print(len(rows), "mentions written")


def _row(start: int, end: int, surface: str, place: dict, note: str) -> dict:
    source = place["source"]
    if "-{" in surface:
        note = (note + "; " if note else "") + "surface spans conversion markup -{…}-"
    if source.startswith("uncertain") and not note.startswith("uncertain"):
        note = (note + "; " if note else "") + "location " + source
    return {"doc": DOC, "start": start, "end": end, "surface": surface, "name": place["name"],
            "feature": place["feature"], "lat": float(place["lat"]), "lon": float(place["lon"]), "note": note}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10**9)
