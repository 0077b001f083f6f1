"""The territory of every date, cut once when the bundled index is built and shipped with it.

Cutting the land along every curated front takes about a second and depends on
curated data only, so ``warmap gazetteer build`` writes the result beside the
index (``territory-<war>.json.gz``) and a build loads it. The file is keyed by a
hash of everything the cut reads: the curated fronts as loaded (anchors already
resolved), the island holdings, the war's sides, the land's WKB, the source of
the cutting code and the GEOS version. A key that does not match is never
served: the land is cut again and the log says why.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from dataclasses import astuple, fields, is_dataclass
from pathlib import Path

import shapely

from warmap.filecache import parsed_file
from warmap.fronts.lines import IslandHolding, default_held
from warmap.model import Front, Territory
from warmap.paths import gazetteer_dir
from warmap.wars import War

log = logging.getLogger(__name__)

FORMAT = "1"
# The files whose code decides the cut: any change to them is a new key.
CUT_CODE = ("territory.py", "geometry.py", "territory_cut.py")
_FIELDS = ("side", "start", "end", "geometry", "phase", "front_id")


def cut_path(war: War, folder: str | Path | None = None) -> Path:
    """Where the shipped cut of this war lives: the gazetteer folder (or ``folder``)."""
    return Path(folder or gazetteer_dir()) / f"territory-{war.name}.json.gz"


def inputs_key(fronts: list[Front], land, holdings: list[IslandHolding], war: War) -> str:
    """A hash of every input of the cut: a changed front, island, land or cutting code is a new key."""
    digest = hashlib.sha256()
    digest.update(f"format {FORMAT} geos {shapely.geos_version_string}\n".encode())
    here = Path(__file__).parent
    for name in CUT_CODE:
        digest.update((here / name).read_bytes())
    inputs = {
        "fronts": fronts,
        "holdings": [astuple(holding) for holding in holdings],
        "sides": war.side_ids,
        "contested": war.contested,
        "default_held": default_held(war, first_side_only=True),
    }
    digest.update(json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=_plain).encode())
    digest.update(shapely.to_wkb(land, hex=False))
    return digest.hexdigest()


def _plain(value):
    """A dataclass as the dict of its fields (json.dumps goes on inside), anything else as its text:
    the text ``asdict`` gave, without copying every coordinate first."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return str(value)


def load_cut(path: Path, key: str) -> list[Territory] | None:
    """The shipped territories if the file is there and was cut from these inputs, else None (logged)."""
    try:
        stored_key, rows = parsed_file(path, _parse_cut, "territory cut 1")
        if stored_key != key:
            log.warning("%s: cut from other inputs (fronts, islands, land or code changed): "
                        "cutting the land again; run 'warmap gazetteer build' to ship it", path)
            return None
        return [Territory(**dict(zip(_FIELDS, row, strict=True))) for row in rows]
    except FileNotFoundError:
        log.info("%s: no shipped territory, cutting the land", path)
        return None
    except (OSError, EOFError, UnicodeDecodeError, ValueError, TypeError) as error:
        log.warning("%s: unreadable (%s): cutting the land again", path, error)
        return None


def _parse_cut(data: bytes) -> tuple[str, list]:
    """A shipped cut's key line and rows."""
    key, _, rows = gzip.decompress(data).partition(b"\n")
    return key.decode("ascii").strip(), json.loads(rows)


def write_cut(path: Path, key: str, territories: list[Territory]) -> Path:
    """Write the cut atomically, byte for byte the same for the same inputs (no gzip timestamp)."""
    rows = [[getattr(t, name) for name in _FIELDS] for t in territories]
    body = key.encode("ascii") + b"\n" + json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode()
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    temporary.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    temporary.replace(path)
    return path
