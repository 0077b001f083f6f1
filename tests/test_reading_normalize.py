"""The shared matching form: Persian/Arabic folding with offsets back to the original characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmap.reading.normalize import match_form, normalize_name


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("كره جنوبي", "کره جنوبی"),  # Arabic kaf and yeh → Persian
        ("شوروى", "شوروی"),  # alef maksura → yeh
        ("۱۹۵۰", "1950"),  # Persian digits
        ("١٩٥٠", "1950"),  # Arabic-Indic digits
        ("تهـــران", "تهران"),  # tatweel
        ("مُحَمَّد", "محمد"),  # harakat
        ("مى‌ديدند", "میدیدند"),  # zero-width non-joiner
        ("بهدنبال", "بهدنبال"),
        ("Séoul", "seoul"),
        ("ＡＢＣ", "abc"),  # full-width Latin
        ("漢城", "汉城"),  # traditional → simplified, one character each
    ],
)
def test_folding(written: str, folded: str) -> None:
    assert normalize_name(written) == folded


def test_text_with_and_without_joiners_folds_alike() -> None:
    assert normalize_name("پس‌نشینی") == normalize_name("پسنشينى") == "پسنشینی"


@given(st.text(alphabet=st.sampled_from(list("كيىيکی۰۱۲٣ـًٌٍَُِّْ\u200c\u200dابپ ژوئنSéoul漢城-'\n")), max_size=60))
def test_offsets_point_at_the_character_each_folded_one_came_from(text: str) -> None:
    folded, offsets = match_form(text)
    assert len(offsets) == len(folded) + 1 and offsets[-1] == len(text)
    assert offsets[:-1] == sorted(set(offsets[:-1]))  # one input character each, in order
    for index, char in enumerate(folded):
        assert match_form(text[offsets[index]])[0] == char


def test_a_long_text_folded_again_gives_the_same_and_its_own_offsets():
    from warmap.reading.normalize import LONG_TEXT, match_form

    text = ("Ｓｅｏｕｌ 漢城 Pusan—‘Inch’ŏn’ " * (LONG_TEXT // 20 + 1))[: LONG_TEXT + 7]
    first, offsets = match_form(text)
    offsets.append(-1)  # a caller's own list: changing it changes nothing remembered
    again, offsets_again = match_form(text)
    assert again == first and offsets_again == offsets[:-1]


def test_folding_in_c_is_the_character_by_character_fold():
    import random

    from warmap.reading.normalize import _fold_char, match_form

    def plain(text: str) -> tuple[str, list[int]]:
        kept = [(index, _fold_char(char)) for index, char in enumerate(text)]
        kept = [(index, folded) for index, folded in kept if folded]
        return "".join(f for _, f in kept), [index for index, _ in kept] + [len(text)]

    rng = random.Random(7)
    alphabet = "abcÀÉßİıＳ漢城汉’'-‐\u200c\u0640 \t\n\u3000َُّ「」—КоΣσς한국" + "".join(chr(rng.randrange(32, 0x3000)) for _ in range(200))
    for size in (0, 1, 2, 5, 40, 300, 12_000):
        for _ in range(20 if size < 1000 else 2):
            text = "".join(rng.choice(alphabet) for _ in range(size))
            assert match_form(text) == plain(text)
    assert match_form("abc") == ("abc", [0, 1, 2, 3])  # nothing deleted
