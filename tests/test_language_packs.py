"""Every language pack is valid data, and a broken one says where (warmap/languages/).

The conformance checks run over every pack folder, so a new language is held to
the same rules as the first three the moment its folder exists.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import warmap.languages as languages
from warmap.languages import PackError, load_pack, read_table

PACKS = languages.all_packs()


def test_the_claimed_languages_have_packs() -> None:
    assert {"zh", "fa", "en"} <= set(languages.codes())


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_pack_is_valid(pack) -> None:
    again = load_pack(pack.folder)  # validated on load: a PackError would fail here
    assert again.code == pack.folder.name and pack.scripts
    for table, rows in pack.tables.items():
        assert table in languages.schema(), table
        for row in rows:
            assert row.source.strip(), f"{row.path}:{row.line}"


def test_every_script_has_a_fallback_pack() -> None:
    covered = {script for p in PACKS for script in p.fallback_for}
    assert {"Latin", "Han", "Arabic"} <= covered


def test_a_language_without_a_pack_falls_back_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    languages.pack.cache_clear()
    with caplog.at_level(logging.WARNING, logger="warmap.languages"):
        chosen = languages.pack("xx", "Arabic")
    assert chosen.code == "fa"
    assert "no language pack for 'xx'" in caplog.text
    assert languages.pack("zh-Hant").code == "zh"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("kind,text,value,source\nnot_place,和平,,ordinary word\nno_such_kind,x,,y\n", "unknown kind", 3),
        ("kind,text,value,source\nnot_place,和平,,\n", "where it comes from", 2),
        ("kind,text,value,source\nnot_place,,,src\n", "needs its text", 2),
        ("kind,text,value,source\nnot_place,和平,5,src\n", "takes no value", 2),
        ("kind,text,value\nnot_place,和平,\n", "header", 1),
        ("kind,text,value,source\nnot_place,和平,,src,extra\n", "5 columns", 2),
    ],
)
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, body: str, message: str, line: int) -> None:
    path = _write(tmp_path, "spotting.csv", body)
    with pytest.raises(PackError) as caught:
        read_table(path, "spotting")
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_a_bad_manifest_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "xx"
    folder.mkdir()
    _write(folder, "pack.toml", '[language]\ncode = "xx"\nname = "X"\nscripts = ["Klingon"]\n'
           'direction = "ltr"\nspaced = true\nhas_case = true\nverb_final = false\ndate_grammar = "alphabetic"\n')
    with pytest.raises(PackError, match="unknown script"):
        load_pack(folder)
    _write(folder, "pack.toml", '[language]\ncode = "yy"\n')
    with pytest.raises(PackError, match="needs"):
        load_pack(folder)


# ------------------------------------------------------------------ spotting tables
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_spotting_rows_are_usable(pack) -> None:
    import re

    for row in pack.rows("spotting", "hill_pattern"):
        assert re.compile(row.text).groups >= 1, f"{row.path}:{row.line}: the height is group 1"
        assert "{0}" in row.value, f"{row.path}:{row.line}: the name template takes the height"
    assert pack.words("spotting", "skip_section"), "every pack names its apparatus sections"


def test_a_language_writes_in_its_packs_scripts_or_the_table_or_latin() -> None:
    from warmap.languages.tags import own_pack, scripts_of

    assert scripts_of("zh-Hant") == {"Han"} and scripts_of("fa") == {"Arabic"}
    assert scripts_of("ru") == {"Cyrillic"}  # issue 10: no pack, yet its names are Cyrillic
    assert scripts_of("ko") == {"Hangul", "Han"}
    assert scripts_of("xx") == {"Latin"}
    assert own_pack("ru") is None and own_pack("fa-AF").code == "fa"


# ------------------------------------------------------------------ fronts tables
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_pack_says_how_its_texts_draw_a_line(pack) -> None:
    import re

    for kind in ("separator", "line_marker", "river_marker", "parallel"):
        assert pack.words("fronts", kind), f"{pack.folder}/fronts.csv has no {kind}"
    for row in pack.rows("fronts", "parallel"):
        assert re.compile(row.text).groups >= 1, f"{row.path}:{row.line}: the latitude is group 1"


# ------------------------------------------------------------------ phases tables
def test_every_named_section_has_a_title_in_every_title_language() -> None:
    from warmap.languages.tags import every_language_rows

    concepts = {row.value for row in every_language_rows("phases", "section_title")}
    titling = [p for p in PACKS if p.rows("phases", "phase_title")]
    assert titling, "some pack titles the phases"
    for pack in titling:
        missing = concepts - set(pack.mapping("phases", "phase_title"))
        assert not missing, f"{pack.folder}/phases.csv has no phase_title for {sorted(missing)}"
    for row in every_language_rows("phases", "phase_range"):
        assert "{first}" in row.text and "{last}" in row.text, f"{row.path}:{row.line}"


def test_a_folder_without_a_pack_may_hold_its_phase_words_already() -> None:
    from warmap.chronology.phases import is_skipped

    packed = {p.folder for p in PACKS}
    for path in sorted(languages.FOLDER.glob("*/*.csv")):
        if path.parent not in packed:
            assert path.stem == "phases", f"{path}: only words every document is read with may precede a pack"
            read_table(path, path.stem)  # valid like any pack table
    read_table(languages.FOLDER / "scripts.csv", "scripts")

    assert "ko" not in languages.codes()
    assert is_skipped("배경") and is_skipped("외부 링크")  # warmap/languages/ko/phases.csv


# ------------------------------------------------------------------ scripts: detection and name families
def test_a_script_names_its_language_through_the_packs_then_scripts_csv() -> None:
    from warmap.languages.detect import language_of

    assert [language_of(s) for s in ("Han", "Arabic", "Latin")] == ["zh", "fa", "en"]  # packs
    assert [language_of(s) for s in ("Hangul", "Cyrillic", "Kana")] == ["ko", "ru", "ja"]  # scripts.csv


def test_gazetteer_name_tags_group_by_the_pack_that_reads_them() -> None:
    from warmap.languages.tags import name_family

    assert {name_family(t) for t in ("zh", "zh-Hans", "zh-Hant", "ko-Hani")} == {"zh"}  # Hanja reads as Chinese
    assert {name_family(t) for t in ("en", "ko-Latn-rr", "ko-Latn-mr", "ja-Latn")} == {"en"}
    assert name_family("ar") == name_family("fa") == "fa"  # reads_as in scripts.csv
    assert len({name_family(t) for t in ("ko", "ja", "ru", "zh")}) == 4
    assert name_family(None) is None


def test_the_latin_pack_holds_the_words_about_latin_names_and_glosses() -> None:
    from warmap.languages.tags import pack_writing

    latin = pack_writing("Latin")
    assert latin is not None
    assert latin.words("spotting", "direction_word") and latin.words("spotting", "gloss_generic")
