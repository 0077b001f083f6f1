"""The scripting API as a notebook uses it: GeoDataFrame columns, date columns, event accessors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

import warmap  # noqa: E402
from warmap.export.frames import date_precision, span_days  # noqa: E402


@pytest.fixture(scope="module")
def campaign():
    return synthetic_campaign()


def test_event_type_filters_where_type_would_not(campaign) -> None:
    events = campaign.to_geodataframe("event")
    battles = events[events.event_type == "battle"]
    assert list(battles.id) == ["ev-pusan-perimeter"]
    assert "type" not in events.columns  # gdf.type is GeoPandas' geometry type: no column to shadow it
    assert set(events.type.dropna()) <= {"Point", "LineString", "Polygon", "MultiPolygon"}
    places = campaign.to_geodataframe("place")
    assert places.event_type.isna().all()


def test_date_columns_are_datetimes_at_the_span_ends(campaign) -> None:
    events = campaign.to_geodataframe("event").set_index("id")
    assert pandas.api.types.is_datetime64_any_dtype(events.start_date)
    assert pandas.api.types.is_datetime64_any_dtype(events.end_date)
    pusan = events.loc["ev-pusan-perimeter"]
    assert (pusan.start_date, pusan.end_date) == (pandas.Timestamp("1950-08-04"), pandas.Timestamp("1950-09-18"))
    seoul = events.loc["ev-seoul-falls"]  # one day, no end: the span is that day
    assert seoul.start_date == seoul.end_date == pandas.Timestamp("1950-06-28")
    assert pandas.isna(events.loc["ev-undated"].start_date) and pandas.isna(events.loc["ev-undated"].date_precision)
    autumn = events[events.start_date.between("1950-09-01", "1950-11-30")]
    assert sorted(autumn.index) == ["ev-inchon", "ev-pyongyang"]


def test_reduced_dates_span_their_month_or_year() -> None:
    assert span_days("event", "1950-08", None) == (pandas.Timestamp("1950-08-01").date(), pandas.Timestamp("1950-08-31").date())
    assert span_days("event", "1952", "1953-07-27")[1].isoformat() == "1953-07-27"
    assert span_days("front", "1951-06-10", None)[1] is None  # a front holds until the next one
    assert date_precision("1950-08", "1950-09-15") == "month"
    assert date_precision("1950", None) == "year"
    assert date_precision("1950-09-15", "1950-09-19") == "day"
    assert date_precision(None, None) is None


def test_accessors_resolve_ids_to_events(campaign) -> None:
    assert [e.id for e in campaign.battles] == ["ev-pusan-perimeter"]
    assert [e.id for e in campaign.events_of("capture", "landing")] == ["ev-seoul-falls", "ev-inchon", "ev-pyongyang"]
    phase = campaign.phases[1]
    events = campaign.events_in(phase.id)
    assert phase.events == ["ev-inchon", "ev-pyongyang"]  # ids, as the phases JSON has them
    assert [e.id for e in events] == phase.events
    assert all(isinstance(e, warmap.Event) for e in events)
    assert campaign.events_in(phase) == events
    assert campaign.event("ev-inchon").title["en"] == "Inchon landing"
    with pytest.raises(KeyError):
        campaign.event("no-such-event")


def test_unknown_event_type_is_an_error_not_an_empty_list(campaign) -> None:
    with pytest.raises(ValueError, match="'batle'.*battle"):
        campaign.events_of("batle")


def test_dir_and_docstrings_guide_a_notebook() -> None:
    for name in ("Campaign", "Event", "Phase", "Place", "event_types", "__version__"):
        assert name in dir(warmap) and name in warmap.__all__
    assert "battle" in warmap.event_types()
    for method in ("to_geodataframe", "events_in", "events_of", "map", "export", "to_lpf"):
        doc = getattr(warmap.Campaign, method).__doc__
        assert doc and len(doc) > 40, method
    assert ">>>" in warmap.__doc__ or "::" in warmap.__doc__


def test_map_takes_a_base_layer(campaign) -> None:
    html = campaign.map(campaign.phases[0].id, base="land").get_root().render()
    assert "tile.openstreetmap.org" in html  # OSM stays in the layer switcher
    assert "The North Korean invasion" in html


def test_places_and_events_alone_are_the_collections_own(campaign) -> None:
    from warmap.export.frames import campaign_features

    whole = campaign.to_geojson()["features"]
    for kinds in (("event",), ("place",), ("place", "event")):
        assert campaign_features(campaign, kinds) == [f for f in whole if f["properties"]["kind"] in kinds]


def test_map_self_contained_is_passed_to_the_renderer_or_refused_clearly(campaign) -> None:
    from inspect import signature

    from warmap.render import build_map

    accepted = signature(build_map).parameters
    if "cdn" in accepted or "self_contained" in accepted:
        html = campaign.map(self_contained=True).get_root().render()
        assert not re.search(r'<script[^>]+src="https?://', html)  # nothing fetched from a CDN
    else:
        with pytest.raises(ValueError, match="self_contained=True"):
            campaign.map(self_contained=True)
    assert re.search(r'<script[^>]+src="https?://[^"]*leaflet', campaign.map(self_contained=False).get_root().render())
