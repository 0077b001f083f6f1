"""The spotter's reviewed word lists: each language pack's ``spotting`` table.

Chinese has no spaces, so most of spotting is saying no: these lists hold the
characters around a name that make it part of something else (an army, a
newspaper, a demonym), the ordinary words some village is also called, and the
qualifiers a later stage needs (以南, 一线, مرز …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from warmap.languages import all_packs
from warmap.languages.tags import own_pack, pack_writing
from warmap.reading.normalize import normalize_name

QUALIFIERS = {"south_of", "north_of", "east_of", "west_of", "along", "near", "border"}


@dataclass
class Vocabulary:
    """Context words for one language, already in matching form."""

    after: dict[str, str] = field(default_factory=dict)  # text following a name → effect
    hints: dict[str, str] = field(default_factory=dict)  # link disambiguator → effect
    longest_after: int = 1
    before: dict[str, str] = field(default_factory=dict)  # text preceding a name → effect
    not_places: set[str] = field(default_factory=set)
    event_suffixes: tuple[str, ...] = ()
    organisation_suffixes: tuple[str, ...] = ()
    place_suffixes: dict[str, str] = field(default_factory=dict)  # suffix → feature
    name_endings: frozenset[str] = frozenset()  # particles a name's word may end with (인천으로)
    longest_ending: int = 0
    unspaced_scripts: frozenset[str] = frozenset()  # scripts run on without spaces in a spaced language
    quoted_scripts: frozenset[str] = frozenset()  # scripts the language only quotes glosses in

    def ends_a_name(self, rest: str) -> bool:
        """Whether the rest of a name's word is a chain of listed endings (지역 + 으로, 에서 + 도)."""
        if not rest:
            return True
        reachable = [True] + [False] * len(rest)
        for start in range(len(rest)):
            if not reachable[start]:
                continue
            for length in range(1, min(self.longest_ending, len(rest) - start) + 1):
                if rest[start : start + length] in self.name_endings:
                    reachable[start + length] = True
        return reachable[-1]

    def place_feature(self, name: str) -> str | None:
        """The feature a name's suffix implies (砥平里 → village), or None."""
        for length in range(min(len(name) - 1, 3), 0, -1):
            feature = self.place_suffixes.get(name[-length:])
            if feature:
                return feature
        return None

    @cached_property
    def _after_starts(self) -> frozenset[str]:
        return frozenset(word[:1] for word in self.after)

    @cached_property
    def _before_words(self) -> tuple[str, ...]:
        return tuple(self.before)

    def effect_after(self, following: str) -> str | None:
        """The effect of the longest listed word that ``following`` starts with."""
        if following[:1] not in self._after_starts:  # asked for every match: most are followed by no word
            return None
        for length in range(min(len(following), self.longest_after), 0, -1):
            effect = self.after.get(following[:length])
            if effect:
                return effect
        return None

    def effect_before(self, preceding: str) -> str | None:
        if not preceding.endswith(self._before_words):  # one C call for the common answer
            return None
        for word, effect in self.before.items():
            if preceding.endswith(word):
                return effect
        return None


def _fold(text: str) -> str:
    """Matching form of a vocabulary word; keeps inner spaces."""
    return normalize_name(text)


def _fold_context(text: str) -> str:
    """A context word's matching form, keeping a space that opens it: " 전쟁" follows a name after a space."""
    return (" " if text[:1].isspace() else "") + _fold(text)


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The vocabulary of one language, from its pack's ``spotting`` table; empty without a pack."""
    vocab = Vocabulary()
    found = own_pack(lang)
    rows = found.rows("spotting") if found else ()
    targets = {"after_name": vocab.after, "before_name": vocab.before, "link_hint": vocab.hints}
    for row in rows:
        if row.kind in targets:
            targets[row.kind][_fold_context(row.text)] = row.value
        elif row.kind == "not_place":
            vocab.not_places.add(_fold(row.text))
        elif row.kind == "place_suffix":
            vocab.place_suffixes[_fold(row.text)] = row.value
    vocab.name_endings = frozenset(_fold(row.text) for row in rows if row.kind == "name_ending")
    vocab.longest_ending = max((len(w) for w in vocab.name_endings), default=0)
    vocab.unspaced_scripts = frozenset(found.setting("unspaced_scripts", ()) if found else ())
    vocab.quoted_scripts = frozenset(found.setting("quoted_scripts", ()) if found else ())
    vocab.longest_after = max((len(w) for w in vocab.after), default=1)
    vocab.event_suffixes = tuple(sorted((w for w, e in vocab.after.items() if e == "event"), key=len, reverse=True))
    vocab.organisation_suffixes = tuple(
        sorted((w for w, e in vocab.after.items() if e == "not_place"), key=len, reverse=True)
    )
    return vocab


@cache
def skipped_sections() -> frozenset[str]:
    """Titles of apparatus sections (notes, references, links) whose names are not the war's places.

    Every pack's titles count in every document: an English article may quote a Chinese
    bibliography's heading, and a title is never a place of the war anyway.
    """
    return frozenset(_fold(word) for pack in all_packs() for word in pack.words("spotting", "skip_section"))


@cache
def direction_words() -> frozenset[str]:
    """Compass words that, after a Latin name, are the text's direction rather than part of the name."""
    return frozenset(_fold(word) for word in latin_words("direction_word"))


def latin_words(kind: str) -> list[str]:
    """Words about Latin names and glosses, from the pack that writes the Latin script (any document)."""
    writer = pack_writing("Latin")
    return writer.words("spotting", kind) if writer else []
