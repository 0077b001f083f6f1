"""Korean, read from its pack alone: names with particles written on them, Hanja in parentheses,
hills and ridges, the war's names that are no dates, Korean dates and events, detection.
Small texts of our own, run through the real readers, spotter, resolver (offline) and date finder."""

from __future__ import annotations

import pytest

from warmap.campaign import Campaign
from warmap.chronology.date_forms import scan
from warmap.chronology.dates import find_dates
from warmap.chronology.events import extract_events
from warmap.languages import pack
from warmap.model import Event, Source
from warmap.sources import detect_format, detect_language
from warmap.spotting.vocabulary import Vocabulary, vocabulary

INCHEON, SEOUL, PYONGYANG = "geonames:1843564", "geonames:1835848", "geonames:1871859"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMAP_CACHE_DIR", str(tmp_path / "cache"))


def _campaign(text: str) -> Campaign:
    source = Source(name="doc.txt", text=text, lang="ko", format=detect_format(text))
    return Campaign.from_sources([source], offline=True, stages="places")


def _places(text: str) -> list[tuple[str, str | None]]:
    """(surface, place id) of every mention, in order."""
    return [(text[m.mention.start : m.mention.end], m.place.place_id if m.place else None) for m in _campaign(text).places]


def _events(text: str) -> list[Event]:
    campaign = _campaign(text)
    dates = [d for doc in campaign.documents for d in find_dates(doc)]
    return extract_events(campaign.documents, campaign.places, dates)


# ---------------------------------------------------------------- the pack
def test_korean_is_a_pack_of_its_own() -> None:
    korean = pack("ko")
    assert korean.code == "ko" and korean.spaced and korean.verb_final and not korean.has_case
    assert korean.date_grammar == "han" and korean.scripts[0] == "Hangul"


def test_hangul_text_is_korean_and_its_wikitext_is_wikitext() -> None:
    assert detect_language("1950년 9월 15일 유엔군은 인천에 상륙했다.") == "ko"
    article = "{{본문|인천 상륙 작전}}\n[[파일:Inchon.jpg|섬네일|상륙]]\n[[1950년]] [[9월 15일]] [[인천]]에 상륙했다."
    assert detect_language(article) == "ko" and detect_format(article) == "wikitext"


# ---------------------------------------------------------------- particles
@pytest.mark.parametrize(
    "word", ["인천으로", "인천을", "인천에서", "인천과", "인천까지", "인천에서도", "인천항의", "인천지역으로"]
)
def test_a_name_is_found_inside_its_word_with_the_offsets_of_the_name_alone(word: str) -> None:
    text = f"유엔군은 {word} 진격했다."
    assert _places(text) == [("인천", INCHEON)]


def test_particles_chain_and_an_unknown_tail_is_no_name() -> None:
    endings = vocabulary("ko")
    assert endings.ends_a_name("지역으로") and endings.ends_a_name("에서도") and endings.ends_a_name("")
    assert not endings.ends_a_name("사람") and not endings.ends_a_name("으로사람")


def test_the_ending_chains_are_data_any_language_may_bring() -> None:
    # Turkish (Ankara'dan, İstanbul'daki) would list its case endings the same way: no Korean in the engine.
    turkish = Vocabulary(name_endings=frozenset({"dan", "da", "ki", "ya"}), longest_ending=3)
    assert turkish.ends_a_name("daki") and turkish.ends_a_name("dan") and not turkish.ends_a_name("lar")


def test_a_name_must_open_its_word() -> None:
    # 서울 inside 남서울 is no mention of Seoul: the particle rule reads a name at a word's start only.
    assert _places("남서울에서 회의가 열렸다.") == []
    assert _places("한강방어선을 지켰다.") == [("한강방어선", "curated:han-river")]  # a compound the gazetteer knows


def test_two_names_run_together_in_one_word_are_both_found() -> None:
    # Korean Wikipedia's 용문산 전투 as copied without its links: [[용문산]][[가평군]] lost the space.
    found = _places("경기도 양평군 용문면 용문산가평군 설악면 일대에서 벌어진 전투이다.")
    assert [s for s, _ in found] == ["경기도", "양평군", "용문면", "용문산", "가평군", "설악면"]
    assert found[4][1] == "geonames:1843082" and found[5][1] == "curated:seorak-myeon"
    # A name before letters that are no name (the word 남서울, a name with an unknown tail) is still no mention.
    assert _places("용문산사람들이 모였다.") == []


def test_names_joined_by_hyphens_and_a_battle_of_two_places() -> None:
    found = _places("북한강은 춘천-화천-양구로 이어진다.")
    assert [s for s, _ in found] == ["북한강", "춘천", "화천", "양구"]
    battle = _places("[[운산-영변 전투]]에서 접전하였다.")
    assert [s for s, _ in battle] == ["운산", "영변"]


def test_hanja_in_parentheses_and_hills_and_ridges() -> None:
    found = _places("인천(仁川)과 백마고지, 저격능선, 삼각고지, 단장의 능선, 피의 능선, 펀치볼, 394고지에서")
    surfaces = [s for s, _ in found]
    assert surfaces == ["인천", "仁川", "백마고지", "저격능선", "삼각고지", "단장의 능선", "피의 능선", "펀치볼", "394고지"]
    assert found[0][1] == found[1][1] == INCHEON
    assert all(place for _, place in found)


def test_the_war_units_and_words_are_not_places() -> None:
    assert _places("한국 전쟁 중 미국 해병대 제1해병사단이 도착했다. 제2차 세계 대전이 끝났다.") == []
    assert _places("그는 지도를 보고 선봉에 섰다. 남북 대화를 제안했다. 연대는 북진을 계속했다.") == []
    # A unit numbered without 제 (Korean Wikipedia 노근리 양민 학살 사건), and a year after a country is no unit.
    assert _places("미국 1 기병 사단 7 기병 연대 예하 부대가 도착했다.") == []
    assert [s for s, _ in _places("미국 1950년 정책")] == ["미국"]


def test_a_ferry_and_a_massacre_site_of_the_war() -> None:
    assert _places("행주나루터의 맞은편에서 한강을 건넜다.") == [("행주나루터", "curated:haengju"), ("한강", "curated:han-river")]
    assert _places("500여명을 박산(朴山)에서 총살하였다.") == [("박산", "curated:baksan-gol"), ("朴山", "curated:baksan-gol")]


def test_latin_glosses_count_only_as_places_of_the_theatre() -> None:
    found = _places("제2차 서울 전투(Second Battle of Seoul)에서 [[월턴 워커]](Walton H. Walker) 중장은")
    assert [s for s, _ in found] == ["서울", "Seoul"]


# ---------------------------------------------------------------- dates
def _dates(text: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    return [(r.start, r.end, r.first.year, r.first.month, r.first.day) for r in scan(text, "ko")]


def test_korean_dates() -> None:
    assert _dates("1950년 6월 25일 새벽 4시에") == [(0, 18, 1950, 6, 25)]
    assert _dates("1950. 6. 25. 새벽") == [(0, 11, 1950, 6, 25)]
    assert _dates("1950.6.25") == [(0, 9, 1950, 6, 25)]
    assert _dates("[[1950년]] [[9월 15일]]") == [(2, 7, 1950, None, None), (12, 18, None, 9, 15)]
    (span,) = scan("1951년 2월 13일부터 15일까지", "ko")
    assert (span.first.day, span.last.day) == (13, 15)
    (span,) = scan("11월 27일~12월 11일", "ko")
    assert (span.first.month, span.first.day, span.last.month, span.last.day) == (11, 27, 12, 11)
    (late,) = scan("1950년 11월 하순", "ko")
    assert late.first.part == "late"


def test_the_wars_names_and_counts_of_days_are_no_dates() -> None:
    assert _dates("6·25 전쟁") == [] and _dates("6.25 전쟁 중") == [] and _dates("6·25 사변") == []
    assert _dates("17일 간의 전투") == [] and _dates("1950년대") == []


# ---------------------------------------------------------------- events
def _summary(text: str) -> list[tuple[str, str, str | None, list[str]]]:
    return [(e.type, e.start, e.end, e.places) for e in _events(text)]


def test_korean_actions_in_verb_final_clauses() -> None:
    assert _summary("1950년 9월 15일 유엔군은 인천에 상륙했다.") == [("landing", "1950-09-15", None, [INCHEON])]
    assert _summary("1950년 9월 28일 국군과 유엔군은 서울을 수복했다.") == [("capture", "1950-09-28", None, [SEOUL])]
    assert _summary("국군은 1950년 10월 19일 평양에 입성하였다.") == [("capture", "1950-10-19", None, [PYONGYANG])]
    assert _summary("1951년 1월 4일 국군은 서울에서 철수했다.") == [("withdrawal", "1951-01-04", None, [SEOUL])]
    crossings = [e for e in _events("국군은 1950년 10월 1일 38선을 돌파하여 북진하였다.") if e.type == "crossing"]
    assert [(e.start, e.places) for e in crossings] == [("1950-10-01", ["curated:parallel-38"])]


def test_named_events_and_the_armistice() -> None:
    (evacuation,) = _events("1950년 12월 15일부터 24일까지 흥남 철수 작전이 이루어졌다.")
    assert (evacuation.type, evacuation.start, evacuation.end) == ("withdrawal", "1950-12-15", "1950-12-24")
    assert evacuation.title["ko"] == "흥남 철수 작전"
    (armistice,) = _events("1953년 7월 27일 판문점에서 휴전 협정이 조인되었다.")
    assert (armistice.type, armistice.start) == ("armistice", "1953-07-27")


def test_a_negated_action_is_no_event() -> None:
    assert _summary("1951년 5월 18일 국군은 용문산에서 후퇴하지 않고 진지를 지켰다.") == []
