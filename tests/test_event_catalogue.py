"""The Korean War's event catalogue: the reviewed data validates, and names find their rows in any script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warmap.chronology.catalogue import (
    CatalogueError,
    bundled_catalogue,
    load_catalogue,
    name_key,
)
from warmap.chronology.event_types import registry
from warmap.paths import PACKAGE_DIR

KOREA = PACKAGE_DIR / "wars" / "korea"
EVENT_TYPES = registry().names


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(KOREA)


def test_the_catalogue_validates_and_holds_the_wars_named_events(catalogue):
    assert len(catalogue) >= 210
    assert [event.id for event in catalogue] == list(catalogue.events)
    assert {event.type for event in catalogue.events.values()} <= set(EVENT_TYPES)


def test_every_event_has_an_english_name_and_a_source_and_most_a_chinese_one(catalogue):
    events = list(catalogue.events.values())
    for event in events:
        assert event.source.strip(), event.id
        assert event.names.get("en"), f"{event.id} has no en name"
        assert bool(event.names.get("zh-Hans")) == bool(event.names.get("zh-Hant")), event.id
    chinese = [event for event in events if event.names.get("zh-Hans")]
    # Names no source gives are left out (UN-side outposts, operations, ROK-only battles and massacres
    # that Chinese accounts do not name), so the share stays a little above half.
    assert len(chinese) >= 115
    assert len(chinese) >= 0.56 * len(events)


def test_parents_contain_their_children(catalogue):
    checked = 0
    for event in catalogue.events.values():
        if event.parent is None:
            continue
        parent = catalogue.get(event.parent)
        if event.start and parent.start:
            assert parent.start[: len(event.start)] <= event.start[: len(parent.start)], event.id
            checked += 1
        child_end = event.end or event.start
        if child_end and parent.end:
            assert child_end[: len(parent.end)] <= parent.end[: len(child_end)], event.id
    assert checked >= 40


def test_the_fifth_phase_offensive_contains_imjin_and_kapyong(catalogue):
    children = {event.id for event in catalogue.children("fifth-phase-offensive")}
    assert {"battle-of-the-imjin-river", "battle-of-kapyong"} <= children


@pytest.mark.parametrize(
    "name",
    [
        "砥平里戰役",
        "砥平里战役",
        "Battle of Chipyong-ni",
        "battle of chipyongni",
        "지평리 전투",
        "지평리전투",
    ],
)
def test_chipyong_ni_is_found_in_every_script(catalogue, name):
    assert [event.id for event in catalogue.lookup(name)] == ["battle-of-chipyong-ni"]


def test_lookup_by_language_family(catalogue):
    assert [e.id for e in catalogue.lookup("仁川登陸", lang="zh-Hant")] == ["battle-of-inchon"]
    assert [e.id for e in catalogue.lookup("Incheon landing", lang="en")] == ["battle-of-inchon"]
    assert catalogue.lookup("仁川登陸", lang="en") == []
    assert [e.id for e in catalogue.lookup("نبرد کاپیونگ")] == ["battle-of-kapyong"]
    assert catalogue.lookup("Battle of Nowhere") == []


def test_display_titles_are_the_first_names(catalogue):
    title = catalogue.get("battle-of-inchon").title
    assert title["en"] == "Inchon landing"
    assert title["zh-Hans"] == "仁川登陆"
    assert title["ko"] == "인천 상륙 작전"


def test_names_in_gives_exact_offsets(catalogue):
    text = (
        "1951年2月13日，砥平里戰役打響。Later the Battle of the Imjin River (22–25 April) and "
        "the Battle of Kapyong followed; 인천 상륙 작전에서 and تا نبرد کاپیونگ."
    )
    hits = catalogue.names_in(text)
    found = [(text[h.start : h.end], h.surface, [e.id for e in h.events]) for h in hits]
    assert found == [
        ("砥平里戰役", "砥平里戰役", ["battle-of-chipyong-ni"]),
        ("Battle of the Imjin River", "Battle of the Imjin River", ["battle-of-the-imjin-river"]),
        ("Battle of Kapyong", "Battle of Kapyong", ["battle-of-kapyong"]),
        ("인천 상륙 작전", "인천 상륙 작전", ["battle-of-inchon"]),
        ("نبرد کاپیونگ", "نبرد کاپیونگ", ["battle-of-kapyong"]),
    ]


def test_names_in_wants_whole_words_in_spaced_scripts(catalogue):
    assert catalogue.names_in("the Battle of Kapyongville fair") == []
    assert [h.surface for h in catalogue.names_in("(Battle of Kapyong)")] == ["Battle of Kapyong"]


def test_name_keys_fold_scripts_case_and_hyphens():
    assert name_key("砥平里戰役") == name_key("砥平里战役")
    assert name_key("Battle of Chipyong-ni") == name_key("battle of  chipyongni")
    assert name_key("نبرد كاپيونگ") == name_key("نبرد کاپیونگ")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "war"
    shutil.copytree(KOREA, folder, ignore=shutil.ignore_patterns("*.toml"))
    return folder


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("events.csv", "battle-of-osan,battle,", "battle-of-osan,skirmish,", "type 'skirmish'"),
        (
            "events.csv",
            "battle-of-osan,battle,1950-07-05",
            "battle-of-osan,battle,1950-07-35",
            "not a calendar date",
        ),
        (
            "events.csv",
            "battle-of-osan,battle,1950-07-05,,day",
            "battle-of-osan,battle,1950-07,,day",
            "day precision",
        ),
        ("events.csv", ",fifth-phase-offensive,", ",no-such-event,", "parent 'no-such-event'"),
        ("events.csv", "geonames:1839652", "geonames:999999999", "not in the gazetteer"),
        (
            "event_names.csv",
            "battle-of-osan,en,Battle of Osan,",
            "no-such-event,en,Battle of Osan,",
            "not in events.csv",
        ),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, file, old, new, problem):
    folder = _copy(tmp_path)
    _break(folder, file, old, new)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    message = str(raised.value)
    assert problem in message
    assert message.startswith(f"{folder / file}:")


def test_a_cycle_of_parents_is_refused(tmp_path):
    folder = _copy(tmp_path)
    _break(
        folder,
        "events.csv",
        "fifth-phase-offensive,offensive,1951-04-22,1951-06-10,day,,",
        "fifth-phase-offensive,offensive,1951-04-22,1951-06-10,day,battle-of-kapyong,",
    )
    with pytest.raises(CatalogueError, match="cycle"):
        load_catalogue(folder)


def test_a_row_without_source_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "event_names.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("battle-of-osan,en,Osan fight,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="source is empty"):
        load_catalogue(folder)


def test_an_event_without_names_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("battle-of-nowhere,battle,1951-05,,month,,,,A source")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=f"{path}:{len(lines)}: 'battle-of-nowhere' has no name"):
        load_catalogue(folder)


def test_the_bundled_catalogue_is_loaded_once():
    assert bundled_catalogue() is bundled_catalogue("korea")
    assert bundled_catalogue().get("battle-of-chipyong-ni").precision == "day"


def test_a_byte_order_mark_is_read_as_nothing(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "events.csv"
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_catalogue(folder)) == len(bundled_catalogue())
