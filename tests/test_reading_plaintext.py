"""The plain-text reader and the Persian matching form it carries."""

from __future__ import annotations

from warmap.model import Source
from warmap.reading import read_document
from warmap.reading.normalize import match_form, normalize_name


def test_plaintext_is_its_own_readable_form() -> None:
    text = "در ۲۵ ژوئن ۱۹۵۰م. نيروهاى کره شمالى به سئول رسيدند."
    doc = read_document(Source(name="fa.txt", text=text, lang="fa", format="text"))
    assert doc.text == text
    assert doc.offsets == list(range(len(text) + 1))
    assert doc.sections == [] and doc.links == [] and doc.infobox == {}
    assert len(doc.sentences) == 1


def test_matching_form_folds_arabic_letters_digits_and_joiners_with_exact_offsets() -> None:
    text = "نيروهاى آمريکايى به سئول (۱۹۵۰م.) رسيدند؛ مى‌ديدند كه"
    doc = read_document(Source(name="fa.txt", text=text, lang="fa", format="text"))
    assert "نیروهای" in doc.match_text and "1950" in doc.match_text and "میدیدند" in doc.match_text
    assert "ک" in doc.match_text and "\u0643" not in doc.match_text and "\u200c" not in doc.match_text
    seoul = normalize_name("سئول")  # ئ folds to ی
    start = doc.match_text.index(seoul)
    assert doc.text[slice(*doc.match_to_readable(start, start + len(seoul)))] == "سئول"
    start = doc.match_text.index("1950")
    assert doc.text[slice(*doc.match_to_readable(start, start + 4))] == "۱۹۵۰"


def test_text_and_names_fold_alike() -> None:
    # ژوئن folds to ژوین in both, so a name written either way matches the text.
    assert normalize_name("ژوئن") == match_form("ژوئن")[0] == "ژوین"
    assert normalize_name("  پيونگ   يانگ ") == "پیونگ یانگ"
    assert normalize_name("Séoul") == "seoul"
