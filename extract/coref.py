"""Pronoun coreference within a document: salience over a mention timeline.

A pronoun takes the nearest earlier actor of a fitting class: in its own
sentence first, then the subject of an earlier sentence, then any earlier
mention, never further than two paragraphs back. An object pronoun never
takes the subject of its own clause ("Trump praised him": him is not Trump).
"They" takes the last coordinated pair of actors ("Putin and Xi ... them").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_THING = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = _PERSON | _THING | _PLURAL
_WINDOW = 2  # paragraphs
_SUBJECT = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class TimelineEntry:
    """One resolved mention, where it stands and what it does."""

    block: int
    token: int
    sentence: int  # index of the sentence's first token
    key: str
    cls: str
    subject: bool
    group: int | None  # id of the coordination it belongs to, if any


class Timeline:
    """The resolved mentions of a document in text order."""

    def __init__(self, entries: list[TimelineEntry]) -> None:
        self.entries = sorted(entries, key=lambda e: (e.block, e.token))

    def resolve(self, pronoun: Token, block: int) -> tuple[str, ...]:
        """Keys a pronoun refers to (empty when nothing fits)."""
        lower = pronoun.lower_
        before = [e for e in self.entries if (e.block, e.token) < (block, pronoun.i)
                  and block - e.block <= _WINDOW]
        if lower in _PLURAL:
            return self._plural(before)
        classes = {"Person"} if lower in _PERSON else {"Country", "Organization"}
        if lower not in _PERSON | _THING:
            return ()
        fitting = [e for e in before if e.cls in classes]
        if pronoun.dep_ in ("dobj", "pobj", "dative"):
            clause_subjects = _clause_subject_tokens(pronoun)
            fitting = [e for e in fitting if not (e.block == block and e.token in clause_subjects)]
        sentence = pronoun.sent.start
        same = [e for e in fitting if e.block == block and e.sentence == sentence]
        if same:
            return (same[-1].key,)
        subjects = [e for e in fitting if e.subject]
        pick = subjects[-1] if subjects else (fitting[-1] if fitting else None)
        return (pick.key,) if pick else ()

    def _plural(self, before: list[TimelineEntry]) -> tuple[str, ...]:
        grouped = [e for e in before if e.group is not None]
        if grouped:
            last = grouped[-1]
            return tuple(dict.fromkeys(e.key for e in grouped
                                       if e.block == last.block and e.group == last.group))
        groups = [e for e in before if e.cls == "Group"]
        return (groups[-1].key,) if groups else ()


def conjuncts(token: Token) -> tuple[Token, ...]:
    """Conjuncts of ``token``, less a misparse: in "defence of Khamenei and Pompeo has
    been ...", "Pompeo" opens a new clause (a finite verb follows it), so it is no conjunct.
    """
    if opens_clause(token):
        return ()
    return tuple(c for c in token.conjuncts if not opens_clause(c))


def opens_clause(token: Token) -> bool:
    """Whether a conjunct noun is really the subject of a clause of its own: a finite verb
    follows it that does not govern it ("... of Khamenei and Pompeo has been ...", but not
    "Talks between Zarif and Kerry resumed")."""
    if token.dep_ != "conj" or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    if following.tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return False
    verb = following.head if following.dep_ in ("aux", "auxpass") else following
    return all(verb.i != ancestor.i for ancestor in token.ancestors)


def _clause_subject_tokens(token: Token) -> set[int]:
    verb = token.head
    while verb.dep_ in ("prep", "pobj", "dobj") and verb.head.i != verb.i:
        verb = verb.head
    return {c.i for c in verb.children if c.dep_ in _SUBJECT} | {
        c.i for s in verb.children if s.dep_ in _SUBJECT for c in conjuncts(s)}


def entry_for(token: Token, block: int, key: str, cls: str) -> TimelineEntry:
    """The timeline entry of a mention whose head is ``token``."""
    top = token
    while top.dep_ == "conj" and not opens_clause(top):
        top = top.head
    group = top.i if conjuncts(token) and not opens_clause(token) else None
    subject = top.dep_ in _SUBJECT or opens_clause(token)
    return TimelineEntry(block, token.i, token.sent.start, key, cls, subject, group)
