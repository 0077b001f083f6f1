"""``warmap read --json`` on unseen accounts: detection, the offset map, and wikitext done right.

The reader's promise is that everything later points back at the source: every
readable character maps to the same character of the file, every link and
section span slices out the markup it came from, and what is not prose
(citations, comments, templates, conversion rules) stays out of the text.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_unseen_common import UNSEEN, json_output, run_many, source_text

DETECTED = {
    "zh-hant-chipyongni.txt": ("zh", "text"),
    "zh-hant-changjin.txt": ("zh", "text"),
    "zh-hant-1952-hills.txt": ("zh", "text"),
    "zh-hant-imjin.txt": ("zh", "text"),
    "zh-hans-changjin.wikitext": ("zh", "wikitext"),
    "zh-hans-fourth-campaign.wikitext": ("zh", "wikitext"),
    "fa-solar-hijri.txt": ("fa", "text"),
    "en-chipyongni-inchon.txt": ("en", "text"),
}
WIKITEXT = [doc for doc, (_, fmt) in DETECTED.items() if fmt == "wikitext"]
MARKUP = ("[[", "]]", "{{", "}}", "<ref", "</ref", "<!--", "-->", "-{", "}-", "'''", "==")


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """``warmap read --json FILE`` for every unseen file; one document each."""
    runs = run_many([("read", "--json", UNSEEN / doc) for doc in DETECTED], tmp_path_factory.mktemp("cache"))
    documents = {}
    for doc, done in zip(DETECTED, runs, strict=True):
        printed = json_output(done)
        assert isinstance(printed, list) and len(printed) == 1, f"{doc}: expected a list of one document"
        documents[doc] = printed[0]
    return documents


@pytest.mark.parametrize("doc", DETECTED)
def test_language_and_format_are_detected(read: dict[str, dict[str, Any]], doc: str) -> None:
    assert (read[doc]["lang"], read[doc]["format"]) == DETECTED[doc]
    assert read[doc]["doc"] == doc


@pytest.mark.parametrize("doc", DETECTED)
def test_every_readable_character_maps_to_itself_in_the_file(
    read: dict[str, dict[str, Any]], doc: str
) -> None:
    """The run-length offset map [[readable_start, source_start, length], …] covers the text exactly."""
    source, document = source_text(UNSEEN / doc), read[doc]
    text, covered = document["text"], 0
    for readable_start, source_start, length in document["offsets"]:
        assert readable_start == covered, f"{doc}: offset runs leave a gap or overlap at {covered}"
        assert text[readable_start : readable_start + length] == source[source_start : source_start + length]
        covered += length
    assert covered == len(text), f"{doc}: the offset map covers {covered} of {len(text)} readable characters"
    assert text.strip(), f"{doc}: no readable text"


@pytest.mark.parametrize("doc", [d for d in DETECTED if d not in WIKITEXT])
def test_plain_text_reads_as_it_is(read: dict[str, dict[str, Any]], doc: str) -> None:
    """Prose has no markup to remove: the readable text keeps every word of the file."""
    words = source_text(UNSEEN / doc).split()
    assert read[doc]["text"].split() == words
    assert read[doc]["sentences"] >= 3


@pytest.mark.parametrize("doc", WIKITEXT)
def test_markup_stays_out_of_the_readable_text(read: dict[str, dict[str, Any]], doc: str) -> None:
    text = read[doc]["text"]
    for markup in MARKUP:
        assert markup not in text, f"{doc}: {markup!r} left in the readable text"
    for not_prose in (
        "军事科学出版社",
        "日期据美方战史",
        "第143页",
        "zh-hans",
        "Task Force Crombez",
        "300px",
    ):
        assert not_prose not in text, (
            f"{doc}: {not_prose!r} (citation, comment or markup) in the readable text"
        )


@pytest.mark.parametrize("doc", WIKITEXT)
def test_links_and_sections_slice_out_their_markup(read: dict[str, dict[str, Any]], doc: str) -> None:
    source, document = source_text(UNSEEN / doc), read[doc]
    assert document["links"] and document["sections"]
    for link in document["links"]:
        markup = source[link["start"] : link["end"]]
        assert markup.startswith(("[[", "{{")) and markup.endswith(("]]", "}}")), link
        assert link["shown"] in markup, link
        if link["readable_start"] is not None:
            assert document["text"][link["readable_start"] : link["readable_end"]] == link["shown"], link
    for section in document["sections"]:
        heading = source[section["start"] : section["heading_end"]]
        assert heading.startswith("=" * section["level"]) and section["title"] in heading, section


def test_wikitext_constructs_of_a_battle_fragment(read: dict[str, dict[str, Any]]) -> None:
    """Infobox as fields, piped links with their targets, {{main}}, and both conversion variants."""
    document = read["zh-hans-changjin.wikitext"]
    assert document["infobox"].get("conflict") == "长津湖战役"
    assert "1950年11月27日" in document["infobox"].get("date", "")
    assert "长津湖" in document["infobox"].get("place", "")
    assert "美军第10军经海路撤出" not in document["text"], "the infobox is read as fields, not prose"
    links = {(link["target"], link["shown"], link["kind"]) for link in document["links"]}
    assert ("元山市", "元山", "wikilink") in links
    assert ("兴南撤退", "兴南撤退", "main") in links
    sections = [(s["title"], s["level"]) for s in document["sections"]]
    assert sections == [("背景", 2), ("经过", 2), ("兴南撤退", 3)]
    # -{zh-hans:兴南;zh-hant:興南}-: one variant in the text, the other kept as an alias.
    assert ("兴南" in document["aliases"] and "興南" in document["aliases"]["兴南"]) or (
        "興南" in document["aliases"] and "兴南" in document["aliases"]["興南"]
    ), document["aliases"]


def test_link_templates_keep_their_targets(read: dict[str, dict[str, Any]]) -> None:
    document = read["zh-hans-fourth-campaign.wikitext"]
    links = {(link["target"], link["shown"], link["kind"]) for link in document["links"]}
    assert ("砥平里战斗", "砥平里", "wikilink") in links
    assert ("抗美援朝第四次战役", "抗美援朝第四次战役", "main") in links
    assert any(target == "克罗姆贝特遣队" and kind == "link-en" for target, _, kind in links), links
    titles = [s["title"] for s in document["sections"]]
    assert titles == ["第四次战役", "横城反击", "砥平里", "撤出汉城"]
