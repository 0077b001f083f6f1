"""Persian spotting rules that live in the fa pack: the war's name, units, Latin names and Dari spellings."""

from __future__ import annotations

from pathlib import Path

from warmap.gazetteer import Gazetteer
from warmap.reading import read_document
from warmap.resolution.resolve import resolve_document
from warmap.sources import load_sources
from warmap.spotting import spot


def _names(tmp_path: Path, text: str) -> dict[str, str | None]:
    path = tmp_path / "fa.txt"
    path.write_text(text, encoding="utf-8")
    source = load_sources([str(path)], lang="fa")[0]
    doc = read_document(source)
    gazetteer = Gazetteer.load()
    mentions = spot(doc, gazetteer)
    for mention in mentions:
        assert source.text[mention.start : mention.end] == mention.surface
    return {
        r.mention.surface: (r.place.name if r.place else None)
        for r in resolve_document(doc, mentions, gazetteer)
    }


def test_the_wars_name_is_not_a_place_but_the_same_word_after_other_words_is(tmp_path):
    found = _names(
        tmp_path, "این نبرد بخشی از جنگ کره بود. در نخستین روزهای جنگ سئول پایتخت کره جنوبی سقوط کرد."
    )
    assert "کره" not in found
    assert found["سئول"] == "Seoul"
    assert found["کره جنوبی"] == "South Korea"


def test_units_parties_and_language_labels_are_not_places(tmp_path):
    found = _names(
        tmp_path,
        "ارتش خلق کره به سوی پوسان رفت. حزب کارگران کره شمالی جلسه داشت. (کره ای: 부산) شوروی ها آمدند.",
    )
    assert found.get("پوسان") == "Busan"
    assert not {"کره", "کره شمالی", "شوروی"} & found.keys()


def test_latin_names_in_a_persian_text_count_only_in_the_theatre(tmp_path):
    found = _names(tmp_path, "اردوگاه اسیر جنگی Geoje-do نزدیک Pusan بود و خبر آن به Paris رسید.")
    assert found["Geoje-do"] == "Koje-do"
    assert found["Pusan"] == "Busan"
    assert "Paris" not in found


def test_dari_spellings_with_arabic_letters_are_read(tmp_path):
    found = _names(tmp_path, "کورياي شمالي به کورياي جنوبي حمله کرد و جرمني بی‌طرف ماند.")
    assert found["کورياي شمالي"] == "North Korea"
    assert found["کورياي جنوبي"] == "South Korea"
    assert found["جرمني"] == "Germany"
