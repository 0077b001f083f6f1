"""The names of the war's sides, as territory features carry them: the war profile's, in every language."""

from __future__ import annotations

from typing import Any

from warmap.wars import load_war


def side_names(side: str, war: Any = None) -> dict[str, str]:
    """{language: name} of a side of the war's profile, sorted by language (unknown sides are contested)."""
    return dict(sorted(load_war(war).side(side).names.items()))
