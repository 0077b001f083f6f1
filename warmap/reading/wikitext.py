"""The wikitext reader: MediaWiki markup → readable text with an exact map back to the source.

mwparserfromhell gives a tree whose nodes print back to exactly the markup they
came from, so walking it with a running offset yields the source span of every
node without searching. Readable characters are copied from the source (their
offset is where they stand) or, rarely, synthesised (a newline for ``<br>``, a
separator between list items); those point at the markup that produced them.

Templates are looked up in ``data/templates.tsv``: link-carrying ones are
rendered as the text they show with their targets kept as links; infoboxes
become fields; every other template (citations, maintenance tags, flags'
icons, footnotes) is left out of the readable text.

Decisions: file and image captions are left out with their markup (they
describe pictures, not the campaign), and so are the links inside them; the
infobox is ``Document.infobox`` only, its links are not in ``Document.links``
(every link there has a readable span); bare URLs are left out; language
conversion shows one variant (zh-hans, else zh-cn, else zh, else the first)
and keeps the others as aliases; an opener nothing closes is left out. A text
that ends inside a template or link is refused as truncated (InputError).
"""

from __future__ import annotations

import csv
import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)

from warmap.errors import InputError
from warmap.model import Link, Section, Source

DATA_DIR = Path(__file__).resolve().parent / "data"

# Namespaces whose links are not part of the prose: files, categories (and their zh names).
_HIDDEN_NAMESPACES = {
    "file", "image", "media", "category", "文件", "檔案", "档案", "图像", "圖像", "影像", "分类", "分類",
    "پرونده", "تصویر", "رده", "ملف", "صورة", "تصنيف", "파일", "분류", "ファイル", "画像", "カテゴリ",
}  # fmt: skip
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8})*$")
_DISAMBIGUATOR = re.compile(r"^(.*?)[ _]*[(（]([^()（）]+)[)）]\s*$")
_SKIPPED_TAGS = {
    "ref", "references", "gallery", "math", "chem", "score", "timeline", "templatedata",
    "imagemap", "graph", "mapframe", "maplink", "syntaxhighlight", "source", "inputbox", "categorytree",
}  # fmt: skip
# Unbalanced bold/italic quotes and behaviour switches (__TOC__) survive parsing as text.
# Stray [[ ]] (a link the parser could not close) likewise.
_LEFTOVER_MARKUP = re.compile(r"'{2,}|__[A-Z]{3,20}__|\[\[|\]\]")
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)")  # left where a template inside brackets was dropped
_LINE_TAGS = {"br", "hr", "p", "li", "tr", "div"}
_CELL_TAGS = {"td", "th", "caption"}


@cache
def template_catalogue() -> dict[str, tuple[str, str]]:
    """Template name (folded; "x*" is a prefix, "*x" a suffix) → (role, params), from data/templates.tsv."""
    with open(DATA_DIR / "templates.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["template"]: (row["role"], row["params"] or "") for row in rows}


@cache
def country_names() -> dict[str, dict[str, str]]:
    """Country template key (folded) → {"en": name, "zh": name}, from data/countries.tsv."""
    with open(DATA_DIR / "countries.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {fold_template_name(row["key"]): {"en": row["en"], "zh": row["zh"]} for row in rows}


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


def split_target(title: str) -> tuple[str, str | None]:
    """'九州_(日本)' → ('九州', '日本'); fragments and underscores removed."""
    title = title.replace("_", " ").strip()
    if title.startswith(":"):
        title = title[1:].strip()
    if "#" in title and not title.startswith("#"):
        title = title.split("#", 1)[0].strip()
    match = _DISAMBIGUATOR.match(title)
    if match and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip()
    return title, None


class _Builder:
    """Readable text in pieces, with the source offset of each readable character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []

    def __len__(self) -> int:
        return len(self.offsets)

    def copy(self, text: str, at: int) -> None:
        if text:
            self.parts.append(text)
            self.offsets.extend(range(at, at + len(text)))

    def synth(self, text: str, at: int) -> None:
        if text:
            self.parts.append(text)
            self.offsets.extend([at] * len(text))

    def mark(self) -> tuple[int, int]:
        """A position to take the text written since: (readable length, parts count)."""
        return len(self.offsets), len(self.parts)

    def since(self, mark: tuple[int, int]) -> str:
        return "".join(self.parts[mark[1] :])

    def ends_with_space(self) -> bool:
        return not self.parts or self.parts[-1][-1:].isspace()

    def text(self) -> str:
        return "".join(self.parts)


class WikitextReader:
    """One pass over one source; results in the attributes after ``read()``."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.out = _Builder()
        self.links: list[Link] = []
        self.headings: list[tuple[str, int, int, int]] = []  # title, level, start, heading_end
        self.infobox: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self.hidden_starts: list[int] = []
        self.hidden_ends: list[int] = []
        self.skip_until = 0  # source offset before which nothing more is read (caption remnants)

    # ------------------------------------------------------------ driver
    def read(self) -> WikitextReader:
        text = self.source.text
        scan = scan_brackets(text)
        if scan.problem:
            raise InputError(self.source.path or self.source.name, scan.problem)
        self._hide(find_conversions(text), scan)
        parsed = defuse(text, scan.unclosed)
        for start, end in zip(scan.cuts, scan.cuts[1:], strict=False):
            if start in scan.skipped:
                continue  # a <ref>…</ref> outside any markup: never readable, not worth parsing
            try:
                code = mwparserfromhell.parse(parsed[start:end], skip_style_tags=False)
            except mwparserfromhell.parser.ParserError as error:  # pragma: no cover - parser bug
                where = self.source.path or self.source.name
                raise InputError(where, f"cannot parse wikitext ({error})") from None
            self._walk(code.nodes, start)
        return self

    def sections(self) -> list[Section]:
        """Headings with the span they govern: up to the next heading of the same or higher level."""
        result: list[Section] = []
        open_sections: list[Section] = []
        for title, level, start, heading_end in self.headings:
            while open_sections and open_sections[-1].level >= level:
                open_sections.pop().end = start
            section = Section(
                title=title, level=level, start=start, end=len(self.source.text), heading_end=heading_end
            )
            result.append(section)
            open_sections.append(section)
        return result

    def alias_map(self) -> dict[str, list[str]]:
        return {key: sorted(values) for key, values in sorted(self.aliases.items()) if values}

    # ------------------------------------------------------------ conversion markup
    def _hide(self, conversions: list[Conversion], scan: Scan) -> None:
        """Leave out the variants not chosen and the openers nothing closes; collect aliases."""
        spans = [span for conversion in conversions for span in conversion.hidden] + scan.unclosed
        spans.sort()
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.hidden_starts = [start for start, _ in merged]
        self.hidden_ends = [end for _, end in merged]
        for conversion in conversions:
            self._add_aliases(conversion.variants)

    def _add_aliases(self, variants: list[str]) -> None:
        plain = sorted({_plain(v) for v in variants} - {""})
        for variant in plain:
            self.aliases.setdefault(variant, set()).update(v for v in plain if v != variant)

    def _hidden(self, offset: int) -> bool:
        index = bisect_right(self.hidden_starts, offset) - 1
        return index >= 0 and offset < self.hidden_ends[index]

    def _copy_visible(self, text: str, at: int) -> None:
        """Copy a run of source text, leaving out the parts conversion markup hides."""
        end = at + len(text)
        index = max(bisect_right(self.hidden_starts, at) - 1, 0)
        cursor = at
        while index < len(self.hidden_starts) and self.hidden_starts[index] < end:
            hidden_start, hidden_end = self.hidden_starts[index], self.hidden_ends[index]
            if hidden_end > cursor:
                if hidden_start > cursor:
                    self.out.copy(text[cursor - at : hidden_start - at], cursor)
                cursor = max(cursor, hidden_end)
            index += 1
        if cursor < end:
            self.out.copy(text[cursor - at :], cursor)

    def _text(self, text: str, at: int) -> None:
        """Plain text, less what the parser leaves as text but MediaWiki treats as markup."""
        if at < self.skip_until:
            text, at = text[self.skip_until - at :], max(at, self.skip_until)
        if "''" not in text and "__" not in text and "[[" not in text and "]]" not in text:
            self._copy_visible(text, at)
            return
        cursor = 0
        for match in _LEFTOVER_MARKUP.finditer(text):
            self._copy_visible(text[cursor : match.start()], at + cursor)
            cursor = match.end()
        self._copy_visible(text[cursor:], at + cursor)

    # ------------------------------------------------------------ the walk
    def _walk(self, nodes: list, at: int) -> None:
        for node in nodes:
            length = len(str(node))
            if not isinstance(node, Text) and (at < self.skip_until or self._hidden(at)):
                at += length
                continue
            if isinstance(node, Text):
                self._text(node.value, at)
            elif isinstance(node, Wikilink):
                self._wikilink(node, at, length)
            elif isinstance(node, Template):
                self._template(node, at, length)
            elif isinstance(node, Tag):
                self._tag(node, at, length)
            elif isinstance(node, Heading):
                self._heading(node, at, length)
            elif isinstance(node, HTMLEntity):
                self.out.synth(html.unescape(str(node)).replace("\xa0", " "), at)
            elif isinstance(node, ExternalLink):
                if node.brackets and node.title is not None:
                    title_at = at + 1 + len(str(node.url)) + (0 if node.suppress_space else 1)
                    self._walk(node.title.nodes, title_at)
            elif isinstance(node, Comment | Argument):
                pass
            at += length

    def _heading(self, node: Heading, at: int, length: int) -> None:
        mark = self.out.mark()
        self._walk(node.title.nodes, at + node.level)
        title = " ".join(self.out.since(mark).split())
        end = at + length
        rest = self.source.text
        while end < len(rest) and rest[end] in " \t":
            end += 1
        if end < len(rest) and rest[end] == "\n":
            end += 1
        self.headings.append((title, node.level, at, end))

    def _wikilink(self, node: Wikilink, at: int, length: int) -> None:
        title = str(node.title)
        bare = title.strip().lstrip(":")
        namespace = bare.split(":", 1)[0].strip().lower() if ":" in bare else ""
        if namespace in _HIDDEN_NAMESPACES and not title.strip().startswith(":"):
            self._skip_caption_remnant(at + length)
            return
        if namespace and _INTERLANGUAGE.match(namespace) and not title.strip().startswith(":"):
            return  # [[en:Korean War]]: a link to another language's wiki, not prose
        target, hint = split_target(bare)
        start = self.out.mark()
        if node.text is not None and not str(node.text) and target in title:
            self._copy_visible(target, at + 2 + title.index(target))  # pipe trick: [[仁川 (韩国)|]]
        elif node.text is not None:
            self._walk_stripped(node.text.nodes, at + 2 + len(title) + 1)
        else:
            self._walk_stripped(node.title.nodes, at + 2)
        self._add_link(target, hint, "wikilink", at, at + length, start)

    def _skip_caption_remnant(self, end: int) -> None:
        """Skip what is left of a cut caption: "[[File:x.jpg|thumb]]正在炮轟[[清津市]]]]".

        Some article dumps keep the tail of a caption whose inner link broke the
        file link; the tail runs to a "]]" that closes nothing, at the end of the line.
        """
        text = self.source.text
        line_end = text.find("\n", end)
        rest = text[end : line_end if line_end >= 0 else len(text)].rstrip()
        if len(rest) <= 500 and rest.endswith("]]") and rest.count("]]") > rest.count("[["):
            self.skip_until = end + len(rest)

    def _add_link(
        self,
        target: str,
        hint: str | None,
        kind: str,
        start: int,
        end: int,
        mark: tuple[int, int],
        foreign: str | None = None,
    ) -> None:
        shown = self.out.since(mark)
        if not target:
            return
        self.links.append(
            Link(
                target=target, shown=shown, start=start, end=end, hint=hint, kind=kind,
                readable_start=mark[0], readable_end=len(self.out), foreign=foreign,
            )
        )  # fmt: skip

    def _walk_stripped(self, nodes: list, at: int) -> None:
        """Walk nodes, leaving out the whitespace at both ends (template parameters are padded)."""
        nodes = list(nodes)
        while nodes and isinstance(nodes[0], Text) and not nodes[0].value.strip():
            at += len(nodes.pop(0).value)
        while nodes and isinstance(nodes[-1], Text) and not nodes[-1].value.strip():
            nodes.pop()
        if not nodes:
            return
        if isinstance(nodes[0], Text):
            value = nodes[0].value
            skipped = len(value) - len(value.lstrip())
            nodes[0] = Text(value[skipped:])
            at += skipped
        if isinstance(nodes[-1], Text):
            nodes[-1] = Text(nodes[-1].value.rstrip())
        self._walk(nodes, at)

    # ------------------------------------------------------------ templates
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
        target, hint = split_target(_plain(str(target_param[1])))
        shown_param = params.get(roles.get("shown", "")) or target_param
        foreign_param = params.get(roles.get("foreign", ""))
        foreign = _plain(str(foreign_param[1])) if foreign_param else ""
        mark = self.out.mark()
        self._walk_stripped(shown_param[1].nodes, shown_param[2])
        self._add_link(
            target, hint, name, at, at + length, mark, foreign=foreign.split("#")[0].strip() or None
        )

    def _country(self, name: str, shown: tuple | None, key: tuple | None, at: int, length: int) -> None:
        """{{flag|X|name=Y}}, {{flagcountry|X}}, {{USA}}: the country's name, as a link to it."""
        code = _plain(str(key[1])) if key else name
        known = country_names().get(fold_template_name(code))
        target = known["en"] if known else code
        mark = self.out.mark()
        if shown is not None and (shown is not key or not known):
            self._walk_stripped(shown[1].nodes, shown[2])
        elif known:
            self.out.synth(known["zh"] if self.source.lang == "zh" else known["en"], at)
        self._add_link(target, None, name, at, at + length, mark)

    def _read_infobox(self, params: dict) -> None:
        for key, (_, value, value_at) in params.items():
            if key.isdigit() or key in self.infobox:
                continue
            reader = WikitextReader(self.source)
            reader.hidden_starts, reader.hidden_ends = self.hidden_starts, self.hidden_ends
            reader._walk(value.nodes, value_at)
            plain = " ".join(_EMPTY_BRACKETS.sub("", reader.out.text()).split())
            if plain:
                self.infobox[key] = plain

    # ------------------------------------------------------------ tags
    def _tag(self, node: Tag, at: int, length: int) -> None:
        name = str(node.tag).strip().lower()
        if name in _SKIPPED_TAGS or node.self_closing or node.contents is None:
            if name in _LINE_TAGS and not self.out.ends_with_space():
                self.out.synth("\n", at)
            return
        if node.wiki_markup:
            close = node.closing_wiki_markup or ""
        else:
            close = "</" + str(node.closing_tag) + ">"
        contents_at = at + length - len(close) - len(str(node.contents))
        if name in _LINE_TAGS and not self.out.ends_with_space():
            self.out.synth("\n", at)
        self._walk(node.contents.nodes, contents_at)
        if name in _CELL_TAGS and not self.out.ends_with_space():
            self.out.synth(" ", at + length - 1)


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
def _plain(markup: str) -> str:
    """Markup → its plain text, for aliases and link targets built from parameters."""
    code = mwparserfromhell.parse(markup)
    return " ".join(code.strip_code(normalize=True, collapse=True).split())


# ---------------------------------------------------------------- bracket balance
_RAW_TAGS = "nowiki|pre|math|syntaxhighlight|source|code|score|timeline|chem"
_VOID_TAGS = {
    "br",
    "hr",
    "wbr",
    "img",
    "meta",
    "link",
    "col",
    "area",
    "base",
    "input",
    "param",
    "track",
    "embed",
}
_BRACKETS = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|<!--|(?m:^=)|\n[ \t\r]*\n|(?m:^[ \t]*\{\|)|(?m:^[ \t]*\|\}(?!\}))"
    r"|\[(?=https?:|ftp:|mailto:|//)"
    rf"|<(?P<raw>{_RAW_TAGS})\b[^<>]*?(?P<raw_closed>/?)>"
    r"|<(?P<slash>/?)(?P<tag>[a-z][a-z0-9]*)\b[^<>]*?(?P<closed>/?)>",
    re.IGNORECASE,
)
_HEADING_LINE = re.compile(r"(={1,6})[^=\n][^\n]*?\1[ \t]*(?:<!--.*?-->[ \t]*)*\r?$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
STALE_OPENER = 100_000  # characters after which an unclosed {{ or <div> no longer holds a paragraph cut


@dataclass
class Scan:
    """What one linear pass over the markup finds before parsing.

    ``cuts``: offsets where the text is parsed in separate pieces; ``skipped``:
    starts of pieces never parsed (<ref>s, an unclosed comment to the end);
    ``unclosed``: spans of openers that nothing closes ({{, [[, {|, [http, <tag>),
    which the parser is given defused and the reader leaves out; ``problem``:
    why the text looks truncated, if it does.
    """

    cuts: list[int]
    skipped: set[int]
    unclosed: list[tuple[int, int]]
    problem: str | None = None


class _Openers:
    """The stack of open constructs, with counts so that closing is O(1) when nothing matches."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []  # kind, start, end of the opener
        self.counts: dict[str, int] = {}
        self.unclosed: list[tuple[int, int]] = []

    def push(self, kind: str, start: int, end: int) -> None:
        self.stack.append((kind, start, end))
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def _pop(self) -> tuple[str, int, int]:
        entry = self.stack.pop()
        self.counts[entry[0]] -= 1
        return entry

    def close(self, kind: str) -> None:
        """Close the innermost ``kind``; what was opened inside it stays unclosed; a stray closer closes nothing."""
        if self.counts.get(kind, 0) > 0:
            while True:
                entry = self._pop()
                if entry[0] == kind:
                    return
                self.unclosed.append((entry[1], entry[2]))

    def close_top(self, kind: str) -> None:
        if self.stack and self.stack[-1][0] == kind:
            self._pop()

    def clear(self) -> None:
        self.unclosed.extend((start, end) for _, start, end in self.stack)
        self.stack.clear()
        self.counts.clear()


def scan_brackets(text: str) -> Scan:
    """Cut points, unclosed openers and truncation, in one linear pass.

    mwparserfromhell slows down superlinearly on long inputs, and quadratically
    on unclosed constructs (it retries each to the end of its input), so pages
    are parsed piece by piece, and openers that nothing closes are defused
    first. Cuts fall on heading lines, and on blank lines where nothing is open
    (an opener older than STALE_OPENER characters is taken for a stray).

    The text is truncated when it ends inside a template or link opened in its
    last paragraph: what a cut-off download looks like. Real articles carry
    stray unclosed templates too (the bundled one does), but more paragraphs
    follow them; those are read as text, as MediaWiki does.
    """
    scan = Scan(cuts=[0], skipped=set(), unclosed=[])
    openers = _Openers()
    position = 0
    length = len(text)
    line_end = next_close = -1  # for [http… links: the current line's end and its next "]"
    raw_unclosed: set[str] = set()  # raw tags with no closer left: don't search again
    while position < length:
        match = _BRACKETS.search(text, position)
        if match is None:
            break
        token = match.group(0)
        position = match.end()
        if token == "<!--":
            close = text.find("-->", position)
            if close < 0:  # an unclosed comment hides the rest, as in MediaWiki
                scan.cuts.append(match.start())
                scan.skipped.add(match.start())
                break
            position = close + 3
        elif match.group("raw"):
            raw = match.group("raw").lower()
            if not match.group("raw_closed"):
                closer = re.compile(r"</" + re.escape(raw) + r"\s*>", re.IGNORECASE)
                close = None if raw in raw_unclosed else closer.search(text, position)
                if close is None:
                    raw_unclosed.add(raw)
                    scan.unclosed.append((match.start(), match.end()))
                else:
                    position = close.end()
        elif match.group("tag"):
            tag = match.group("tag").lower()
            if match.group("closed") or tag in _VOID_TAGS:
                continue
            if match.group("slash"):
                openers.close("<" + tag)
                continue
            ref_end = _skippable_ref(text, match) if not openers.stack else None
            if ref_end is not None:
                scan.cuts += [match.start(), ref_end]
                scan.skipped.add(match.start())
                position = ref_end
            else:
                openers.push("<" + tag, match.start(), match.end())
        elif token in ("{{", "[["):
            openers.push(token, match.start(), match.end())
        elif token == "}}":
            openers.close("{{")
        elif token == "]]":
            openers.close_top("[[")
        elif token == "[":  # an external link closes on its own line or not at all
            if line_end <= match.start() or next_close < match.start():
                line_end = text.find("\n", position)
                line_end = length if line_end < 0 else line_end
                next_close = text.find("]", position, line_end)
                next_close = line_end if next_close < 0 else next_close
            if next_close == line_end:
                scan.unclosed.append((match.start(), match.end()))
        elif token.lstrip(" \t") == "{|":
            openers.push("{|", match.end() - 2, match.end())
        elif token.lstrip(" \t") == "|}":
            openers.close("{|")
        elif token.startswith("\n"):
            if not openers.stack or match.start() - openers.stack[0][1] > STALE_OPENER:
                openers.clear()
                scan.cuts.append(match.start() + 1)
            position = match.end() - 1  # the blank line's last newline may start a heading or table
        elif match.start() > 0 and _HEADING_LINE.match(text, match.start()):
            openers.clear()
            scan.cuts.append(match.start())
    brackets = [(kind, start) for kind, start, _ in openers.stack if kind in ("{{", "[[")]
    if brackets and not _BLANK_LINE.search(text, brackets[-1][1]):
        kind, opened = brackets[-1]
        line = text.count("\n", 0, opened) + 1
        what = "template" if kind == "{{" else "link"
        scan.problem = f"truncated wikitext: {what} opened at line {line} is never closed"
    openers.clear()
    scan.cuts = sorted(set(scan.cuts + [length]))
    scan.unclosed = sorted(scan.unclosed + openers.unclosed)
    return scan


_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
MAX_REF = 20_000  # characters; bounds the search for a closer so that scanning stays linear
# A piece must not start with what the parser reads as line-start markup (lists, headings, tables…).
_LINE_START_MARKUP = set("*#:;= {|-\n")


def _skippable_ref(text: str, match: re.Match) -> int | None:
    """The end of a <ref>…</ref> that can be cut out of the text, or None."""
    if match.group("tag").lower() != "ref":
        return None
    close = _REF_CLOSE.search(text, match.end(), match.end() + MAX_REF)
    if close is None or "<ref" in text[match.end() : close.start()].lower():
        return None  # unclosed, nested or implausibly long: left to the parser
    line_start = text.rfind("\n", 0, match.start()) + 1
    if text.startswith("=", line_start) or text[close.end() : close.end() + 1] in _LINE_START_MARKUP:
        return None
    return close.end()


def defuse(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each unclosed opener blanked: same length, nothing for the parser to retry."""
    if not spans:
        return text
    pieces = []
    cursor = 0
    for start, end in spans:
        if start >= cursor:
            pieces.append(text[cursor:start])
            pieces.append(" " * (end - start))
            cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


# ---------------------------------------------------------------- conversion markup
_VARIANT = re.compile(r"\s*(zh(?:-[a-z]{2,4})?)\s*:", re.IGNORECASE)
PREFERRED_VARIANTS = ("zh-hans", "zh-cn", "zh")
MAX_CONVERSION = 3_000  # characters; longer -{…}- spans (nested or stray markers) are not read as rules
# "}-" closes a conversion unless its brace ends a template: "{{main|a}}-{…}-" has one conversion.
_CONVERSION_MARKERS = re.compile(r"-\{(?!\{)|(?<!\})\}-|(?<=[^}]\}\})\}-")
# Flags before "|": single letters (A, H, R, D, T, -) and/or the variants the rule is limited to.
_FLAGS = re.compile(r"\s*((?:zh(?:-[a-z]{2,4})?|[A-Za-z-])(?:\s*;\s*(?:zh(?:-[a-z]{2,4})?|[A-Za-z-]))*)\s*\|")
_HIDING_FLAGS = set("HTD-")


@dataclass
class Conversion:
    """One -{…}- span: which source spans to hide and the variants it offers."""

    start: int
    end: int
    hidden: list[tuple[int, int]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


def split_variants(content: str) -> list[tuple[str, str, int, int]]:
    """'zh-hans:A;zh-hant:B' → [(code, text, start, end)] with spans in ``content``; [] if no rules."""
    pieces = []
    depth = 0
    start = 0
    for index, char in enumerate(content):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0:
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(content)))
    result = []
    for piece_start, piece_end in pieces:
        piece = content[piece_start:piece_end]
        if not piece.strip():
            continue
        match = _VARIANT.match(piece)
        if match is None:
            if not result:
                return []
            # "zh-hans:A;B" is not a rule list MediaWiki accepts; treat the ; as part of the text.
            code, _, value_start, _ = result[-1]
            result[-1] = (code, content[value_start:piece_end].strip(), value_start, piece_end)
            continue
        value_start = piece_start + match.end()
        value = content[value_start:piece_end]
        lead = len(value) - len(value.lstrip())
        value_start += lead
        value_end = value_start + len(value.strip())
        result.append((match.group(1).lower(), content[value_start:value_end], value_start, value_end))
    return result


def choose_variant(variants: list[tuple[str, str, int, int]]) -> tuple[str, str, int, int]:
    """zh-hans when offered, else zh-cn, else zh, else the first: one reading for every run."""
    for preferred in PREFERRED_VARIANTS:
        for variant in variants:
            if variant[0] == preferred:
                return variant
    return variants[0]


def find_conversions(text: str) -> list[Conversion]:
    """Every -{…}- span with what to hide so that exactly one variant stays readable."""
    conversions = []
    stack: list[int] = []
    for match in _CONVERSION_MARKERS.finditer(text):
        if match.group(0) == "}-":
            if stack:
                conversions.append(_conversion(text, stack.pop(), match.end()))
        else:
            stack.append(match.start())
    return sorted(conversions, key=lambda c: c.start)


def _conversion(text: str, start: int, end: int) -> Conversion:
    conversion = Conversion(start, end, hidden=[(start, start + 2), (end - 2, end)])
    if end - start > MAX_CONVERSION:
        return conversion  # not a rule list: show the content, drop the markers
    body_start = start + 2
    content = text[body_start : end - 2]
    flags = _FLAGS.match(content)
    if flags and not _VARIANT.match(content):
        letters = {flag.strip() for flag in flags.group(1).split(";") if len(flag.strip()) == 1}
        conversion.hidden.append((body_start, body_start + flags.end()))
        body_start += flags.end()
        content = text[body_start : end - 2]
        if letters & _HIDING_FLAGS:
            conversion.hidden.append((body_start, end - 2))
            conversion.variants = [v[1] for v in split_variants(content)]
            return conversion
        if "R" in letters:
            return conversion
    variants = split_variants(content)
    if not variants:
        return conversion
    chosen = choose_variant(variants)
    conversion.variants = [v[1] for v in variants]
    conversion.hidden.append((body_start, body_start + chosen[2]))
    conversion.hidden.append((body_start + chosen[3], end - 2))
    return conversion
