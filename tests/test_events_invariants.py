"""What every event must be, on every real account we have (issue 12): the development set and the
two bundled texts, read offline through the whole pipeline.

- No point event rests on a country or on a broad region holding the theatre (the peninsula): its
  point is its most specific place, or it has none. Only types the registry places broadly (an
  offensive sweeps a region) may name a country, and none may name the peninsula.
- No invented title: a title is the catalogue's (one of its names in that language), the text's own
  name for the event (written in one of its sentences), or the English pack's plain description
  ("Capture of Seoul") — never a name coined in the text's language.
- A text in traditional characters gets the catalogue's traditional title, not the simplified one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from benchmarks.bundled_events import bundled_events
from benchmarks.devset import load_accounts, run_account
from warmap.chronology.catalogue import bundled_catalogue
from warmap.chronology.event_places import broad
from warmap.chronology.event_types import placed_broadly
from warmap.chronology.event_vocabulary import fold, vocabulary
from warmap.gazetteer.lookup import Gazetteer
from warmap.gazetteer.scripts import han_tag
from warmap.wars import load_war


@pytest.fixture(scope="module")
def accounts() -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(account, language tag, events) for every readable development account and the bundled build."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WARMAP_DEVSET_TEXTS", raising=False)
        found, _ = load_accounts()
        runs = [(a.id, a.tag, run_account(a)[1]) for a in found]
    return [*runs, ("bundled texts", "zh+fa", bundled_events())]


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _holds_theatre(place_id: str) -> bool:
    """A country, or a broad region whose shape holds the theatre's centre (the peninsula)."""
    place = _gazetteer().get(place_id)
    if place is None:
        return False
    if place.feature == "country":
        return True
    if not broad(place):
        return False
    lat, lon = _theatre_centre()
    from shapely.geometry import Point, shape

    return place.geometry is not None and shape(place.geometry).contains(Point(lon, lat))


@cache
def _theatre_centre() -> tuple[float, float]:
    """The middle of the war profile's theatre bounds (for Korea, inland near the 38th parallel)."""
    west, south, east, north = load_war().bounds
    return (south + north) / 2, (west + east) / 2


def test_no_point_event_rests_on_a_country_or_the_peninsula(accounts) -> None:
    wrong = []
    for account, _, events in accounts:
        for event in events:
            for place_id in event["places"]:
                place = _gazetteer().get(place_id)
                allowed = placed_broadly(event["type"]) and place is not None and place.feature == "country"
                if _holds_theatre(place_id) and not allowed:
                    wrong.append(f"{account}: {event['type']} {event['start']} {event['title']} on {place_id}")
    assert not wrong, "\n".join(wrong)


@cache
def _description(kind: str) -> re.Pattern[str]:
    """The English pack's plain description of a type, with any place name."""
    template = vocabulary("en").titles[kind]
    return re.compile(re.escape(template).replace(re.escape("{place}"), ".+"))


def _catalogue_names(event_id: str, lang: str) -> set[str]:
    row = bundled_catalogue().get(event_id)
    assert row is not None, event_id
    return {name for tag, names in row.names.items() if tag.split("-")[0] == lang for name in names}


def test_no_event_has_an_invented_title(accounts) -> None:
    wrong = []
    for account, _, events in accounts:
        for event in events:
            written = fold(" ".join(s["text"] for s in event["sources"]))
            for lang, title in event["title"].items():
                if event.get("catalogue"):
                    ok = title in _catalogue_names(event["catalogue"], lang)
                else:
                    ok = fold(title) in written or (lang == "en" and bool(_description(event["type"]).fullmatch(title)))
                if not ok:
                    wrong.append(f"{account}: {event['type']} {event['start']} {lang} {title!r}")
    assert not wrong, "\n".join(wrong)


def test_traditional_texts_get_traditional_catalogue_titles(accounts) -> None:
    wrong = []
    for account, tag, events in accounts:
        if tag != "zh-Hant":
            continue
        for event in events:
            title = event["title"].get("zh")
            if event.get("catalogue") and title and han_tag(title, None) == "zh-Hans":
                wrong.append(f"{account}: {event['catalogue']} titled {title!r}")
    assert not wrong, "\n".join(wrong)
