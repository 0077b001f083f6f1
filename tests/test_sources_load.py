"""load_sources: the bundled corpus, files, standard input, encodings and every kind of bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from warmap.errors import InputError
from warmap.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_corpus_is_the_default_in_order() -> None:
    sources = load_sources([])
    assert [s.name for s in sources] == ["zh-korean-war.wikitext", "fa-korean-war.txt"]
    assert [(s.lang, s.format) for s in sources] == [("zh", "wikitext"), ("fa", "text")]
    assert all(s.path and Path(s.path).is_file() for s in sources)
    assert len(sources[0].text) == 133147 and len(sources[1].text) == 2660


def test_overrides_apply_to_every_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("朝鲜战争是一场战争。", encoding="utf-8")
    [source] = load_sources([str(path)], lang="ko", fmt="wikitext")
    assert (source.lang, source.format, source.name) == ("ko", "wikitext", "a.txt")


def test_unknown_format_override_is_input_error() -> None:
    with pytest.raises(InputError, match="unknown format"):
        load_sources([], fmt="html")


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        ("سئول پايتخت کره جنوبى است.".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "سئول پايتخت کره جنوبى است.".encode(), "utf-8 with BOM"),
        ("\ufeffسئول پايتخت کره جنوبى است.".encode("utf-16-le"), "utf-16-le with BOM"),
        ("\ufeffسئول پايتخت کره جنوبى است.".encode("utf-16-be"), "utf-16-be with BOM"),
    ],
)
def test_encodings_decode_to_the_same_text_without_bom(tmp_path: Path, encoded: bytes, label: str) -> None:
    path = tmp_path / "fa.txt"
    path.write_bytes(encoded)
    [source] = load_sources([str(path)])
    assert source.text == "سئول پايتخت کره جنوبى است.", label
    assert source.lang == "fa" and source.format == "text"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(1, 9)) * 50 + b"abc", "binary"),
        ("Korean War, Séoul".encode("latin-1"), "not valid UTF-8"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16"),  # BOM then a lone surrogate
        ("Korean War 1950".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ],
)
def test_bad_files_are_one_input_error_naming_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_sources([str(path)])
    assert caught.value.where == str(path)
    assert problem in caught.value.problem


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_sources([str(tmp_path / "nope.wikitext")])
    with pytest.raises(InputError, match="directory"):
        load_sources([str(tmp_path)])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        load_sources([str(path)])


def _stdin_run(data: bytes) -> subprocess.CompletedProcess:
    code = (
        "from warmap.sources import load_sources\n"
        "from warmap.errors import InputError\n"
        "try:\n"
        "    [s] = load_sources(['-'])\n"
        "    print(s.name, s.path, s.lang, s.format, repr(s.text))\n"
        "except InputError as e:\n"
        "    print('InputError', e.where, e.problem)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, cwd=ROOT, timeout=60, check=True
    )


def test_standard_input_is_named_stdin() -> None:
    result = _stdin_run("'''朝鲜战争'''是[[朝鲜半岛]]上的战争。".encode())
    assert (
        result.stdout.decode().strip() == "stdin None zh wikitext \"'''朝鲜战争'''是[[朝鲜半岛]]上的战争。\""
    )


def test_empty_standard_input_is_input_error() -> None:
    assert _stdin_run(b"").stdout.decode().startswith("InputError stdin empty")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_read_failure_is_input_error_even_for_root() -> None:
    # Reading /proc/self/mem from offset 0 fails with EIO for every user.
    with pytest.raises(InputError, match="cannot read file"):
        load_sources(["/proc/self/mem"])
