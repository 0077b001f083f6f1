"""Accuracy on the development set: real third-party accounts with hand-made gold (tests/devset/).

Each gold file (``tests/devset/gold/<id>.json``) names a text, its licence and
source, every place mention it makes (spans into the text) and every dated, placed
event a historian would map. The text is read when it is committed
(``tests/devset/texts/``, redistributable texts only) or when it lies in
``$WARMAP_DEVSET_TEXTS`` (the others, fetched again from their address; the
``text_sha256`` tells a changed copy).

Places are scored as for the bundled texts (``benchmarks.accuracy.score_places``).
An event of the gold is found when an event resting on a sentence of that text has
its date (at the gold's precision, or a range holding it) and a place within
``EVENT_RADIUS_KM`` of the gold's. A gold event whose place is a whole extent says
so (``extent`` with the gazetteer's ``place_id``): "country" when the text places it
in a country and nowhere finer, so an event inside that country, naming it, or with
no point at all (issue 12: an event that only names a country has no point; then its
type must agree) finds it; "line" when the place is a river or border along its
length, so a point within the radius of the line finds it. A predicted event is
right when it finds a gold event, or when the gold's ``judged`` list accepts it
(events the gold does not list but a reader judged real).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.accuracy import distance_to_geometry_km, haversine_km, score_places
from benchmarks.common import ROOT

DEVSET = ROOT / "tests" / "devset"
EVENT_RADIUS_KM = 30.0
COAST_KM = 5.0  # a point on a country's coast may fall just outside its outline
EXTENTS = ("country", "line")
LANGUAGE_TAGS = ("zh-Hans", "zh-Hant", "ko", "en", "fa")


@dataclass
class Account:
    """One text of the development set with its gold."""

    gold: dict[str, Any]
    text: str

    @property
    def id(self) -> str:
        return self.gold["id"]

    @property
    def tag(self) -> str:
        """zh-Hans / zh-Hant for Chinese, else the language."""
        lang = self.gold["lang"]
        return f"{lang}-{self.gold['script']}" if lang == "zh" else lang


def load_accounts(folder: Path = DEVSET) -> tuple[list[Account], list[str]]:
    """Every account whose text can be read, and the ids of those that cannot (with why)."""
    accounts, missing = [], []
    outside = os.environ.get("WARMAP_DEVSET_TEXTS")
    for path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        candidates = [folder / gold["text_file"]] if gold.get("text_file") else []
        if outside:
            candidates.append(Path(outside) / f"{gold['id']}.txt")
        text_path = next((p for p in candidates if p.is_file()), None)
        if text_path is None:
            missing.append(f"{gold['id']}: text not here (see its url)")
            continue
        raw = text_path.read_bytes()
        if gold.get("text_sha256") and hashlib.sha256(raw).hexdigest() != gold["text_sha256"]:
            missing.append(f"{gold['id']}: text differs from the one annotated")
            continue
        accounts.append(Account(gold, raw.decode("utf-8")))
    return accounts, missing


# ------------------------------------------------------------------ events
def _points(event: dict[str, Any]) -> list[tuple[float, float]]:
    geometry = event.get("geometry") or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Point":
        coordinates = [coordinates]
    elif geometry.get("type") != "MultiPoint":
        coordinates = []
    return [(lat, lon) for lon, lat in coordinates]


def _date_agrees(gold: dict[str, Any], event: dict[str, Any], doc: str) -> bool:
    want = gold["start"]
    values = [event.get("start") or ""]
    for conflict in event.get("conflicts", []):
        if conflict.get("field") == "start":
            values += [c["value"] for c in conflict.get("claims", []) if c.get("doc") == doc]
    if any(v and v[: len(want)] == want for v in values):
        return True
    start = (event.get("start") or "")[: len(want)]
    end = (event.get("end") or event.get("start") or "")[: len(want)]
    return bool(start) and start <= want <= end


def event_matches(gold: dict[str, Any], event: dict[str, Any], doc: str) -> bool:
    """An event record (``warmap events --json``) that finds this gold event of ``doc``."""
    if not any(s["doc"] == doc for s in event.get("sources", [])) or not _date_agrees(gold, event, doc):
        return False
    if gold.get("extent"):
        return _within_extent(gold, event)
    return any(haversine_km(gold["lat"], gold["lon"], lat, lon) <= EVENT_RADIUS_KM for lat, lon in _points(event))


def _within_extent(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    """A gold event placed on a whole country or along a whole line (its ``extent`` and ``place_id``)."""
    if gold["place_id"] in event.get("places", []):
        return True
    points = _points(event)
    if gold["extent"] == "country":
        if not points:
            return event.get("type") == gold["type"]
        return all(_km_to_extent(gold["place_id"], lat, lon) <= COAST_KM for lat, lon in points)
    return any(_km_to_extent(gold["place_id"], lat, lon) <= EVENT_RADIUS_KM for lat, lon in points)


@cache
def _extent_geometry(place_id: str) -> dict[str, Any]:
    from warmap.gazetteer.lookup import Gazetteer

    place = Gazetteer.load().get(place_id)
    if place is None or not place.geometry:
        raise ValueError(f"gold extent {place_id!r} has no shape in the gazetteer")
    return place.geometry


def _km_to_extent(place_id: str, lat: float, lon: float) -> float:
    return distance_to_geometry_km(lat, lon, _extent_geometry(place_id), lat, lon)


def _judged(gold_file: dict[str, Any], event: dict[str, Any]) -> bool:
    for judged in gold_file.get("judged", []):
        if judged.get("start") == event.get("start") and judged.get("type") == event.get("type"):
            if any(haversine_km(judged["lat"], judged["lon"], lat, lon) <= EVENT_RADIUS_KM for lat, lon in _points(event)):
                return True
    return False


@dataclass
class EventScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0


def score_events(account: Account, events: list[dict[str, Any]], doc: str) -> EventScore:
    gold = account.gold["events"]
    mine = [e for e in events if any(s["doc"] == doc for s in e.get("sources", []))]
    score = EventScore(gold=len(gold), predicted=len(mine))
    for g in gold:
        if any(event_matches(g, e, doc) for e in mine):
            score.found += 1
        else:
            score.misses.append(f"{account.id}: {g['type']} {g['start']} {g.get('place')}")
    for e in mine:
        if any(event_matches(g, e, doc) for g in gold) or _judged(account.gold, e):
            score.right += 1
        else:
            title = next(iter(sorted(e.get("title", {}).values())), "")
            score.wrong.append(f"{account.id}: {e['type']} {e.get('start')} {title}")
    return score


# ------------------------------------------------------------------ running warmap
def run_account(account: Account) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    """warmap's mentions and events for one account (offline, format and language detected)."""
    from warmap.campaign import Campaign
    from warmap.export.tables import mentions_json
    from warmap.sources import source_from_text

    source = source_from_text(f"{account.id}.txt", account.text)
    campaign = Campaign.from_sources([source], offline=True, stages="events")
    return mentions_json(campaign.places), [e.to_json() for e in campaign.events], source.lang


@dataclass
class Tally:
    accounts: int = 0
    detected_right: int = 0
    places: list[Any] = field(default_factory=list)
    events: list[EventScore] = field(default_factory=list)

    def place_totals(self) -> tuple[float, float]:
        gold = sum(s.gold for s in self.places)
        found = sum(s.found for s in self.places)
        predicted = sum(s.predicted for s in self.places)
        right = sum(s.correct_predictions for s in self.places)
        within = sum(s.within for s in self.places)
        resolved = sum(s.resolved for s in self.places)
        recall = found / gold if gold else 1.0
        # a prediction is right when it overlaps a gold mention and lies where the gold says
        precision = (right - (resolved - within)) / predicted if predicted else 1.0
        return recall, precision

    def event_totals(self) -> tuple[float, float, int, int]:
        gold = sum(s.gold for s in self.events)
        found = sum(s.found for s in self.events)
        predicted = sum(s.predicted for s in self.events)
        right = sum(s.right for s in self.events)
        return (found / gold if gold else 1.0), (right / predicted if predicted else 1.0), gold, predicted


def score_devset(accounts: list[Account]) -> dict[str, Tally]:
    """Tallies per language tag and "all"."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for account in accounts:
        mentions, events, lang = run_account(account)
        doc = f"{account.id}.txt"
        place_gold = [{**p, "doc": doc} for p in account.gold["places"]]
        places = score_places(place_gold, [m for m in mentions if m["doc"] == doc])
        events_score = score_events(account, events, doc)
        for key in (account.tag, "all"):
            tally = tallies[key]
            tally.accounts += 1
            tally.detected_right += lang == account.gold["lang"]
            tally.places.append(places)
            tally.events.append(events_score)
    return dict(tallies)


def bench_devset(quick: bool = False) -> list[dict]:
    from benchmarks.common import na, row

    accounts, missing = load_accounts()
    if not accounts:
        return [na("development set", "no account with its text in tests/devset/")]
    tallies = score_devset(accounts)
    rows = []
    for tag in [*LANGUAGE_TAGS, "all"]:
        tally = tallies.get(tag)
        if tally is None:
            rows.append(na(f"{tag}: accounts", "none in the development set"))
            continue
        place_recall, place_precision = tally.place_totals()
        event_recall, event_precision, gold, predicted = tally.event_totals()
        note = f"{tally.accounts} accounts, language detected right in {tally.detected_right}"
        rows += [
            row(f"{tag}: place recall", round(place_recall, 3), "", "≥ 0.95", note),
            row(f"{tag}: place precision (right span, within 25 km)", round(place_precision, 3), "", "≥ 0.95"),
            row(f"{tag}: event recall", round(event_recall, 3), "", "≥ 0.85", f"{gold} gold events"),
            row(f"{tag}: event precision", round(event_precision, 3), "", "≥ 0.90", f"{predicted} extracted"),
        ]
    if missing:
        rows.append(row("accounts without their text here", len(missing), "", "", "; ".join(missing)[:500]))
    return rows


def main() -> None:
    """``python -m benchmarks.devset [--misses]``: the table (and every miss), for working on the rules."""
    accounts, missing = load_accounts()
    tallies = score_devset(accounts)
    for tag, tally in sorted(tallies.items()):
        place_recall, place_precision = tally.place_totals()
        event_recall, event_precision, gold, predicted = tally.event_totals()
        print(
            f"{tag:8} {tally.accounts:3} accounts  places R {place_recall:.3f} P {place_precision:.3f}  "
            f"events R {event_recall:.3f} P {event_precision:.3f} ({gold} gold, {predicted} extracted)"
        )
    for line in missing:
        print("missing:", line)
    if "--misses" in sys.argv:
        for tag, tally in sorted(tallies.items()):
            if tag == "all":
                continue
            for score in tally.events:
                for line in score.misses:
                    print("event missed:", line)
                for line in score.wrong:
                    print("event wrong: ", line)
            for score in tally.places:
                for record in score.misses:
                    print("place missed:", record["doc"], record["surface"], record["start"])
                for record in score.false_alarms:
                    print("place false: ", record["doc"], record["surface"], record["start"], record.get("name"))
                for record in score.wrong_places:
                    print("place wrong: ", record["doc"], record["surface"], record.get("name"), record["km"], "km")


if __name__ == "__main__":
    main()
