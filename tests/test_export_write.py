"""write_outputs: the folder INTERFACE.md promises, written atomically; GeoPackage; CSVs."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pyogrio
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "render"))
from warmap_synthetic import synthetic_campaign  # noqa: E402

from warmap.errors import InputError  # noqa: E402
from warmap.export.atomic import atomic_path, write_text  # noqa: E402
from warmap.outputs import write_outputs  # noqa: E402


def test_writes_the_promised_files(tmp_path: Path) -> None:
    written = write_outputs(synthetic_campaign(), tmp_path / "out", gpkg=True, progress=False)
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in written)
    assert names == sorted(
        [
            "index.html",
            "campaign.geojson",
            "places.csv",
            "unresolved.csv",
            "campaign.gpkg",
            "phases/01-invasion.html",
            "phases/01-invasion.geojson",
            "phases/02-counteroffensive.html",
            "phases/02-counteroffensive.geojson",
            "phases/03-chinese-intervention.html",
            "phases/03-chinese-intervention.geojson",
        ]
    )
    assert all(p.stat().st_size > 0 for p in written)
    assert not list((tmp_path / "out").rglob(".*.tmp-*"))  # no temp file left behind
    assert "The North Korean invasion" in (tmp_path / "out/phases/01-invasion.html").read_text()


def test_unresolved_and_places_csv(tmp_path: Path) -> None:
    write_outputs(synthetic_campaign(), tmp_path, progress=False)
    unresolved = list(csv.DictReader(io.StringIO((tmp_path / "unresolved.csv").read_text())))
    assert [(r["doc"], r["surface"], r["key"]) for r in unresolved] == [
        ("en-synthetic.txt", "Xyzzyville", "Xyzzyville")
    ]
    assert unresolved[0]["reason"] == "no gazetteer candidate"
    places = list(csv.DictReader(io.StringIO((tmp_path / "places.csv").read_text())))
    assert len(places) == len(synthetic_campaign().places)
    seoul = next(r for r in places if r["surface"] == "Seoul")
    assert (seoul["place_id"], seoul["lat"], seoul["lon"], seoul["resolver"]) == (
        "geonames:1835848",
        "37.566",
        "126.978",
        "gazetteer",
    )


def test_geopackage_has_a_layer_per_kind(tmp_path: Path) -> None:
    write_outputs(synthetic_campaign(), tmp_path, gpkg=True, progress=False)
    layers = {name for name, _ in pyogrio.list_layers(tmp_path / "campaign.gpkg")}
    assert layers == {"place", "event", "front", "territory"}
    territory = pyogrio.read_dataframe(tmp_path / "campaign.gpkg", layer="territory")
    assert set(territory["side"]) == {"un", "communist"} and territory.crs.to_epsg() == 4326


def test_interrupted_write_keeps_the_good_file(tmp_path: Path) -> None:
    target = write_text(tmp_path / "index.html", "good map")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as temp:
            temp.write_text("half a ma")
            raise KeyboardInterrupt
    assert target.read_text() == "good map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_output_path_that_is_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(InputError, match="not a folder"):
        write_outputs(synthetic_campaign(), tmp_path / "out", progress=False)


def test_self_contained_without_assets_fails_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no npm to fetch with
    with pytest.raises(InputError, match="npm is not installed"):
        write_outputs(
            synthetic_campaign(),
            tmp_path / "out",
            self_contained=True,
            assets_dir=str(tmp_path / "empty-cache"),
            progress=False,
        )
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.parametrize(
    ("phase_id", "index", "stem"),
    [
        ("01-invasion", 1, "01-invasion"),
        ("03 Chinese/intervention", 3, "03-chinese-intervention"),
        ("../../etc/passwd", 4, "04-etc-passwd"),
        ("仁川登陸", 5, "05-仁川登陸"),
        ("///", 6, "06-phase"),
    ],
)
def test_phase_file_names_are_safe(phase_id: str, index: int, stem: str) -> None:
    from warmap.model import Phase
    from warmap.outputs import phase_slug

    assert phase_slug(Phase(phase_id, {}, "1950-06-25", None), index) == stem
