"""The Hanja bridge: a Chinese place name → the Hangul readings a Korean place may bear.

Most Korean places have Sino-Korean names that GeoNames lists only in Hangul.
The bridge reads a Chinese name in Hangul the way Simplified → Traditional
(OpenCC) → Sino-Korean (the ``hanja`` package) would, with and without the
initial sound law (두음법칙: South Korea applies it, North Korea mostly does
not) and with every reading of the polyphonic characters in
``hanja_readings.tsv``; the gazetteer then looks the readings up among Korean
places' Hangul names, with and without administrative suffixes.

The conversion is precomputed at build time into one character → readings
table (``reading_table``: the ``hanja`` table, each Traditional character's
reading also given to its Simplified form, plus the polyphonic readings) and
stored in the index, so a lookup neither loads the ``hanja`` package's YAML
(a third of a second) nor OpenCC's s2t dictionary.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from warmap.gazetteer.scripts import scripts_of

# Longest first: 특별시 before 시.
ADMIN_SUFFIXES = (
    "특별자치시", "특별자치도", "특별시", "광역시", "직할시", "시", "군", "읍", "면", "리", "동", "구", "도",
)  # fmt: skip
READINGS_FILE = Path(__file__).with_name("hanja_readings.tsv")
MAX_VARIANTS = 16
BRIDGE_LANGUAGE = "ko"  # the bridge gives Han names their Hangul readings: the places it serves are named in it
CACHE_SIZE = 65536

_HANGUL_BASE = 0xAC00
_LIEUL, _NIEUN, _IEUNG = 5, 2, 11  # initial consonant indices ㄹ ㄴ ㅇ
_I_LIKE = {2, 6, 7, 12, 17, 20}  # vowels ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: ㄹ/ㄴ before them become ㅇ
# After a vowel or ㄴ, 렬 and 률 are read 열 and 율 (羅列 나열, 比率 비율).
_AFTER_VOWEL = {"렬": "열", "률": "율"}


def initial_sound_law(hangul: str) -> str:
    """Apply 두음법칙 to the first syllable: 녀→여, 려/리/류→여/이/유, 라/로/루→나/노/누."""
    if not hangul or not 0xAC00 <= ord(hangul[0]) <= 0xD7A3:
        return hangul
    code = ord(hangul[0]) - _HANGUL_BASE
    initial, vowel, final = code // 588, (code % 588) // 28, code % 28
    if initial == _LIEUL:
        initial = _IEUNG if vowel in _I_LIKE else _NIEUN
    elif initial == _NIEUN and vowel in _I_LIKE:
        initial = _IEUNG
    else:
        return hangul
    return chr(_HANGUL_BASE + initial * 588 + vowel * 28 + final) + hangul[1:]


def strip_admin_suffix(hangul: str) -> str:
    """평택시 → 평택; a name of one syllable plus suffix keeps its suffix (구 alone is no name)."""
    for suffix in ADMIN_SUFFIXES:
        if hangul.endswith(suffix) and len(hangul) - len(suffix) >= 2:
            return hangul[: -len(suffix)]
    return hangul


def hangul_stems(hangul: str) -> set[str]:
    """The keys a Hangul name is indexed and looked up under: itself and its suffix-free stem."""
    return {hangul, strip_admin_suffix(hangul)}


def polyphonic_readings() -> dict[str, tuple[str, ...]]:
    """The reviewed extra readings of hanja_readings.tsv."""
    table: dict[str, tuple[str, ...]] = {}
    for line in READINGS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        char, readings, _source = line.split("\t", 2)
        table[char] = tuple(readings.split(","))
    return table


def reading_table() -> dict[str, tuple[str, ...]]:
    """Character → its Sino-Korean readings (not word-initial), for Traditional and Simplified forms.

    Built from the ``hanja`` package's table, OpenCC's t2s (so a Simplified character
    inherits the readings of every Traditional one it stands for: 价 개 and 價 가) and
    the polyphonic readings. Build time only.
    """
    import opencc
    from hanja.table import hanja_table

    t2s = opencc.OpenCC("t2s")
    table: dict[str, set[str]] = {char: {reading} for char, reading in hanja_table.items()}
    for char, reading in sorted(hanja_table.items()):
        simplified = t2s.convert(char)
        if len(simplified) == 1 and simplified != char:
            table.setdefault(simplified, set()).add(reading)
    for char, readings in polyphonic_readings().items():
        table.setdefault(char, set()).update(readings)
    return {char: tuple(sorted(readings)) for char, readings in sorted(table.items())}


class Bridge:
    """Chinese name → Hangul readings, over a character → readings source (a dict or the index)."""

    def __init__(self, readings_of: Callable[[str], tuple[str, ...] | None] | Mapping[str, tuple[str, ...]]):
        self._readings_of = readings_of.get if isinstance(readings_of, Mapping) else readings_of
        self.readings = lru_cache(maxsize=CACHE_SIZE)(self._readings)
        self.keys = lru_cache(maxsize=CACHE_SIZE)(self._keys)

    def _readings(self, chinese: str) -> tuple[str, ...]:
        """Every Hangul reading of a Chinese (Simplified, Traditional or Japanese-form) name, sorted."""
        name = "".join(chinese.split())
        if not name or scripts_of(name) != {"Han"}:
            return ()
        choices = []
        for char in name:
            readings = self._readings_of(char)
            if not readings:
                return ()
            choices.append(readings)
        out: set[str] = set()
        for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
            raw = "".join(combo)
            out.update((raw, initial_sound_law(raw)))
            if len(raw) > 1 and raw[1:] != (tail := "".join(_AFTER_VOWEL.get(s, s) for s in raw[1:])):
                out.update((raw[0] + tail, initial_sound_law(raw[0] + tail)))
        return tuple(sorted(out))

    def _keys(self, chinese: str) -> tuple[str, ...]:
        """The Hangul stems to look up for a Chinese name (readings with and without suffixes)."""
        keys: set[str] = set()
        for reading in self.readings(chinese):
            keys |= hangul_stems(reading)
        return tuple(sorted(keys))


@lru_cache(maxsize=1)
def default_bridge() -> Bridge:
    """A bridge over the ``hanja`` package itself (slow to load: tests and the build use it)."""
    return Bridge(reading_table())


def bridge_readings(chinese: str) -> tuple[str, ...]:
    return default_bridge().readings(chinese)


def bridge_keys(chinese: str) -> tuple[str, ...]:
    return default_bridge().keys(chinese)
