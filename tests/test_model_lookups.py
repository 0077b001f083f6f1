"""Document's position lookups answer like a scan of every section/sentence would, but by bisection."""

from __future__ import annotations

import random

from warmap.reading import read_document
from warmap.sources import load_sources


def _scan_section(doc, offset):
    best = None
    for section in doc.sections:
        if section.start <= offset < section.end and (best is None or section.level >= best.level):
            best = section
    return best


def test_section_at_matches_a_scan_on_the_bundled_article():
    doc = read_document(load_sources([])[0])
    rng = random.Random(7)
    offsets = [rng.randrange(len(doc.source.text)) for _ in range(3000)]
    offsets += [s.start for s in doc.sections] + [s.end - 1 for s in doc.sections] + [len(doc.source.text)]
    assert all(doc.section_at(o) is _scan_section(doc, o) for o in offsets)


def test_sentence_at_matches_a_scan():
    doc = read_document(load_sources([])[0])
    for offset in range(0, len(doc.text), 37):
        expected = next((s for s in doc.sentences if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) is expected
