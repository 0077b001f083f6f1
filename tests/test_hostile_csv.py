"""No CSV cell that warmap writes is a spreadsheet formula (issue 14, item 3; OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_unseen_common import run_warmap

from warmap.export.tables import safe_cell

PAYLOAD = '=HYPERLINK("http://127.0.0.1/x","click")'
FILE_NAME = "=cmd|' calc'!A0.wikitext"  # a file name can be a formula too


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (PAYLOAD, "'" + PAYLOAD),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        (-12.5, -12.5),
        (7, 7),
        ("金浦", "金浦"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_safe_cell(value, written) -> None:
    assert safe_cell(value) == written


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _formula(cell: str) -> bool:
    stripped = cell.lstrip()
    return bool(stripped) and stripped[0] in "=+-@" and not safe_cell(cell) == cell


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    text = (
        "'''朝鲜战争'''\n== 经过 ==\n"
        f"1950年9月15日，[[联合国军]]在[[仁川|{PAYLOAD}]]登陆，9月28日收复[[汉城]]。"
        "[[不存在的地方X|@SUM(A1)]]在1950年被占领。\n"
    )
    (folder / FILE_NAME).write_text(text, encoding="utf-8")
    return folder


def test_places_csv_and_events_csv_hold_no_formula(hostile: Path) -> None:
    name = FILE_NAME
    for command in ("places", "events"):
        done = run_warmap(command, "--offline", "--csv", name, cache_dir=hostile / "cache", cwd=hostile)
        assert done.returncode == 0, done.stderr
        cells = _cells(done.stdout)
        kept = (PAYLOAD, FILE_NAME) if command == "places" else (FILE_NAME,)
        for payload in kept:  # kept, as text
            assert any(payload in cell for cell in cells), f"{command}: {payload}"
        assert not [c for c in cells if _formula(c)], command


def test_build_csv_files_hold_no_formula(hostile: Path) -> None:
    out = hostile / "out"
    done = run_warmap(
        "build", "--offline", "--out", out, FILE_NAME, cache_dir=hostile / "cache", cwd=hostile
    )
    assert done.returncode == 0, done.stderr
    for name in ("places.csv", "unresolved.csv"):
        cells = _cells((out / name).read_text(encoding="utf-8"))
        assert not [c for c in cells if _formula(c)], name
    assert any(PAYLOAD in c for c in _cells((out / "places.csv").read_text(encoding="utf-8")))
