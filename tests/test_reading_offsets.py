"""Property tests: the offset map is exact, and no wikitext makes the reader fail other than InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmap.errors import InputError
from warmap.model import Document, Source
from warmap.paths import corpus_dir
from warmap.reading import read_document
from warmap.reading.wikitext import country_names

ARTICLE = (corpus_dir() / "zh-korean-war.wikitext").read_text(encoding="utf-8")
SEPARATORS = "\n 、"  # the only characters the reader may write that are not copied

# Prose characters: CJK, Persian, Latin, digits and punctuation that never start markup.
PROSE = st.text(
    alphabet=st.sampled_from(list("朝鲜战争仁川汉城韓國戰爭سئولکرهabcXYZ0123۱۹۵۰，。（）、.()?!")),
    min_size=1,
    max_size=12,
)
TITLE = st.text(alphabet=st.sampled_from(list("朝鲜仁川汉城江原道ab")), min_size=1, max_size=6)


@st.composite
def construct(draw) -> str:
    """One piece of wikitext: prose or one of the constructs the reader handles."""
    t, u, p = draw(TITLE), draw(TITLE), draw(PROSE)
    return draw(
        st.sampled_from(
            [
                p, p, p,
                f"[[{t}]]", f"[[{t}|{u}]]", f"[[{t}_({u})|{p}]]",
                f"{{{{main|{t}}}}}", f"{{{{seealso|{t}|{u}}}}}", f"{{{{le|{t}|Eng {u}}}}}",
                f"{{{{link-en|{t}|En|{u}}}}}", f"{{{{tsl|en|En|{t}}}}}", f"{{{{lang|ko|{p}}}}}",
                f"{{{{lang-ko|{p}}}}}", f"<ref>{p}</ref>", f'<ref name="{t}"/>', f"<!-- {p} -->",
                f"'''{p}'''", f"''{p}''", f"-{{zh-hans:{t};zh-hant:{u}}}-", f"-{{{p}}}-", "-{}-",
                f"\n== {t} ==\n", f"\n=== {t} ===\n", f"{{{{cn|date={p}}}}}", f"[[File:{t}.png|thumb|{p}]]",
                f"\n{{| class=wikitable\n|-\n| {p} || [[{t}]]\n|}}\n", f"<small>{p}</small>", "<br/>",
                f"{{{{Infobox Military Conflict|place=[[{t}]]|date={p}}}}}", "\n\n", "\n* ",
                f"<div>{p}\n\n{u}</div>", f"<ref>{p}\n\n{t}</ref>", f"{{{{Cquote|{p}\n\n[[{t}]]}}}}",
                f"\n{{|\n|-\n| {p}\n\n| {u}\n|}}\n",
            ]
        )
    )  # fmt: skip


WIKITEXT = st.lists(construct(), min_size=1, max_size=25).map("".join)


def synthesised(doc: Document) -> set[int]:
    """Readable indices of country names written for {{USA}}, {{flag|…}}: not in the source."""
    kinds = {"flag", "flagcountry", *country_names()}
    return {
        i for link in doc.links if link.kind in kinds for i in range(link.readable_start, link.readable_end)
    }


def check_document(doc: Document) -> None:
    """The invariants every Document keeps, whatever its input."""
    source = doc.source.text
    written = synthesised(doc)
    assert len(doc.offsets) == len(doc.text) + 1
    previous = -1
    for index, char in enumerate(doc.text):
        offset = doc.offsets[index]
        assert 0 <= offset < len(source)
        assert offset >= previous, "offsets go forward"
        previous = offset
        if char not in SEPARATORS and index not in written and source[offset] != "&":  # &amp; → &
            assert source[offset] == char, (index, char, source[offset])
    assert len(doc.match_offsets) == len(doc.match_text) + 1
    assert doc.match_offsets[-1] == len(doc.text)
    for link in doc.links:
        assert source[link.start : link.end].startswith(("[[", "{{"))
        assert doc.text[link.readable_start : link.readable_end] == link.shown
    for section in doc.sections:
        assert source[section.start] == "=" and section.start < section.heading_end <= section.end
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(doc.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WIKITEXT)
def test_every_readable_character_maps_back_to_itself(text: str) -> None:
    doc = read_document(Source(name="gen.wikitext", text=text, lang="zh", format="wikitext"))
    check_document(doc)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}|=<>'-!*#:;&/ \nab朝ref")), max_size=80))
def test_random_markup_soup_never_raises_anything_but_input_error(text: str) -> None:
    try:
        doc = read_document(Source(name="soup", text=text, lang="zh", format="wikitext"))
    except InputError:
        return
    check_document(doc)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=len(ARTICLE) - 1), st.integers(min_value=200, max_value=6000))
def test_truncated_article_reads_or_says_truncated(end: int, length: int) -> None:
    text = ARTICLE[max(0, end - length) : end]
    try:
        doc = read_document(Source(name="cut", text=text, lang="zh", format="wikitext"))
    except InputError as error:
        assert error.where == "cut"
        return
    check_document(doc)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(ARTICLE)), st.integers(1, 1500)), min_size=2, max_size=5))
def test_spliced_article_pieces_never_raise_anything_but_input_error(cuts: list[tuple[int, int]]) -> None:
    text = "".join(ARTICLE[start : start + length] for start, length in cuts)
    try:
        doc = read_document(Source(name="spliced", text=text, lang="zh", format="wikitext"))
    except InputError:
        return
    check_document(doc)


def test_bundled_article_offsets_links_and_sections() -> None:
    doc = read_document(Source(name="zh", text=ARTICLE, lang="zh", format="wikitext"))
    check_document(doc)
    assert len(doc.sections) == 58 and len(doc.links) > 550
    for link in doc.links:
        assert ARTICLE[link.start : link.end].startswith(("[[", "{{"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WIKITEXT)
def test_markup_never_leaks_into_the_readable_text(text: str) -> None:
    doc = read_document(Source(name="gen.wikitext", text=text, lang="zh", format="wikitext"))
    for leftover in ("[[", "]]", "{{", "}}", "<ref", "</", "<div", "-{", "}-", "''", "{|", "|}", "zh-hans"):
        assert leftover not in doc.text, leftover


MARKUP_TOKENS = st.sampled_from(
    ["[[", "]]", "{{", "}}", "|", "=", "==", "\n", "\n\n", "<ref>", "</ref>", "<ref name=a/>", "<!--", "-->",
     "-{", "}-", "zh-hans:", ";", "'''", "''", "{|", "|}", "|-", "&amp;", "&#39;", "<br>", "<div>", "</div>",
     "<nowiki>", "</nowiki>", "File:", "main", "le", "Infobox", "lang", "USA", "flag", "朝", " ", "*", ":",
     "H|", "noteTA", "1=", "name=", "<b>", "</b>", "[http://x y]", "http://x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKUP_TOKENS, max_size=40).map("".join))
def test_random_markup_tokens_never_raise_anything_but_input_error(text: str) -> None:
    try:
        doc = read_document(Source(name="tokens", text=text, lang="zh", format="wikitext"))
    except InputError:
        return
    check_document(doc)
