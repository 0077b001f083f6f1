"""The words the event finders match, read from the language pack's ``events.csv``.

Both finders (``event_triggers``, ``event_named``) and the place and date
pickers match a pack's words against folded text; ``vocabulary`` reads the pack
once into ``EventWords`` and keeps the loading and folding here, so all of them
spell a word one way. The engines ask for words and for the pack's typology
flags (``spaced``, ``has_case``, ``verb_final``), never for a language by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warmap.chronology.event_types import IGNORE, registry
from warmap.languages import LanguagePack, PackError, Row, all_packs, pack
from warmap.reading.normalize import match_form

TABLE = "events"
RULES = ("dates_follow_action", "clause_keeps_its_places")
INT_SETTINGS = ("plan_window", "negation_window", "govern_max_words")
SETTINGS = (*INT_SETTINGS, "numerals")
DEFAULT_NEGATION_WINDOW = 12
LETTER_KINDS = (
    "clause_break",
    "list_separator",
    "infobox_separator",
    "optional_letter",
    "letter_variant",
    "optional_after_final",
)
TYPED_KINDS = (
    "action",
    "action_pattern",
    "context_action",
    "context_word",
    "battle_suffix",
    "battle_prefix",
    "title",
)


@dataclass(frozen=True)
class EventWords:
    """One language's event words and flags, in the order its pack lists them."""

    code: str
    spaced: bool  # whole-word matching
    has_case: bool  # words are bounded by letters a-z (the folded form is lower case)
    verb_final: bool  # the places of an action stand before its verb
    actions: tuple[tuple[str, str], ...]  # (word, type or ignore)
    action_patterns: tuple[tuple[str, str], ...]
    refinements: tuple[
        tuple[tuple[str, ...], tuple[str, ...], str], ...
    ]  # (action words, context words, type)
    plan_before: tuple[str, ...]
    plan_after: tuple[str, ...]
    plan_window: int
    negation_before: tuple[str, ...]
    negation_after: tuple[str, ...]
    negation_window: int
    until: tuple[str, ...]
    end_words: tuple[str, ...]
    anaphors: tuple[str, ...]
    relatives: tuple[str, ...]
    object_actions: tuple[str, ...]
    object_gap: str
    back_articles: tuple[str, ...]
    back_nouns: tuple[str, ...]
    suffixes: tuple[tuple[str, str], ...]  # (battle suffix, type)
    prefixes: tuple[tuple[str, str], ...]
    offensive_names: tuple[str, ...]
    not_event_titles: tuple[str, ...]
    name_linkers: tuple[str, ...]
    titles: dict[str, str]
    clause_breaks: str
    list_separators: str
    infobox_separators: str
    infobox_fields: tuple[tuple[str, str], ...]  # (parameter name, date | place)
    govern_prepositions: tuple[str, ...]
    govern_articles: tuple[str, ...]
    govern_conjunctions: tuple[str, ...]
    target_prepositions: tuple[str, ...]  # حمله … به X: X is the action's target, a country too
    actor_suffixes: tuple[str, ...]  # 북한군, 북한의: the country acts, it is not the scene
    actor_prefixes: tuple[str, ...]  # نیروهای کره شمالی: the forces of a country act, it is not the scene
    compass: tuple[tuple[str, str], ...]  # (a compass word for half the theatre, its direction): منطقه جنوبی → south
    govern_max_words: int
    place_reference: str | None
    rules: frozenset[str]
    numerals: str
    area_words: tuple[str, ...] = ()  # 三八线以北地区: a line and its side name an area, not the line
    launch_words: frozenset[str] = frozenset()  # 发动 (轰炸): the action named after it is the event

    def edges(self) -> tuple[str, str]:
        """What must not stand before and after a word: a letter, where letters have case (whole words)."""
        return (r"(?<![a-z])", r"(?![a-z])") if self.has_case else ("", "")


def _check(language: LanguagePack) -> None:
    """What the schema cannot say: event types are the registry's, rules and settings are known names."""
    names = set(registry().names)
    for row in language.rows(TABLE):
        allowed = names | {IGNORE} if row.kind in ("action", "action_pattern") else names
        if row.kind in TYPED_KINDS and row.value not in allowed:
            raise PackError(
                row.path,
                f"{row.value!r} is not an event type (warmap/chronology/data/event_types.toml)",
                row.line,
            )
        if row.kind == "rule" and row.text not in RULES:
            raise PackError(row.path, f"unknown rule {row.text!r} (one of {', '.join(RULES)})", row.line)
        if row.kind == "setting" and row.text not in SETTINGS:
            raise PackError(
                row.path, f"unknown setting {row.text!r} (one of {', '.join(SETTINGS)})", row.line
            )
        if row.kind == "setting" and row.text in INT_SETTINGS and not row.value.isdigit():
            raise PackError(row.path, f"setting {row.text!r} needs a whole number", row.line)
    for kind in LETTER_KINDS:
        for row in language.rows(TABLE, kind):
            if len(row.text) != 1 or (kind in ("letter_variant", "optional_after_final") and len(row.value) != 1):
                raise PackError(row.path, f"kind {kind!r} holds one character per row", row.line)


def _pairs(rows: tuple[Row, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((r.text, r.value) for r in rows)


def words_of(language: LanguagePack) -> EventWords:
    """A pack's events table as EventWords (``PackError`` naming the row that breaks a rule)."""
    _check(language)

    def words(kind: str) -> tuple[str, ...]:
        return tuple(language.words(TABLE, kind))

    settings = language.mapping(TABLE, "setting")
    refined: dict[str, tuple[list[str], list[str]]] = {}
    for row in language.rows(TABLE):
        if row.kind in ("context_action", "context_word"):
            refined.setdefault(row.value, ([], []))[row.kind == "context_word"].append(row.text)
    gap = next(iter(words("object_gap")), r"\s*")
    return EventWords(
        code=language.code,
        spaced=language.spaced,
        has_case=language.has_case,
        verb_final=language.verb_final,
        actions=_pairs(language.rows(TABLE, "action")),
        action_patterns=_pairs(language.rows(TABLE, "action_pattern")),
        refinements=tuple((tuple(a), tuple(c), kind) for kind, (a, c) in refined.items()),
        plan_before=words("plan_before"),
        plan_after=words("plan_after"),
        plan_window=int(settings.get("plan_window", 0)),
        negation_before=words("negation_before"),
        negation_after=words("negation_after"),
        negation_window=int(settings.get("negation_window", DEFAULT_NEGATION_WINDOW)),
        until=words("until"),
        end_words=words("end_word"),
        anaphors=words("anaphor"),
        relatives=words("relative"),
        object_actions=words("object_action"),
        object_gap=gap,
        back_articles=words("back_reference_article"),
        back_nouns=words("back_reference_noun"),
        suffixes=_pairs(language.rows(TABLE, "battle_suffix")),
        prefixes=_pairs(language.rows(TABLE, "battle_prefix")),
        offensive_names=words("offensive_name"),
        not_event_titles=words("not_event_title"),
        name_linkers=words("name_linker"),
        titles={r.value: r.text for r in language.rows(TABLE, "title")},
        clause_breaks="".join(words("clause_break")),
        list_separators="".join(words("list_separator")),
        infobox_separators="".join(words("infobox_separator")),
        infobox_fields=_pairs(language.rows(TABLE, "infobox_field")),
        govern_prepositions=words("govern_preposition"),
        govern_articles=words("govern_article"),
        govern_conjunctions=words("govern_conjunction"),
        target_prepositions=words("target_preposition"),
        actor_suffixes=words("actor_suffix"),
        actor_prefixes=tuple(fold(w) for w in words("actor_prefix")),
        compass=tuple((fold(r.text), r.value) for r in language.rows(TABLE, "compass")),
        govern_max_words=int(settings.get("govern_max_words", 0)),
        place_reference=next(iter(words("place_reference")), None),
        area_words=tuple(fold(w) for w in words("area_word")),
        launch_words=frozenset(fold(w) for w in words("launch_word")),
        rules=frozenset(words("rule")),
        numerals=settings.get("numerals", ""),
    )


def gaps(words: EventWords) -> list[str]:
    """What a pack lacks for the registry's event types: a title for each (every event is titled, and
    a name of any type may be titled in the common language), and words for each type that needs them."""
    found = []
    telling = {kind for _, kind in (*words.actions, *words.action_patterns, *words.suffixes, *words.prefixes)}
    telling |= {kind for _, _, kind in words.refinements}
    for event_type in registry().types:
        template = words.titles.get(event_type.name)
        if template is None or "{place}" not in template:
            found.append(f"{words.code}: no title with {{place}} for event type {event_type.name!r}")
        if event_type.worded and event_type.name not in telling:
            found.append(f"{words.code}: no words that tell event type {event_type.name!r}")
    return found


@cache
def vocabulary(lang: str) -> EventWords:
    """A language's event words, from its pack (a language without one reads with the fallback pack)."""
    return words_of(pack(base_lang(lang)))


def all_vocabularies() -> tuple[EventWords, ...]:
    """Every pack's event words: what holds across languages (infobox fields, numerals) is their union."""
    return tuple(vocabulary(p.code) for p in all_packs())


def fold(text: str) -> str:
    """The matching form (as in Document.match_text) of a vocabulary word."""
    return match_form(text)[0]


_GAP = re.compile(r"[\s\u200c]+")


@dataclass(frozen=True)
class Spelling:
    """How writers of a script spell one word several ways (every pack's rows: a script's letters
    occur only in its own languages' words, so the union is safe to apply to all)."""

    optional: tuple[str, ...]  # letters a writer may leave out (a hamza)
    variants: tuple[tuple[str, str], ...]  # (letter, the letter it may be written as: آ → ا)
    after_final: tuple[tuple[str, str], ...]  # (final letter, a letter that may follow it: ا → ء)

    def letter(self, c: str) -> str:
        if c in self.optional:
            return re.escape(c) + "?"
        written = [v for letter, v in self.variants if letter == c]
        return f"[{c}{''.join(written)}]" if written else re.escape(c)


@cache
def spelling() -> Spelling:
    rows = [r for p in all_packs() for r in p.rows(TABLE)]
    return Spelling(
        optional=tuple(r.text for r in rows if r.kind == "optional_letter"),
        variants=tuple((r.text, r.value) for r in rows if r.kind == "letter_variant"),
        after_final=tuple((r.text, r.value) for r in rows if r.kind == "optional_after_final"),
    )


def loose(word: str) -> str:
    """A vocabulary word as a regex over folded text that forgives how writers join and spell it:
    a space or ZWNJ inside the word may be a space or nothing (آتش‌بس, آتش بس, آتشبس), and the
    packs' ``Spelling`` (a hamza may be missing or added after a final alef: امضاء, امضا; آ may
    lose its madda)."""
    rules = spelling()
    pieces = []
    for piece in _GAP.split(word.strip()):
        folded = fold(piece)
        body = "".join(rules.letter(c) for c in folded)
        for final, added in rules.after_final:
            if folded.endswith(final):
                body += re.escape(added) + "?"
        pieces.append(body)
    return " ?".join(p for p in pieces if p)


def loose_key(text: str) -> str:
    """The key ``loose`` forgives: folded, without spaces, optional letters or variants (امضا شد = امضاء شد)."""
    rules = spelling()
    key = _GAP.sub("", fold(text))
    for letter in rules.optional:
        key = key.replace(letter, "")
    for letter, written in rules.variants:
        key = key.replace(letter, written)
    return key


def base_lang(lang: str) -> str:
    """``zh-hant`` → ``zh``: the vocabularies are per language, not per script or region."""
    return lang.split("-")[0].lower()


def title_for(lang: str, kind: str, place_name: str) -> str:
    """An event's title in ``lang``, from its pack's template for the type."""
    return vocabulary(lang).titles[kind].format(place=place_name)


def common_titles(lang: str, kind: str, place_name: str) -> dict[str, str]:
    """The title every event also carries in the registry's common language, unless ``lang`` is it."""
    common = registry().common_title_language
    return {} if base_lang(lang) == common else {common: title_for(common, kind, place_name)}


def compile_words(words: tuple[str, ...] | list[str]) -> str:
    """Regex alternation of folded words, longest first."""
    folded = sorted({fold(w) for w in words if fold(w)}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in folded)
