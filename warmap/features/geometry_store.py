"""Normalised geometries kept on disk between builds: snap-rounding the same territory and
place shapes again at every build was most of the export's time.

A stored result is found by a hash of its input geometry's exact value (``marshal``
bytes: the same types, the same floats), in a file named by a hash of everything
the result depends on: the normalising code, this file, shapely's and GEOS's and
Python's versions. Another version is another file, never a stale result. The file
is in warmap's cache folder (``$WARMAP_CACHE_DIR`` when set), written atomically;
one that does not load is ignored and replaced. A geometry of anything but plain
Python values (a numpy number inside) is simply normalised, not stored.

The same file keeps a few other results that are the same at every build, each under a
key hashing everything it is made from: what a page draws of a normalised geometry
(``GeometryMemo.derived``: outlines, representative points), the simplified land layer,
the side names converted to traditional Chinese.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import sys
from pathlib import Path
from typing import Any

from warmap.filecache import write_atomically

log = logging.getLogger(__name__)

FORMAT = "1"
MARSHAL_VERSION = 2  # no back-references: equal values give equal bytes whatever shares what
KEEP = 4_000  # entries kept from earlier builds (the bundled texts use ~900); beyond it, only this build's
Entry = tuple[Any, Any]  # (normalised geometry or None, its bounds or None)


def code_hash() -> str:
    """What the stored results depend on besides their input: the code and the libraries' versions."""
    import shapely

    digest = hashlib.sha256()
    digest.update("\x00".join([FORMAT, sys.version, shapely.__version__, shapely.geos_version_string]).encode())
    digest.update(Path(__file__).with_name("geometry.py").read_bytes())  # the normalising code
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def geometry_key(geometry: dict[str, Any]) -> bytes | None:
    """The input's exact value as a short hash; None unless it is made of plain Python values only.

    marshal writes a numpy number as its raw bytes, so only a geometry that reads back equal
    is keyed: two different values can never share a key.
    """
    try:
        data = marshal.dumps(geometry, MARSHAL_VERSION)
    except ValueError:
        return None
    if marshal.loads(data) != geometry:
        return None
    return hashlib.blake2b(data, digest_size=16).digest()


class StoredGeometries:
    """One build's view of the stored results: read once on first use, written back by :meth:`save`."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._stored: dict[bytes, Entry] | None = None
        self._used: dict[bytes, Entry] = {}
        self._new = False

    @property
    def path(self) -> Path:
        from warmap.paths import cache_dir

        return (self.folder or cache_dir()) / f"normalised-{code_hash()[:32]}.marshal"

    def _load(self) -> dict[bytes, Entry]:
        if self._stored is None:
            try:
                with open(self.path, "rb") as handle:
                    stored = marshal.loads(handle.read())  # marshal.load reads a file object piece by piece
                self._stored = stored if isinstance(stored, dict) else {}
            except (OSError, EOFError, ValueError, TypeError):
                self._stored = {}
        return self._stored

    def get(self, key: bytes) -> Entry | None:
        hit = self._load().get(key)
        if hit is not None:
            self._used[key] = hit
        return hit

    def put(self, key: bytes, entry: Entry) -> None:
        self._used[key] = entry
        self._new = True

    def save(self) -> None:
        """Write the results back when this build made new ones (best effort: a cache, not an output)."""
        if not self._new:
            return
        stored = self._load()
        table = {**stored, **self._used} if len(stored) + len(self._used) <= KEEP else dict(self._used)
        path = self.path
        try:
            write_atomically(path, marshal.dumps(table, MARSHAL_VERSION))
        except (OSError, ValueError) as error:
            log.debug("normalised geometries not stored in %s: %s", path, error)
            return
        self._stored, self._new = table, False
