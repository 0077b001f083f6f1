"""find_dates stays linear: a section's ancestors come from one sweep, heading links are looked at once.
Each is checked against the plain definition on random sections, and on a text told many times over."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warmap.chronology.dates import _chain, _chains, _heading_years, find_dates, parse_dates
from warmap.model import Document, Link, Section, Source
from warmap.reading import read_document
from warmap.reading.normalize import match_form

CORPUS = Path(__file__).resolve().parents[1] / "warmap" / "corpus"


def _document(sections: list[Section], links: list[Link] = ()) -> Document:
    text = "x" * 120
    match_text, match_offsets = match_form(text)
    return Document(
        Source("t.wikitext", text, "zh", "wikitext"), text, list(range(121)), match_text, match_offsets,
        sections=sections, links=list(links),
    )  # fmt: skip


_sections = st.lists(
    st.builds(
        lambda start, length, level, title: Section(title, level, start, start + length, start + 2),
        st.integers(0, 100),
        st.integers(-5, 60),  # a few are broken (end before start)
        st.integers(1, 4),
        st.sampled_from(["经过", "1950年", "1951年战役", "1950年与1951年"]),
    ),
    max_size=25,
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_sections)
def test_the_sweep_finds_each_sections_ancestors_as_the_plain_scan_does(sections: list[Section]) -> None:
    doc = _document(sections)
    chains = _chains(doc)
    for section in sections:
        assert [id(s) for s in chains[id(section)]] == [id(s) for s in _chain(doc, section)]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_sections, st.lists(st.tuples(st.integers(0, 119), st.sampled_from(["main", "see also", "wikilink"]))))
def test_heading_years_read_each_sections_own_links(
    sections: list[Section], links: list[tuple[int, str]]
) -> None:
    doc = _document(
        sections, [Link(f"{1950 + at % 3}年战役", "x", at, at + 1, kind=kind) for at, kind in links]
    )
    expected = {}
    for section in sections:  # the definition: every link of the section's body, not of a subsection
        texts = [section.title] + [
            link.target
            for link in doc.links
            if link.kind in ("main", "see also")
            and (section.heading_end or section.start) <= link.start < section.end
            and doc.section_at(link.start) is section
        ]
        years = {p.first.year for text in texts for p in parse_dates(text, "zh") if p.last is None}
        if len(years) == 1:
            expected[id(section)] = years.pop()
    assert _heading_years(doc) == expected


def test_a_text_told_four_times_dates_each_copy_alike() -> None:
    """Every copy opens its sections afresh: the last copy's dates are the first's."""
    text = (CORPUS / "zh-korean-war.wikitext").read_text(encoding="utf-8")
    once = find_dates(read_document(Source("t.wikitext", text, "zh", "wikitext")))
    four = find_dates(read_document(Source("t.wikitext", "\n".join([text] * 4), "zh", "wikitext")))

    def values(dates):
        return [(d.first.iso(), d.last.iso() if d.last else None, d.surface) for d in dates]

    assert len(four) == 4 * len(once)
    assert values(four[-len(once) :]) == values(once)
