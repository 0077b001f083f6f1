"""The war is data: no constant of the Korean War in the code, and another war mapped from a folder.

``tests/wars/formosa`` is a second profile written for these tests (the Japanese invasion of
Taiwan, 1895): another theatre, other sides, its own phase scheme and front rows. A map built
from it and a short text must use its sides, phases, fronts and bounds, and nothing of Korea's.
"""

from __future__ import annotations

import ast
import io
import json
import re
import shutil
import tokenize
from pathlib import Path

import pytest
from shapely.geometry import box, shape
from test_unseen_common import json_output, run_warmap

from warmap.campaign import Campaign
from warmap.errors import InputError
from warmap.wars import WARS_DIR, load_war

PACKAGE = Path(__file__).resolve().parents[1] / "warmap"
FORMOSA = Path(__file__).resolve().parent / "wars" / "formosa"
TEXT = """Japanese troops landed at Aodi on 29 May 1895. On 3 June 1895 the Japanese army captured Keelung.
Taipei fell to the Japanese army on 7 June 1895. The Japanese army captured Hsinchu on 22 June 1895.
On 27 August 1895 the Japanese army won the Battle of Baguashan near Changhua.
The Japanese army captured Kaohsiung on 16 October 1895.
"""

# What only the Korean profile may say: the war's dates, its theatre's codes and its side ids.
KOREAN_DATES = ("1950-06-25", "1953-07-27")
KOREAN_DATE_CALLS = re.compile(r"1950\s*,\s*0?6\s*,\s*25|1953\s*,\s*0?7\s*,\s*27")
KOREAN_LITERALS = {"KR", "KP", "PRK", "KOR", "un", "communist"}
# Every box of Korea the code ever kept (north edge 43.0, 43.1 or 43.5; 124.0/124.2; 130.9/131.0).
OLD_BOUNDS = {43.0, 43.1, 43.5, 124.2, 130.9, 131.0}


def _python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_gazetteer" not in p.parts)


def _tokens(path: Path) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))


def test_no_constant_of_the_korean_war_in_the_code() -> None:
    korea = load_war("korea")
    numbers = set(korea.bounds) | set(korea.parallel_span) | OLD_BOUNDS
    found = []
    for path in _python_files():
        code = []
        for token in _tokens(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{token.start[0]}"
            if token.type == tokenize.STRING:
                if any(day in token.string for day in KOREAN_DATES):
                    found.append(f"{where}: the war's dates in {token.string[:40]}")
                try:
                    value = ast.literal_eval(token.string)
                except (ValueError, SyntaxError):
                    continue  # an f-string
                if value in KOREAN_LITERALS:
                    found.append(f"{where}: {token.string}")
            elif token.type == tokenize.NUMBER:
                if "." in token.string and float(token.string) in numbers:
                    found.append(f"{where}: Korea's bounds ({token.string})")
            if token.type not in (tokenize.COMMENT, tokenize.STRING):
                code.append(token.string)
        if KOREAN_DATE_CALLS.search(" ".join(code)):
            found.append(f"{path}: the war's dates as numbers")
    assert not found, "constants of the Korean War left in Python:\n" + "\n".join(found)


def test_the_korean_profile_holds_them() -> None:
    korea = load_war()
    assert korea.name == "korea" and korea.folder == WARS_DIR / "korea"
    assert (korea.start.isoformat(), korea.end.isoformat()) == KOREAN_DATES
    assert korea.countries == ("KR", "KP")
    assert korea.side_ids == ("un", "communist", "contested") and korea.contested == "contested"
    assert all({"en", "zh", "fa", "ko"} <= set(side.names) for side in korea.sides)
    assert korea.scheme_ids == ("us-army", "cpv-offensives")
    assert {p.scheme for p in korea.catalogue} == set(korea.scheme_ids)
    assert (korea.fronts_dir / "fronts.csv").is_file()
    assert load_war("korea") is korea and load_war(korea.folder) is korea  # read once


@pytest.fixture(scope="module")
def formosa(tmp_path_factory: pytest.TempPathFactory) -> tuple[Campaign, Path]:
    folder = tmp_path_factory.mktemp("formosa")
    text = folder / "formosa-1895.txt"
    text.write_text(TEXT, encoding="utf-8")
    campaign = Campaign.from_sources([text], offline=True, war=FORMOSA)
    out = folder / "out"
    campaign.save(out, progress=False)
    return campaign, out


def test_a_second_profile_gives_its_sides_and_bounds(formosa: tuple[Campaign, Path]) -> None:
    campaign, out = formosa
    war = campaign.war
    assert war.name == "formosa" and war.side_ids == ("japan", "formosa", "unclear")
    collection = json.loads((out / "campaign.geojson").read_text(encoding="utf-8"))
    territory = [f for f in collection["features"] if f["properties"]["kind"] == "territory"]
    assert {f["properties"]["side"] for f in territory} == {"japan", "formosa"}
    for feature in territory:
        assert feature["properties"]["names"] == dict(sorted(war.side(feature["properties"]["side"]).names.items()))
    theatre = box(*war.bounds)
    shapes = [shape(f["geometry"]) for f in collection["features"] if f["properties"]["kind"] in ("territory", "front")]
    assert shapes and all(theatre.contains(s) for s in shapes)
    # Keelung (held by Japan from the first front on) and Tainan (held by the Republic to the end).
    last = [t for t in campaign.territories if t.end is None]
    holder = {t.side: shape(t.geometry) for t in last}
    assert holder["japan"].distance(shape({"type": "Point", "coordinates": [121.741, 25.128]})) < 0.05
    assert holder["formosa"].distance(shape({"type": "Point", "coordinates": [120.213, 22.991]})) < 0.05
    assert "United Nations" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_second_profile_gives_its_phases_fronts_and_events(formosa: tuple[Campaign, Path]) -> None:
    campaign, out = formosa
    ids = ["01-northern-campaign", "02-central-campaign", "03-southern-campaign"]
    assert [p.id for p in campaign.phases] == ids  # plain prose: the stand-in scheme's phases
    assert [p.id for p in campaign.phases_for("campaigns")] == ids
    assert sorted(p.name for p in (out / "phases").glob("*.geojson")) == [f"{i}.geojson" for i in ids]
    assert [f.id for f in campaign.fronts if f.origin == "curated"] == [
        "1895-06-07-south-of-taipei",
        "1895-06-22-south-of-hsinchu",
        "1895-08-28-south-of-changhua",
    ]
    assert campaign.fronts[0].names == {"en": "South of Taipei", "ja": "台北以南"}
    assert [(e.type, e.start) for e in campaign.events][:3] == [
        ("capture", "1895-06-03"),
        ("capture", "1895-06-07"),
        ("capture", "1895-06-22"),
    ]
    assert all(e.start and e.start.startswith("1895") for e in campaign.events)
    assert {t.phase for t in campaign.territories} <= set(ids)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Imperial Japanese Army" in page and war_colour(campaign, "japan") in page


def war_colour(campaign: Campaign, side: str) -> str:
    return campaign.war.side(side).colour


def test_war_option_on_the_command_line(tmp_path: Path) -> None:
    text = tmp_path / "formosa.txt"
    text.write_text(TEXT, encoding="utf-8")
    phases = json_output(
        run_warmap("phases", text, "--war", FORMOSA, "--scheme", "campaigns", "--json", "--offline", cache_dir=tmp_path)
    )
    assert [p["id"] for p in phases] == ["01-northern-campaign", "02-central-campaign", "03-southern-campaign"]
    assert {t["side"] for p in phases for t in p["territory"]} <= {"japan", "formosa", "unclear"}
    missing = run_warmap("phases", text, "--war", tmp_path / "nowhere", "--offline", cache_dir=tmp_path)
    assert missing.returncode == 2 and "nowhere" in missing.stderr and "Traceback" not in missing.stderr
    korean = run_warmap("phases", text, "--war", FORMOSA, "--scheme", "us-army", "--offline", cache_dir=tmp_path)
    assert korean.returncode == 2 and "campaigns" in korean.stderr


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "war"
    shutil.copytree(FORMOSA, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("profile.toml", "contested = true", "contested = false", "contested"),
        ("profile.toml", 'standin = "campaigns"', 'standin = "us-army"', "phases.standin"),
        ("profile.toml", 'end = "1895-10-21"', 'end = "1895-13-21"', "dates.end"),
        ("profile.toml", "bounds = [118.0, 21.7, 122.2, 26.5]", "bounds = [122.2, 21.7, 118.0, 26.5]", "bounds"),
        ("profile.toml", "[dates]", "[dates", "TOML"),
        ("campaigns.csv", "campaigns,03-southern", "army,03-southern", "army"),
        ("campaigns.csv", "1895-10-21,Southern", "1896-10-21,Southern", "within the war"),
    ],
)
def test_a_bad_profile_is_an_error_naming_its_file(tmp_path: Path, file: str, old: str, new: str, problem: str) -> None:
    folder = _copy(tmp_path)
    _replace(folder / file, old, new)
    with pytest.raises(InputError, match=re.escape(problem)) as error:
        load_war(folder)
    assert str(folder / file) in str(error.value)


def test_front_side_columns_are_the_profile_sides(tmp_path: Path) -> None:
    from warmap.fronts import load_fronts, load_island_holdings

    folder = _copy(tmp_path)
    fronts = folder / "fronts" / "fronts.csv"
    _replace(fronts, "japan_held,formosa_held", "un_held,formosa_held")
    with pytest.raises(InputError, match="un_held") as error:
        load_fronts(war=load_war(folder))
    assert f"{fronts}:1" in str(error.value)
    _replace(fronts, "un_held,formosa_held", "japan_held,formosa_held")
    _replace(folder / "fronts" / "islands.csv", ",japan,", ",un,")
    with pytest.raises(InputError, match="japan or formosa"):
        load_island_holdings(war=load_war(folder))
