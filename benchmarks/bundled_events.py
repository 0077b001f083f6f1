"""Event recall and precision on the two bundled texts, against the hand-made gold of tests/gold/.

The gold (``tests/gold/events-<lang>.json``) lists every event a reader of the text
would map (``events``, keyed ``date``); ``judged`` lists events the gold does not
require but a reader of the text judged right (a catalogue event the text names in
passing, a second sentence of the same happening), each with its ``start``, ``type``,
point and why. A gold event is found when an event resting on a sentence of its text
has its date and a place within ``EVENT_RADIUS_KM`` (or one of its ``place_ids``); a
predicted event is right when it finds a gold event or a judged one. Shared by the
accuracy benchmark, ``python -m benchmarks.bundled_events [--wrong]`` and the tests.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

from benchmarks.common import ROOT
from benchmarks.devset import EVENT_RADIUS_KM, _date_agrees, _judged, event_matches

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS = ROOT / "warmap" / "corpus"
GOLD_FILES = ("events-zh.json", "events-fa.json")


@dataclass
class BundledScore:
    """Recall per text and precision over every event of the build."""

    gold: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    predicted: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def recall(self, doc: str | None = None) -> float:
        docs = [doc] if doc else list(self.gold)
        gold = sum(self.gold[d] for d in docs)
        return sum(self.found[d] for d in docs) / gold if gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0


def load_bundled_gold() -> list[dict[str, Any]]:
    return [json.loads((GOLD_DIR / name).read_text(encoding="utf-8")) for name in GOLD_FILES]


def _finds(gold: dict[str, Any], event: dict[str, Any], doc: str) -> bool:
    """As the recall test: the date in this document, then a place within the radius or a gold place id."""
    as_devset = {**gold, "start": gold["date"]}
    if not any(s["doc"] == doc for s in event.get("sources", [])) or not _date_agrees(as_devset, event, doc):
        return False
    return bool(set(gold.get("place_ids", [])) & set(event.get("places", []))) or event_matches(as_devset, event, doc)


def score_bundled(events: list[dict[str, Any]], golds: list[dict[str, Any]]) -> BundledScore:
    """Score event records (``warmap events --json`` of the bundled texts) against the gold files."""
    score = BundledScore(predicted=len(events))
    for gold_file in golds:
        doc = gold_file["doc"]
        score.gold[doc] = len(gold_file["events"])
        score.found[doc] = 0
        for g in gold_file["events"]:
            if any(_finds(g, e, doc) for e in events):
                score.found[doc] += 1
            else:
                score.misses.append(f"{doc}: {g['type']} {g['date']} {g['place']}: {g['quote']}")
    for event in events:
        docs = {s["doc"] for s in event.get("sources", [])}
        right = any(
            any(_finds(g, event, gold_file["doc"]) for g in gold_file["events"]) or _judged(gold_file, event)
            for gold_file in golds
            if gold_file["doc"] in docs
        )
        score.right += right
        if not right:
            score.wrong.append(event)
    return score


def bundled_events() -> list[dict[str, Any]]:
    """The events of the bundled texts as ``warmap events --json --offline`` gives them."""
    from warmap.campaign import Campaign

    campaign = Campaign.from_sources([], offline=True, stages="events")
    return [e.to_json() for e in campaign.events]


def bench_bundled() -> list[dict]:
    from benchmarks.common import row

    score = score_bundled(bundled_events(), load_bundled_gold())
    rows = []
    for doc in score.gold:
        note = f"{score.gold[doc]} gold events"
        rows.append(row(f"bundled {doc}: event recall", round(score.recall(doc), 3), "", "≥ 0.95", note))
    note = f"{score.predicted} extracted, {len(score.wrong)} not in the gold nor judged right"
    rows.append(row("bundled texts: event precision", round(score.precision, 3), "", "", note))
    return rows


def main() -> None:
    """Print recall and precision; with ``--wrong`` every miss and every event judged wrong."""
    score = score_bundled(bundled_events(), load_bundled_gold())
    for doc in score.gold:
        print(f"{doc}: recall {score.recall(doc):.3f} ({score.found[doc]} of {score.gold[doc]})")
    print(f"precision {score.precision:.3f} ({score.right} of {score.predicted}, radius {EVENT_RADIUS_KM:g} km)")
    if "--wrong" in sys.argv:
        for line in score.misses:
            print("missed:", line)
        for event in score.wrong:
            title = event["title"].get("en") or next(iter(event["title"].values()), "")
            text = event["sources"][0]["text"][:90].replace("\n", " ")
            print(f"wrong: {event['type']} {event.get('start')} {title} | {','.join(event['places'])} | {text}")


if __name__ == "__main__":
    main()
