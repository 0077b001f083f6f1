"""English accounts: people, ships, units, common words and far namesakes are not places (issue 11).

Sentences are from real accounts (the development set's English Wikipedia, US Navy and US Army
texts) or written as such accounts write; each is read through the real readers, spotter,
gazetteer and resolver.
"""

from __future__ import annotations

from pathlib import Path

from warmap.gazetteer import Gazetteer
from warmap.reading import read_document
from warmap.resolution.resolve import resolve_document
from warmap.sources import load_sources
from warmap.spotting import spot


def _resolved(tmp_path: Path, text: str, lang: str = "en"):
    path = tmp_path / "account.txt"
    path.write_text(text, encoding="utf-8")
    source = load_sources([str(path)], lang=lang)[0]
    doc = read_document(source)
    gazetteer = Gazetteer.load()
    mentions = spot(doc, gazetteer)
    for mention in mentions:
        assert source.text[mention.start : mention.end] == mention.surface
    return resolve_document(doc, mentions, gazetteer)


def _places(tmp_path: Path, text: str, lang: str = "en") -> list[tuple[str, str | None, str | None]]:
    """(surface, place name, country) of every mention, in order."""
    return [
        (r.mention.surface, r.place.name if r.place else None, r.place.country if r.place else None)
        for r in _resolved(tmp_path, text, lang)
    ]


def _surfaces(tmp_path: Path, text: str, lang: str = "en") -> list[str]:
    return [surface for surface, _, _ in _places(tmp_path, text, lang)]


def test_people_introduced_by_a_title_are_not_places_anywhere_in_the_text(tmp_path):
    text = (
        "General of the Army Douglas A. MacArthur directed the Inchon landing. "
        "General Matthew Ridgway replaced General Walton Walker, and MacArthur approved. "
        "North Korean General Nam Il led the delegation at Kaesong.\n"
        "Signatories: Nam Il, Peng Dehuai"
    )
    assert _surfaces(tmp_path, text) == ["Inchon", "Kaesong"]


def test_a_first_name_and_an_initial_make_a_person(tmp_path):
    text = "U.S. X Corps commander Maj. Gen. Clovis E. Byers was to take the ridge west of Hill 1179."
    assert "Clovis" not in _surfaces(tmp_path, text)


def test_ships_are_not_places_even_when_named_again_bare(tmp_path):
    text = (
        "Two days later, two North Korean aircraft attacked and bombed USS Rochester (CA-124) and Royal "
        "Navy cruiser HMS JamaicaRochester received minimal damage.   Jamaica was also damaged along "
        "with the loss of life to a few Royal Navy Sailors."
    )
    assert _surfaces(tmp_path, text) == []


def test_units_named_after_a_country_are_not_the_country(tmp_path):
    text = (
        "As Republic of Korea Army (ROK) forces withdrew through the valley, the 27th British "
        "Commonwealth Brigade, supported by a Royal Regiment of New Zealand Artillery battery, held "
        "the Kapyong Valley. Byers attached the ROK 36th Regiment to the 2nd Infantry Division; ROK "
        "units and Far East Command in Tokyo agreed, and Republic of Korea Marines landed at Inchon."
    )
    assert _surfaces(tmp_path, text) == ["Kapyong", "Tokyo", "Inchon"]


def test_common_words_and_metaphors_are_not_far_places(tmp_path):
    text = (
        "The surprise attack on 25 June 1950 took Seoul. Chipyong-ni has been called the Gettysburg "
        "of the Korean War."
    )
    assert _surfaces(tmp_path, text) == ["Seoul", "Chipyong-ni"]


def test_a_far_place_stays_when_its_country_is_named_with_it(tmp_path):
    text = "During the 1954 Geneva Conference in Switzerland, Zhou Enlai suggested a peace treaty."
    assert [(s, c) for s, _, c in _places(tmp_path, text)] == [("Geneva", "CH"), ("Switzerland", "CH")]


def test_a_country_is_not_a_village_that_bears_its_name(tmp_path):
    text = "China ambushed the Marines at the Chosin Reservoir; China normalized relations with South Korea in 1992."
    found = _places(tmp_path, text)
    assert [c for s, _, c in found if s == "China"] == ["CN", "CN"]


def test_titles_of_works_are_not_places(tmp_path):
    text = (
        "The first battle was described in the eponymous history Pork Chop Hill: The American Fighting "
        "Man in Action, Korea, Spring 1953, by S.L.A. Marshall, from which the film Pork Chop Hill was "
        "drawn. The hill lies north of Yeoncheon."
    )
    assert _surfaces(tmp_path, text) == ["Yeoncheon"]



def test_names_in_another_script_in_parentheses_are_places(tmp_path):
    text = (
        "The Hungnam evacuation (Hangul: 흥남 철수 작전; Hanja: 興南撤收作戰), code-named Christmas Cargo, "
        "was the evacuation of UN forces. The Battle of Osan (Korean: 오산 전투) was the first engagement."
    )
    found = [(s, p) for s, p, _ in _places(tmp_path, text)]
    assert ("흥남", "Hŭngnam") in found or ("흥남", "Hungnam") in found
    assert [s for s, _ in found] == ["Hungnam", "흥남", "興南", "Osan", "오산"]
    assert found[-1][1] == found[-2][1]


def test_latin_in_parentheses_is_read_with_the_latin_pack_rules(tmp_path):
    """A Korean text's gloss of a person is a person (Walton → a Pakistani town was a false place)."""
    text = "워커 장군(General Walton Walker)은 낙동강 방어선을 지켰다. 인천(Inchon)에 상륙했다."
    surfaces = _surfaces(tmp_path, text, lang="ko")
    assert "Walton" not in surfaces and "Inchon" in surfaces


def test_foreign_script_outside_parentheses_is_not_matched(tmp_path):
    text = "흥남 — the port of Hungnam."
    assert _surfaces(tmp_path, text) == ["Hungnam"]


def test_a_chain_of_names_names_every_place(tmp_path):
    text = (
        "The Chinese struck the Yoju-Wonju-Yongwol line and the Hoengsong–Wonju road in February 1951, "
        "while Kim Il-Sung watched from the Kumhwa-Chorwon-Pyongyang triangle."
    )
    found = _places(tmp_path, text)
    assert [s for s, _, _ in found] == ["Yoju", "Wonju", "Yongwol", "Hoengsong", "Wonju", "Kumhwa", "Chorwon", "Pyongyang"]
    assert {c for _, _, c in found} == {"KR", "KP"}


def test_a_longer_name_that_is_no_word_hides_no_name_inside_it(tmp_path):
    """"the d" (a gazetteer name) across "the DMZ" once hid the DMZ (Korean Armistice Agreement)."""
    text = "The DMZ runs close to the 38th parallel and has separated North and South Korea since 1953."
    assert _surfaces(tmp_path, text)[:2] == ["DMZ", "38th parallel"]


def test_names_sharing_their_last_words_and_plurals_of_countries(tmp_path):
    text = (
        "The DMZ has separated North and South Korea since 1953, marking the ceasefire between the two "
        "Koreas. The Gloucesters held the Imjin."
    )
    found = [(s, p) for s, p, _ in _places(tmp_path, text)]
    assert ("North", "North Korea") in found and ("South Korea", "South Korea") in found
    assert ("Koreas", "Korean Peninsula") in found
    assert "Gloucesters" not in [s for s, _ in found]


def test_a_possessive_is_its_name(tmp_path):
    text = (
        "Seoul's fall came three days later. The Pusan Perimeter's defenders and General Walker's Eighth "
        "Army held. MacArthur's plan used Inchon’s tides."
    )
    assert _surfaces(tmp_path, text) == ["Seoul", "Pusan Perimeter", "Inchon"]


def test_capitals_far_away_are_places(tmp_path):
    text = "President Truman flew from Washington; Canberra and Wellington sent troops, Ottawa a brigade."
    assert [(s, c) for s, _, c in _places(tmp_path, text)] == [
        ("Washington", "US"),
        ("Canberra", "AU"),
        ("Wellington", "NZ"),
        ("Ottawa", "CA"),
    ]


def test_a_name_quoted_in_part_and_names_sharing_a_plural_head(tmp_path):
    # US Navy, The Inchon Landing: the beaches' colours in quotes, two beaches sharing one plural head.
    text = (
        'Regimental Combat Team 5 used ladders to climb sea walls to land on "Red" Beach. For "Blue" Beach, '
        "the First Marine Regiment landed a few miles south of the Red and Green Beaches."
    )
    found = _places(tmp_path, text)
    assert [(surface, name) for surface, name, _ in found] == [
        ('Red" Beach', "Red Beach"),
        ('Blue" Beach', "Blue Beach"),
        ("Red", "Red Beach"),
        ("Green Beaches", "Green Beach"),
    ]


def test_a_plural_head_without_a_name_joined_to_it_is_no_place(tmp_path):
    assert _surfaces(tmp_path, "The Green Beaches of the coast were quiet.") == []
