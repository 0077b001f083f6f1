"""Korean War map grid references ("P'YOKTONG (YF0600)") as latitude and longitude.

US Army documents of 1950-53 locate places by the UTM grid of the Army Map Service
sheets: two letters for the 100 km square, then easting and northing digits. A
curated row's review may cite such a reference (``at grid 51T YF0600``) beside the
position it converts to; ``benchmarks.curated_check`` converts it again and reports
a mismatch. The row letters follow the sheets' own lettering, found by converting
references of known towns: zone 51 the standard (AA) sequence, zone 52 the older
(AL) one — Hamhung CV7517 falls 2.3 km and Chunchon CS8894 1.8 km from their
GeoNames points, Pyoktong YF0600 1.1 km from the curated town.
"""

from __future__ import annotations

import math
import re

GRID_REF = re.compile(r"grid (\d{2})[C-X] ([A-HJ-NP-Z]{2})(\d{4,8})\b")
_COLUMNS = ("STUVWXYZ", "ABCDEFGH", "JKLMNPQR")  # by zone % 3
_ROWS = "ABCDEFGHJKLMNPQRSTUV"
_ROW_START = {51: "A", 52: "R"}  # zone 51: AA lettering (odd zone); zone 52: AL lettering (even zone)
_A, _F, _K0 = 6378137.0, 1 / 298.257223563, 0.9996


def utm_to_latlon(zone: int, easting: float, northing: float) -> tuple[float, float]:
    """Northern-hemisphere UTM (WGS84 ellipsoid) to degrees; series of Snyder, Map Projections (1987)."""
    e2 = _F * (2 - _F)
    ep2 = e2 / (1 - e2)
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    mu = northing / _K0 / (_A * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    phi = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin, cos, tan = math.sin(phi), math.cos(phi), math.tan(phi)
    n1 = _A / math.sqrt(1 - e2 * sin**2)
    t1, c1 = tan**2, ep2 * cos**2
    r1 = _A * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    d = (easting - 500000.0) / (n1 * _K0)
    lat = phi - (n1 * tan / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    lon = (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
    ) / cos
    return math.degrees(lat), (zone - 1) * 6 - 180 + 3 + math.degrees(lon)


def grid_ref_to_latlon(zone: int, square: str, digits: str) -> tuple[float, float]:
    """The centre of the grid square a Korean reference names (``52``, ``CV``, ``5650``)."""
    if zone not in _ROW_START or len(digits) % 2:
        raise ValueError(f"unsupported grid reference {zone} {square}{digits}")
    half = len(digits) // 2
    unit = 10 ** (5 - half)
    column = _COLUMNS[zone % 3].index(square[0]) + 1
    row = (_ROWS.index(square[1]) - _ROWS.index(_ROW_START[zone])) % len(_ROWS)
    easting = column * 100000 + int(digits[:half]) * unit + unit / 2
    northing = row * 100000 + int(digits[half:]) * unit + unit / 2  # modulo 2,000 km
    northing += 4000000 if northing < 1000000 else 2000000  # Korea lies 3,650-4,800 km north
    return utm_to_latlon(zone, easting, northing)
