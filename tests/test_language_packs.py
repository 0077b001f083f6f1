"""Every language pack is valid data, and a broken one says where (warmap/languages/).

The conformance checks run over every pack folder, so a new language is held to
the same rules as the first three the moment its folder exists.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

import warmap.chronology.events as events_engine
import warmap.languages as languages
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
