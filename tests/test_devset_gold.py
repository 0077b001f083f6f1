"""The development set's gold files hold together: schema, spans, checksums, quotes (tests/devset/)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from benchmarks.devset import EXTENTS
from warmap.model import FEATURES

DEVSET = Path(__file__).parent / "devset"
GOLD_FILES = sorted((DEVSET / "gold").glob("*.json"))
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EVENT_TYPES = set(
    "battle operation offensive landing capture withdrawal crossing air massacre negotiation armistice other".split()
)  # INTERFACE.md
SCRIPTS = {"zh": {"Hans", "Hant"}, "ko": {"Hang"}, "fa": {"Arab"}, "en": {"Latn"}}


def test_every_language_has_accounts() -> None:
    tags = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    counts = {}
    for gold in tags:
        tag = f"zh-{gold['script']}" if gold["lang"] == "zh" else gold["lang"]
        counts[tag] = counts.get(tag, 0) + 1
    assert all(counts.get(tag, 0) >= 6 for tag in ("zh-Hans", "zh-Hant", "ko", "en", "fa")), counts


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["id"] == path.stem
    assert gold["script"] in SCRIPTS[gold["lang"]]
    for key in ("title", "url", "licence", "credit"):
        assert gold[key].strip(), key
    text = None
    if gold["redistributable"]:
        raw = (DEVSET / gold["text_file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == gold["text_sha256"]
        text = raw.decode("utf-8")
    else:
        assert gold["text_file"] is None and not (DEVSET / "texts" / f"{gold['id']}.txt").exists()
    last_end = 0
    for place in gold["places"]:
        assert place["feature"] in FEATURES, place
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place
        if text is not None:
            assert text[place["start"] : place["end"]] == place["surface"], place
            assert place["start"] >= last_end, f"overlapping or unordered span: {place}"
            last_end = place["end"]
    for event in gold["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert DATE.match(event["start"]) and (event.get("end") is None or DATE.match(event["end"])), event
        assert event.get("end") is None or event["end"] >= event["start"], event
        if text is not None:
            assert event["quote"] in text, event["quote"]
        if "extent" in event:
            _check_extent(event)
    for judged in gold.get("judged", []):
        assert judged["type"] in EVENT_TYPES and DATE.match(judged["start"]), judged
        assert -90 <= judged["lat"] <= 90 and -180 <= judged["lon"] <= 180, judged
        assert judged["note"].strip(), f"a judged event says why: {judged}"


def _check_extent(event: dict) -> None:
    """A gold event on a whole extent names it in the gazetteer, with a shape of that kind."""
    from warmap.gazetteer.lookup import Gazetteer

    assert event["extent"] in EXTENTS, event
    place = Gazetteer.load().get(event["place_id"])
    assert place is not None and place.geometry, event
    want = {"country"} if event["extent"] == "country" else {"river", "line"}
    assert place.feature in want, (event, place.feature)


def test_committed_texts_all_have_gold() -> None:
    gold_ids = {p.stem for p in GOLD_FILES}
    assert {p.stem for p in (DEVSET / "texts").glob("*.txt")} <= gold_ids
