"""The passes after the gazetteer's names: how names are written, and what only looks like one.

Names in another script in parentheses (``foreign``), chains of names (``chains``), shortened,
plural and possessive names (``ellipsis``) are added; then people, ships, units and works
(``not_places``) are taken out, and far places kept only on strong evidence (``far``).
"""

from __future__ import annotations

from warmap.model import Document, Mention
from warmap.spotting.chains import spot_chains
from warmap.spotting.ellipsis import spot_ellipses
from warmap.spotting.far import keep_far_on_evidence
from warmap.spotting.foreign import spot_foreign
from warmap.spotting.not_places import drop_proper_names
from warmap.wars import War


def with_written_forms(
    doc: Document, gazetteer, mentions: list[Mention], names: list[Mention], war: War | None = None
) -> list[Mention]:
    """``mentions`` (ordered) with the names written in other forms added and the names of no place removed."""
    taken = [(m.readable_start, m.readable_end) for m in mentions]
    found = mentions + spot_foreign(doc, gazetteer, taken, war) + spot_chains(doc, gazetteer, taken)
    found += spot_ellipses(doc, gazetteer, names, taken)
    found.sort(key=lambda m: (m.start, -m.end))
    return keep_far_on_evidence(doc, drop_proper_names(doc, found), war)
