"""How many places warmap finds and how many it gets right, against the gold annotation.

Gold files (``tests/gold/places-*.jsonl``) list every place mention of a bundled
text with its true location. A predicted mention matches a gold one when their
source spans overlap; a resolved match is right when it lies within 25 km of the
true location (of the line, for rivers and parallels). Used by the accuracy test
and by the benchmark report, so both measure the same thing.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.ops import nearest_points

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
TOLERANCE_KM = 25.0


def load_gold(name: str) -> list[dict[str, Any]]:
    """Gold mentions of one file, e.g. ``places-zh.jsonl``."""
    lines = (GOLD_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def distance_to_geometry_km(lat: float, lon: float, geometry: dict[str, Any] | None, plat: float, plon: float) -> float:
    """Distance from a true point to a predicted place: to its shape when it has one."""
    if geometry and geometry.get("type") not in (None, "Point"):
        nearest = nearest_points(shape(geometry), Point(lon, lat))[0]
        return haversine_km(lat, lon, nearest.y, nearest.x)
    return haversine_km(lat, lon, plat, plon)


@dataclass
class PlaceScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold mentions overlapped by a prediction
    correct_predictions: int = 0  # predictions overlapping a gold mention
    resolved: int = 0  # matched predictions with a place
    within: int = 0  # … of them within tolerance
    offline: int = 0  # predictions resolved from the bundled gazetteer
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_places: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 1.0

    @property
    def accuracy(self) -> float:
        return self.within / self.resolved if self.resolved else 1.0

    @property
    def offline_share(self) -> float:
        return self.offline / self.predicted if self.predicted else 1.0


def score_places(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> PlaceScore:
    """Compare predicted mention records (``warmap places --json``) with gold ones of the same doc."""
    score = PlaceScore(gold=len(gold), predicted=len(predicted))
    gold_sorted = sorted(gold, key=lambda g: g["start"])
    matched_gold: set[int] = set()
    for record in predicted:
        hits = [i for i, g in enumerate(gold_sorted) if g["start"] < record["end"] and record["start"] < g["end"]]
        if record.get("resolver") in ("gazetteer", "cache"):
            score.offline += 1
        if not hits:
            score.false_alarms.append(record)
            continue
        score.correct_predictions += 1
        matched_gold.update(hits)
        if record.get("lat") is None:
            continue
        score.resolved += 1
        truth = gold_sorted[hits[0]]
        km = distance_to_geometry_km(truth["lat"], truth["lon"], record.get("geometry"), record["lat"], record["lon"])
        if km <= TOLERANCE_KM:
            score.within += 1
        else:
            score.wrong_places.append({**record, "true": truth.get("name"), "km": round(km)})
    score.found = len(matched_gold)
    score.misses = [g for i, g in enumerate(gold_sorted) if i not in matched_gold]
    return score
