"""Mentions and their resolution to one node per real actor.

Resolution goes in order of evidence, and records the rule that decided:

``registry``  the ruler or an exact / normalised alias of the registry;
``metonym``   a capital or seat of government acting for its state;
``affiliation`` "the Rouhani administration" -> the state Rouhani leads;
``fuzzy``     a misspelling of a registered name (guarded against look-alikes);
``title``     a description ("the Supreme Leader") of an actor the document names;
``short-form`` "Kazimi" after "Nibras Kazimi";
``local``     an actor not in the registry, keyed by its normalised name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import POS, TAG
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from extract.events import named_event_class
from extract.lexicon import (
    RegistryEntry,
    Role,
    load_collectives,
    load_groups,
    load_nominals,
    load_roles,
    load_title_words,
)
from extract.nlp import METONYM_SUFFIX
from extract.registry import Registry, strip_honorifics
from extract.text import normalize_name

_NER_CLASS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
              "FAC": "Place", "EVENT": "Event", "LAW": "Policy", "POLICY": "Policy"}
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "around", "throughout", "across",
                       "into", "within"})
_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "agent", "dobj", "compound", "appos"})
_HEADS_OF_STATE = re.compile(r"^(?P<name>.+?) (?:administration|government|regime|cabinet)$")
_CLASS_ORDER = ("Person", "Organization", "Country", "Group", "Policy", "Event", "Place")
_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "it",
                       "its", "itself", "they", "them", "their", "theirs", "themselves"})


@dataclass
class Candidate:
    """A span that may name a node, before resolution."""

    block: int
    start: int  # token index in the block's Doc
    end: int
    text: str
    kind: str  # ner label, "TITLE", "GROUP" or "PROPN"
    ruler_id: str = ""
    key: str = ""
    cls: str = ""
    rule: str = ""
    confidence: float = 0.0

    @property
    def position(self) -> tuple[int, int]:
        return (self.block, self.start)

    @property
    def norm(self) -> str:
        """The normalised name, without honorifics."""
        return strip_honorifics(normalize_name(self.text))


@dataclass
class ActorRecord:
    """What a document says about one node, accumulated over its mentions."""

    key: str
    cls: str
    label: str
    qid: str | None = None
    registered: bool = False
    forms: Counter[str] = field(default_factory=Counter)
    rules: set[str] = field(default_factory=set)
    #: (surface form, rule) -> (mentions, best confidence)
    resolutions: dict[tuple[str, str], tuple[int, float]] = field(default_factory=dict)


def clean_form(text: str) -> str:
    """A surface form as it should be shown: no leading "the", no trailing possessive."""
    text = re.sub(r"(?i)^the\s+", "", text.strip())
    return re.sub(r"\s*['’]s$|['’]$", "", text).strip()


def local_key(norm: str) -> str:
    """Key of an unregistered node: its normalised name. The class is not part of it, so
    mentions that the NER types differently still meet, and a vote decides the class."""
    return f"~name:{norm}"


def modifier_phrases(token: Token) -> Iterator[tuple[int, str]]:
    """``(start index, phrase)`` for ``token`` with its left modifiers, longest first.

    "the slain general" yields ``(1, "slain general")`` then ``(2, "general")``.
    """
    mods = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    mods = [m for m in mods if all(t.dep_ in ("compound", "amod", "nmod", "punct")
                                   or t.i == m.i for t in token.doc[m.i : token.i])]
    for start in [*sorted({m.i for m in mods}), token.i]:
        words = [t.text.lower() for t in token.doc[start : token.i + 1] if t.dep_ != "punct"]
        if not words:
            continue
        yield start, " ".join(words)
        if token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() != words[-1]:
            yield start, " ".join([*words[:-1], token.lemma_.lower()])  # "saudi allies"


def title_phrases(token: Token) -> Iterator[tuple[int, str]]:
    """``(start, phrase)`` for a title word with the words before it, longest first.

    Beside its own left modifiers ("the slain general"), a title in a flat run of
    compounds before a name ("Nato Secretary General Jens Stoltenberg": each word
    hangs on the name) takes the words of that run.
    """
    yield from modifier_phrases(token)
    if token.dep_ not in ("compound", "nmod"):
        return
    head, start = token.head, token.i
    while start > 0 and token.doc[start - 1].head.i == head.i and token.doc[start - 1].dep_ in (
            "compound", "nmod", "amod"):
        start -= 1
    for first in range(start, token.i):
        yield first, " ".join(t.lower_ for t in token.doc[first : token.i + 1])


def role_of_part(token: Token, roles: dict[str, Role]) -> Token | None:
    """The noun after "of" that completes a role: "Secretary of State", "Chief of Staff"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and f"{token.lower_} of {pobj.lower_}" in roles:
                    return pobj
    return None


def role_words(roles: dict[str, Role]) -> frozenset[str]:
    """The words a role phrase of ``roles`` ends with, or starts an "X of Y" role with:
    a token that is none of them (nor its lemma) names no role."""
    words = {phrase.rsplit(" ", 1)[-1] for phrase in roles}
    return frozenset(words | {phrase.split(" ", 1)[0] for phrase in roles if " of " in phrase})


def match_role(token: Token, roles: dict[str, Role],
               words: frozenset[str] | None = None) -> tuple[Role, int] | None:
    """The role a noun names, with the index of its first word, or None. ``words``, the
    :func:`role_words` of ``roles`` if at hand, turns most tokens away at once."""
    if words is not None and token.lower_ not in words and token.lemma_.lower() not in words:
        return None  # every phrase below ends with the word or its lemma
    part = role_of_part(token, roles)
    if part is not None:
        return roles[f"{token.lower_} of {part.lower_}"], token.i
    found = [(start, phrase) for start, phrase in title_phrases(token) if phrase in roles]
    if not found:
        return None
    start, phrase = min(found)  # the longest title: "secretary general", not "general"
    return roles[phrase], start


def _ner_candidates(doc: Doc, block: int) -> list[Candidate]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in _NER_CLASS and ent.label_ not in ("NORP",):
            continue
        span = ent
        if span[0].lower_ == "the":
            span = doc[span.start + 1 : span.end]
        if len(span) == 0 or len(span) > 8:
            continue
        found.append(Candidate(block, span.start, span.end, span.text, ent.label_, ent.ent_id_))
    return found


class _Tagged:
    """The tokens of a parsed paragraph by part of speech and tag, read once from the
    doc's arrays: each pass over the candidates visits only the tokens it can take."""

    def __init__(self, doc: Doc) -> None:
        self.tokens = list(doc)
        tags = doc.to_array([POS, TAG])
        self._pos, self._tag = tags[:, 0], tags[:, 1]
        self._strings = doc.vocab.strings

    def _where(self, column: np.ndarray, values: list[int]) -> list[Token]:
        mask = column == values[0]
        for value in values[1:]:
            mask |= column == value
        tokens = self.tokens
        return [tokens[i] for i in np.flatnonzero(mask).tolist()]

    def nouns(self) -> list[Token]:
        """The tokens whose part of speech is NOUN or PROPN, in order."""
        return self._where(self._pos, [NOUN, PROPN])

    def proper(self) -> list[Token]:
        """The PROPN tokens, in order."""
        return self._where(self._pos, [PROPN])

    def tagged(self, *tags: str) -> list[Token]:
        """The tokens with one of ``tags`` ("NNS"), in order."""
        return self._where(self._tag, [self._strings.add(t) for t in tags])


def _title_candidates(doc: Doc, block: int, registry: Registry, taken: set[int],
                      tagged: _Tagged) -> list[Candidate]:
    found = []
    for token in tagged.nouns():
        if token.i in taken:
            continue
        determined = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an")
                         for c in token.lefts) or token.text[:1].isupper()
        if not determined or (token.dep_ in ("compound", "nmod") and token.head.i > token.i
                              and token.head.pos_ == "PROPN"):
            continue  # "President Alexander Lukashenko": a title on a name names its bearer
        if token.dep_ != "punct" and not (registry.may_hold_titles(token.text)
                                          or registry.may_hold_titles(token.lemma_)):
            continue  # each of its phrases ends with it (or its lemma): no title does
        for start, phrase in modifier_phrases(token):
            if registry.title_holders(phrase) and not taken & set(range(start, token.i + 1)):
                found.append(Candidate(block, start, token.i + 1, doc[start : token.i + 1].text,
                                       "TITLE"))
                break
    return found


def _group_candidates(doc: Doc, block: int, taken: set[int], tagged: _Tagged) -> list[Candidate]:
    """Collective actors: "protesters", and with the words that say whose: "Russian
    mercenaries", "Shia militias" (a demonym so taken is no mention of the state)."""
    groups = load_groups()
    found = []
    for token in tagged.tagged("NNS", "NNPS"):
        if token.i in taken:
            continue
        if token.text in groups or token.lower_ in groups:
            start = token.i
            while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in (
                    "amod", "compound", "nmod") and doc[start - 1].text[:1].isupper():
                start -= 1
            found.append(Candidate(block, start, token.i + 1, doc[start : token.i + 1].text,
                                   "GROUP"))
    return found


def _collective_candidates(doc: Doc, block: int, taken: set[int], tagged: _Tagged,
                           ) -> list[Candidate]:
    """"Sudan's army", "Russia's regular army", "the army": a state's institution by its noun,
    with the words that say whose (the candidate spans them). An institution noun that
    modifies another noun ("US military bases") is no mention, unless of a title ("army chief")."""
    collectives = load_collectives()
    roles = load_roles()
    found = []
    for token in tagged.nouns():
        if token.i in taken or token.text[:1].isupper():
            continue
        phrase = token.lemma_.lower()
        first = token.i
        if token.i > 0 and f"{doc[token.i - 1].lower_} {token.lower_}" in collectives:
            phrase, first = f"{doc[token.i - 1].lower_} {token.lower_}", token.i - 1
        if phrase not in collectives or (token.dep_ in ("compound", "amod", "nmod")
                                          and token.head.lower_ not in roles):
            continue
        start = first
        while (start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in (
                "poss", "amod", "compound", "case", "nmod")) or (
                start > 0 and doc[start - 1].dep_ == "case" and doc[start - 1].head.head.i == token.i):
            start -= 1
        if any(i in taken for i in range(first, token.i + 1)):
            continue
        found.append(Candidate(block, start, token.i + 1, doc[start : token.i + 1].text, "AGENT",
                               ruler_id=phrase))
    return found


_DEFINITE = frozenset({"the", "this", "that", "its"})


def _nominal_candidates(doc: Doc, block: int, taken: set[int], tagged: _Tagged,
                        ) -> list[Candidate]:
    nominals = load_nominals()
    found = []
    for token in tagged.tagged("NN"):
        if (token.i in taken or token.lower_ not in nominals
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)):
            continue
        if any(c.lower_ in _DEFINITE and c.dep_ in ("det", "poss") for c in token.lefts) and not any(
                c.dep_ in ("compound", "amod") for c in token.lefts):
            found.append(Candidate(block, token.i, token.i + 1, token.text, "NOMINAL"))
    return found


def _propn_candidates(doc: Doc, block: int, taken: set[int], tagged: _Tagged,
                      ) -> list[Candidate]:
    """Runs of proper nouns that nothing else took (a title word ends a run)."""
    found: list[Candidate] = []
    run: list[Token] = []
    titles = load_title_words()

    def end_run() -> None:
        if run:
            found.append(Candidate(block, run[0].i, run[-1].i + 1,
                                   doc[run[0].i : run[-1].i + 1].text, "PROPN"))
            run.clear()

    for token in tagged.proper():
        if run and token.i != run[-1].i + 1:
            end_run()  # a word between: another run
        if token.i in taken or token.lower_ in titles:
            end_run()
        else:
            run.append(token)
    end_run()
    return found


_GOVERNMENT_NOUNS = frozenset({"administration", "government", "regime", "cabinet"})


def _governments(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """"the Rouhani administration", "Trump's administration": the name and its noun are one
    mention, which stands for the state (resolved by affiliation), not for the person."""
    out = []
    for cand in candidates:
        root = doc[cand.start : cand.end].root
        head = root.head
        if (root.dep_ in ("compound", "poss") and head.lemma_.lower() in _GOVERNMENT_NOUNS
                and head.i >= cand.end and head.i - cand.end <= 1):
            out.append(Candidate(cand.block, cand.start, head.i + 1,
                                 doc[cand.start : head.i + 1].text, "ORG"))
        else:
            out.append(cand)
    return out


def find_candidates(docs: list[Doc], registry: Registry) -> list[Candidate]:
    """Every span of the parsed paragraphs that may name a node, in text order."""
    found: list[Candidate] = []
    for block, doc in enumerate(docs):
        ner = _governments(doc, _ner_candidates(doc, block))
        # A title beats a NER span that the registry does not know ("Supreme" as ORG).
        known = [c for c in ner if c.ruler_id or registry.lookup(c.text)]
        taken = {i for c in known for i in range(c.start, c.end)}
        tagged = _Tagged(doc)
        titles = _title_candidates(doc, block, registry, taken, tagged)
        title_tokens = {i for c in titles for i in range(c.start, c.end)}
        known_ids = {id(c) for c in known}
        ner = [c for c in ner if id(c) in known_ids or not title_tokens & set(range(c.start, c.end))]
        taken = {i for c in (*ner, *titles) for i in range(c.start, c.end)}
        groups = _group_candidates(doc, block, taken, tagged)
        groups += _collective_candidates(doc, block, taken, tagged)
        grouped = {i for c in groups for i in range(c.start, c.end)}
        ner = [c for c in ner if not set(range(c.start, c.end)) <= grouped]
        titles = [c for c in titles if not set(range(c.start, c.end)) <= grouped]
        taken |= grouped
        nominals = _nominal_candidates(doc, block, taken, tagged)
        taken |= {c.start for c in nominals}
        found += ner + titles + groups + nominals + _propn_candidates(doc, block, taken, tagged)
    return sorted(found, key=lambda c: (c.block, c.start))


_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_NOT_INITIALS = frozenset({"of", "the", "for", "and", "de", "al", "el", "in", "on", "to"})
_KNOWN_AS = frozenset({"known", "nicknamed", "dubbed", "aka"})
_KNOWN_AS_ADVERBS = frozenset({"better", "commonly", "widely", "also", "popularly", "locally"})


def initials(norm: str) -> str:
    """Initials of a normalised name, less its small words: "rapid support forces" -> "rsf".

    >>> initials("government of national accord")
    'gna'
    """
    return "".join(w[0] for w in norm.split() if w not in _NOT_INITIALS)


def _short_form(norm: str, full: str) -> bool:
    """Whether ``norm`` is a short form of the longer name ``full``: its last words
    ("sinwar", "bin salman", "al jalali"), or a first word that is a family name
    ("kim" of "kim jong un", at least three words)."""
    if not norm or norm == full or " " not in full:
        return False
    if full.endswith(" " + norm):
        return True
    words = full.split()
    return " " not in norm and len(words) >= 3 and words[0] == norm and len(norm) >= 3


def short_forms(full: str) -> set[str]:
    """Every short form of a normalised full name (see :func:`_short_form`).

    >>> sorted(short_forms("kim jong un"))
    ['jong un', 'kim', 'un']
    """
    words = full.split()
    forms = {" ".join(words[k:]) for k in range(1, len(words))}
    if len(words) >= 3 and len(words[0]) >= 3:
        forms.add(words[0])
    return forms


def _short_form_index(candidates: Iterable[Candidate]) -> dict[str, list[Candidate]]:
    """Candidates by every short form of their name, so that a document's names are
    matched in one pass, not each against all."""
    index: dict[str, list[Candidate]] = {}
    for cand in candidates:
        for form in short_forms(cand.norm):
            index.setdefault(form, []).append(cand)
    return index


def declared_aliases(docs: list[Doc], candidates: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """(name, alias) pairs the text declares: "NAME (ALIAS)" and "NAME, (better) known as ALIAS".

    The alias is a candidate right after the name, in parentheses, or the object of
    "known as" / "called" in a clause that qualifies the name.
    """
    by_start = {(c.block, c.start): c for c in candidates}
    pairs = []
    for cand in candidates:
        doc = docs[cand.block]
        end = cand.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            alias = by_start.get((cand.block, end + 1))
            if alias is None and _ACRONYM.match(doc[end + 1].text):
                alias = Candidate(cand.block, end + 1, end + 2, doc[end + 1].text, "PROPN")
                candidates.append(alias)
                by_start[(cand.block, end + 1)] = alias
            if alias is not None:
                pairs.append((cand, alias))
            continue
        i = end + (end < len(doc) and doc[end].text == ",")
        i += i < len(doc) and doc[i].lower_ in _KNOWN_AS_ADVERBS
        if i + 1 < len(doc) and doc[i].lower_ in _KNOWN_AS:
            j = i + 1 + (doc[i + 1].lower_ == "as")
            alias = by_start.get((cand.block, j))
            if alias is not None:
                pairs.append((cand, alias))
    candidates.sort(key=lambda c: (c.block, c.start))
    return pairs


def _winner(votes: Counter[str]) -> str:
    return max(votes.items(), key=lambda kv: (kv[1], -_CLASS_ORDER.index(kv[0])))[0]


class DocumentResolver:
    """Resolves the candidates of one document to node keys."""

    def __init__(self, registry: Registry, docs: list[Doc],
                 known_people: AbstractSet[str] = frozenset(),
                 known_index: dict[str, set[str]] | None = None) -> None:
        self.registry = registry
        self.docs = docs
        self.records: dict[str, ActorRecord] = {}
        #: Labels of nodes that no registry entry names ("Sudan armed forces").
        self.labels: dict[str, str] = {}
        self.free_names: set[str] = set()
        self._longer: dict[str, list[Candidate]] = {}
        self._at_index: dict[tuple[int, int], Candidate] | None = None
        self._at_for: list[Candidate] | None = None
        #: Full names of unregistered people met in earlier documents, for short forms, and
        #: those names by their short forms (:func:`short_forms`).
        self.known_people = known_people
        self.known_index = known_index if known_index is not None else {
            form: {p} for p in known_people for form in short_forms(p)}

    # -- the passes ------------------------------------------------------------

    def resolve(self, candidates: list[Candidate]) -> list[Candidate]:
        """Resolve candidates in place; return those that name a node, in text order."""
        for cand in candidates:
            self._exact(cand)
        named = frozenset(c.key for c in candidates if c.rule == "registry")
        self._longer = _short_form_index(c for c in candidates if c.kind == "PERSON")
        for cand in candidates:
            if not cand.key:
                self._contextual(cand, named, candidates)
        self._local(candidates)
        self._collectives(candidates)
        self._aliases(candidates)
        self._nominal(candidates)
        resolved = [c for c in candidates if c.key]
        for cand in resolved:
            self._record(cand)
        return resolved

    def _span(self, cand: Candidate) -> Span:
        return self.docs[cand.block][cand.start : cand.end]

    def _set(self, cand: Candidate, key: str, cls: str, rule: str, confidence: float = 1.0,
             ) -> None:
        cand.key, cand.cls, cand.rule, cand.confidence = key, cls, rule, confidence

    def _exact(self, cand: Candidate) -> None:
        if cand.kind == "TITLE":
            return
        if cand.ruler_id.endswith(METONYM_SUFFIX):
            return  # which state a capital stands for depends on the document: next pass
        entry = (self.registry.entries.get(cand.ruler_id) if cand.ruler_id
                 else self.registry.lookup(cand.text))
        if entry is None:
            return
        other = self._other_state(cand, entry)
        if other is not None:  # "Venezuela's Congress" is not the United States Congress
            self._set(cand, local_key(normalize_name(f"{other.label} {cand.text}")),
                      entry.cls, "local", 0.8)
            return
        self._set(cand, entry.id, entry.cls, "registry")

    def _other_state(self, cand: Candidate, entry: RegistryEntry) -> RegistryEntry | None:
        """The state that qualifies a mention of a state's body, when it is another state."""
        if entry.cls != "Organization" or not entry.affiliation:
            return None
        root = self._span(cand).root
        for child in root.children:
            if child.dep_ in ("poss", "amod", "compound") and child.i < cand.start:
                state = self.registry.lookup(child.text)
                if state is not None and state.cls == "Country" and state.id != entry.affiliation:
                    return state
        return None

    def _metonym(self, cand: Candidate, named: frozenset[str]) -> bool:
        states = self.registry.metonyms(cand.text)
        if not states:
            return False
        head = self._span(cand).root
        while head.dep_ == "conj":
            head = head.head
        doc = self.docs[cand.block]
        if cand.end + 1 < len(doc) and doc[cand.end].text in ("-", "‐") \
                and doc[cand.end + 1].lower_ == "based":
            # "the Vienna-based agency": where it sits, no act of the state
            self._set(cand, local_key(normalize_name(cand.text)), "Place", "metonym")
            return True
        locative = head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE
        if head.dep_ not in _ACTING and locative:
            self._set(cand, local_key(normalize_name(cand.text)), "Place", "metonym")
            return True
        named_states = [s for s in states if s.id in named]
        state = named_states[0] if len(named_states) == 1 else states[0]
        self._set(cand, state.id, state.cls, "metonym", 0.9 if len(states) == 1 else 0.8)
        return True

    def _contextual(self, cand: Candidate, named: frozenset[str], all_: list[Candidate]) -> None:
        if cand.kind == "TITLE":
            self._title(cand, named, all_)
            return
        if cand.kind == "AGENT":
            return  # resolved by the state it belongs to (_collectives)
        if cand.kind == "NOMINAL" or self._metonym(cand, named):
            return
        norm = strip_honorifics(normalize_name(cand.text))
        match = _HEADS_OF_STATE.match(norm)
        if match:
            leader = self.registry.lookup(match.group("name"))
            state_id = (leader.affiliation if leader and leader.cls == "Person"
                        else leader.id if leader and leader.cls == "Country" else None)
            if state_id in self.registry.entries:
                entry = self.registry.entries[state_id]
                self._set(cand, entry.id, entry.cls, "affiliation", 0.9)
                return
        if cand.kind in ("GROUP", "NORP") or cand.text.lower() in _PRONOUNS:
            return
        surname = [self.registry.entries[i] for i in named
                   if self.registry.entries[i].cls == "Person"
                   and _short_form(norm, normalize_name(self.registry.entries[i].label))]
        if len(surname) == 1:  # "Clinton" in a document that names Bill Clinton
            self._set(cand, surname[0].id, "Person", "short-form", 0.9)
            return
        if cand.kind == "ORG" and " " not in norm:
            whole = [i for i in named if self.registry.entries[i].cls == "Organization"
                     and normalize_name(self.registry.entries[i].label).endswith(" " + norm)]
            if len(whole) == 1:  # "the Post" in a document that names the Washington Post
                self._set(cand, whole[0], "Organization", "short-form", 0.8)
                return
        longer = [c for c in self._longer.get(norm, ()) if _short_form(norm, c.norm)]
        if longer:  # "Al-Jalali" after "Mohammad al-Jalali": a short form, not a misspelling
            keys = {c.key for c in longer}
            if len(keys) == 1 and "" not in keys:
                self._set(cand, longer[0].key, "Person", "short-form", 0.9)
            return
        entry = self.registry.fuzzy(cand.text, None, named)
        if entry is not None:
            score = self.registry.fuzzy_score(cand.text, entry)
            self._set(cand, entry.id, entry.cls, "fuzzy", round(score, 3))

    def _title(self, cand: Candidate, named: frozenset[str], all_: list[Candidate]) -> None:
        head = self._span(cand)[-1]
        holders = [e for e in self.registry.title_holders(
                   next(p for s, p in modifier_phrases(head) if s >= cand.start)) if e.id in named]
        if not holders:
            return
        ids = {e.id for e in holders}
        before = [c for c in all_ if c.key in ids and c.position < cand.position]
        pick = before[-1].key if before else Counter(
            c.key for c in all_ if c.key in ids).most_common(1)[0][0]
        entry = self.registry.entries[pick]
        self._set(cand, entry.id, entry.cls, "title", 0.85 if len(ids) == 1 else 0.7)

    def _local(self, candidates: list[Candidate]) -> None:
        # names the document also uses outside a title ("the Arakan Army ... Arakan Army chief")
        self.free_names = {c.norm for c in candidates if not self._is_title_part(self._span(c))}
        votes: dict[str, Counter[str]] = {}
        pending = []
        for cand in candidates:
            if cand.key or cand.kind in ("TITLE", "AGENT"):
                continue
            cls = "Person" if cand.kind == "PROPN" else self._local_class(cand)
            if cls is None:
                continue
            name = load_groups().get(cand.text, cand.text) if cls == "Group" else cand.text
            norm = strip_honorifics(normalize_name(name))
            if not norm or not re.search(r"[^\W\d_]", norm):
                continue
            if cand.kind != "PROPN":
                votes.setdefault(norm, Counter())[self._agreeing_class(cand, cls, candidates)] += 1
            pending.append((cand, norm))
        local_people = {n for n, v in votes.items() if " " in n and _winner(v) == "Person"}
        index: dict[str, set[str]] = {}
        for person in local_people:
            for form in short_forms(person):
                index.setdefault(form, set()).add(person)
        for cand, norm in pending:
            full = sorted(index.get(norm, set()) | self.known_index.get(norm, set()))
            if len(full) == 1:
                self._set(cand, local_key(full[0]), "Person", "short-form",
                          0.75 if full[0] in self.known_people else 0.9)
            elif cand.kind != "PROPN":  # a bare proper noun is only ever a short form
                self._set(cand, local_key(norm), _winner(votes[norm]), "local")

    def _collectives(self, candidates: list[Candidate]) -> None:
        """A state's institution: the state its words name ("Sudan's army"), else the one an
        earlier mention of the same institution had, else the state the document names most."""
        labels = load_collectives()
        states = Counter(c.key for c in candidates if c.key and c.cls == "Country")
        agents = [c for c in candidates if c.kind == "AGENT"]
        named_by = {id(c): [e for t in self._span(c)[:-1] if (e := self.registry.lookup(t.text))
                            is not None and e.cls == "Country"] for c in agents}
        qualified = Counter((labels[c.ruler_id], named_by[id(c)][0].id) for c in agents
                            if named_by[id(c)])
        last: dict[str, str] = {}
        for cand in agents:
            label = labels[cand.ruler_id]
            named = named_by[id(cand)]
            if not named and len(self._span(cand)) > len(cand.ruler_id.split()):
                continue  # "the world's most powerful army": whose, the words do not say
            usual = [s for (lab, s), _n in qualified.most_common() if lab == label]
            state = named[0].id if named else last.get(label) or (usual[0] if usual else None) or (
                states.most_common(1)[0][0] if states else None)
            if state is None or state not in self.registry.entries:
                continue
            last[label] = state
            key = f"~agent:{state}:{label.replace(' ', '-')}"
            self.labels[key] = f"{self.registry.entries[state].label} {label}"
            self._set(cand, key, "Organization", "collective", 0.8 if named else 0.6)

    def _aliases(self, candidates: list[Candidate]) -> None:
        """Names the document itself declares equal: "Hayat Tahrir al-Sham (HTS)",
        "Mohamed Hamdan Dagalo, better known as Hemedti", and an acronym of the initials
        of a name the document spells out ("RSF" beside "Rapid Support Forces")."""
        pairs = declared_aliases(self.docs, candidates)
        spelled = {c.norm: c for c in candidates if c.key and " " in c.norm}
        for cand in candidates:
            if _ACRONYM.match(cand.text) and cand.rule != "registry":
                full = [c for n, c in spelled.items() if initials(n) == cand.text.lower()]
                if len({c.key for c in full}) == 1:
                    pairs.append((full[0], cand))
        for named, alias in pairs:
            keep, other = (alias, named) if alias.rule == "registry" and named.rule != "registry" \
                else (named, alias)
            if not keep.key or keep.key == other.key:
                continue
            old = other.key
            for cand in candidates:
                if cand is other or (old and cand.key == old) or (
                        not cand.key and cand.norm == other.norm):
                    cls = keep.cls if keep.rule == "registry" or keep.cls != "Person" or \
                        not _ACRONYM.match(other.text) else "Organization"
                    self._set(cand, keep.key, cls, "alias", 0.9)
            if keep.cls == "Person" and _ACRONYM.match(other.text) and keep.rule != "registry":
                for cand in candidates:  # a name with an acronym is an organisation's
                    if cand.key == keep.key:
                        cand.cls = "Organization"

    def _nominal(self, candidates: list[Candidate]) -> None:
        """"the organization" -> the nearest earlier actor of its class, two paragraphs back."""
        nominals = load_nominals()
        for cand in (c for c in candidates if c.kind == "NOMINAL"):
            cls, named = nominals[cand.text.lower()]
            before = [c for c in candidates if c.key and c.cls == cls and c.kind != "NOMINAL"
                      and c.position < cand.position and cand.block - c.block <= 2
                      and (not named or named & self._name_words(c.key, candidates))]
            if not before:
                continue
            salience = Counter(c.key for c in candidates
                               if c.key and c.kind != "NOMINAL" and c.position < cand.position)
            recency = {c.key: index for index, c in enumerate(before)}
            noun = cand.text.lower()
            pick = max(recency, key=lambda k: (noun in self._name_words(k, candidates),
                                               salience[k], recency[k]))
            self._set(cand, pick, cls, "nominal", 0.7)

    def _name_words(self, key: str, candidates: list[Candidate]) -> set[str]:
        """Words of an actor's names ("republic" for Iran, the Islamic Republic)."""
        entry = self.registry.entries.get(key)
        names = entry.aliases if entry else [c.text for c in candidates if c.key == key]
        return {word for name in names for word in normalize_name(name).split()}

    def _agreeing_class(self, cand: Candidate, cls: str, candidates: list[Candidate]) -> str:
        """Class correction by agreement: conjoined names share a class ("Erdogan and Modi"),
        and an unknown place that acts (subject, possessor, agent) is a state."""
        if cand.kind not in ("GPE", "ORG", "PERSON"):
            return cls
        head = self._span(cand).root
        partners = {t.i for t in (*head.conjuncts, head.head) if t.i != head.i}
        coordinated = head.dep_ == "conj" or bool(head.conjuncts)
        at = self._at(candidates)
        others = [o for i in partners if (o := at.get((cand.block, i))) is not None and o is not cand]
        if coordinated and any((o.cls or _NER_CLASS.get(o.kind)) == "Person" for o in others):
            return "Person"
        if cand.kind == "PERSON" and coordinated and any(
                o.cls == "Place" and o.rule == "registry" for o in others):
            return "Place"  # "Aleppo, Hama, Homs": a name among places is a place
        if cls == "Place" and head.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            return "Country"
        return cls

    def _at(self, candidates: list[Candidate]) -> dict[tuple[int, int], Candidate]:
        """The candidate covering each (block, token), built once per document."""
        if self._at_index is None or self._at_for is not candidates:
            self._at_for = candidates
            self._at_index = {(c.block, i): c for c in candidates for i in range(c.start, c.end)}
        return self._at_index

    def _local_class(self, cand: Candidate) -> str | None:
        if cand.kind == "GROUP":
            return "Group"
        span = self._span(cand)
        if cand.kind == "NORP":
            if span[-1].tag_ in ("NNS", "NNPS") and cand.text in load_groups():
                return "Group"
            return None
        if not any(ch.isupper() for ch in cand.text):
            return None
        if self._is_title_part(span) and not (_ACRONYM.match(cand.text) or cand.norm in self.free_names):
            return None  # "Libitzky Family Fellow", "National Security (adviser)"; not "RSF chief"
        if cand.kind in ("ORG", "PERSON", "GPE") and named_event_class(cand.text) != "Event":
            return "Event"  # "Academy Award for Best Picture", "Battle of Aleppo"
        return _NER_CLASS.get(cand.kind)

    @staticmethod
    def _is_title_part(span: Span) -> bool:
        roles = load_roles()
        if span[-1].lower_ in roles:
            return True
        head = span.root
        if head.dep_ == "pobj" and head.head.lower_ == "of" and \
                role_of_part(head.head.head, roles) is not None:
            return True  # "State" of "Secretary of State"
        return head.dep_ in ("compound", "nmod") and head.head.lower_ in roles

    def _record(self, cand: Candidate) -> None:
        record = self.records.get(cand.key)
        if record is None:
            entry = self.registry.entries.get(cand.key)
            record = ActorRecord(
                key=cand.key,
                cls=entry.cls if entry else cand.cls,
                label=entry.label if entry else self.labels.get(cand.key, ""),
                qid=entry.qid if entry else None,
                registered=entry is not None,
            )
            self.records[cand.key] = record
        form = clean_form(cand.text)
        record.forms[form] += 1
        record.rules.add(cand.rule)
        count, best = record.resolutions.get((form, cand.rule), (0, 0.0))
        record.resolutions[(form, cand.rule)] = (count + 1, max(best, cand.confidence))
