"""Lexicons as data: one loader for every ``.tsv`` file the extractors read.

Files are UTF-8, tab-separated, with ``#`` comment lines and one header line.
Errors name the file and the line::

    aliases.tsv:7: 3 columns, expected 8 (id, label, class, ...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ontology import NODE_CLASSES, DataFileError, relation_specs, subclasses

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a lexicon file as ``(line number, {column: value})``.

    Parameters
    ----------
    path : Path
        The file.
    columns : tuple of str
        The header the file must have, in order.

    Raises
    ------
    DataFileError
        The file is missing, not UTF-8, or a line has the wrong shape.

    Examples
    --------
    >>> rows = read_tsv(DATA_DIR / "groups.tsv", ("noun", "label"))
    >>> rows[0][1]["noun"]
    'hardliners'
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read lexicon ({exc})") from exc
    rows: list[tuple[int, dict[str, str]]] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) != columns:
                raise DataFileError(
                    f"{path.name}:{number}: header {cells!r}, expected {list(columns)!r}"
                )
            header_seen = True
            continue
        if len(cells) > len(columns):
            raise DataFileError(
                f"{path.name}:{number}: {len(cells)} columns, expected {len(columns)} "
                f"({', '.join(columns)})"
            )
        cells += [""] * (len(columns) - len(cells))
        rows.append((number, dict(zip(columns, (c.strip() for c in cells), strict=True))))
    if not header_seen:
        raise DataFileError(f"{path.name}: no header line, expected {list(columns)!r}")
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _check(condition: bool, path: Path, number: int, message: str) -> None:
    if not condition:
        raise DataFileError(f"{path.name}:{number}: {message}")


# ---------------------------------------------------------------- registry


@dataclass(frozen=True)
class RegistryEntry:
    """One known actor, policy, event or place of the registry."""

    id: str
    label: str
    cls: str
    qid: str | None
    aliases: tuple[str, ...]
    titles: tuple[str, ...]
    metonyms: tuple[str, ...]
    affiliation: str | None


REGISTRY_COLUMNS = ("id", "label", "class", "qid", "aliases", "titles", "metonyms", "affiliation")


def load_registry_rows(path: Path) -> list[RegistryEntry]:
    """Parse one registry file (the shipped one or a user's ``--aliases`` file)."""
    entries = []
    for number, row in read_tsv(path, REGISTRY_COLUMNS):
        _check(bool(re.fullmatch(r"[A-Za-z0-9_\-]+", row["id"])), path, number,
               f"id {row['id']!r} must be letters, digits, _ or -")
        _check(row["class"] in NODE_CLASSES, path, number,
               f"class {row['class']!r}, expected one of {', '.join(NODE_CLASSES)}")
        _check(not row["qid"] or bool(re.fullmatch(r"Q[0-9]+", row["qid"])), path, number,
               f"qid {row['qid']!r} is not a Wikidata id like Q794")
        _check(bool(row["label"]), path, number, "empty label")
        entries.append(
            RegistryEntry(
                id=row["id"],
                label=row["label"],
                cls=row["class"],
                qid=row["qid"] or None,
                aliases=tuple(dict.fromkeys((row["label"], *_split(row["aliases"])))),
                titles=_split(row["titles"]),
                metonyms=_split(row["metonyms"]),
                affiliation=row["affiliation"] or None,
            )
        )
    return entries


# ---------------------------------------------------------------- roles, cues, groups


@dataclass(frozen=True)
class Role:
    """A role noun and the relation it signals between its bearer and its complement."""

    role: str
    definite: str
    indefinite: str
    implies: str | None
    sent: bool = False  # "envoy to X": X is where the holder is sent, not whom they serve


@dataclass(frozen=True)
class Cue:
    """A relation cue: a verb or noun that states a predicate between two actors."""

    lemma: str
    particle: str | None
    fixed_object: str | None
    pos: str
    slots: tuple[str, ...]
    predicate: str
    confidence: float
    negated: str | None
    objects: tuple[str, ...]
    requires: str | None
    line: int
    reverse: bool = False
    event: str | None = None


def _predicate(path: Path, number: int, name: str) -> str:
    _check(name in relation_specs(), path, number,
           f"predicate {name!r} is not in the ontology ({', '.join(relation_specs())})")
    return name


@cache
def load_roles(path: Path = DATA_DIR / "roles.tsv") -> dict[str, Role]:
    """Role nouns by lower-case phrase."""
    roles = {}
    for number, row in read_tsv(path, ("role", "definite", "indefinite", "implies", "sent")):
        _check(row["sent"] in ("", "yes"), path, number, f"sent {row['sent']!r}, expected yes or nothing")
        roles[row["role"].lower()] = Role(
            role=row["role"].lower(),
            definite=_predicate(path, number, row["definite"]),
            indefinite=_predicate(path, number, row["indefinite"]),
            implies=row["implies"] or None,
            sent=row["sent"] == "yes",
        )
    return roles


@cache
def load_title_words() -> frozenset[str]:
    """Words of titles: every word of a role noun and every honorific. A name never starts
    or ends on one ("President", "Major General", "chief")."""
    return frozenset(w for role in load_roles() for w in role.split()) | load_words(
        DATA_DIR / "honorifics.tsv")


CUE_COLUMNS = ("cue", "pos", "object", "predicate", "confidence", "negated", "objects", "requires",
               "direction", "event")


def _parse_cue(path: Path, number: int, row: dict[str, str]) -> Cue:
    words = row["cue"].split()
    _check(bool(words), path, number, "empty cue")
    fixed = next((w[1:] for w in words[1:] if w.startswith("+")), None)
    particle = next((w for w in words[1:] if not w.startswith("+")), None)
    _check(row["pos"] in ("VERB", "NOUN"), path, number, f"pos {row['pos']!r}, expected VERB or NOUN")
    slots = tuple(s.strip() for s in row["object"].split(",") if s.strip())
    _check(bool(slots) and all(s in ("obj", "pair") or s.startswith("prep:") for s in slots),
           path, number, f"object {row['object']!r}, expected obj, pair or prep:WORD")
    try:
        confidence = float(row["confidence"])
    except ValueError:
        confidence = -1.0
    _check(0.0 <= confidence <= 1.0, path, number,
           f"confidence {row['confidence']!r}, expected a number in [0, 1]")
    objects = _split(row["objects"])
    _check(all(o in NODE_CLASSES for o in objects), path, number,
           f"objects {row['objects']!r}, expected classes among {', '.join(NODE_CLASSES)}")
    _check(row["direction"] in ("->", "<-"), path, number,
           f"direction {row['direction']!r}, expected -> or <-")
    _check(not row["event"] or row["event"] in subclasses("Event"), path, number,
           f"event {row['event']!r} is not an Event class of the ontology")
    return Cue(
        lemma=words[0].lower(),
        particle=particle,
        fixed_object=fixed,
        pos=row["pos"],
        slots=slots,
        predicate=_predicate(path, number, row["predicate"]),
        confidence=confidence,
        negated=_predicate(path, number, row["negated"]) if row["negated"] else None,
        objects=objects,
        requires=row["requires"].lower() or None,
        line=number,
        reverse=row["direction"] == "<-",
        event=row["event"] or None,
    )


#: The CAMEO verb dictionary, converted by ``extract/petrarch.py`` (cue columns and the code).
CONVERTED_CUES = DATA_DIR / "petrarch" / "verbs.tsv"


@cache
def load_cues(path: Path = DATA_DIR / "cues.tsv", converted: Path | None = CONVERTED_CUES,
              extra: tuple[Path, ...] = ()) -> dict[tuple[str, str], tuple[Cue, ...]]:
    """Relation cues by ``(lemma, pos)``: the converted CAMEO verbs, under the hand cues,
    under the analyst's ``extra`` files (in the format of ``cues.tsv``): a lemma a later
    file names keeps only that file's cues.

    Raises
    ------
    DataFileError
        A file is missing or a line is malformed (the message names file and line).
    """
    def read(source: Path, columns: tuple[str, ...]) -> dict[tuple[str, str], list[Cue]]:
        found: dict[tuple[str, str], list[Cue]] = {}
        for number, row in read_tsv(source, columns):
            cue = _parse_cue(source, number, row)
            found.setdefault((cue.lemma, cue.pos), []).append(cue)
        return found

    cues = read(converted, (*CUE_COLUMNS, "cameo")) if converted is not None else {}
    for source in (path, *extra):
        cues.update(read(Path(source), CUE_COLUMNS))
    return {key: tuple(value) for key, value in cues.items()}


@cache
def load_participles(path: Path = DATA_DIR / "participles.tsv") -> dict[str, tuple[str, float]]:
    """Hyphenated participles ("-backed", "-led") to the predicate and confidence they state."""
    found = {}
    for number, row in read_tsv(path, ("participle", "predicate", "confidence")):
        try:
            confidence = float(row["confidence"])
        except ValueError:
            confidence = -1.0
        _check(0.0 <= confidence <= 1.0, path, number, f"confidence {row['confidence']!r}")
        found[row["participle"].lower()] = (_predicate(path, number, row["predicate"]), confidence)
    return found


@cache
def load_collectives(path: Path = DATA_DIR / "collectives.tsv") -> dict[str, str]:
    """A state's institutions by common noun ("army") to their label ("armed forces")."""
    return {row["noun"].lower(): row["label"] for _n, row in read_tsv(path, ("noun", "label"))}


@cache
def load_groups(path: Path = DATA_DIR / "groups.tsv") -> dict[str, str]:
    """Collective nouns (as written, and lower case) to group labels."""
    groups: dict[str, str] = {}
    for _number, row in read_tsv(path, ("noun", "label")):
        groups[row["noun"]] = row["label"]
        groups.setdefault(row["noun"].lower(), row["label"])
    return groups


class Nominal(NamedTuple):
    """What a nominal ("the organization", "the agreement") stands for."""

    cls: str
    #: words one of which the antecedent's names must hold (empty: any actor of the class)
    named: frozenset[str]


@cache
def load_nominals(path: Path = DATA_DIR / "nominals.tsv") -> dict[str, Nominal]:
    """Nouns that stand for a just-named actor, to the class they stand for.

    >>> load_nominals()["agreement"].cls, "deal" in load_nominals()["agreement"].named
    ('Policy', True)
    """
    nominals = {}
    for number, row in read_tsv(path, ("noun", "class", "named")):
        _check(row["class"] in NODE_CLASSES, path, number, f"class {row['class']!r} unknown")
        nominals[row["noun"].lower()] = Nominal(
            row["class"], frozenset(w.lower() for w in _split(row["named"])))
    return nominals


@cache
def load_reporting(path: Path = DATA_DIR / "reporting.tsv") -> dict[str, str]:
    """Reporting verbs to the stance they give what they report: "claimed" or "denied".

    >>> load_reporting()["deny"], load_reporting()["say"]
    ('denied', 'claimed')
    """
    found = {}
    for number, row in read_tsv(path, ("word", "stance")):
        _check(row["stance"] in ("claimed", "denied"), path, number,
               f"stance {row['stance']!r}, expected claimed or denied")
        found[row["word"].lower()] = row["stance"]
    return found


@cache
def load_words(path: Path) -> frozenset[str]:
    """A one-column word list (lower case)."""
    return frozenset(row["word"].lower() for _n, row in read_tsv(path, ("word",)))


@dataclass(frozen=True)
class BoilerplateRule:
    """A page-furniture pattern: ``drop`` the line; ``list``: drop it and the bullet lines
    after it; ``tail``: drop it and all after."""

    kind: str
    pattern: re.Pattern[str]


@cache
def load_boilerplate(path: Path = DATA_DIR / "boilerplate.tsv") -> tuple[BoilerplateRule, ...]:
    """Page-furniture patterns, compiled."""
    rules = []
    for number, row in read_tsv(path, ("kind", "pattern")):
        _check(row["kind"] in ("drop", "list", "tail"), path, number,
               f"kind {row['kind']!r}, expected drop, list or tail")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(f"{path.name}:{number}: bad pattern ({exc})") from exc
        rules.append(BoilerplateRule(row["kind"], pattern))
    return tuple(rules)


@cache
def load_distinct(path: Path = DATA_DIR / "distinct.tsv") -> frozenset[frozenset[str]]:
    """Pairs of registry ids that fuzzy matching must never confuse."""
    pairs = set()
    for number, row in read_tsv(path, ("first", "second")):
        _check(bool(row["first"] and row["second"]), path, number, "needs two ids")
        pairs.add(frozenset((row["first"], row["second"])))
    return frozenset(pairs)


def all_lexicon_files() -> Iterable[Path]:
    """Every shipped lexicon file, converted ones included."""
    return sorted(DATA_DIR.rglob("*.tsv"))
