"""Every language pack is valid data, and a broken one says where (warmap/languages/).

The conformance checks run over every pack folder, so a new language is held to
the same rules as the first three the moment its folder exists.
"""

from __future__ import annotations

import ast
import dataclasses
import logging
from pathlib import Path
from typing import ClassVar

import pytest

import warmap.chronology.events as events_engine
import warmap.languages as languages
from warmap.chronology import date_forms
from warmap.chronology.event_types import registry
from warmap.chronology.event_vocabulary import gaps, words_of
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


# ------------------------------------------------------------------ events (warmap/chronology/event_*.py)
EVENT_ENGINES = sorted(Path(events_engine.__file__).parent.glob("event*.py"))


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_pack_has_words_and_a_title_for_every_event_type(pack) -> None:
    words = words_of(pack)  # an event type the registry does not declare would raise here
    assert gaps(words) == []
    assert words.clause_breaks and words.list_separators


def test_every_event_type_a_pack_gives_is_registered() -> None:
    names = set(registry().names)
    for pack in PACKS:
        for row in pack.rows("events"):
            if row.kind in ("action", "action_pattern"):
                assert row.value in names | {"ignore"}, f"{row.path}:{row.line}"
            elif row.kind in ("context_action", "context_word", "battle_suffix", "battle_prefix", "title"):
                assert row.value in names, f"{row.path}:{row.line}"
    assert registry().common_title_language in languages.codes()


def _events_pack(folder: Path, body: str):
    folder.mkdir()
    _write(folder, "pack.toml", '[language]\ncode = "xx"\nname = "X"\nscripts = ["Latin"]\n'
           'direction = "ltr"\nspaced = true\nhas_case = true\nverb_final = false\ndate_grammar = "alphabetic"\n')
    _write(folder, "events.csv", "kind,text,value,source\n" + body)
    return load_pack(folder)


def test_an_unregistered_event_type_is_an_error_naming_its_line(tmp_path: Path) -> None:
    pack = _events_pack(tmp_path / "xx", "clause_break,.,,src\naction,skirmished,skirmish,src\n")
    with pytest.raises(PackError) as caught:
        words_of(pack)
    assert str(caught.value).startswith(f"{tmp_path / 'xx' / 'events.csv'}:3: ")
    assert "'skirmish' is not an event type" in str(caught.value)


def test_a_pack_missing_a_title_or_words_is_caught(tmp_path: Path) -> None:
    english = languages.pack("en")
    rows = [r for r in english.rows("events") if not (r.kind == "title" and r.value == "landing")]
    rows = [r for r in rows if not (r.kind == "action" and r.value == "air")]
    body = "".join(f'{r.kind},"{r.text}","{r.value}",src\n' for r in rows)
    found = gaps(words_of(_events_pack(tmp_path / "xx", body)))
    assert found == ["xx: no title with {place} for event type 'landing'", "xx: no words that tell event type 'air'"]


@pytest.mark.parametrize("path", EVENT_ENGINES, ids=lambda p: p.name)
def test_event_engines_name_no_language_and_hold_no_words(path: Path) -> None:
    """The events stage reads its words from the packs: no language code and no non-ASCII string
    (a word of some language) in its code; docstrings may show examples."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert node.value not in languages.codes(), f"{path.name}:{node.lineno}: {node.value!r}"
            assert node.value.isascii(), f"{path.name}:{node.lineno}: {node.value!r}"
# ------------------------------------------------------------------ dates (warmap/chronology/date_*)
DATE_ENGINES = sorted(Path(date_forms.__file__).parent.glob("date*.py"))


class _Recording(languages.LanguagePack):
    """A pack that notes every table kind asked of it: which kinds a grammar reads."""

    asked: ClassVar[set[tuple[str, str | None]]] = set()

    def rows(self, table: str, kind: str | None = None) -> tuple[languages.Row, ...]:
        _Recording.asked.add((table, kind))
        return super().rows(table, kind)


def _kinds_read(pack: languages.LanguagePack) -> set[str]:
    """The dates.csv kinds the pack's grammars ask for while they read a line of text."""
    recording = _Recording(**{f.name: getattr(pack, f.name) for f in dataclasses.fields(pack)})
    _Recording.asked.clear()
    date_forms.read("1950 6 25", tuple((grammar, recording) for grammar in date_forms.grammars(pack)))
    return {kind for table, kind in _Recording.asked if table == "dates" and kind is not None}


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_pack_has_the_date_kinds_its_grammars_need(pack) -> None:
    for grammar in date_forms.grammars(pack):
        for kind in date_forms.NEEDS[grammar]:
            assert pack.rows("dates", kind), f"{pack.code}: the {grammar} grammar needs {kind!r} rows"


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_every_dates_row_is_read_by_the_packs_grammar(pack) -> None:
    """No dead data: a kind in dates.csv that the pack's grammar never asks for would be silently ignored."""
    read = _kinds_read(pack)
    assert read <= set(languages.schema()["dates"]), "a grammar reads a kind the schema does not define"
    unread = {row.kind for row in pack.rows("dates")} - read
    assert not unread, f"{pack.code}/dates.csv: kinds its date grammars never read: {unread}"


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("kind,text,value,source\nmonth,june,6,src\nmonth,july,seven,src\n", "needs a whole number", 3),
        ("kind,text,value,source\npart,early,sometime,src\n", "is not one of", 2),
        ("kind,text,value,source\nseason,夏,summer,src\nweekday,[(星期,,src\n", "not a regular expression", 3),
        ("kind,text,value,source\nyear_suffix,年,,src\nmonth_name,june,6,src\n", "unknown kind", 3),
        ("kind,text,value,source\nsame_day,the same day,,\n", "where it comes from", 2),
    ],
)
def test_a_bad_dates_row_names_its_file_and_line(tmp_path: Path, body: str, message: str, line: int) -> None:
    path = _write(tmp_path, "dates.csv", body)
    with pytest.raises(PackError) as caught:
        read_table(path, "dates")
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def _date_pack(tmp_path: Path, grammar: str, spaced: bool, rows: str, settings: str = "") -> languages.LanguagePack:
    folder = tmp_path / "xx"
    folder.mkdir()
    _write(folder, "pack.toml", f'[language]\ncode = "xx"\nname = "Test"\nscripts = ["Latin"]\ndirection = "ltr"\n'
           f'spaced = {str(spaced).lower()}\nhas_case = false\nverb_final = true\ndate_grammar = "{grammar}"\n'
           f"[settings]\n{settings}")
    _write(folder, "dates.csv", "kind,text,value,source\n" + rows)
    return load_pack(folder)


def _read(pack: languages.LanguagePack, text: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    found = date_forms.read(text, tuple((grammar, pack) for grammar in date_forms.grammars(pack)))
    return [(r.start, r.end, r.first.year, r.first.month, r.first.day) for r in found]


def test_a_language_of_the_han_family_is_data_only(tmp_path: Path) -> None:
    """1950년 6월 25일: the han grammar with other suffixes, parts apart because the pack is spaced."""
    pack = _date_pack(tmp_path, "han", True, "year_suffix,년,,t\nmonth_suffix,월,,t\nday_suffix,일,,t\n")
    assert _read(pack, "전쟁은 1950년 6월 25일 시작") == [(4, 16, 1950, 6, 25)]
    assert _read(pack, "1950年6月25日") == []  # Chinese suffixes are the zh pack's, not the grammar's


def test_a_language_of_the_alphabetic_family_is_data_only(tmp_path: Path) -> None:
    """25. Juni 1950: the alphabetic grammar with other month names and a dot for an ordinal."""
    pack = _date_pack(tmp_path, "alphabetic", True, "month,juni,6,t\nordinal_suffix,.,,t\n")
    assert _read(pack, "am 25. Juni 1950 begann") == [(3, 16, 1950, 6, 25)]
    assert _read(pack, "25 June 1950") == [(8, 12, 1950, None, None)]  # only the year: June is not its word


def test_numeric_dates_of_the_alphabetic_family_are_data(tmp_path: Path) -> None:
    """11/27/50 needs a numeric_separator row; date_numeric_order says which number is the month, and a
    bad order names pack.toml."""
    rows = "month,juni,6,t\nnumeric_separator,/,,t\nnumeric_alone_after,bis,,t\n"
    pack = _date_pack(tmp_path, "alphabetic", True, rows, 'date_numeric_order = "dmy"\n')
    assert _read(pack, "am 27/11/50 und bis 15/12") == [(3, 11, 50, 11, 27), (20, 25, None, 12, 15)]
    assert _read(pack, "am 11/27/50") == []  # no 27th month
    assert _read(pack, "15/12 allein") == []  # a month and day with no year needs a word before it
    (tmp_path / "bare").mkdir()
    bare = _date_pack(tmp_path / "bare", "alphabetic", True, "month,juni,6,t\n")
    assert _read(bare, "am 27/11/1950") == [(9, 13, 1950, None, None)]  # no separator row: only the year
    (tmp_path / "wrong").mkdir()
    wrong = _date_pack(tmp_path / "wrong", "alphabetic", True, rows, 'date_numeric_order = "ymd"\n')
    with pytest.raises(PackError, match="date_numeric_order") as caught:
        _read(wrong, "27/11/50")
    assert str(caught.value).startswith(str(wrong.folder / "pack.toml"))


def test_a_pack_may_read_its_dates_with_two_grammars(tmp_path: Path) -> None:
    """date_grammars_also: the han grammar for 1950년 6월 25일 and the alphabetic one for 25 June 1950,
    both reading the same dates.csv, their finds in text order."""
    rows = "year_suffix,년,,t\nmonth_suffix,월,,t\nday_suffix,일,,t\nmonth,june,6,t\n"
    pack = _date_pack(tmp_path, "han", True, rows, 'date_grammars_also = ["alphabetic"]\n')
    assert date_forms.grammars(pack) == ("han", "alphabetic")
    assert _read(pack, "1950년 6월 25일 (25 June 1950)") == [(0, 12, 1950, 6, 25), (14, 26, 1950, 6, 25)]


def test_an_unknown_grammar_in_a_manifest_names_it(tmp_path: Path) -> None:
    pack = _date_pack(tmp_path, "han", False, "year_suffix,年,,t\n", 'date_grammars_also = ["runic"]\n')
    with pytest.raises(PackError, match="no date grammar runic") as caught:
        date_forms.grammars(pack)
    assert str(caught.value).startswith(str(pack.folder / "pack.toml"))


def test_a_grammar_without_the_kinds_it_needs_names_dates_csv(tmp_path: Path) -> None:
    pack = _date_pack(tmp_path, "han", False, "year_suffix,年,,t\nmonth_suffix,月,,t\n")
    with pytest.raises(PackError, match="needs rows of kind day_suffix") as caught:
        _read(pack, "1950年6月25日")
    assert str(caught.value).startswith(str(pack.folder / "dates.csv"))


def test_a_language_without_a_pack_reads_dates_with_the_fallbacks_choice() -> None:
    chosen = languages.pack("xx")
    expected = [languages.pack(code) for code in chosen.setting("date_fallback_packs", [chosen.code])]
    assert [pack for _, pack in date_forms.readers("xx")] == expected
    assert date_forms.readers("zh-Hant") == (("han", languages.pack("zh")),)


@pytest.mark.parametrize("path", DATE_ENGINES, ids=lambda p: p.name)
def test_the_date_engines_name_no_language_and_hold_no_words(path: Path) -> None:
    """The date grammars are language-free: no language code tested, no non-ASCII literal outside
    docstrings and comments (words belong in the packs' dates.csv), no per-language data file."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and ast.get_docstring(node) is not None
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert node.value.isascii(), f"{path.name}:{node.lineno}: {node.value!r} belongs in a pack"
            assert node.value not in languages.codes(), f"{path.name}:{node.lineno}: a language named in code"
    assert "dates-" not in source and "lang ==" not in source and "lang !=" not in source
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

    assert scripts_of("zh-Hant") == {"Han"}
    assert scripts_of("fa") == {"Arabic", "Latin"}  # its pack: untranslated Latin names, read as quoted
    assert scripts_of("ru") == {"Cyrillic"}  # issue 10: no pack, yet its names are Cyrillic
    assert scripts_of("ko") == {"Hangul", "Han", "Latin"}  # its pack: Latin glosses, read as quoted
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

    assert is_skipped("배경") and is_skipped("외부 링크")  # warmap/languages/ko/phases.csv (now beside its pack)


# ------------------------------------------------------------------ scripts: detection and name families
def test_a_script_names_its_language_through_the_packs_then_scripts_csv() -> None:
    from warmap.languages.detect import language_of

    assert [language_of(s) for s in ("Han", "Arabic", "Latin")] == ["zh", "fa", "en"]  # packs
    assert [language_of(s) for s in ("Hangul", "Cyrillic", "Kana")] == ["ko", "ru", "ja"]  # ko pack, then scripts.csv


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
