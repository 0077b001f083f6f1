"""What `warmap read` shows: the JSON record and the terminal view."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warmap.model import Source
from warmap.reading import document_to_json, offset_runs, print_document, read_document

ROOT = Path(__file__).resolve().parent.parent


def expand(runs: list[list[int]]) -> list[int]:
    return [source + i for _, source, length in runs for i in range(length)]


def test_offset_runs_round_trip() -> None:
    offsets = [0, 1, 2, 5, 6, 6, 6, 9, 10]
    runs = offset_runs(offsets)
    assert runs == [[0, 0, 3], [3, 5, 2], [5, 6, 1], [6, 6, 1], [7, 9, 1]]
    assert expand(runs) == offsets[:-1]


def test_document_json_fields() -> None:
    text = (
        "== 背景 ==\n美军在[[仁川登陆|仁川]]登陆。<ref>x</ref>\n{{Infobox Military Conflict|place=朝鲜半岛}}"
    )
    doc = read_document(Source(name="t.wikitext", text=text, lang="zh", format="wikitext"))
    record = document_to_json(doc)
    assert list(record) == [
        "doc", "lang", "format", "sections", "links", "infobox", "aliases", "sentences", "text", "offsets",
    ]  # fmt: skip
    assert record["sections"] == [
        {"title": "背景", "level": 2, "start": 0, "end": len(text), "heading_end": 9}
    ]
    [link] = record["links"]
    assert text[link["start"] : link["end"]] == "[[仁川登陆|仁川]]" and link["target"] == "仁川登陆"
    assert record["infobox"] == {"place": "朝鲜半岛"}
    assert expand(record["offsets"]) == doc.offsets[:-1]
    json.dumps(record, ensure_ascii=False)


def test_print_document_shows_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    doc = read_document(Source(name="fa.txt", text="سئول سقوط کرد.", lang="fa", format="text"))
    print_document(doc)
    out = capsys.readouterr().out
    assert "fa.txt" in out and "1 sentences" in out and "سئول سقوط کرد." in out


def test_cli_read_json_on_the_bundled_corpus() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "warmap", "read", "--json"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    zh, fa = json.loads(result.stdout)
    assert (zh["doc"], zh["lang"], zh["format"]) == ("zh-korean-war.wikitext", "zh", "wikitext")
    assert (fa["doc"], fa["lang"], fa["format"]) == ("fa-korean-war.txt", "fa", "text")
    source = (ROOT / "warmap" / "corpus" / "zh-korean-war.wikitext").read_text(encoding="utf-8")
    assert len(zh["sections"]) == 58
    for section in zh["sections"]:
        assert source[section["start"] : section["heading_end"]].strip().startswith("==")
    for link in zh["links"]:
        assert source[link["start"] : link["end"]].startswith(("[[", "{{"))


def test_cli_truncated_wikitext_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.wikitext"
    path.write_text(
        "'''朝鲜战争'''是[[朝鲜半岛]]上的战争。{{Infobox Military Conflict\n|date=1950", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "warmap", "read", str(path)], capture_output=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "truncated wikitext" in lines[0]
    assert result.stdout == b""
