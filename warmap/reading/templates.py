"""Templates: what each one shows in the readable text, from a reviewed catalogue.

Why a module of its own: a template's effect is data, not markup syntax. The
catalogue ``data/templates.tsv`` says whether a template carries links
({{main}}, {{le}}), shows some of its parameters as text, is an infobox
(read into fields), a flag or country name ({{flag|USA}}, {{USA}}; names in
``data/countries.tsv``, shown in the text's language from its pack), a noteta block of conversion rules (aliases only), or
is left out (citations, maintenance tags, icons, footnotes: every template the
catalogue does not know). ``TemplateReader`` holds the reading of each role; it
is mixed into ``wikitext.WikitextReader``, whose walk, offset map and link list
it writes into.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Template, Text

from warmap.languages.tags import own_pack
from warmap.reading.markup import split_target, split_variants

if TYPE_CHECKING:
    from warmap.model import Link, Source

DATA_DIR = Path(__file__).resolve().parent / "data"

_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)")  # left where a template inside brackets was dropped


@cache
def template_catalogue() -> dict[str, tuple[str, str]]:
    """Template name (folded; "x*" is a prefix, "*x" a suffix) → (role, params), from data/templates.tsv."""
    with open(DATA_DIR / "templates.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["template"]: (row["role"], row["params"] or "") for row in rows}


@cache
def country_names() -> dict[str, str]:
    """Country template key (folded) → the country's name as the gazetteer knows it, from data/countries.tsv."""
    with open(DATA_DIR / "countries.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {fold_template_name(row["key"]): row["name"] for row in rows}


@cache
def shown_country_names(lang: str) -> dict[str, str]:
    """Country template key (folded) → the name a text in this language shows (its pack's reading table)."""
    found = own_pack(lang)
    rows = found.rows("reading", "country_name") if found else ()
    return {fold_template_name(row.text): row.value for row in rows}


def template_role(name: str) -> tuple[str, str]:
    """The role of a template by its folded name; unknown templates are dropped.

    Country templates ({{USA}}, {{PRK}}) show the country's name.
    """
    catalogue = template_catalogue()
    if name in catalogue:
        return catalogue[name]
    for key, value in catalogue.items():
        if key.endswith("*") and name.startswith(key[:-1]) or key.startswith("*") and name.endswith(key[1:]):
            return value
    if name in country_names():
        return ("country", "")
    return ("drop", "")


def fold_template_name(raw: str) -> str:
    """MediaWiki treats '_' as ' ' and ignores case of the first letter; we ignore all case."""
    return " ".join(raw.replace("_", " ").split()).lower()


class TemplateReader:
    """The template roles, read into the readable text; a mixin for ``WikitextReader``.

    It relies on the reader's output builder (``out``), its walk (``_walk``,
    ``_walk_stripped``, ``_copy_visible``), ``_add_link`` and ``_add_aliases``,
    and the hidden spans of conversion markup that nested readers share.
    """

    source: Source
    infobox: dict[str, str]
    links: list[Link]
    hidden_starts: list[int]
    hidden_ends: list[int]

    def _template(self, node: Template, at: int, length: int) -> None:
        name = fold_template_name(str(node.name))
        role, spec = template_role(name)
        if role == "drop":
            return
        params = _param_positions(node, at)
        if role == "infobox":
            self._read_infobox(params)
        elif role == "noteta":
            for key, (_, value, _) in params.items():
                if key.isdigit() or key in {"T", "t"}:
                    rules = "".join(str(n) for n in value.nodes if not isinstance(n, Comment))
                    variants = split_variants(rules)
                    if variants:
                        self._add_aliases([text for _, text, _, _ in variants])
        elif role == "link":
            self._link_list(name, params, at, length)
        elif role == "interlang":
            self._interlanguage_link(name, spec, params, at, length)
        elif role == "flag":
            self._country(name, params.get("name") or params.get("1"), params.get("1"), at, length)
        elif role == "country":
            self._country(name, None, None, at, length)
        elif role == "text":
            keys = _positional(params) if spec == "positional" else spec.split()
            for key in keys:
                if key in params:
                    if not self.out.ends_with_space() and key != keys[0]:
                        self.out.synth("\n", params[key][2])
                    self._walk_stripped(params[key][1].nodes, params[key][2])
        elif role == "convert":
            for index, key in enumerate(spec.split()):
                if key in params:
                    if index:
                        self.out.synth(" ", params[key][2])
                    self._walk_stripped(params[key][1].nodes, params[key][2])

    def _link_list(self, name: str, params: dict, at: int, length: int) -> None:
        """{{main|A|B}}: each target shown and linked; every link's span is the whole template."""
        for number, key in enumerate(_positional(params)):
            _, value, value_at = params[key]
            if number:
                self.out.synth("、", value_at)
            if all(isinstance(n, Text) for n in value.nodes) and str(value).strip():
                raw = str(value)
                skipped = len(raw) - len(raw.lstrip())
                mark = self.out.mark()
                self._copy_visible(raw.strip(), value_at + skipped)
                target, hint = split_target(raw)
                self._add_link(target, hint, name, at, at + length, mark)
            else:
                self._walk_stripped(value.nodes, value_at)

    def _interlanguage_link(self, name: str, spec: str, params: dict, at: int, length: int) -> None:
        roles = dict(item.split("=", 1) for item in spec.split())
        target_param = params.get(roles.get("target", "1"))
        if target_param is None:
            return
        target, hint = split_target(plain_text(str(target_param[1])))
        shown_param = params.get(roles.get("shown", "")) or target_param
        foreign_param = params.get(roles.get("foreign", ""))
        foreign = plain_text(str(foreign_param[1])) if foreign_param else ""
        mark = self.out.mark()
        self._walk_stripped(shown_param[1].nodes, shown_param[2])
        self._add_link(
            target, hint, name, at, at + length, mark, foreign=foreign.split("#")[0].strip() or None
        )

    def _country(self, name: str, shown: tuple | None, key: tuple | None, at: int, length: int) -> None:
        """{{flag|X|name=Y}}, {{flagcountry|X}}, {{USA}}: the country's name, as a link to it."""
        code = plain_text(str(key[1])) if key else name
        key_name = fold_template_name(code)
        known = country_names().get(key_name)
        target = known or code
        mark = self.out.mark()
        if shown is not None and (shown is not key or not known):
            self._walk_stripped(shown[1].nodes, shown[2])
        elif known:
            self.out.synth(shown_country_names(self.source.lang).get(key_name, known), at)
        self._add_link(target, None, name, at, at + length, mark)

    def _read_infobox(self, params: dict) -> None:
        for key, (_, value, value_at) in params.items():
            if key.isdigit() or key in self.infobox:
                continue
            reader = type(self)(self.source)
            reader.hidden_starts, reader.hidden_ends = self.hidden_starts, self.hidden_ends
            reader._walk(value.nodes, value_at)
            plain = " ".join(_EMPTY_BRACKETS.sub("", reader.out.text()).split())
            if plain:
                self.infobox[key] = plain


def _param_positions(node: Template, at: int) -> dict[str, tuple[str, object, int]]:
    """Parameter name → (name, value Wikicode, source offset of the value); first wins."""
    result: dict[str, tuple[str, object, int]] = {}
    cursor = at + 2 + len(str(node.name))
    for param in node.params:
        cursor += 1  # the "|"
        key = str(param.name).strip()
        value_at = cursor + (len(str(param.name)) + 1 if param.showkey else 0)
        result.setdefault(key, (key, param.value, value_at))
        cursor += len(str(param))
    return result


def _positional(params: dict) -> list[str]:
    return sorted((key for key in params if key.isdigit()), key=int)


@lru_cache(maxsize=4096)
def plain_text(markup: str) -> str:
    """Markup → its plain text, for aliases and link targets built from parameters."""
    code = mwparserfromhell.parse(markup)
    return " ".join(code.strip_code(normalize=True, collapse=True).split())
