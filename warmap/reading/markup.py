"""Wikitext markup read by hand, before and beside the parser: bracket balance and language conversion.

Why a module of its own: mwparserfromhell cannot be given a whole article as
it is. It slows down superlinearly on long inputs and retries every unclosed
construct to the end of its input, and it knows nothing of -{…}- language
conversion rules. So, before parsing, one linear pass (``scan_brackets``)
finds where the text can be cut into pieces, which openers nothing closes
(``defuse`` blanks them) and whether the text looks truncated; and
``find_conversions`` decides which source spans conversion markup hides so
that exactly one variant stays readable. ``split_target`` reads a link title
('九州_(日本)' → target and disambiguator). Everything here works on plain
strings and source offsets; the reader in ``wikitext`` uses the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from warmap.languages import all_packs

_DISAMBIGUATOR = re.compile(r"^(.*?)[ _]*[(（]([^()（）]+)[)）]\s*$")


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
    depth: int = 0  # the deepest nesting of open constructs seen


class _Openers:
    """The stack of open constructs, with counts so that closing is O(1) when nothing matches."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []  # kind, start, end of the opener
        self.counts: dict[str, int] = {}
        self.unclosed: list[tuple[int, int]] = []
        self.depth = 0

    def push(self, kind: str, start: int, end: int) -> None:
        self.stack.append((kind, start, end))
        self.depth = max(self.depth, len(self.stack))
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
    scan.depth = openers.depth
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
MAX_CONVERSION = 3_000  # characters; longer -{…}- spans (nested or stray markers) are not read as rules
# "}-" closes a conversion unless its brace ends a template: "{{main|a}}-{…}-" has one conversion.
_CONVERSION_MARKERS = re.compile(r"-\{(?!\{)|(?<!\})\}-|(?<=[^}]\}\})\}-")
# Flags whose rule shows nothing where it stands (hidden, title, description, deletion).
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
        match = _variant().match(piece)
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


@cache
def _variant_code() -> str:
    """A variant code of a language that converts (zh, zh-hans, zh-tw): the packs' conversion_variant bases."""
    bases = sorted({v.split("-")[0] for v in preferred_variants()}) or ["(?!)"]
    return rf"(?:{'|'.join(bases)})(?:-[a-z]{{2,4}})?"


@cache
def _variant() -> re.Pattern[str]:
    """'zh-hans:' at the start of a conversion rule."""
    return re.compile(rf"\s*({_variant_code()})\s*:", re.IGNORECASE)


@cache
def _flags() -> re.Pattern[str]:
    """Flags before "|": single letters (A, H, R, D, T, -) and/or the variants the rule is limited to."""
    flag = rf"(?:{_variant_code()}|[A-Za-z-])"
    return re.compile(rf"\s*({flag}(?:\s*;\s*{flag})*)\s*\|")


@cache
def preferred_variants() -> tuple[str, ...]:
    """The ``conversion_variant`` rows of every pack, in order: which -{…}- variant is read."""
    return tuple(word.lower() for pack in all_packs() for word in pack.words("reading", "conversion_variant"))


def choose_variant(variants: list[tuple[str, str, int, int]]) -> tuple[str, str, int, int]:
    """The packs' first preferred variant offered (zh-hans, zh-cn, zh), else the first: one reading for every run."""
    for preferred in preferred_variants():
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
    flags = _flags().match(content)
    if flags and not _variant().match(content):
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
