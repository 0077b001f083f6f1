"""Which characters of the Chinese wikitext a reader sees: a mask over the source, built without warmap's code.

Skipped (see ../README.md): the {{about}} hatnote, {{noteTA}}, the infobox, <ref>s, comments, [[File:]]
links with captions, image/media/navbox/maintenance templates, citation templates, link targets,
the non-zh-hans variants of conversion markup, categories, and everything from == 注释 == on.
"""

from __future__ import annotations

import re

from jsonl_io import read_text

DOC = "zh-korean-war.wikitext"
SKIPPED_TEMPLATES = {
    "about", "noteta", "infobox military conflict", "multiple image", "external media", "cite web",
    "cite book", "cite news", "cite journal", "cite magazine", "rp", "r", "sfn", "cn", "dead link",
    "webarchive", "page needed", "en", "ko", "pov section", "pov-section", "commons+cat", "reflist",
    "refbegin", "refend", "notefoot", "朝鲜战争", "cold war", "韓戰紀念建築", "american conflicts",
    "prc conflicts", "ussr conflicts", "world war ii", "美國索引", "authority control", "youtube",
    "kor", "prk", "usa", "ussr", "prc", "roc", "jpn", "uk", "flagicon", "notetag",
}
# Templates whose first parameter is shown and the rest is not.
FIRST_PARAM_SHOWN = {"link-en", "le", "tsl", "rellink"}
# Templates whose every parameter is shown (the titles of the main/related articles).
ALL_PARAMS_SHOWN = {"main", "seealso", "see also"}


def _match_braces(text: str, i: int, open_: str, close: str) -> int:
    """Index just past the bracket group that starts at i (nesting-aware)."""
    depth, j = 0, i
    while j < len(text):
        if text.startswith(open_, j):
            depth += 1
            j += len(open_)
        elif text.startswith(close, j):
            depth -= 1
            j += len(close)
            if depth == 0:
                return j
        else:
            j += 1
    return len(text)


def skip_mask(text: str) -> list[bool]:
    """True for every character a reader does not see as prose."""
    skip = [False] * len(text)

    def hide(a: int, b: int) -> None:
        for k in range(a, b):
            skip[k] = True

    end_of_body = text.find("== 注释 ==")
    hide(end_of_body, len(text))
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        hide(m.start(), m.end())
    for m in re.finditer(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", text, re.S):
        hide(m.start(), m.end())
    for m in re.finditer(r"<[^>\n]+>", text):  # html tags themselves
        hide(m.start(), m.end())
    for m in re.finditer(r"\[\[(File|Image|Category|文件|圖像|分类):", text):
        end = _match_braces(text, m.start(), "[[", "]]")
        if m.start() == 0 or text[m.start() - 1] == "\n":  # a whole-line image: its caption runs to the end
            end = max(end, text.find("\n", m.start()) % (len(text) + 1))
        hide(m.start(), end)
    for m in re.finditer(r"\{\{\s*([^|}\n]+)", text):
        if skip[m.start()]:  # inside a ref or comment (some refs hold unclosed templates)
            continue
        name = m.group(1).strip().lower()
        end = _match_braces(text, m.start(), "{{", "}}")
        if name in SKIPPED_TEMPLATES or name.startswith("cite"):
            hide(m.start(), end)
        elif name in ALL_PARAMS_SHOWN:
            hide(m.start(), m.end())
            hide(end - 2, end)
            depth = 0
            for k in range(m.end(), end - 2):
                depth += text.startswith("{{", k) - text.startswith("}}", k)
                if depth == 0 and text[k] == "|":
                    hide(k, k + 1)
        elif name in FIRST_PARAM_SHOWN:
            inner = text[m.end():end - 2]
            first = inner.split("|")[1] if inner.count("|") else ""
            first_start = m.end() + inner.find("|") + 1 if first else end
            hide(m.start(), first_start)
            hide(first_start + len(first), end)
        else:  # lang, Cquote, Quote box, zh-hant…: hide the name, keep the parameters
            hide(m.start(), m.end())
            hide(end - 2, end)
    for m in re.finditer(r"\[\[([^\[\]|]*)\|", text):  # piped link: the target is not shown
        hide(m.start(), m.end())
    for m in re.finditer(r"\[\[|\]\]|'''|''", text):
        hide(m.start(), m.end())
    for m in re.finditer(r"-\{(.*?)\}-", text, re.S):
        _hide_other_variants(text, m, hide)
    return skip


def _hide_other_variants(text: str, m: re.Match, hide) -> None:
    """Keep the zh-hans variant (else zh-cn, else zh, else the first) of -{…}- markup; hide the rest."""
    hide(m.start(), m.start() + 2)
    hide(m.end() - 2, m.end())
    body_start = m.start(1)
    parts = [(p.start(), p.group()) for p in re.finditer(r"[^;]+", m.group(1))]
    variants = {}
    for start, part in parts:
        code, sep, value = part.partition(":")
        if sep and re.fullmatch(r"\s*zh(-[a-z]+)?\s*", code):
            variants[code.strip()] = (body_start + start + len(code) + 1, value)
    if not variants:
        return
    keep = next((variants[c] for c in ("zh-hans", "zh-cn", "zh", "zh-sg") if c in variants),
                next(iter(variants.values())))
    for start, part in parts:
        abs_start = body_start + start
        if not (abs_start <= keep[0] < abs_start + len(part)):
            hide(abs_start, abs_start + len(part))
        else:
            hide(abs_start, keep[0])
    hide(body_start + len(m.group(1)), m.end())


def readable(text: str, a: int, b: int, skip: list[bool]) -> str:
    """The visible characters of text[a:b], with ⟨offset⟩ markers after each hidden run."""
    out, hidden = [], False
    for k in range(a, b):
        if skip[k]:
            hidden = True
            continue
        if hidden or k == a:
            out.append(f"⟨{k}⟩")
            hidden = False
        out.append(text[k])
    return "".join(out)


if __name__ == "__main__":
    import sys

    src = read_text(DOC)
    mask = skip_mask(src)
    print(readable(src, int(sys.argv[1]), int(sys.argv[2]), mask))
