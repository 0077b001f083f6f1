"""Lines the texts draw: town lists ending in 一线, rivers with 以南, parallels in any language."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmap.chronology.dates import find_dates
from warmap.fronts import fronts_from_text
from warmap.fronts.text_lines import _DateIndex, _sentence_date
from warmap.gazetteer import Gazetteer
from warmap.model import DateMention, DateValue, Document, Mention, ResolvedMention, Section, Source
from warmap.reading import read_document
from warmap.reading.normalize import match_form


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def _korean(gazetteer, name: str):
    for candidate in gazetteer.lookup(name):
        if candidate.place.country in ("KR", "KP"):
            return candidate.place
    raise AssertionError(f"gazetteer has no Korean place for {name}")


def _resolved(
    doc, gazetteer, names: list[str], qualifiers: dict[str, str] | None = None
) -> list[ResolvedMention]:
    """Mentions found by plain search in the readable text and resolved through the real gazetteer."""
    found = []
    for name in names:
        start = doc.text.index(name)
        end = start + len(name)
        source_start, source_end = doc.source_span(start, end)
        mention = Mention(
            doc=doc.name,
            lang=doc.lang,
            start=source_start,
            end=source_end,
            surface=name,
            key=name,
            readable_start=start,
            readable_end=end,
            qualifier=(qualifiers or {}).get(name),
        )
        found.append(ResolvedMention(mention, _korean(gazetteer, name), 0.9, "gazetteer"))
    return found


def _doc(text: str, lang: str = "zh", name: str = "t.txt"):
    return read_document(Source(name=name, text=text, lang=lang, format="text"))


def test_town_list_becomes_a_line_west_to_east(gazetteer):
    doc = _doc(
        "1951年1月4日，志愿军占领汉城。至1月7日，联合国军已退至三七线南北之三陟、平泽、安城、堤川、宁越一线。"
    )
    towns = ["三陟", "平泽", "安城", "堤川", "宁越"]
    fronts = fronts_from_text(doc, _resolved(doc, gazetteer, towns), find_dates(doc))
    town_line = [f for f in fronts if len(f.anchors) == 5]
    assert len(town_line) == 1
    front = town_line[0]
    assert front.origin == "text" and front.start == "1951-01-07"
    lons = [lon for lon, _ in front.geometry["coordinates"]]
    assert lons == sorted(lons)
    assert front.names["zh"].endswith("一线")
    source = doc.source.text[front.sources[0].start : front.sources[0].end]
    assert "宁越一线" in source
    parallels = [f for f in fronts if f.anchors == ["parallel:37"]]
    assert parallels and parallels[0].geometry["coordinates"][0][1] == 37.0


def test_river_with_south_of_is_the_river(gazetteer):
    doc = _doc("1950年11月25日志愿军发起攻击，聯军被打得措手不及，全面撤退至清川江以南。")
    fronts = fronts_from_text(doc, _resolved(doc, gazetteer, ["清川江"]), find_dates(doc))
    assert len(fronts) == 1
    assert fronts[0].geometry["type"] in ("LineString", "MultiLineString")
    assert fronts[0].start == "1950-11-25"


def test_a_town_alone_is_no_line(gazetteer):
    doc = _doc("1951年6月，志愿军在铁原一线阻止住联军的进攻。")
    assert fronts_from_text(doc, _resolved(doc, gazetteer, ["铁原"]), find_dates(doc)) == []


def test_persian_parallel_with_persian_digits():
    doc = _doc(
        "در ۲۵ ژوئن ۱۹۵۰م. نیروهای کره شمالی یورش بردند و خواستار پس‌نشینی به شمال مدار ۳۸ درجه شد.",
        lang="fa",
    )
    fronts = fronts_from_text(doc, [], find_dates(doc))
    assert len(fronts) == 1
    assert fronts[0].start == "1950-06-25"
    assert {lat for _, lat in fronts[0].geometry["coordinates"]} == {38.0}


def test_lines_outside_the_war_are_left_out():
    doc = _doc("1948年，三八线以北未参加选举。")
    assert fronts_from_text(doc, [], find_dates(doc)) == []


def test_same_line_same_day_is_one_front_with_two_sources():
    doc = _doc("1950年10月1日，韩军越过三八线。同日美军亦抵达三八线。")
    fronts = fronts_from_text(doc, [], find_dates(doc))
    assert len(fronts) == 1 and len(fronts[0].sources) == 2


def test_a_bare_year_is_too_vague_to_date_a_line():
    doc = _doc("1951年，联军再次越过三八线。")
    assert fronts_from_text(doc, [], find_dates(doc)) == []


# ---------------------------------------------------------------- linear in the text
def _plain_sentence_date(doc, start: int, end: int, dates: list[DateMention]) -> DateMention | None:
    """The definition: the first date inside the sentence, else the last before it in its section."""
    inside = [d for d in dates if start <= d.readable_start < end]
    if inside:
        return min(inside, key=lambda d: d.readable_start)
    section = doc.section_at(doc.source_span(start, end)[0])
    before = [
        d
        for d in dates
        if d.readable_start < start and (section is None or section.start <= d.start < section.end)
    ]
    return max(before, key=lambda d: d.readable_start) if before else None


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=20),
    st.lists(st.tuples(st.integers(0, 99), st.integers(1, 60)), max_size=6),
    st.integers(0, 99),
    st.integers(1, 20),
    st.booleans(),
)
def test_a_sentence_is_dated_by_bisection_as_by_the_plain_scan(dates, sections, start, length, monotone):
    """Dates whose source offsets follow their readable ones (as the readers make them) take the quick
    walk back; any others the plain scan. Both answer as the definition does, ties included."""
    text = "x" * 100
    match_text, match_offsets = match_form(text)
    doc = Document(
        Source("t.txt", text, "zh", "text"), text, list(range(101)), match_text, match_offsets,
        sections=[Section("s", 2, a, min(100, a + n)) for a, n in sections],
    )  # fmt: skip
    mentions = sorted(
        (
            DateMention("t.txt", readable if monotone else source, readable + 1, "x", DateValue(1950, 7), None,
                        readable, readable + 1)
            for readable, source in dates
        ),
        key=lambda d: d.readable_start,
    )  # fmt: skip
    end = min(100, start + length)
    assert _sentence_date(doc, start, end, _DateIndex(mentions)) is _plain_sentence_date(
        doc, start, end, mentions
    )


def test_a_text_told_eight_times_draws_its_lines_once_each_with_eight_sources(gazetteer):
    once = "1951年1月4日，志愿军占领汉城。至1月7日，联合国军已退至三七线南北之三陟、平泽、安城、堤川、宁越一线。\n"
    doc = _doc(once * 8)
    towns = ["三陟", "平泽", "安城", "堤川", "宁越"]
    resolved = []
    for copy in range(8):
        offset = copy * len(once)
        for mention in _resolved(_doc(once), gazetteer, towns):
            m = mention.mention
            moved = Mention(m.doc, m.lang, m.start + offset, m.end + offset, m.surface, m.key,
                            m.readable_start + offset, m.readable_end + offset)  # fmt: skip
            resolved.append(ResolvedMention(moved, mention.place, 0.9, "gazetteer"))
    fronts = fronts_from_text(doc, resolved, find_dates(doc))
    single = fronts_from_text(_doc(once), _resolved(_doc(once), gazetteer, towns), find_dates(_doc(once)))
    assert [(f.id, f.start, f.geometry) for f in fronts] == [(f.id, f.start, f.geometry) for f in single]
    assert [len(f.sources) for f in fronts] == [8 * len(f.sources) for f in single]
