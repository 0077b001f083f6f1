"""The registry of event types (warmap/chronology/data/event_types.toml) is the one list of them.

What else keeps a row per type — each language pack's words and titles
(tests/test_language_packs.py) and the map's styles — must agree with it, so a new
type that is missing somewhere fails here rather than drawing as "other".
"""

from __future__ import annotations

from pathlib import Path

import pytest

import warmap.chronology.event_types as event_types
from warmap.chronology.event_claims import FAMILIES
from warmap.chronology.event_merge import PLACELESS_FAMILIES
from warmap.chronology.event_places import rank
from warmap.chronology.events import TYPE_PRIORITY
from warmap.model import Place
from warmap.render.styles import styles

INTERFACE_TYPES = {"battle", "operation", "offensive", "landing", "capture", "withdrawal", "crossing", "air",
                   "massacre", "negotiation", "armistice", "other"}  # fmt: skip  (INTERFACE.md: an event's type)


def test_the_registry_declares_the_interface_types() -> None:
    assert set(event_types.registry().names) == INTERFACE_TYPES


def test_every_type_has_a_style_and_every_style_a_type() -> None:
    assert set(styles()["event_types"]) == set(event_types.registry().names)


def test_the_stages_read_the_registry() -> None:
    assert FAMILIES == event_types.families()
    assert FAMILIES["offensive"] == FAMILIES["battle"] != FAMILIES["capture"]
    assert TYPE_PRIORITY[0] == "armistice" and TYPE_PRIORITY[-1] == "other"
    assert PLACELESS_FAMILIES == {"armistice"}


def _place(feature: str) -> Place:
    return Place(place_id=feature, name=feature, names={}, feature=feature, lat=0.0, lon=0.0, geometry={})


def test_a_types_scene_ranks_its_places() -> None:
    river, town, region = _place("river"), _place("city"), _place("region")
    assert rank(river, "crossing") < rank(town, "crossing")  # scene = line
    assert rank(town, "battle") < rank(river, "battle")  # scene = point
    assert rank(region, "air") == rank(town, "air")  # scene = any


def _registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    path = tmp_path / "event_types.toml"
    path.write_text('common_title_language = "en"\n' + body, encoding="utf-8")
    monkeypatch.setattr(event_types, "REGISTRY", path)
    event_types.registry.cache_clear()
    try:
        event_types.registry()
    finally:
        event_types.registry.cache_clear()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[type]]\nname = "raid"\n', "needs name and family"),
        ('[[type]]\nname = "raid"\nfamily = "combat"\nscene = "sky"\n', "scene must be one of"),
        ('[[type]]\nname = "raid"\nfamily = "combat"\n[[type]]\nname = "raid"\nfamily = "air"\n', "distinct"),
    ],
)
def test_a_bad_registry_row_is_an_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        _registry(tmp_path, monkeypatch, body)
    assert str(tmp_path / "event_types.toml") in str(caught.value)
