"""Events stay linear in the text: merging checks a claim against the groups near it and their distinct
tellings only, and the document indexes answer by bisection. Each is checked against the plain
definition (every group, every claim, every sentence) on random input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmap.chronology import event_merge as events
from warmap.chronology.event_claims import Claim, DocView
from warmap.chronology.event_merge import FAMILIES, NAMED_ORIGINS, merge_claims, span
from warmap.chronology.event_places import distance_km
from warmap.model import DateValue, Document, Mention, Place, ResolvedMention, Sentence, Source, SourceRef
from warmap.reading.normalize import match_form

# Seoul, a place 10 km from it, one 40 km from it, Pyongyang, and Seoul's id at other coordinates.
PLACES = [
    Place("p:seoul", "Seoul", {}, "city", 37.57, 126.98, {}),
    Place("p:near", "Near", {}, "town", 37.57 + 10 / 111.2, 126.98, {}),
    Place("p:far", "Far", {}, "town", 37.57 + 40 / 111.2, 126.98, {}),
    Place("p:pyongyang", "Pyongyang", {}, "city", 39.03, 125.75, {}),
    Place("p:seoul", "Seoul", {}, "city", 37.60, 127.00, {}),
]
NAMES = ["长津湖战役", "长津湖之战", "第一次战役", "抗美援朝第一次战役", "抗美援朝第二次战役", "白马山战斗"]


def _reference_merge(claims: list[Claim]) -> list[list[Claim]]:
    """The definition ``merge_claims`` keeps: every claim tried against every group of its family."""

    def joins(claim: Claim, group: list[Claim]) -> bool:
        name = events._name(claim)
        if name is not None:
            for member in group:
                other = events._name(member)
                if other is not None and member.lang == claim.lang and not events._same_name(name, other):
                    return False
        same = [m for m in group if m.doc == claim.doc]
        other_texts = [m for m in group if m.doc != claim.doc]
        retold = not same or (
            any(events._compatible(claim, m) for m in same)
            and not any(events._other_day(claim, m) for m in same)
        )
        return retold and all(events._compatible(claim, m) for m in other_texts)

    def affinity(claim: Claim, group: list[Claim]) -> tuple:
        name = events._name(claim)
        named = name is not None and any(
            (other := events._name(m)) is not None and events._same_name(name, other) for m in group
        )
        sentences = {(s.doc, s.start) for m in group for s in m.sources}
        shared = any((s.doc, s.start) in sentences for s in claim.sources)
        same_place = any(m.main.place_id == claim.main.place_id for m in group)
        nearest = min(distance_km(claim.main.lat, claim.main.lon, m.main.lat, m.main.lon) for m in group)
        return (not named, not shared, not same_place, round(nearest, 3))

    ordered = sorted(
        claims,
        key=lambda c: (c.origin not in NAMED_ORIGINS, span(c.start).first, c.doc, c.sources[0].start, c.type),
    )
    groups: dict[str, list[list[Claim]]] = {}
    for claim in ordered:
        family = groups.setdefault(FAMILIES.get(claim.type, "other"), [])
        fitting = [(i, group) for i, group in enumerate(family) if joins(claim, group)]
        if fitting:
            min(fitting, key=lambda pair: (affinity(claim, pair[1]), pair[0]))[1].append(claim)
        else:
            family.append([claim])
    return [group for key in sorted(groups) for group in groups[key]]


@st.composite
def _claims(draw) -> list[Claim]:
    claims = []
    for _ in range(draw(st.integers(1, 40))):
        day = draw(st.integers(1, 60))
        precision = draw(st.sampled_from(["day", "day", "month", "year"]))
        start = DateValue(1950, 10 + (day - 1) // 30, (day - 1) % 30 + 1)
        if precision == "month":
            start = DateValue(1950, start.month)
        elif precision == "year":
            start = DateValue(1950)
        end = None
        if precision == "day" and draw(st.booleans()):
            end = DateValue(1950, 12, draw(st.integers(1, 31)))
        origin = draw(st.sampled_from(["trigger", "battle", "infobox"]))
        titles = {"zh": draw(st.sampled_from(NAMES))} if origin != "trigger" else {"en": "x"}
        doc = draw(st.sampled_from(["a.txt", "b.txt"]))
        sentence = draw(st.integers(0, 5)) * 100
        claims.append(
            Claim(
                doc,
                "zh",
                draw(st.sampled_from(["battle", "offensive", "capture", "armistice", "landing"])),
                start,
                end,
                [draw(st.sampled_from(PLACES))],
                [SourceRef(doc, sentence, sentence + 50, "…")],
                titles,
                origin,
            )
        )
    return claims


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claims())
def test_merging_by_index_groups_as_the_plain_definition_does(claims: list[Claim]) -> None:
    expected = [[id(c) for c in group] for group in _reference_merge(claims)]
    assert [[id(c) for c in group] for group in merge_claims(claims)] == expected


def test_a_happening_told_many_times_costs_linear_work(monkeypatch) -> None:
    """One battle retold in every copy of a text: each retelling is checked against the distinct
    tellings of its group, so the checks grow with the copies, not with their square."""
    calls = 0
    compatible = events._compatible

    def counting(a: Claim, b: Claim) -> bool:
        nonlocal calls
        calls += 1
        return compatible(a, b)

    monkeypatch.setattr(events, "_compatible", counting)

    def checks(copies: int) -> int:
        nonlocal calls
        calls = 0
        claims = [
            Claim("a.txt", "zh", kind, DateValue(1950, 11, day), None, [PLACES[i % 4]],
                  [SourceRef("a.txt", copy * 1000 + i * 10, copy * 1000 + i * 10 + 5, "…")], {"en": "x"})
            for copy in range(copies)
            for i, (kind, day) in enumerate([("battle", 25), ("capture", 26), ("battle", 27), ("landing", 2)])
        ]  # fmt: skip
        groups = merge_claims(claims)
        assert len(groups) == 4
        return calls

    assert checks(64) <= 4.5 * checks(16)


def _view(sentence_spans: list[tuple[int, int]], mention_spans: list[tuple[int, int, int]]) -> DocView:
    text = "x" * 200
    match_text, match_offsets = match_form(text)
    doc = Document(
        Source("t.txt", text, "zh", "text"), text, list(range(201)), match_text, match_offsets,
        sentences=[Sentence(a, b) for a, b in sentence_spans],
    )  # fmt: skip
    mentions = [
        ResolvedMention(
            Mention(
                "t.txt",
                "zh",
                source,
                source + 2,
                "xx",
                "xx",
                readable_start=readable,
                readable_end=readable + 2,
            ),
            PLACES[0],
            1.0,
            "gazetteer",
        )  # fmt: skip
        for readable, source, _ in mention_spans
    ]
    return DocView(doc, mentions, [])


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 199), st.integers(0, 199), st.integers(0, 9)), max_size=30),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_mentions_by_source_offset_are_those_the_plain_scan_finds(mention_spans, start, end) -> None:
    """Link spans are source offsets; mentions are kept in readable order, and the two need not agree."""
    view = _view([], mention_spans)
    expected = [m for m in view.mentions if start <= m.mention.start < end]
    assert [id(m) for m in view.mentions_at_source(start, end)] == [id(m) for m in expected]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 199), st.integers(1, 30)), max_size=20),
    st.booleans(),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_sentences_in_a_span_are_those_the_plain_scan_finds(spans, in_order, start, end) -> None:
    sentences = sorted(spans) if in_order else spans
    view = _view([(a, a + n) for a, n in sentences], [])
    expected = [s for s in view.doc.sentences if start <= s.start < end]
    assert [id(s) for s in view.sentences_in(start, end)] == [id(s) for s in expected]
