"""Where the bundled data lives, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def corpus_dir() -> Path:
    """The bundled texts, shipped inside the package."""
    return PACKAGE_DIR / "corpus"


def gazetteer_dir() -> Path:
    """The bundled gazetteer: ``warmap/_gazetteer`` in a wheel, ``gazetteer/`` in a checkout."""
    packaged = PACKAGE_DIR / "_gazetteer"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "gazetteer"


def cache_dir() -> Path:
    """warmap's cache folder (geocoding answers, automata, fetched assets): $WARMAP_CACHE_DIR,
    else the user's cache folder (platformdirs)."""
    folder = os.environ.get("WARMAP_CACHE_DIR")
    if folder:
        return Path(folder).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("warmap")
