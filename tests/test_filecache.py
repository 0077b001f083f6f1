"""A parsed bundled file is kept in marshal form and served again only for the same bytes and parser."""

from __future__ import annotations

import json

from warmap.filecache import file_hash, kept_value, parsed_file


def _counting(calls: list[bytes]):
    def parse(data: bytes):
        calls.append(data)
        return json.loads(data)

    return parse


def test_same_bytes_are_parsed_once_and_changed_bytes_again(tmp_path, monkeypatch):
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.json"
    source.write_text('{"a": [1, 2.5, "é"], "b": null}', encoding="utf-8")
    calls: list[bytes] = []
    first = parsed_file(source, _counting(calls), "test 1")
    again = parsed_file(source, _counting(calls), "test 1")
    assert first == again == {"a": [1, 2.5, "é"], "b": None}
    assert len(calls) == 1
    source.write_text('{"a": [3]}', encoding="utf-8")
    assert parsed_file(source, _counting(calls), "test 1") == {"a": [3]}
    assert parsed_file(source, _counting(calls), "test 2") == {"a": [3]}  # another parser: its own entry
    assert len(calls) == 3


def test_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(cache))
    source = tmp_path / "data.json"
    source.write_text("[1, 2]", encoding="utf-8")
    calls: list[bytes] = []
    parsed_file(source, _counting(calls), "test")
    (entry,) = cache.glob("parsed-*.marshal")
    entry.write_bytes(b"\xff not marshal")
    assert parsed_file(source, _counting(calls), "test") == [1, 2]
    assert len(calls) == 2
    assert parsed_file(source, _counting(calls), "test") == [1, 2]  # the entry was written again
    assert len(calls) == 2


def test_a_value_marshal_cannot_write_is_returned_and_not_kept(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(cache))
    source = tmp_path / "data.txt"
    source.write_text("x", encoding="utf-8")
    value = parsed_file(source, lambda data: object, "objects")
    assert value is object
    assert not list(cache.glob("parsed-*"))


def test_a_kept_value_is_made_once_per_key(tmp_path, monkeypatch):
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    made: list[int] = []

    def make() -> list[str]:
        made.append(1)
        return ["a", "b"]

    assert kept_value("skeletons 1\x00abc", make) == ["a", "b"]
    assert kept_value("skeletons 1\x00abc", make) == ["a", "b"]
    assert kept_value("skeletons 1\x00abd", make) == ["a", "b"]  # another index: made again
    assert len(made) == 2


def test_file_hash_is_the_content_sha1_and_follows_changes(tmp_path, monkeypatch):
    import hashlib

    import warmap.filecache

    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"one")
    assert file_hash(path) == hashlib.sha1(b"one").hexdigest()
    path.write_bytes(b"two")  # the same size, maybe within the same clock tick: hashed again
    assert file_hash(path) == hashlib.sha1(b"two").hexdigest()
    assert not list((tmp_path / "cache").glob("parsed-*"))  # a file just written: its hash is not kept
    monkeypatch.setattr(warmap.filecache, "SETTLED_NS", -1)
    path.write_bytes(b"three")
    assert file_hash(path) == hashlib.sha1(b"three").hexdigest()
    assert len(list((tmp_path / "cache").glob("parsed-*"))) == 1  # a settled file's hash is kept
