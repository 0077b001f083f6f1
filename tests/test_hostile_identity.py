"""Every document keeps its own identity, whatever its file name (issue 14, item 2).

Two sources named ``notes.txt`` in different folders used to be keyed by the base
name, so one replaced the other; now a shared name becomes the path as given.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_unseen_common import json_output, run_warmap

from warmap.model import Source
from warmap.sources import unique_names

FIRST = (
    "On 25 June 1950 the Korean People's Army crossed the 38th parallel and took Kaesong. "
    "Seoul fell on 28 June. The Americans landed at Inchon on 15 September 1950.\n"
)
SECOND = "In November 1950 Chinese forces attacked at the Chosin Reservoir. The Marines withdrew to Hungnam.\n"


@pytest.fixture
def same_named(tmp_path: Path) -> Path:
    for folder, text in (("a", FIRST), ("b", SECOND)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(text, encoding="utf-8")
    return tmp_path


def _docs(folder: Path, *sources: str) -> Counter[str]:
    done = run_warmap("places", "--offline", "--json", *sources, cache_dir=folder / "cache", cwd=folder)
    return Counter(mention["doc"] for mention in json_output(done))


def test_two_files_of_one_name_keep_their_mentions(same_named: Path) -> None:
    alone_a = _docs(same_named, "a/notes.txt")
    alone_b = _docs(same_named, "b/notes.txt")
    together = _docs(same_named, "a/notes.txt", "b/notes.txt")
    assert alone_a and alone_b
    assert together == {"a/notes.txt": alone_a["notes.txt"], "b/notes.txt": alone_b["notes.txt"]}


def test_a_unique_name_stays_the_file_name(same_named: Path) -> None:
    (same_named / "other.txt").write_text(SECOND, encoding="utf-8")
    assert set(_docs(same_named, "a/notes.txt", "other.txt")) == {"notes.txt", "other.txt"}


def test_the_same_file_twice_is_two_documents() -> None:
    source = Source(name="notes.txt", text=FIRST, lang="en", format="text", path="notes.txt")
    stdin = Source(name="stdin", text=SECOND, lang="en", format="text")
    names = [s.name for s in unique_names([source, source, stdin, stdin, source])]
    assert names == ["notes.txt", "notes.txt (2)", "stdin", "stdin (2)", "notes.txt (3)"]


def test_campaign_sources_given_as_objects_are_made_unique() -> None:
    import warmap

    one = Source(name="notes.txt", text=FIRST, lang="en", format="text", path="a/notes.txt")
    two = Source(name="notes.txt", text=SECOND, lang="en", format="text", path="b/notes.txt")
    campaign = warmap.Campaign.from_sources([one, two], offline=True, stages="places")
    assert [d.name for d in campaign.documents] == ["a/notes.txt", "b/notes.txt"]
    assert {p.mention.doc for p in campaign.places} == {"a/notes.txt", "b/notes.txt"}
