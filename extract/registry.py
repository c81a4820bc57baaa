"""The actor registry: known actors, their aliases, titles and Wikidata ids.

Lookup goes in order of evidence: an exact alias, the normalised form, the
form without honorifics, then a fuzzy match for misspellings that never
confuses two registered look-alikes.

Examples
--------
>>> reg = Registry.load()
>>> reg.lookup("Khamenei’s").id
'Ali_Khamenei'
>>> reg.lookup("Ayatollah Ali Khamenei").id
'Ali_Khamenei'
>>> reg.fuzzy("Qsem Solemaini", "Person").id
'Qasem_Soleimani'
>>> reg.fuzzy("Khomeini", "Person").id  # a different person, not a misspelling
'Ruhollah_Khomeini'
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from extract.lexicon import (
    DATA_DIR,
    RegistryEntry,
    load_distinct,
    load_registry_rows,
    load_words,
)
from extract.text import normalize_name
from ontology import DataFileError

REGISTRY_PATH = DATA_DIR / "actors.tsv"
#: Registry files converted from the event-coding dictionaries (``extract/petrarch.py``),
#: loaded first: the hand registry overrides them by id.
CONVERTED_PATHS = tuple(DATA_DIR / "petrarch" / name for name in (
    "states.tsv", "organizations.tsv", "people.tsv", "places.tsv"))
#: Converted files whose names the NER finds by itself: looked up, not matched in the text
#: (thousands of office-holders would slow every start-up for little gain, and a town's name
#: is often a surname: "Lloyd Austin").
LOOKUP_ONLY = frozenset({DATA_DIR / "petrarch" / "people.tsv", DATA_DIR / "petrarch" / "places.tsv"})
#: The honorifics a name may open with (dropped from it to match: "major general").
HONORIFICS_PATH = DATA_DIR / "honorifics.tsv"
#: Minimum rapidfuzz ratio (0-100) for a misspelling to match a registered name.
FUZZY_THRESHOLD = 84.0
#: Minimum ratio between the last words of a misspelt full name and the name it means.
SURNAME_THRESHOLD = 75.0
#: How many fuzzy searches a registry remembers (then it forgets them all and starts again).
NEAREST_REMEMBERED = 50_000
#: Names shorter than this never match fuzzily.
FUZZY_MIN_LENGTH = 6


@cache
def _honorifics() -> frozenset[str]:
    return load_words(HONORIFICS_PATH)


def strip_honorifics(norm: str) -> str:
    """Drop leading honorifics ("ayatollah", "major general") from a normalised name.

    >>> strip_honorifics("major general qsem solemaini")
    'qsem solemaini'
    """
    honorifics = _honorifics()
    words = norm.split()
    while len(words) > 1 and words[0] in honorifics:
        words.pop(0)
    return " ".join(words)


def _same_surname(norm: str, choices: dict[str, str], owner: str,
                  found: list[tuple[str, float, int]]) -> bool:
    """A misspelt name keeps each of its words close: "qsem solemaini" is Qasem Soleimani;
    "mohammad al jalali" is not Mohammad Ali Jafari, nor the "Kivu Liberation Front" the
    Kashmir one (shared words make a high ratio between different names)."""
    words = norm.split()

    def close(alias: str) -> bool:
        other = alias.split()
        if len(words) == 1 or len(other) == 1:
            return True
        if len(other) == len(words):
            return all(fuzz.ratio(a, b) >= SURNAME_THRESHOLD for a, b in zip(words, other, strict=True))
        return fuzz.ratio(words[-1], other[-1]) >= SURNAME_THRESHOLD

    return any(choices[alias] == owner and close(alias) for alias, _score, _index in found)


@dataclass
class Registry:
    """Registered entries with indexes by alias, title and metonym."""

    entries: dict[str, RegistryEntry] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)
    _by_class: dict[str | None, tuple[dict[str, str], list[str], int]] = field(
        default_factory=dict, repr=False)
    _nearest_found: dict[tuple[str, str | None, int], list[tuple]] = field(
        default_factory=dict, repr=False)
    _by_length: dict[str | None, tuple[list[int], list[str], list[int], int]] = field(
        default_factory=dict, repr=False)
    _titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The last word of every title: a description that ends with none names no holder.
    _title_ends: set[str] = field(default_factory=set, repr=False)
    _metonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Ids found by lookup of what the NER marks, not by the entity ruler.
    lookup_only: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> Registry:
        """The shipped registry, extended (and overridden by id) by ``extra`` files."""
        registry = cls()
        for path in map(Path, (*CONVERTED_PATHS, REGISTRY_PATH, *extra)):
            lookup_only, shipped = path in LOOKUP_ONLY, path == REGISTRY_PATH
            for entry in load_registry_rows(path):
                registry.add(entry, path if shipped else None)
                if lookup_only:
                    registry.lookup_only.add(entry.id)
                else:
                    registry.lookup_only.discard(entry.id)
        return registry

    def ruled(self) -> Iterator[RegistryEntry]:
        """The entries the entity ruler matches in the text."""
        return (e for e in self.entries.values() if e.id not in self.lookup_only)

    def add(self, entry: RegistryEntry, source: Path | None = None) -> None:
        """Add (or replace) an entry and index its names."""
        self.entries[entry.id] = entry
        for alias in entry.aliases:
            key = normalize_name(alias)
            owner = self._aliases.get(key)
            if owner and owner != entry.id and source is not None and source == REGISTRY_PATH:
                raise DataFileError(f"{source.name}: alias {alias!r} of {entry.id} "
                                    f"already names {owner}")
            self._aliases[key] = entry.id
        for title in entry.titles:
            key = normalize_name(title)
            self._titles[key] = tuple(dict.fromkeys((*self._titles.get(key, ()), entry.id)))
            self._title_ends.update(key.split()[-1:])
        for metonym in entry.metonyms:
            key = normalize_name(metonym)
            self._metonyms[key] = tuple(dict.fromkeys((*self._metonyms.get(key, ()), entry.id)))

    def lookup(self, text: str) -> RegistryEntry | None:
        """The entry that ``text`` names exactly (after normalising), or None."""
        norm = normalize_name(text)
        hit = self._aliases.get(norm) or self._aliases.get(strip_honorifics(norm))
        return self.entries[hit] if hit else None

    def metonyms(self, text: str) -> tuple[RegistryEntry, ...]:
        """The states a capital or seat of government can stand for ("Tehran", "the White
        House"), in registry order: "Moscow" is Russia, or the Soviet Union."""
        return tuple(self.entries[i] for i in self._metonyms.get(normalize_name(text), ()))

    def title_holders(self, text: str) -> tuple[RegistryEntry, ...]:
        """Entries that a description ("the Supreme Leader", "the slain general") can stand for."""
        norm = normalize_name(text)
        words = norm.split()
        for start in range(len(words)):
            ids = self._titles.get(" ".join(words[start:]))
            if ids:
                return tuple(self.entries[i] for i in ids)
        return ()

    def may_hold_titles(self, word: str) -> bool:
        """False when no description that ends with ``word`` (a word, as the text has it)
        can name a title holder (:meth:`title_holders` of it is empty): a cheap test
        before the phrases of a word are made."""
        last = normalize_name(word).split()[-1:]
        return not last or last[0] in self._title_ends

    def fuzzy_score(self, text: str, entry: RegistryEntry) -> float:
        """How close ``text`` is to the nearest name of ``entry``, in [0, 1]."""
        norm = strip_honorifics(normalize_name(text))
        return max(fuzz.ratio(norm, normalize_name(a)) for a in entry.aliases) / 100

    def _choices(self, cls: str | None) -> tuple[dict[str, str], list[str]]:
        """The aliases of the entries of ``cls`` (any class for None), to their owners,
        and as a list: made once per class, not for every name looked up."""
        cached = self._by_class.get(cls)
        if cached is None or cached[2] != len(self._aliases):
            choices = {alias: owner for alias, owner in self._aliases.items()
                       if cls is None or self.entries[owner].cls == cls}
            cached = self._by_class[cls] = (choices, list(choices), len(self._aliases))
        return cached[0], cached[1]

    def _lengthwise(self, cls: str | None, names: list[str]) -> tuple[list[int], list[str],
                                                                     list[int]]:
        """``names`` (the aliases of ``cls``) sorted by length: their lengths, the names,
        and the place of each in ``names``."""
        cached = self._by_length.get(cls)
        if cached is None or cached[3] != len(self._aliases):
            order = sorted(range(len(names)), key=lambda i: (len(names[i]), i))
            cached = self._by_length[cls] = ([len(names[i]) for i in order],
                                             [names[i] for i in order], order,
                                             len(self._aliases))
        return cached[0], cached[1], cached[2]

    def _nearest(self, norm: str, cls: str | None, names: list[str]) -> list[tuple]:
        """The aliases nearest ``norm`` (rapidfuzz), remembered: a corpus names the same
        unknown people again and again. The same as ``process.extract(norm, names,
        scorer=fuzz.ratio, limit=8, score_cutoff=FUZZY_THRESHOLD)``, but only the names
        of a length that can reach the threshold are scored: ``fuzz.ratio`` is at most
        ``200 * min(a, b) / (a + b)`` for lengths ``a`` and ``b``."""
        key = (norm, cls, len(self._aliases))
        found = self._nearest_found.get(key)
        if found is None:
            if len(self._nearest_found) >= NEAREST_REMEMBERED:
                self._nearest_found.clear()
            lengths, by_length, places = self._lengthwise(cls, names)
            share = FUZZY_THRESHOLD / 100
            size = len(norm)  # one character of slack either way, for the rounding
            first = bisect.bisect_left(lengths, math.floor(size * share / (2 - share)) - 1)
            last = bisect.bisect_right(lengths, math.ceil(size * (2 - share) / share) + 1)
            scored = process.extract(norm, by_length[first:last], scorer=fuzz.ratio,
                                     limit=None, score_cutoff=FUZZY_THRESHOLD)
            ranked = sorted((-score, places[first + i], name) for name, score, i in scored)
            found = self._nearest_found[key] = [(name, -score, place)
                                                for score, place, name in ranked[:8]]
        return found

    def fuzzy(
        self, text: str, cls: str | None = None, context: frozenset[str] = frozenset()
    ) -> RegistryEntry | None:
        """The entry a misspelt name most likely means, or None.

        ``context`` holds the ids the document already names. When two
        candidates are about as close ("Khameini" is one letter from both
        Khamenei and Khomeini), or are registered look-alikes, the one the
        document names wins; with no such evidence nothing is guessed.

        >>> reg = Registry.load()
        >>> reg.fuzzy("Khameini", "Person") is None
        True
        >>> reg.fuzzy("Khameini", "Person", frozenset({"Ali_Khamenei"})).id
        'Ali_Khamenei'
        """
        norm = strip_honorifics(normalize_name(text))
        exact = self.lookup(norm)
        if exact is not None or len(norm) < FUZZY_MIN_LENGTH:
            return exact
        choices, names = self._choices(cls)
        found = self._nearest(norm, cls, names)
        if not found:
            return None
        best_score = found[0][1]
        distinct = load_distinct()
        owners = list(dict.fromkeys(choices[alias] for alias, _s, _i in found))
        rivals = [o for o in owners
                  if any(choices[a] == o and s >= best_score - 3 for a, s, _i in found)
                  or frozenset((owners[0], o)) in distinct]
        rivals = [o for o in rivals if _same_surname(norm, choices, o, found)]
        if len(rivals) == 1:
            return self.entries[rivals[0]]
        named = [o for o in rivals if o in context]
        return self.entries[named[0]] if len(named) == 1 else None
