"""Convert the PETRARCH2 / Phoenix event-coding dictionaries into actorgraph's data files.

The Open Event Data Alliance's dictionaries (MIT licence; repository
``openeventdata/petrarch2``, folder ``petrarch2/data/dictionaries/``) hold what a
hand lexicon never will: every state with its names, adjectives, cities and
institutions, thousands of office-holders with their terms, international
bodies and armed groups, generic agents ("police", "rebels") and the CAMEO verb
dictionary. This module reads them once and writes plain TSV files into
``extract/data/petrarch/`` (committed, with the licence notice), which the
registry and the cue lexicon load under the hand files: a hand row overrides a
converted one by id, a hand cue a converted cue of the same lemma.

Run it again when the dictionaries change::

    python -m extract.petrarch PATH/TO/petrarch2/data/dictionaries

Country facts the dictionaries lack (the capital, the demonym, the common
English name) come from the ``countryinfo`` package at conversion time.
CAMEO codes become predicates by the ontology's ``ag:cameoCode`` annotations
(the longest code prefix wins), with confidences and argument slots from the
hand table ``extract/data/cameo.tsv``.

Examples
--------
>>> parse_date("080507"), parse_date(">080508"), parse_date("19270101")
('2008-05-07', '2008-05-08', '1927-01-01')
>>> words_of("+RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN")
'RUSSIAN PRESIDENT VLADIMIR V. PUTIN'
>>> proper("MOHAMMED_BIN_ABDULRAHMAN_AL_THANI_")
'Mohammed bin Abdulrahman al Thani'
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.lexicon import (
    CUE_COLUMNS,
    DATA_DIR,
    REGISTRY_COLUMNS,
    load_nominals,
    load_registry_rows,
    load_roles,
    load_title_words,
    load_words,
    read_tsv,
)
from extract.text import normalize_name
from ontology import cameo_predicates, relation_specs

OUT_DIR = DATA_DIR / "petrarch"
SOURCE = "openeventdata/petrarch2, petrarch2/data/dictionaries"
LICENSE = """The files in this folder are converted by extract/petrarch.py from the PETRARCH2 / Phoenix
event-coding dictionaries of the Open Event Data Alliance (repository openeventdata/petrarch2,
folder petrarch2/data/dictionaries), distributed under the MIT License:

The MIT License (MIT)

Copyright (c) 2014 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.

Country names, capitals and demonyms were completed from the countryinfo package (MIT).
"""

_LOWER_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "del", "da", "di", "van",
                              "von", "der", "le", "la", "du", "dos", "das", "ul", "ould"})
#: Codes of the sectors the agents file and the institutions use (CAMEO actor codes).
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^[<>]?\d{6}(\d{2})?$")


# ---------------------------------------------------------------- words and dates


def words_of(raw: str) -> str:
    """A dictionary phrase as words: underscores to spaces, markers and comments dropped."""
    raw = raw.split("#", 1)[0]
    raw = _CODE.sub("", raw)
    raw = re.sub(r"\{[^}]*\}", "", raw)
    raw = raw.strip().lstrip("+&").strip()
    return " ".join(raw.replace("_", " ").split())


def proper(raw: str) -> str:
    """A name in the dictionaries' capitals, in the case a reader expects."""
    out = []
    for index, word in enumerate(words_of(raw).split()):
        low = word.lower()
        if index and (low in _LOWER_PARTICLES or low in ("of", "the", "and", "for")):
            out.append(low)
        elif len(word) <= 4 and word.isalpha() and word.isupper() and not _vowels(" " + word):
            out.append(word)  # an acronym: "PKK", "GNA"
        else:
            out.append(re.sub(r"(^|[-'’.])([a-z])", lambda m: m.group(1) + m.group(2).upper(), low))
    return " ".join(out)


def _vowels(word: str) -> bool:
    return any(c in "AEIOU" for c in word[1:])


def parse_date(text: str) -> str:
    """A dictionary date (YYMMDD, YYYYMMDD, with < or > for open ends) as ISO 8601."""
    text = text.lstrip("<>")
    if len(text) == 8:
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    year = int(text[:2])
    century = 2000 if year <= 30 else 1900
    return f"{century + year}-{text[2:4]}-{text[4:6]}"


# ---------------------------------------------------------------- actor files


@dataclass
class Block:
    """One entry of a TABARI actors file: its names and its codes (with periods)."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, start, end
    comment: str = ""

    @property
    def primary(self) -> str:
        return self.names[0]


def _codes(text: str) -> list[tuple[str, str, str]]:
    found = []
    for inside in _CODE.findall(text):
        parts = inside.split()
        if not parts or parts[0].startswith("~"):
            continue
        code, start, end = parts[0], "", ""
        if len(parts) > 1:
            period = parts[1]
            if period.startswith(">") and _DATE.match(period):
                start = parse_date(period)
            elif period.startswith("<") and _DATE.match(period):
                end = parse_date(period)
            elif "-" in period:
                first, _, last = period.partition("-")
                if _DATE.match(first) and _DATE.match(last):
                    start, end = parse_date(first), parse_date(last)
        found.append((code, start, end))
    return found


def read_actor_blocks(path: Path) -> Iterator[Block]:
    """Entries of an actors file, in file order: names (primary first), then codes."""
    block = Block()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            block.codes += _codes(stripped)
            continue
        if block.codes and not stripped.startswith("+"):
            if block.names:
                yield block
            block = Block()
        name = words_of(stripped)
        if name and "!" not in name:
            block.names.append(name)
        if "#" in stripped and not block.comment:
            block.comment = stripped.split("#", 1)[1].strip()
        block.codes += _codes(stripped.split("#", 1)[0])
    if block.names:
        yield block


# ---------------------------------------------------------------- the conversion


@dataclass
class Row:
    """A registry row being built."""

    id: str
    label: str
    cls: str
    aliases: list[str]
    metonyms: list[str] = field(default_factory=list)
    affiliation: str = ""

    def cells(self) -> list[str]:
        aliases = [a for a in dict.fromkeys(self.aliases) if a != self.label]
        return [self.id, self.label, self.cls, "", "|".join(aliases), "",
                "|".join(dict.fromkeys(self.metonyms)), self.affiliation]


def _ident(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")


class Converter:
    """Reads the dictionaries and the hand registry; writes the converted files."""

    def __init__(self, source: Path) -> None:
        self.source = source
        hand = load_registry_rows(DATA_DIR / "actors.tsv")
        self.hand_aliases = {normalize_name(a): e.id for e in hand for a in e.aliases}
        #: Seats of government act for their state ("Washington said"): never a mere place.
        self.hand_metonyms = {normalize_name(m) for e in hand for m in e.metonyms}
        self.hand_metonym_owner = {normalize_name(m): e.id for e in hand for m in e.metonyms}
        self.hand_ids = {e.id for e in hand}
        self.stop = load_title_words()
        self.states: dict[str, Row] = {}  # ISO alpha-3 -> row
        self.state_words: set[str] = set()
        self.state_blocks: set[str] = set()
        self.state_names: set[str] = set()
        self.role_words = frozenset(r for r in load_roles() if " " not in r)
        agents = self.convert_agents()
        self.sectors = frozenset(sector[:3] for _noun, sector in agents)
        self.agent_nouns = frozenset(noun for noun, _sector in agents if " " not in noun)
        self.common_nouns = (self.agent_nouns | self.role_words | load_words(DATA_DIR / "org_heads.tsv")
                             | frozenset(load_nominals()))

    # -- states ---------------------------------------------------------------

    def convert_states(self) -> tuple[list[Row], list[Row]]:
        """Every state (names, adjectives, capital as metonym) and its other places."""
        from countryinfo import all_countries

        info = {}
        for data in (country.info() for country in all_countries()):
            iso = (data.get("ISO") or {}).get("alpha3")
            if iso:
                info[iso] = data
        places: list[Row] = []
        candidates: dict[str, list[Block]] = defaultdict(list)
        for block in read_actor_blocks(self.source / "Phoenix.Countries.actors.txt"):
            iso = self._state_code(block, info)
            if iso is not None:
                candidates[iso].append(block)
        for iso, blocks in candidates.items():
            # the state's own entry is its longest; the others (a Soviet republic, a
            # region such as Iraqi Kurdistan) are places of it
            block, *others = sorted(blocks, key=lambda b: -len(b.names))
            block.names += [n for other in others for n in other.names]
            self.state_blocks |= {b.primary for b in blocks}
            data = info[iso]
            label = data.get("name") or proper(block.primary)
            if "," in label or "(" in label:  # "Palestine, State of": the dictionary's own name
                label = proper(block.primary)
            demonym = data.get("demonym") or ""
            capital = data.get("capital") or ""
            names = [label, proper(block.primary), demonym,
                     *(s for s in data.get("altSpellings", []) if len(s) > 3)]
            hand_id = next((self.hand_aliases[normalize_name(n)] for n in names
                            if normalize_name(n) in self.hand_aliases), None)
            seat = self.hand_metonym_owner.get(normalize_name(capital))
            keep = capital and seat in (None, hand_id)  # Jerusalem stays the hand registry's Israel
            row = Row(hand_id or _ident(label), label, "Country", [], [capital] if keep else [])
            reference = {normalize_name(n) for n in names if n}
            for name in block.names[1:]:
                text = proper(name)
                if self._variant(normalize_name(text), reference):
                    row.aliases.append(text)
                elif normalize_name(text) not in {normalize_name(capital), *self.hand_metonyms}:
                    places.append(Row(_ident(f"{text}_{iso}"), text, "Place", [text],
                                      affiliation=row.id))
            row.aliases = [n for n in dict.fromkeys([*names, *row.aliases]) if n]
            self.states[iso] = row
        # words that name one state ("qatari"), not words of many names ("state", "republic")
        spread = Counter(w for row in self.states.values()
                         for w in {w for n in row.aliases for w in normalize_name(n).split()})
        self.state_words = {w for w, n in spread.items() if n <= 2}
        self.state_names = {normalize_name(n) for row in self.states.values() for n in row.aliases}
        return list(self.states.values()), places

    def _state_code(self, block: Block, info: dict[str, dict[str, object]]) -> str | None:
        """The ISO code of the state a block names ("BELARUS_ ... [BLR >911221]"), if any."""
        if "CountryInfo" in block.comment:
            return None
        for code, _start, _end in reversed(block.codes):
            if len(code) == 3 and code in info:
                data = info[code]
                names = {normalize_name(str(n)) for n in [data.get("name", ""), data.get(
                    "demonym", ""), *data.get("altSpellings", [])] if n}  # type: ignore[misc]
                if self._variant(normalize_name(proper(block.primary)), names):
                    return code
        return None

    @staticmethod
    def _variant(norm: str, reference: set[str]) -> bool:
        """A spelling of the state's own name (not one of its cities)."""
        from rapidfuzz import fuzz

        return any(norm == r or r in norm.split() or fuzz.ratio(norm, r) >= 86
                   for r in reference if r)

    # -- institutions, people, bodies --------------------------------------------

    def convert_actors(self) -> tuple[list[Row], list[Row], list[list[str]]]:
        """National institutions, international bodies and armed groups (Organization);
        office-holders (Person) with their terms."""
        orgs: list[Row] = []
        people: list[Row] = []
        offices: list[list[str]] = []
        files = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt")
        for name in files:
            for block in read_actor_blocks(self.source / name):
                codes = [c for c, _s, _e in block.codes]
                if not codes or block.primary in self.state_blocks or (
                        len(codes[0]) == 3 and name.startswith("Phoenix.Countries")):
                    continue  # a state (done), a place of one, or an entry without codes
                is_person = "CountryInfo" in block.comment or "rulers" in block.comment or any(
                    s or e for _c, s, e in block.codes)
                label = proper(block.primary)
                aliases = [proper(n) for n in block.names if self._clean_alias(n, is_person)]
                if not aliases or len(normalize_name(label)) < 3 or not re.search(r"[^\W\d_]{2}", label):
                    continue
                state = self.states.get(codes[0][:3])
                if not is_person and not self._institution(codes[0], label, name):
                    continue
                if is_person:
                    terms = [(c, s, e) for c, s, e in block.codes if c[3:6] == "GOV"]
                    if not terms or state is None:
                        continue  # elites without an office: too many, too vague
                    row = Row(_ident(label), label, "Person", aliases, affiliation=state.id)
                    people.append(row)
                    offices += [[row.id, state.id, code[3:], start, end]
                                for code, start, end in terms]
                else:
                    row = Row(_ident(label), label, "Organization", aliases,
                              affiliation=state.id if state else "")
                    orgs.append(row)
        return orgs, people, offices

    def _institution(self, code: str, label: str, source: str) -> bool:
        """An organisation worth a registry row: in the countries file, a state's body of a
        known sector (not a territory such as Gaza); never an office ("US Secretary of
        State") or a generic sector of a state ("United States Military"): the agent nouns
        and role nouns make those."""
        if source.startswith("Phoenix.Countries") and code[3:6] not in self.sectors:
            return False
        words = normalize_name(label).split()
        if any(w in self.role_words for w in words):
            return False
        return not (len(words) > 1 and " ".join(words[:-1]) in self.state_names
                    and words[-1] in self.agent_nouns)

    def _clean_alias(self, raw: str, person: bool) -> bool:
        """A name a text may use for the entry: for a person, no title and no demonym
        before the name ("Russian President Vladimir Putin" is a title and a name); never
        a description ("The Foundation") or a bare common noun."""
        words = normalize_name(words_of(raw)).split()
        if not words or (person and any(w in self.stop for w in words)):
            return False
        if not re.search(r"[^\W\d_]{2}", " ".join(words)) or any(w.isdigit() for w in words[:1]):
            return False  # "380", "39649": codes, no names
        if len(words) == 1 and (words_of(raw).lower().startswith("the ")
                                or words[0] in self.common_nouns):
            return False
        return not (person and len(words) > 1 and words[0] in self.state_words)

    # -- agents and verbs ------------------------------------------------------------

    def convert_agents(self) -> list[list[str]]:
        """Generic agent nouns ("police", "rebels") with their CAMEO sector."""
        rows: dict[str, str] = {}
        path = self.source / "Phoenix.agents.txt"
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = raw.split("#", 1)[0].strip()
            match = re.match(r"^([A-Z][A-Z_\-']*)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})", line)
            if not match or "!" in line:
                continue
            noun = words_of(match.group(1)).lower()
            forms = [noun, *(words_of(f).lower() for f in (match.group(2) or "{}")[1:-1].split())]
            for form in forms:
                if form and len(form.split()) <= 3:
                    rows.setdefault(form, match.group(3))
        return [[noun, sector] for noun, sector in sorted(rows.items())]

    def convert_verbs(self) -> list[list[str]]:
        """The CAMEO verb dictionary as cues, mapped to predicates by code."""
        mapping = cameo_predicates()
        table = {row["code"]: row for _n, row in read_tsv(
            DATA_DIR / "cameo.tsv", ("code", "predicate", "confidence", "object", "event"))}
        rows: dict[tuple[str, str], list[str]] = {}
        ranges = {name: spec for name, spec in relation_specs().items()}
        skip = load_words(DATA_DIR / "cameo_skip.tsv")
        for lemma, fixed, code in read_verbs(self.source / "CAMEO.2.0.txt", skip):
            setting = _longest(table, code)
            if not setting:
                continue
            predicate = setting["predicate"] or _longest(mapping, code)
            if not predicate or predicate == "-":
                continue
            slots = setting["object"]
            if fixed:  # "impose +sanction": the target is in a prepositional phrase
                if ranges[predicate].name in ("signed", "authored"):
                    continue  # the fixed object is the policy: the hand cues say it better
                slots = "prep:on,prep:against,prep:with,prep:to"
            cue = f"{lemma} +{fixed}" if fixed else lemma
            rows.setdefault((cue, slots), [cue, "VERB", slots, predicate, setting["confidence"], "",
                                           "", "", "->", setting["event"], code])
        return sorted(rows.values())

    # -- writing -------------------------------------------------------------------

    def write(self, out: Path = OUT_DIR) -> dict[str, int]:
        states, places = self.convert_states()
        orgs, people, offices = self.convert_actors()
        registry = _unique([*states, *orgs, *people], self.hand_aliases, self.hand_ids)
        kept = {r.id for r in registry}
        out.mkdir(parents=True, exist_ok=True)
        (out / "LICENSE.txt").write_text(LICENSE, encoding="utf-8")
        header = (f"# Converted by extract/petrarch.py from {SOURCE} (MIT; see LICENSE.txt).\n"
                  "# Do not edit: add or override rows in extract/data/actors.tsv instead.\n")
        counts = {}
        for name, rows in (("states.tsv", [r for r in registry if r.cls == "Country"]),
                           ("organizations.tsv", [r for r in registry if r.cls == "Organization"]),
                           ("people.tsv", [r for r in registry if r.cls == "Person"]),
                           ("places.tsv", _unique(places, self.hand_aliases, self.hand_ids
                                                  | kept))):
            _write(out / name, header, REGISTRY_COLUMNS, [r.cells() for r in rows])
            counts[name] = len(rows)
        offices = [o for o in offices if o[0] in kept]
        _write(out / "offices.tsv", header, ("person", "state", "sector", "start", "end"),
               sorted(map(list, {tuple(o) for o in offices})))
        agents = self.convert_agents()
        _write(out / "agents.tsv", header, ("noun", "sector"), agents)
        verbs = self.convert_verbs()
        _write(out / "verbs.tsv", header, (*CUE_COLUMNS, "cameo"), verbs)
        counts.update({"offices.tsv": len(offices), "agents.tsv": len(agents),
                       "verbs.tsv": len(verbs)})
        return counts


def _longest(table: dict[str, object], code: str) -> object:
    for length in range(len(code), 0, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _unique(rows: Iterable[Row], hand_aliases: dict[str, str], hand_ids: set[str]) -> list[Row]:
    """Rows with unique ids and unambiguous aliases; the hand registry keeps its names."""
    rows = [r for r in rows if r.id not in hand_ids or r.cls == "Country"]
    if all(r.cls == "Place" for r in rows):  # a place named twice keeps its first state
        first: dict[str, Row] = {}
        for row in rows:
            first.setdefault(normalize_name(row.label), row)
        rows = list(first.values())
    owners: Counter[str] = Counter()
    for row in rows:
        for alias in {normalize_name(a) for a in [row.label, *row.aliases]}:
            owners[alias] += 1
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        if row.cls != "Country":
            row.aliases = [a for a in row.aliases if owners[normalize_name(a)] == 1
                           and normalize_name(a) not in hand_aliases]
            if normalize_name(row.label) in hand_aliases or owners[normalize_name(row.label)] > 1:
                continue
        else:
            row.aliases = [a for a in row.aliases if hand_aliases.get(normalize_name(a), row.id)
                           == row.id]
        row.metonyms = [m for m in row.metonyms if m]
        out.append(row)
    return sorted(out, key=lambda r: r.id)


def _write(path: Path, header: str, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    clean = [[" ".join(cell.split()) for cell in row] for row in rows]
    text = header + "\t".join(columns) + "\n" + "".join("\t".join(r) + "\n" for r in clean)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------- the verb dictionary


def read_verbs(path: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str, str]]:
    """``(lemma, fixed object, CAMEO code)`` for every verb and simple object pattern, less the
    verbs and blocks named in ``skip``."""
    synsets: dict[str, list[str]] = defaultdict(list)
    current_syn = ""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for raw in lines:  # the synonym sets (&TREATY ...) come first
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current_syn = line[1:].strip()
        elif line.startswith("+") and current_syn:
            synsets[current_syn].append(words_of(line).lower())
        elif line.startswith("---"):
            break
        elif not line:
            current_syn = ""
    block_code, started = "", False
    verbs: list[tuple[str, str]] = []
    for raw in lines:
        stripped, _, note = (part.strip() for part in raw.partition("#"))
        if stripped.startswith("---"):
            match = re.search(r"\[([^\]]*)\]", stripped)
            block_code, started, verbs = (_first_code(match.group(1)) if match else ""), True, []
            if stripped.strip("- ").split()[0].lower() in skip:
                block_code, started = "", False  # the whole block is left out
            continue
        if not started or not stripped or stripped.startswith("&"):
            continue
        if stripped.startswith("-"):
            # a pattern was found with the verb its comment names: it holds for that verb
            named = {w.lower() for w in re.findall(r"[A-Za-z]+", note.split(",")[0])[:1]}
            yield from _pattern(stripped, [v for v in verbs if v[0] in named], synsets)
            continue
        lemma = _lemma(stripped)
        if lemma.split(" ")[0] in skip:
            lemma = ""
        match = re.search(r"\[([^\]]*)\]", stripped.split("{", 1)[0] + stripped.split("}", 1)[-1])
        code = _first_code(match.group(1)) if match else block_code
        verbs.append((lemma, code))
        if lemma and code:
            yield lemma, "", code


def _lemma(line: str) -> str:
    """"MEET {MEETS MET}" -> "meet"; "+WAGE_WAR" -> "wage +war" (a verb and its object)."""
    words = words_of(line.split("[", 1)[0]).lower().split()
    if not words or not all(re.fullmatch(r"[a-z\-]+", w) for w in words):
        return ""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} {words[1]}"  # a phrasal verb ("fight back") or verb + object
    return ""


def _first_code(text: str) -> str:
    code = text.split(":", 1)[0].strip()
    return code if re.fullmatch(r"\d{2,4}", code) else ""


def _pattern(line: str, verbs: list[tuple[str, str]],
             synsets: dict[str, list[str]]) -> Iterator[tuple[str, str, str]]:
    """A "- * OBJECT [code]" pattern: the verbs of the block with that fixed object."""
    match = re.match(r"^-\s*\*\s+([&A-Z][A-Z\-]*)\s*\[([^\]]*)\]", line)
    if not match:
        return
    code = _first_code(match.group(2))
    word = match.group(1)
    nouns = synsets.get(word[1:], []) if word.startswith("&") else [word.lower()]
    for lemma, _code in verbs:
        if not lemma or " " in lemma or not code:
            continue
        for noun in nouns:
            if noun and " " not in noun:
                yield lemma, noun, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", type=Path, help="petrarch2/data/dictionaries")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    counts = Converter(args.source).write(args.out)
    for name, count in counts.items():
        print(f"{name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
