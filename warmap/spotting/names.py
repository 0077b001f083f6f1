"""Gazetteer names in running text: all names matched at once, then the context says no.

One Aho-Corasick automaton per script holds every name key of the gazetteer;
``iter_long`` gives the leftmost-longest matches over the document's matching
form in one C-level pass. Each match then has to pass the checks a reader
would make: a whole word (for scripts with spaces), not an ordinary word that
a village happens to be called, not part of an army, newspaper or demonym,
and a place a text about this war could plausibly mean.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

import ahocorasick

from warmap.gazetteer.hanja_bridge import BRIDGE_LANGUAGE, hangul_stems
from warmap.gazetteer.scripts import countries_naming, name_script
from warmap.languages.tags import is_spaced, scripts_of
from warmap.model import FEATURES, SETTLEMENTS, Candidate, Document, Mention
from warmap.reading.normalize import normalize_name
from warmap.spotting.mentions import mention_at
from warmap.spotting.spans import DisjointSpans, SpanSet
from warmap.spotting.vocabulary import QUALIFIERS, Vocabulary, direction_words, vocabulary
from warmap.spotting.windows import keyed, match_windows, matches_in, name_letters, remember_letters
from warmap.spotting.words import cased, whole_word_matches
from warmap.wars import load_war

# The theatre the bundled gazetteer is built for (the default war's): any candidate here is plausible,
# whatever its size. The Hanja bridge reads Han names as Hangul: its namesakes are the places named so.
THEATRE = frozenset(load_war().countries)
HANJA_NAMED = countries_naming(BRIDGE_LANGUAGE)
NOT_SETTLEMENTS = set(FEATURES) - set(SETTLEMENTS)
# Outside the theatre a bare name must be a place people know: short names are
# too often ordinary words (三次, 北上) to let a small town anywhere claim them.
MIN_POPULATION_SHORT = 1_000_000
MIN_POPULATION_LONG = 100_000
# A Korean place read through the Hanja bridge with the same Hangul as the exact match
# (顺天 = 順天 순천 Suncheon, South; 順川 순천 Sunchon, North) is offered to the resolver
# too, when its score is within this of the exact one: context can then choose.
BRIDGE_MARGIN = 0.15
# Two names written as one word each have at least this many letters (용문산가평군): shorter
# ones run into ordinary words too often.
MIN_GLUED = 3

# Per gazetteer (held weakly: a freed gazetteer's id can be another's), its automaton for each set of scripts.
_automata: WeakKeyDictionary = WeakKeyDictionary()
# Per gazetteer, the candidates of each name key as spot_names offers them: a library names the same places
# in every article, and a key's candidates depend only on the read-only index.
_known: WeakKeyDictionary = WeakKeyDictionary()


def scripts_for(lang: str) -> frozenset[str]:
    """The scripts whose gazetteer names are matched in a text of this language (its pack's)."""
    return scripts_of(lang)



def automaton_for(gazetteer, scripts: frozenset[str]) -> ahocorasick.Automaton:
    """The automaton of every name key in these scripts, built once per gazetteer.

    It stores each key's length, not the key (``keyed`` gives the key back from the text): a
    cached automaton of 60,000 strings loads in half the time.
    """
    per_scripts = _automata.setdefault(gazetteer, {})
    automaton = per_scripts.get(scripts)
    if automaton is None:

        def build() -> ahocorasick.Automaton:
            automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
            names = gazetteer.matching_names(set(scripts))
            redundant = _trailing_direction_names(gazetteer, names) if "Latin" in scripts else set()
            for name in names:
                if name and name not in redundant:
                    automaton.add_word(name)
            if len(automaton) == 0:
                automaton.add_word("\x00")  # an empty automaton cannot be searched
            automaton.make_automaton()
            return automaton

        index = getattr(gazetteer, "path", None)  # an index file: the automaton is kept on disk for it
        if index is None:
            automaton = build()
        else:
            from warmap.filecache import kept_value
            from warmap.spotting.automaton_cache import cache_key, cached_automaton

            words = direction_words() if "Latin" in scripts else ()
            disk_key = cache_key(index, scripts, words, automaton_for)
            automaton = cached_automaton(disk_key, build)
            # the characters its names hold: reading 62,000 keys back out of the automaton took 15 ms
            letters = kept_value(f"name letters 1\x00{disk_key}", lambda: "".join(sorted(name_letters(automaton))))
            remember_letters(automaton, frozenset(letters))
        per_scripts[scripts] = automaton
    return automaton


def with_namesakes(gazetteer, key: str, lang: str, candidates: list[Candidate]) -> list[Candidate]:
    """The exact candidates of a Han name and the Korean places that read the same in Hangul.

    A Chinese text writes a Korean place in Hanja, and two places can share the Hangul
    reading but not the characters: 顺天 is 順天 Suncheon (South) by its characters, but a
    text about the Sunchon tunnel massacre near Pyongyang means 順川 Sunchon (North), also
    순천. The bridge candidates of the same reading, not far below the exact one, are kept
    for the resolver to choose among by the places around.
    """
    korean = [c for c in candidates if c.place.country in HANJA_NAMED]
    if not korean:
        return candidates
    readings = set()
    for candidate in korean:
        for name in _hangul_names(candidate):
            readings |= hangul_stems(name.replace(" ", ""))
    floor = max(c.score for c in candidates) - BRIDGE_MARGIN
    have = {c.place.place_id for c in candidates}
    extra = [
        c
        for c in gazetteer.lookup(key, lang=lang, limit=30)
        if c.how == "bridge"
        and c.place.country in HANJA_NAMED
        and c.place.place_id not in have
        and c.score >= floor
        and hangul_stems(c.matched.replace(" ", "")) & readings
    ]
    return candidates + extra


def _hangul_names(candidate: Candidate) -> list[str]:
    """The place's names written in Hangul, whatever their tag."""
    return [name for names in candidate.place.names.values() for name in names if name_script(name) == "Hangul"]


def _trailing_direction_names(gazetteer, names: list[str]) -> set[str]:
    """Latin names "X north" of a place that is also called X: "38th parallel north".

    Matched whole, they swallow the text's own compass word ("the 38th Parallel north of
    Seoul"); the shorter name finds the same place and leaves the direction to the text.
    """
    known = set(names)
    words = direction_words()
    redundant = set()
    for name in names:
        head, _, last = name.rpartition(" ")
        if not head or last not in words or head not in known:
            continue
        if {c.place.place_id for c in gazetteer.exact(name)} <= {c.place.place_id for c in gazetteer.exact(head)}:
            redundant.add(name)
    return redundant


def _inside_unknown_settlement(text: str, start: int, key: str, vocab: Vocabulary, gazetteer) -> bool:
    """A short name ending in a settlement suffix read across the start of a longer name: 两水洞.

    水洞 (Sudong) matched in 两水洞 is "两 + 水洞" only if the text means Sudong; when the
    characters before it and the name's stem are themselves a known name (两水), the text
    reads "两水 + 洞", a -dong the gazetteer does not know, and is not Sudong. Particles
    and verbs before a name (在水洞, 向水洞) make no name with its stem.
    """
    for length in range(min(len(key) - 1, 2), 0, -1):
        suffix = key[-length:]
        if vocab.place_suffixes.get(suffix) not in SETTLEMENTS:
            continue
        stem = key[:-length]
        for before in (1, 2):
            if start - before < 0 or not all(_is_han(ch) for ch in text[start - before : start]):
                break
            if gazetteer.exact(text[start - before : start] + stem):
                return True
    return False


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def plausible(candidates: list[Candidate], short: bool = False, theatre_only: bool = False) -> bool:
    """Could a text about the war mean one of these places when it writes the name bare?

    ``theatre_only``: the name is a gloss in a script the text only quotes (Latin in a Korean
    text: 서울 전투(Second Battle of Seoul)), where people's names stand too (워커(Walker)):
    it counts only as a place of the theatre.
    """
    threshold = MIN_POPULATION_SHORT if short else MIN_POPULATION_LONG
    for candidate in candidates:
        place = candidate.place
        if place.country in THEATRE or place.place_id.startswith("curated:"):
            return True
        if theatre_only:
            continue
        if place.place_id.startswith("ne:"):
            return True
        if place.feature in NOT_SETTLEMENTS or place.population >= threshold:
            return True
    return False


def generated_text(doc: Document, start: int, end: int) -> bool:
    """Text a template made (the country name of ``{{USA}}``) is not in the source to point at."""
    source, offsets, text = doc.source.text, doc.offsets, doc.text
    for i in range(start, end):  # a plain loop: asked for every match, any() over a generator cost twice this
        if source[offsets[i]] != text[i]:
            return True
    return False


def _is_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _word_rest(text: str, end: int) -> str:
    """The letters from ``end`` to the end of their word: the particles after a name (으로 in 인천으로)."""
    stop = end
    while stop < len(text) and text[stop].isalnum():
        stop += 1
    return text[end:stop]


def _stands_as_word(doc: Document, start: int, end: int, vocab: Vocabulary, gazetteer) -> bool:
    """A whole word, or a word's start followed only by endings the language writes on names
    (인천으로, 서울에서도), read on the readable text, where hyphens and the like still stand.

    Two names run together in one word (용문산가평군: a text copied from linked names loses
    the space between them) stand as words too, each of at least ``MIN_GLUED`` letters.
    """
    if _is_word(doc.match_text, start, end):
        return True
    if not vocab.name_endings:
        return False
    readable_start, readable_end = doc.match_to_readable(start, end)
    before = _word_before(doc.text, readable_start)
    if before and (readable_end - readable_start < MIN_GLUED or not _glued_name(before, gazetteer)):
        return False
    rest = normalize_name(_word_rest(doc.text, readable_end))
    if vocab.ends_a_name(rest):
        return True
    if readable_end - readable_start < MIN_GLUED:
        return False
    return any(
        _glued_name(rest[:cut], gazetteer) and vocab.ends_a_name(rest[cut:])
        for cut in range(MIN_GLUED, len(rest) + 1)
    )


def _word_before(text: str, start: int) -> str:
    """The letters from the start of their word to ``start``: a name run on before this one."""
    begin = start
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    return text[begin:start]


def _glued_name(letters: str, gazetteer) -> bool:
    """Whether these letters are a name of the gazetteer long enough to be run on with another."""
    return len(letters) >= MIN_GLUED and bool(gazetteer.exact(normalize_name(letters)))


def _second_named(doc: Document, readable_start: int, effect: str | None) -> bool:
    """A word of its own inside a battle's name, before the battle word: 영변 in 운산-영변 전투 (where words
    are spaced: a run of Han characters is read by the rules of unspaced text)."""
    return effect == "event" and not doc.text[readable_start - 1].isalnum()


def _qualifier(doc: Document, vocab: Vocabulary, start: int, end: int) -> str | None:
    effect = vocab.effect_after(doc.match_text[end : end + 6])
    if effect in QUALIFIERS:
        return effect
    effect = vocab.effect_before(doc.match_text[max(0, start - 16) : start].rstrip())
    return effect if effect in QUALIFIERS else None


def _theatre_readings(gazetteer, key: str, lang: str, candidates: list[Candidate]) -> list[Candidate]:
    """The theatre's places a Han name reads as when it names only far, small ones exactly: 大田市 is
    Ōda in Japan by its characters, and Daejeon (大田 with 市) in a text about the war."""
    have = {c.place.place_id for c in candidates}
    return [
        c
        for c in gazetteer.lookup(key, lang=lang, limit=30)
        if c.place.place_id not in have and c.how != "exact" and plausible([c])
    ]


def _candidates(gazetteer, key: str, lang: str, spaced: bool) -> list[Candidate]:
    """The exact candidates of a matched key, with the Hanja bridge's namesakes where names are unspaced;
    remembered per gazetteer (fresh copies handed out, so no document shares another's)."""
    try:
        memo = _known.setdefault(gazetteer, {})
    except TypeError:  # a gazetteer that cannot be weakly referenced is asked every time
        memo = {}
    remembered = memo.get((key, lang, spaced))
    if remembered is None:
        candidates = gazetteer.exact(key)
        if not spaced and candidates:
            candidates = with_namesakes(gazetteer, key, lang, candidates)
        if not spaced and candidates and not plausible(candidates):
            candidates = candidates + _theatre_readings(gazetteer, key, lang, candidates)
        remembered = memo[(key, lang, spaced)] = tuple(candidates)
    return [Candidate(c.place, c.score, c.matched, c.how) for c in remembered]


def spot_names(
    doc: Document,
    gazetteer,
    taken: list[tuple[int, int]],
    guarded: list[tuple[int, int]] = (),
    proper_names: list[tuple[int, int]] = (),
    within: SpanSet | None = None,
) -> list[Mention]:
    """Gazetteer names in the running text, outside the ``taken`` readable spans.

    Inside ``guarded`` spans (the shown text of links to organisations, treaties,
    people) a name counts only when the words after it make it a place again:
    a battle or conference named after it, or a phrase like 中华人民共和国政府.
    Inside ``proper_names`` (links whose shown text is the title of an article
    that is not a place: a person, a unit) only a name at the start can count.
    With ``within``, only the names overlapping those readable spans are read: the
    same mentions there as reading the whole text, as the checks are local.
    """
    scripts = scripts_for(doc.lang)
    vocab = vocabulary(doc.lang)
    spaced_language = is_spaced(doc.lang)
    text = doc.match_text
    automaton = automaton_for(gazetteer, scripts)
    taken_spans, guarded_spans = SpanSet(taken), SpanSet(guarded)
    name_spans = DisjointSpans(proper_names)
    cache: dict[str, list[Candidate]] = {}
    mentions: list[Mention] = []
    if cased(doc.lang):
        matches = whole_word_matches(automaton, text)
    elif within is not None:  # the parts of the text the spans can be read from, for the cost of those
        matches = matches_in(automaton, text, match_windows(doc, name_letters(automaton), within.spans()))
    else:
        matches = keyed(text, automaton.iter_long(text))
    for last, key in matches:
        start, end = last - len(key) + 1, last + 1
        if within is not None and not within.overlaps(*doc.match_to_readable(start, end)):
            continue
        # A script the language runs on without spaces (Hanja in a Korean text) is read as unspaced.
        spaced = spaced_language and name_script(key) not in vocab.unspaced_scripts
        min_length = 1 if spaced else 2
        if len(key.replace(" ", "")) < min_length or key in vocab.not_places:
            continue
        if spaced and not _stands_as_word(doc, start, end, vocab, gazetteer):
            continue
        effect = vocab.effect_after(text[end : end + vocab.longest_after])
        if effect == "not_place" or vocab.effect_before(text[max(0, start - 16) : start].rstrip()) == "not_place":
            continue  # 한국 전쟁 (the war), 세계 대전 (a world war, not Daejeon)
        readable_start, readable_end = doc.match_to_readable(start, end)
        if taken_spans.overlaps(readable_start, readable_end) or generated_text(doc, readable_start, readable_end):
            continue
        if effect not in ("event", "attributive") and guarded_spans.overlaps(readable_start, readable_end):
            continue
        if name_spans.strictly_inside(readable_start) and not (spaced and _second_named(doc, readable_start, effect)):
            continue  # 平山 inside the name of the person 张平山
        short = len(key) <= (4 if spaced else 2)
        if not spaced and len(key) <= 3 and _inside_unknown_settlement(text, start, key, vocab, gazetteer):
            continue
        candidates = cache.get(key)
        if candidates is None:
            candidates = cache[key] = _candidates(gazetteer, key, doc.lang, spaced)
        quoted = name_script(key) in vocab.quoted_scripts
        if not candidates or not plausible(candidates, short, theatre_only=quoted):
            continue
        qualifier = _qualifier(doc, vocab, start, end)
        mentions.append(
            mention_at(doc, readable_start, readable_end, key, candidates, "gazetteer", qualifier=qualifier)
        )
    return mentions
