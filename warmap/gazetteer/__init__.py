"""The bundled gazetteer: places in every script the sources use, and the land layer.

``Gazetteer.load()`` opens the prebuilt SQLite index in ``gazetteer/``;
``warmap gazetteer build`` (``warmap.gazetteer.build``) regenerates it.
"""

from __future__ import annotations

from warmap.gazetteer.land import land_features, land_geometry
from warmap.gazetteer.lookup import MAX_NAME_LENGTH, Gazetteer, database_path
from warmap.gazetteer.output import candidate_to_json, place_to_json, print_candidates

__all__ = [
    "MAX_NAME_LENGTH",
    "Gazetteer",
    "candidate_to_json",
    "database_path",
    "land_features",
    "land_geometry",
    "place_to_json",
    "print_candidates",
]
