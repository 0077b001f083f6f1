"""Language packs: everything warmap knows about one language, as data in one folder.

A pack is ``warmap/languages/<code>/``: ``pack.toml`` (the language's typology —
scripts, spacing, case, word order, direction — the date grammar family its dates
are read with, and the numbers its rules need) and tables of words and patterns,
``<table>.csv``. Every table has the same four columns, ``kind,text,value,source``:
what list a row belongs to, the word or pattern, what it means there (a month's
number, an event type, an effect), and where it comes from. ``schema.toml`` beside
this file says which kinds each table may hold and what their values must be; a
row that breaks it is an error naming its file and line.

The engines ask a pack for its rows and flags and never test a language by name,
so adding a language is adding a folder. A language without a pack reads with the
pack its script points to (``fallback`` in each manifest), and says so in the log.
"""

from __future__ import annotations

import csv
import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from warmap.errors import DataFileError

log = logging.getLogger(__name__)

FOLDER = Path(__file__).parent
COLUMNS = ("kind", "text", "value", "source")
DATE_GRAMMARS = ("han", "alphabetic", "persian")
SCRIPTS = ("Han", "Hangul", "Kana", "Arabic", "Latin", "Cyrillic")  # warmap.gazetteer.scripts.SCRIPTS
DIRECTIONS = ("ltr", "rtl")


class PackError(DataFileError):
    """A pack that breaks its schema: the file (and line) and what is wrong."""


@dataclass(frozen=True)
class Row:
    """One row of a pack table, with where it stands for error messages."""

    kind: str
    text: str
    value: str
    source: str
    path: Path
    line: int

    def int_value(self) -> int:
        return int(self.value)


@dataclass(frozen=True)
class LanguagePack:
    """One language's data; built by ``pack()`` and validated once."""

    code: str
    name: str
    folder: Path
    scripts: tuple[str, ...]  # the scripts its place names are written in (gazetteer.scripts names)
    direction: str  # ltr | rtl
    spaced: bool  # words are separated by spaces (whole-word matching)
    has_case: bool  # letters have case (a capital marks a name)
    verb_final: bool  # the verb closes the clause (Persian, Korean)
    date_grammar: str  # which date engine reads it: han | alphabetic | persian
    fallback_for: tuple[str, ...] = ()  # scripts whose languages without a pack borrow this one
    settings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    tables: dict[str, tuple[Row, ...]] = field(default_factory=dict, hash=False, compare=False)

    def rows(self, table: str, kind: str | None = None) -> tuple[Row, ...]:
        """The rows of one table (of one kind), in file order; none when the pack has no such table."""
        rows = self.tables.get(table, ())
        return rows if kind is None else tuple(r for r in rows if r.kind == kind)

    def words(self, table: str, kind: str) -> list[str]:
        return [r.text for r in self.rows(table, kind)]

    def mapping(self, table: str, kind: str) -> dict[str, str]:
        """text → value for one kind (later rows win, as in a dict literal)."""
        return {r.text: r.value for r in self.rows(table, kind)}

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)


# ------------------------------------------------------------------ loading
@cache
def schema() -> dict[str, dict[str, dict[str, Any]]]:
    """table → kind → {value: type, pattern: bool}: what each table may hold."""
    with open(FOLDER / "schema.toml", "rb") as handle:
        return tomllib.load(handle)["tables"]


def _check_value(path: Path, line: int, kind: str, value: str, rule: dict[str, Any]) -> None:
    wanted = rule.get("value", "none")
    if wanted == "none" and value:
        raise PackError(path, f"kind {kind!r} takes no value (got {value!r})", line)
    if wanted == "int" and not re.fullmatch(r"-?\d+", value):
        raise PackError(path, f"kind {kind!r} needs a whole number (got {value!r})", line)
    if wanted == "text" and not value:
        raise PackError(path, f"kind {kind!r} needs a value", line)
    if wanted.startswith("one of "):
        allowed = wanted.removeprefix("one of ").split()
        if value not in allowed:
            raise PackError(path, f"kind {kind!r}: {value!r} is not one of {', '.join(allowed)}", line)


def read_table(path: Path, table: str) -> tuple[Row, ...]:
    """One ``<table>.csv`` of a pack, every row checked against the schema."""
    kinds = schema().get(table)
    if kinds is None:
        raise PackError(path, f"no table {table!r} in the schema ({', '.join(sorted(schema()))})")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if tuple(header or ()) != COLUMNS:
            raise PackError(path, f"the header must be {','.join(COLUMNS)}", 1)
        for fields in reader:
            line = reader.line_num
            if not any(fields):
                continue
            if len(fields) != len(COLUMNS):
                raise PackError(path, f"{len(fields)} columns, expected {len(COLUMNS)}", line)
            kind, text, value, source = fields
            rule = kinds.get(kind)
            if rule is None:
                raise PackError(path, f"unknown kind {kind!r} (this table holds {', '.join(sorted(kinds))})", line)
            if not text:
                raise PackError(path, f"kind {kind!r} needs its text", line)
            if not source.strip():
                raise PackError(path, "every row says where it comes from (source is empty)", line)
            _check_value(path, line, kind, value, rule)
            if rule.get("pattern"):
                try:
                    re.compile(text)
                except re.error as error:
                    raise PackError(path, f"not a regular expression ({error})", line) from None
            rows.append(Row(kind, text, value, source, path, line))
    return tuple(rows)


def load_pack(folder: Path) -> LanguagePack:
    """A pack folder, read and validated (``PackError`` on the first problem)."""
    manifest_path = folder / "pack.toml"
    try:
        with open(manifest_path, "rb") as handle:
            manifest = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PackError(manifest_path, f"cannot read the manifest ({error})") from None
    language = manifest.get("language", {})
    for key in ("code", "name", "scripts", "direction", "spaced", "has_case", "verb_final", "date_grammar"):
        if key not in language:
            raise PackError(manifest_path, f"[language] needs {key!r}")
    if language["code"] != folder.name:
        raise PackError(manifest_path, f"code {language['code']!r} is not the folder's name {folder.name!r}")
    if language["date_grammar"] not in DATE_GRAMMARS:
        raise PackError(manifest_path, f"date_grammar must be one of {', '.join(DATE_GRAMMARS)}")
    if language["direction"] not in DIRECTIONS:
        raise PackError(manifest_path, "direction must be ltr or rtl")
    unknown = set(language["scripts"]) - set(SCRIPTS) or set(language.get("fallback_for", ())) - set(SCRIPTS)
    if unknown:
        raise PackError(manifest_path, f"unknown script(s) {', '.join(sorted(unknown))}")
    tables = {path.stem: read_table(path, path.stem) for path in sorted(folder.glob("*.csv"))}
    return LanguagePack(
        code=language["code"],
        name=language["name"],
        folder=folder,
        scripts=tuple(language["scripts"]),
        direction=language["direction"],
        spaced=bool(language["spaced"]),
        has_case=bool(language["has_case"]),
        verb_final=bool(language["verb_final"]),
        date_grammar=language["date_grammar"],
        fallback_for=tuple(language.get("fallback_for", ())),
        settings=dict(manifest.get("settings", {})),
        tables=tables,
    )


def _folders() -> Iterator[Path]:
    return (p for p in sorted(FOLDER.iterdir()) if (p / "pack.toml").is_file())


@cache
def all_packs() -> tuple[LanguagePack, ...]:
    return tuple(load_pack(folder) for folder in _folders())


def codes() -> tuple[str, ...]:
    return tuple(p.code for p in all_packs())


@cache
def pack(lang: str, script: str | None = None) -> LanguagePack:
    """The pack for a language tag (``zh-Hant`` → ``zh``); without one, the fallback, logged.

    The fallback is the pack that names ``script`` (the text's main script) in its
    ``fallback_for``, else the one that names Latin.
    """
    base = lang.split("-")[0].lower()
    by_code = {p.code: p for p in all_packs()}
    if base in by_code:
        return by_code[base]
    wanted = script or "Latin"
    chosen = next((p for p in all_packs() if wanted in p.fallback_for), None)
    chosen = chosen or next(p for p in all_packs() if "Latin" in p.fallback_for)
    log.warning("no language pack for %r: reading it with the %r pack's rules", lang, chosen.code)
    return chosen
