"""The pipeline's fallback: names the gazetteer does not know go to the geocoder, once, and are cached.

A real HTTP server on 127.0.0.1 stands in for Nominatim; geopy talks to it.
"""

from __future__ import annotations

from nominatim_server import nominatim_place

from warmap.campaign import Campaign
from warmap.model import Source
from warmap.resolution.geocoding import GeocoderSettings

# 草幕村 is a village the bundled gazetteer does not list; the link says it is a place article.
TEXT = "1951年8月，韩国军队在[[草幕村]]附近与朝鲜人民军交战，随后向[[梨木里]]推进。"
CHOMAK = nominatim_place("Chomak-chon", 38.2712, 127.9623, osm_id=4242, addresstype="village")
NAMESAKE = nominatim_place("Imok-ri", 51.5, -0.1, osm_id=4343, addresstype="village")


def _campaign(settings: GeocoderSettings) -> Campaign:
    source = Source(name="fallback.wikitext", text=TEXT, lang="zh", format="wikitext")
    return Campaign.from_sources([source], geocoder=settings, stages="places")


def test_unknown_names_go_to_the_geocoder_once(nominatim, geocoder_settings):
    nominatim.answer("草幕村", CHOMAK)
    nominatim.answer("梨木里", NAMESAKE)  # a namesake far from the war: refused

    first = {r.mention.surface: r for r in _campaign(geocoder_settings).places}
    assert first["草幕村"].resolver == "geocoder"
    assert first["草幕村"].place.lat == 38.2712
    assert first["梨木里"].resolver == "unresolved" and first["梨木里"].place is None
    asked = nominatim.count()
    assert asked == 2

    again = {r.mention.surface: r for r in _campaign(geocoder_settings).places}
    assert again["草幕村"].resolver == "cache"
    assert nominatim.count() == asked  # the second run makes no request


def test_offline_never_asks(nominatim, geocoder_settings):
    geocoder_settings.offline = True
    places = {r.mention.surface: r for r in _campaign(geocoder_settings).places}
    assert places["草幕村"].resolver == "unresolved"
    assert nominatim.count() == 0
