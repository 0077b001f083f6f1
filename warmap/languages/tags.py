"""A language tag's own pack and scripts, for engines that must not borrow another language's words.

``languages.pack()`` falls back to a related pack: right for rules (how sentences end,
whether words are spaced). Word lists are another matter: English context words or
Chinese country names would only mislead a Korean text, so engines reading words ask
``own_pack()``, which is None for a language without a pack (and logs it once).

``scripts_of()`` says which scripts a language writes its place names in: its pack's
``scripts``; for a language without a pack, the rows of ``scripts.csv`` beside this file
(from CLDR's script metadata), so that a Russian text is matched against Cyrillic names
before anyone writes a Russian pack; for a language in neither, Latin.
"""

from __future__ import annotations

import logging
from functools import cache

from warmap.languages import FOLDER, LanguagePack, Row, all_packs, read_table

log = logging.getLogger(__name__)

DEFAULT_SCRIPTS = frozenset({"Latin"})
# Scripts whose words are separated by spaces: a language without a pack is spaced when it writes one.
SPACED_SCRIPTS = frozenset({"Arabic", "Latin", "Hangul", "Cyrillic"})


def base_code(lang: str) -> str:
    """``zh-Hant`` → ``zh``: the part of a tag that names the language."""
    return lang.split("-")[0].lower()


@cache
def own_pack(lang: str) -> LanguagePack | None:
    """The pack of this very language, or None (logged) when it has none."""
    code = base_code(lang)
    found = next((p for p in all_packs() if p.code == code), None)
    if found is None:
        log.info("no language pack for %r: its word lists are empty", lang)
    return found


@cache
def _unpacked_scripts() -> dict[str, frozenset[str]]:
    scripts: dict[str, set[str]] = {}
    for row in read_table(FOLDER / "scripts.csv", "scripts"):
        scripts.setdefault(row.text, set()).add(row.value)
    return {code: frozenset(found) for code, found in scripts.items()}


@cache
def scripts_of(lang: str) -> frozenset[str]:
    """The scripts whose place names are matched in a text of this language."""
    found = own_pack(lang)
    if found is not None:
        return frozenset(found.scripts)
    return _unpacked_scripts().get(base_code(lang), DEFAULT_SCRIPTS)


def is_spaced(lang: str) -> bool:
    """Whether words stand apart: the pack's ``spaced`` flag, else what the language's scripts say."""
    found = own_pack(lang)
    return found.spaced if found is not None else bool(scripts_of(lang) & SPACED_SCRIPTS)


@cache
def every_language_rows(table: str, kind: str) -> tuple[Row, ...]:
    """One kind of rows from every language folder, packs first, then folders whose pack is not written yet.

    Some lists hold for every document whatever its language (section titles that are never
    phases); a language may bring its words to them before the rest of its pack exists.
    """
    rows = [row for found in all_packs() for row in found.rows(table, kind)]
    packed = {found.folder for found in all_packs()}
    for path in sorted(FOLDER.glob(f"*/{table}.csv")):
        if path.parent not in packed:
            rows.extend(row for row in read_table(path, table) if row.kind == kind)
    return tuple(rows)
