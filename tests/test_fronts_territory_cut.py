"""The shipped territory cut: served only for the inputs it was cut from, identical to cutting again."""

from __future__ import annotations

import gzip
import logging
from dataclasses import replace

import pytest

from warmap.fronts import load_fronts, territory_timeline
from warmap.fronts.territory import cut_timeline, island_holdings
from warmap.fronts.territory_cut import cut_path, inputs_key, load_cut, write_cut
from warmap.gazetteer import Gazetteer, land_geometry
from warmap.wars import load_war


@pytest.fixture(scope="module")
def inputs():
    war = load_war()
    fronts = load_fronts(Gazetteer.load(), war=war)
    return war, fronts, land_geometry(war.countries), island_holdings(war=war)


def test_shipped_cut_is_current_and_identical(inputs, caplog):
    """The bundled file matches today's fronts, land and code (else: run warmap gazetteer build)."""
    war, fronts, land, holdings = inputs
    with caplog.at_level(logging.INFO, logger="warmap.fronts.territory_cut"):
        shipped = load_cut(cut_path(war), inputs_key(fronts, land, holdings, war))
    assert shipped is not None, caplog.text
    assert shipped == cut_timeline(fronts, land, holdings, war)


def test_changed_front_is_cut_again_and_logged(inputs, caplog):
    war, fronts, land, holdings = inputs
    moved = [replace(fronts[0], held={side: [[p[0] + 0.01, p[1]] for p in points]
                                      for side, points in fronts[0].held.items()})] + fronts[1:]
    assert inputs_key(moved, land, holdings, war) != inputs_key(fronts, land, holdings, war)
    shorter = fronts[:-1]
    with caplog.at_level(logging.WARNING, logger="warmap.fronts.territory_cut"):
        served = territory_timeline(shorter, land, holdings, war=war)
    assert "cutting the land again" in caplog.text
    assert served == cut_timeline(shorter, land, holdings, war)
    assert served != territory_timeline(fronts, land, holdings, war=war)


def test_changed_islands_or_land_change_the_key(inputs):
    war, fronts, land, holdings = inputs
    key = inputs_key(fronts, land, holdings, war)
    assert inputs_key(fronts, land, holdings[:-1], war) != key
    assert inputs_key(fronts, land.buffer(0.001), holdings, war) != key


def test_stale_or_damaged_file_is_not_served(inputs, tmp_path, caplog):
    war, fronts, land, holdings = inputs
    key = inputs_key(fronts, land, holdings, war)
    path = tmp_path / "territory.json.gz"
    cut = cut_timeline(fronts[:2], land, holdings, war)
    write_cut(path, "0" * 64, cut)
    with caplog.at_level(logging.WARNING, logger="warmap.fronts.territory_cut"):
        assert load_cut(path, key) is None
    assert "cut from other inputs" in caplog.text
    write_cut(path, key, cut)
    assert load_cut(path, key) == cut
    first = path.read_bytes()
    write_cut(path, key, cut)
    assert path.read_bytes() == first  # no timestamp: the same inputs give the same bytes
    path.write_bytes(gzip.compress(key.encode() + b"\n[[truncated"))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="warmap.fronts.territory_cut"):
        assert load_cut(path, key) is None
    assert "unreadable" in caplog.text
    path.write_bytes(b"not gzip")
    assert load_cut(path, key) is None
