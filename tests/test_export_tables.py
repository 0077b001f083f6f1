"""Mention records, CSV and the terminal tables and summary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import EN_TEXT, synthetic_campaign  # noqa: E402

from warmap.export import (  # noqa: E402
    events_csv,
    mentions_csv,
    mentions_json,
    print_build_summary,
    print_events,
    print_mentions,
    print_phases,
)


def test_mention_records_follow_the_interface() -> None:
    records = mentions_json(synthetic_campaign().places)
    seoul = next(r for r in records if r["surface"] == "Seoul" and r["doc"] == "en-synthetic.txt")
    assert EN_TEXT[seoul["start"] : seoul["end"]] == "Seoul"
    assert seoul["geometry"] == {"type": "Point", "coordinates": [126.978, 37.566]}
    assert {
        "doc",
        "lang",
        "start",
        "end",
        "surface",
        "place_id",
        "name",
        "feature",
        "lat",
        "lon",
        "geometry",
        "confidence",
        "resolver",
        "qualifier",
        "key",
        "evidence",
    } == set(seoul)
    lost = next(r for r in records if r["surface"] == "Xyzzyville")
    assert lost["resolver"] == "unresolved" and lost["place_id"] is None and lost["geometry"] is None


def test_csv_headers_and_rows() -> None:
    campaign = synthetic_campaign()
    lines = mentions_csv(campaign.places).splitlines()
    assert lines[0].startswith("doc,lang,start,end,surface,place_id") and len(lines) == 1 + len(
        campaign.places
    )
    events = events_csv(campaign.events).splitlines()
    assert events[0] == "id,type,title,start,end,places,lon,lat,sources,docs,conflicts"
    assert any(line.startswith("ev-inchon,landing,") and "1950-09-16" in line for line in events)


def test_terminal_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # rich sizes tables to the terminal; pytest has none
    campaign = synthetic_campaign()
    print_mentions(campaign.places)
    print_events(campaign.events)
    print_phases(campaign.phases)
    print_build_summary(campaign, [Path("out/index.html"), Path("out/campaign.geojson")])
    out = capsys.readouterr().out
    assert "Xyzzyville" in out and "Naktong River" in out and "Inchon landing" in out
    assert "The North Korean invasion" in out
    assert "mentions   10, resolved 9 (90.0%), unresolved 1: Xyzzyville" in out
    assert "wrote      2 files" in out
