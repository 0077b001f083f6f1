"""The wikitext reader: MediaWiki markup → readable text with an exact map back to the source.

mwparserfromhell gives a tree whose nodes print back to exactly the markup they
came from, so walking it with a running offset yields the source span of every
node without searching. Readable characters are copied from the source (their
offset is where they stand) or, rarely, synthesised (a newline for ``<br>``, a
separator between list items); those point at the markup that produced them.

Before parsing, ``markup`` cuts the page into pieces, defuses openers nothing
closes and works out what -{…}- conversion markup hides. Templates are read by
``templates`` (mixed into the reader) from ``data/templates.tsv``: link-carrying
ones are rendered as the text they show with their targets kept as links;
infoboxes become fields; every other template (citations, maintenance tags,
flags' icons, footnotes) is left out of the readable text.

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
from functools import cache

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
from warmap.reading.markup import Conversion, Scan, defuse, find_conversions, scan_brackets, split_target
from warmap.reading.templates import DATA_DIR, TemplateReader, country_names, fold_template_name, plain_text

# DATA_DIR, country_names and fold_template_name moved to templates.py; tests still import them from here.
__all__ = ["WikitextReader", "DATA_DIR", "country_names", "fold_template_name"]


@cache
def hidden_namespaces() -> frozenset[str]:
    """Namespaces whose links are not part of the prose: files, categories, in every wiki (data/namespaces.tsv).

    The namespace names of each wiki are MediaWiki's, not a language's rules: they hold
    for any text, whatever its language, that was copied from that wiki.
    """
    with open(DATA_DIR / "namespaces.tsv", encoding="utf-8", newline="") as handle:
        return frozenset(row["namespace"].lower() for row in csv.DictReader(handle, delimiter="\t"))

_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8})*$")
_SKIPPED_TAGS = {
    "ref", "references", "gallery", "math", "chem", "score", "timeline", "templatedata",
    "imagemap", "graph", "mapframe", "maplink", "syntaxhighlight", "source", "inputbox", "categorytree",
}  # fmt: skip
# Unbalanced bold/italic quotes and behaviour switches (__TOC__) survive parsing as text.
# Stray [[ ]] (a link the parser could not close) likewise.
_LEFTOVER_MARKUP = re.compile(r"'{2,}|__[A-Z]{3,20}__|\[\[|\]\]")
_LINE_TAGS = {"br", "hr", "p", "li", "tr", "div"}
# Templates, links, tables and tags nested deeper than this are not read: the parse tree
# is walked recursively (here and in mwparserfromhell), and real articles nest a few levels.
MAX_NESTING = 100
_CELL_TAGS = {"td", "th", "caption"}


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


class WikitextReader(TemplateReader):
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
        where = self.source.path or self.source.name
        if scan.problem:
            raise InputError(where, scan.problem)
        if scan.depth > MAX_NESTING:
            # Openers nothing closes are defused before parsing and nest nothing: count what is closed.
            depth = scan_brackets(defuse(text, scan.unclosed)).depth
            if depth > MAX_NESTING:
                raise InputError(where, f"markup nested {depth} levels deep (at most {MAX_NESTING}); try --format text")
        try:
            self._read_pieces(text, scan)
        except RecursionError:
            raise InputError(where, "markup nested too deeply to read; try --format text") from None
        return self

    def _read_pieces(self, text: str, scan: Scan) -> None:
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
        plain = sorted({plain_text(v) for v in variants} - {""})
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
        if namespace in hidden_namespaces() and not title.strip().startswith(":"):
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
