"""Where the bundled data lives, installed or in a checkout."""

from __future__ import annotations

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
