"""The name automaton kept on disk: the same matches as a fresh build, rebuilt when damaged or stale."""

from __future__ import annotations

import logging
import pickle
import shutil

import ahocorasick
import pytest

from warmap.gazetteer import Gazetteer
from warmap.gazetteer.lookup import database_path
from warmap.spotting import names
from warmap.spotting.automaton_cache import cache_folder, cache_key, cached_automaton

SCRIPTS = frozenset({"Han"})
TEXT = "1950年6月25日，朝鲜人民军越过三八线，攻占汉城，进抵洛东江。仁川登陆后联合国军进至鸭绿江。"


def _fresh(gazetteer: Gazetteer, scripts=SCRIPTS) -> ahocorasick.Automaton:
    names._automata.clear()
    return names.automaton_for(gazetteer, scripts)


def _matches(automaton) -> list:
    return list(automaton.iter_long(TEXT))


@pytest.fixture
def gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    names._automata.clear()
    yield Gazetteer.load()
    names._automata.clear()


def test_cached_automaton_matches_a_fresh_build(gazetteer):
    built = _fresh(gazetteer)
    files = list(cache_folder().glob("automaton-*.pickle"))
    assert len(files) == 1
    loaded = _fresh(gazetteer)
    assert loaded is not built and len(loaded) == len(built)
    assert _matches(loaded) == _matches(built) and _matches(built)
    assert sorted(loaded.keys()) == sorted(built.keys())


def test_corrupt_cache_file_is_rebuilt(gazetteer, caplog):
    built = _fresh(gazetteer)
    (path,) = cache_folder().glob("automaton-*.pickle")
    whole = path.read_bytes()
    for damage in (whole[: len(whole) // 2], b"\x80\x05not a pickle", b""):
        path.write_bytes(damage)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="warmap.spotting.automaton_cache"):
            again = _fresh(gazetteer)
        assert "rebuilding" in caplog.text
        assert _matches(again) == _matches(built)
        with open(path, "rb") as handle:  # replaced by a whole file (pickles of equal automata may differ in padding)
            assert _matches(pickle.load(handle)) == _matches(built)
    assert not list(cache_folder().glob("*.tmp"))


def test_another_index_or_scripts_is_another_key(gazetteer, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(database_path(), copy)
    key = cache_key(gazetteer.path, SCRIPTS, (), names.automaton_for)
    assert cache_key(copy, SCRIPTS, (), names.automaton_for) == key  # the same bytes: the same automaton
    with open(copy, "r+b") as handle:
        handle.seek(0, 2)
        handle.write(b"\0" * 4096)
    assert cache_key(copy, SCRIPTS, (), names.automaton_for) != key
    assert cache_key(gazetteer.path, frozenset({"Hangul"}), (), names.automaton_for) != key
    assert cache_key(gazetteer.path, SCRIPTS, ("north",), names.automaton_for) != key


def test_unwritable_cache_folder_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(blocker / "cache"))
    automaton = ahocorasick.Automaton()
    automaton.add_word("洛东江", "洛东江")
    automaton.make_automaton()
    assert cached_automaton("f" * 64, lambda: automaton) is automaton


def test_automaton_is_loaded_once_per_gazetteer(gazetteer):
    """A library of 400 articles asks for the same automaton 800 times: the disk copy is read once,
    then the same object is given back (reading it again cost a third of spotting's time)."""
    first = _fresh(gazetteer)
    assert names.automaton_for(gazetteer, SCRIPTS) is first
    assert names.automaton_for(gazetteer, SCRIPTS) is first


def test_a_freed_gazetteer_takes_its_automata_with_it(gazetteer):
    """Automata are kept per gazetteer object, not per id(): a freed gazetteer's id can be another's."""
    import gc

    other = Gazetteer(gazetteer.path)
    names.automaton_for(other, SCRIPTS)
    assert other in names._automata
    del other
    gc.collect()
    assert len(names._automata) == 0
