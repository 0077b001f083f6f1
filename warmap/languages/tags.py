"""A language tag's own pack and scripts, for engines that must not borrow another language's words.

``languages.pack()`` falls back to a related pack: right for rules (how sentences end,
whether words are spaced). Word lists are another matter: English context words or
Chinese country names would only mislead a Korean text, so engines reading words ask
``own_pack()``, which is None for a language without a pack (and logs it once).

``scripts_of()`` says which scripts a language writes its place names in: its pack's
``scripts``; for a language without a pack, the rows of ``scripts.csv`` beside this file
(from CLDR's script metadata), so that a Russian text is matched against Cyrillic names
before anyone writes a Russian pack; for a language in neither, Latin. ``is_spaced()``
reads the pack's flag, else the scripts. ``pack_writing()`` is the pack of a script
(Latin glosses are looked up as its names), ``name_family()`` groups gazetteer name tags
by the pack that reads them, and ``every_language_rows()`` gathers a list every document
is read with (section titles that are never phases) from every language folder.
"""

from __future__ import annotations

import logging
from functools import cache

from warmap.languages import FOLDER, LanguagePack, Row, all_packs, read_table

log = logging.getLogger(__name__)

DEFAULT_SCRIPTS = frozenset({"Latin"})
# ISO 15924 script subtags of language tags (zh-Hant, ko-Hani, ko-Latn-rr) → script names.
SCRIPT_SUBTAGS = {"hani": "Han", "hans": "Han", "hant": "Han", "latn": "Latin", "arab": "Arabic",
                  "cyrl": "Cyrillic", "hang": "Hangul", "kana": "Kana"}  # fmt: skip
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
def _scripts_table() -> tuple[Row, ...]:
    return read_table(FOLDER / "scripts.csv", "scripts")


@cache
def unpacked_scripts() -> dict[str, frozenset[str]]:
    """Language code → its scripts, for the languages of ``scripts.csv`` (in file order)."""
    scripts: dict[str, set[str]] = {}
    for row in _scripts_table():
        if row.kind == "writes":
            scripts.setdefault(row.text, set()).add(row.value)
    return {code: frozenset(found) for code, found in scripts.items()}


@cache
def scripts_of(lang: str) -> frozenset[str]:
    """The scripts whose place names are matched in a text of this language."""
    found = own_pack(lang)
    if found is not None:
        return frozenset(found.scripts)
    return unpacked_scripts().get(base_code(lang), DEFAULT_SCRIPTS)


@cache
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


@cache
def pack_writing(script: str) -> LanguagePack | None:
    """The pack whose main (first) script this is, else the first that writes it at all, else None."""
    packs = all_packs()
    return next((p for p in packs if p.scripts[0] == script), None) or next(
        (p for p in packs if script in p.scripts), None
    )


@cache
def name_family(tag: str | None) -> str | None:
    """Which names a gazetteer name tag is one with: a language whose names match without a mismatch.

    A tag with a script subtag is the names of the pack writing that script (ko-Hani, Hanja,
    is read as Chinese; ko-Latn-rr, a romanisation, as English); a language without a pack
    may be read as a pack's (``reads_as`` in scripts.csv: Arabic as Persian); otherwise the
    language itself. None for no tag.
    """
    if not tag:
        return None
    parts = tag.split("-")
    script = next((SCRIPT_SUBTAGS[p.lower()] for p in parts[1:] if p.lower() in SCRIPT_SUBTAGS), None)
    if script is not None:
        writer = pack_writing(script)
        if writer is not None:
            return writer.code
    code = base_code(tag)
    reads_as = {row.text: row.value for row in _scripts_table() if row.kind == "reads_as"}
    return reads_as.get(code, code)
