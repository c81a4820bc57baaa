"""Relations from the dependency parse: cue verbs, cue nouns and role nouns.

Each rule finds the two ends of a relation in the parse, resolves them to
nodes (mentions, pronouns, relative pronouns, possessors), and checks them
against the predicate's domain and range in the ontology. Negation flips a
cooperative cue to ``opposes`` or drops it; modality, conditions and
questions halve the confidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rdflib import RDFS
from spacy.tokens import Span, Token

from extract.coref import PRONOUNS, Timeline, conjuncts, opens_clause
from extract.dates import find_date
from extract.lexicon import (
    DATA_DIR,
    Cue,
    Role,
    load_cues,
    load_participles,
    load_reporting,
    load_roles,
    load_words,
)
from extract.names import HYPHENS
from extract.resolve import match_role, role_of_part, role_words
from ontology import ACTOR_CLASSES, AG, load_ontology, relation_specs, subclasses

_MODALS = frozenset({"could", "might", "may", "would", "should"})
_CONDITIONS = frozenset({"if", "whether", "unless"})
_HEDGE_HEADS = frozenset({"hope", "want", "wish", "expect", "plan", "seek", "consider", "try",
                          "aim", "intend", "propose", "urge", "like", "prefer", "fear", "ask",
                          "demand", "call", "request", "push"})
#: Verbs that declare someone something: "declared Turkey an enemy", "called him a critic".
_DECLARING = frozenset({"declare", "call", "brand", "label", "name", "designate", "consider",
                        "deem", "dub"})
#: Nouns of a belief: what they introduce is held, not stated as a fact.
_BELIEFS = frozenset({"view", "belief", "opinion", "assumption", "perception", "impression",
                      "conviction", "theory", "suspicion", "claim", "allegation", "narrative"})
#: Wish verbs that hedge only what they govern as a complement.
_WISH_BY_COMPLEMENT = frozenset({"call", "ask", "push", "urge"})
#: Nouns that name their complement: "the strategy of X", "a term he coined", "X policy".
_NAMING = frozenset({"strategy", "policy", "doctrine", "idea", "concept", "notion", "term",
                     "program", "programme", "plan", "agenda", "principle", "slogan", "vision",
                     "approach", "campaign", "deal", "agreement", "treaty", "accord", "pact"})
#: Nouns that stand for the state their holder leads: "the Rouhani administration".
_GOVERNMENT = frozenset({"administration", "government", "regime", "cabinet"})
#: Nouns that quantify their "of" complement: "a series of sanctions", "an array of factions".
_QUANTITY = frozenset({"series", "array", "number", "host", "range", "variety", "set", "group",
                       "wave", "round", "batch", "majority", "handful", "dozens", "hundreds",
                       "thousands", "tens", "couple", "list"})
_OBJECT_CONTROL = frozenset({"persuade", "convince", "ask", "force", "instruct", "order", "urge",
                             "encourage", "push", "pressure", "allow", "help", "tell", "choose",
                             "select", "appoint", "name"})
_ROLE_PREPS = frozenset({"of", "at", "from", "to", "for", "in", "with"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_COPULAS = frozenset({"be", "become", "remain"})
#: Dependencies through which a governing modal, condition or wish reaches a statement.
_EMBEDDING = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "attr", "acl",
                        "compound", "appos", "poss", "nsubj", "nsubjpass", "agent", "amod",
                        "nmod", "oprd"})


@dataclass(frozen=True)
class Arg:
    """One resolved end of a relation."""

    key: str
    text: str
    token: int
    via: str  # mention, pronoun, relative, possessor, modifier, implied


#: The stand-in subject of a dated event noun that names no agent (see
#: :meth:`RelationExtractor.attribute`).
UNSTATED = Arg("", "", -1, "document")


def _dated(noun: Token) -> bool:
    """Whether an event noun carries its own date: "the withdrawal ... on May 8, 2018",
    "the 2003 invasion", "the May 2018 withdrawal", "the January 3 strike"."""
    doc = noun.doc
    spans = [doc[noun.left_edge.i : noun.i]]  # its modifiers, however the parser hung them
    spans += [doc[p.left_edge.i : p.right_edge.i + 1] for c in noun.children
              if c.dep_ == "prep" and c.lower_ in ("on", "in") for p in c.children
              if p.dep_ == "pobj"]
    return any(find_date(span.text) or (any(t.ent_type_ == "DATE" for t in span)
               and any(t.like_num for t in span)) for span in spans)


@dataclass(frozen=True)
class Found:
    """A relation found in a sentence, before it becomes an Assertion."""

    subject: Arg
    predicate: str
    object: Arg
    confidence: float
    rule: str
    anchor: int
    event: str | None = None  # Event sub-class the cue states, beyond the predicate's own
    #: who the text says claims (or denies) it; "" with a stance: someone unnamed
    claimant: str = ""
    reporting: str = ""  # the reporting verb ("say", "deny", "according to")
    stance: str = ""  # "" (the text's own), "claimed" or "denied"


LIGHT_VERBS = load_words(DATA_DIR / "light_verbs.tsv")
UNDERGO_VERBS = load_words(DATA_DIR / "undergo_verbs.tsv")
COMMISSIVES = load_words(DATA_DIR / "commissives.tsv")
PART_NOUNS = load_words(DATA_DIR / "part_nouns.tsv")
DOMAIN_NOUNS = load_words(DATA_DIR / "domain_nouns.tsv")
_NEGATORS = load_words(DATA_DIR / "negators.tsv")
REPORTING = load_reporting()
_CONFLICT = frozenset({"verbalConflict", "materialConflict"})
_RELATIONAL = frozenset({"cooperatesWith", "opposes", "criticizes", "supports", "threatens"})
_POSSESSIVE = frozenset({"’", "'", "’s", "'s"})
#: Prepositions of a circumstance the subject takes part in: "After negotiations with X, Y said".
_CIRCUMSTANTIAL = frozenset({"after", "during", "following", "before", "since", "through",
                             "amid", "in", "at", "despite"})

_VIA_FACTOR = {"mention": 1.0, "relative": 1.0, "implied": 0.85, "pronoun": 0.9,
               "possessor": 0.9, "modifier": 0.9, "document": 0.7}


@cache
def ends(predicate: str) -> tuple[frozenset[str], frozenset[str]]:
    """Classes allowed as subject and object of ``predicate``, from its domain and range."""
    onto = load_ontology()
    actors = subclasses("Actor")

    def allowed(term: object, default: frozenset[str]) -> frozenset[str]:
        if term is None or not str(term).startswith(str(AG)):
            return default
        return subclasses(str(term)[len(str(AG)):])

    domain = onto.value(AG[predicate], RDFS.domain)
    range_ = onto.value(AG[predicate], RDFS.range)
    return allowed(domain, actors), allowed(range_, actors | {"Policy"})


class ArgFinder:
    """Resolves tokens of one paragraph to node keys."""

    def __init__(self, block: int, token_keys: dict[int, str], mention_text: dict[int, str],
                 timeline: Timeline, states: dict[str, str] | None = None,
                 lookup: Callable[[str], str | None] | None = None,
                 classes: dict[str, str] | None = None,
                 mentions: dict[str, int] | None = None) -> None:
        self.block = block
        self.classes = classes or {}
        self.mentions = mentions or {}  # key -> mentions in the document
        self.roles = load_roles()
        self.token_keys = token_keys
        self.mention_text = mention_text
        self.timeline = timeline
        self.states = states or {}  # person key -> key of the state they lead
        self.lookup = lookup  # name -> registry id

    def person(self, key: str) -> bool:
        """Whether ``key`` is a person's node."""
        return self.classes.get(key) == "Person"

    def registry_key(self, name: str) -> str | None:
        """The registry id ``name`` names, if any."""
        return self.lookup(name) if self.lookup else None

    def actors(self, tokens: list[Token], titled: bool = True) -> list[Arg]:
        """Args for tokens and their conjuncts ("Putin and Xi"). With ``titled``, a state in
        the possessive before a titled name stands for the name's bearer."""
        found: dict[str, Arg] = {}
        for token in tokens:
            for part in (token, *conjuncts(token)):
                for arg in self.actor(part, titled=titled):
                    found.setdefault(arg.key, arg)
        return list(found.values())

    def actor(self, token: Token, depth: int = 0, titled: bool = True) -> list[Arg]:
        bearer = self._titled_after(token) if titled else None
        if bearer is not None:
            return [Arg(self.token_keys[bearer.i], self.mention_text[bearer.i], bearer.i, "mention")]
        if token.i in self.token_keys:
            return [Arg(self.token_keys[token.i], self.mention_text[token.i], token.i, "mention")]
        lower = token.lower_
        if lower in PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            if lower == "it" and token.head.lemma_ == "be":
                return []  # expletive "it is ... to"
            keys = self.timeline.resolve(token, self.block)
            return [Arg(k, token.text, token.i, "pronoun") for k in keys]
        if lower in _RELATIVE and token.head.dep_ == "relcl" and depth < 2:
            antecedent = token.head.head
            if antecedent.dep_ == "appos" and antecedent.i not in self.token_keys:
                antecedent = antecedent.head  # "X, the kingdom's de facto ruler, who ..."
            return [Arg(a.key, a.text, a.token, "relative")
                    for a in self.actor(antecedent, depth + 1)]
        if not is_nominal(token) or depth > 1:
            return []
        return self._through_noun(token, depth)

    def _titled_after(self, token: Token) -> Token | None:
        """"with Belarus’ President Alexander Lukashenko": a name in the possessive before a
        title and a name (the parser often takes the state for the object) stands for the
        titled person."""
        doc = token.doc
        if token.i not in self.token_keys or token.i + 2 >= len(doc) \
                or doc[token.i + 1].text not in _POSSESSIVE:
            return None
        for nxt in doc[token.i + 2 : token.i + 7]:
            if nxt.i in self.token_keys and self.token_keys[nxt.i] != self.token_keys[token.i]:
                return nxt if self.person(self.token_keys[nxt.i]) else None
            if nxt.pos_ not in ("ADJ", "PROPN", "NOUN") or nxt.is_punct:
                return None
        return None

    def _through_noun(self, token: Token, depth: int) -> list[Arg]:
        """The actor a common noun stands for, through its dependents. A singular role noun
        stands for its holder, not for its modifiers: "Maduro's rival" is not Maduro, "the
        former Syrian leader" not Syria (plural "Iranian officials" act for their state); a
        domain is not its actor ("Ethiopian politics")."""
        lemma = token.lemma_.lower()
        if (token.tag_ == "NN" and lemma in self.roles) or token.lower_ in DOMAIN_NOUNS \
                or lemma in DOMAIN_NOUNS:
            return []
        if lemma in _QUANTITY:
            return self.actors([p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                                for p in c.children if p.dep_ == "pobj"])
        if lemma in _GOVERNMENT:
            for child in token.children:
                if child.dep_ in ("poss", "compound"):
                    for arg in self.actor(child, depth + 1):
                        if arg.key in self.states:
                            return [Arg(self.states[arg.key], arg.text, arg.token, "modifier")]
        order = (("appos", "mention"), ("poss", "possessor"), ("compound", "modifier"),
                 ("amod", "modifier"), ("nmod", "modifier"))
        if lemma in _NAMING:
            if token.dep_ == "appos":
                return self.actor(token.head, depth + 1)
            order = (("appos", "mention"), ("of", "mention"), ("compound", "modifier"),
                     ("amod", "modifier"), ("nmod", "modifier"), ("poss", "possessor"))
        for dep, via in order:
            children = ([p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"] if dep == "of"
                        else [c for c in token.children if c.dep_ == dep])
            for child in children:
                found = self.actor(child, depth + 1)
                if found:
                    return [Arg(a.key, a.text, a.token, via if a.via == "mention" else a.via)
                            for a in found]
        return []


def _apposed(appositive: Token) -> Token:
    """The name an appositive describes: the one right before its comma, when the parser
    hung it higher ("X, adviser of Y, negotiated with Z, the spokesman of W": Z's title)."""
    doc = appositive.doc
    start = appositive.left_edge.i
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN" \
            and doc[start - 2].i != appositive.head.i and any(
                doc[start - 2].i == t.i for t in appositive.head.subtree):
        return doc[start - 2]
    return appositive.head


# ---------------------------------------------------------------- clause structure


_NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "conj"})


def is_nominal(token: Token) -> bool:
    """A noun, or a noun the tagger took for a verb ("condemned the US airstrikes")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return token.pos_ == "VERB" and token.dep_ in _NOMINAL_DEPS and any(
        c.dep_ in ("det", "compound", "amod", "poss") for c in token.lefts)


def purpose_verbs(noun: Token) -> list[Token]:
    """Infinitives that give an event noun its purpose: "an assault to topple X"."""
    return [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_participle(verb: Token) -> bool:
    """A past participle that qualifies a noun with its agent: "the GNA, led by Sarraj"."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not is_passive(verb) \
        and any(c.dep_ == "agent" for c in verb.children) and participle_noun(verb) is not None


def participle_noun(verb: Token) -> Token | None:
    """The noun a participle qualifies: its head, or (parsed as an adverbial clause) the
    noun right before its comma."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "," and doc[verb.i - 2].pos_ in ("NOUN", "PROPN"):
        return doc[verb.i - 2]  # the noun right before the comma, whatever the parser hung it on
    return verb.head if verb.dep_ == "acl" else None


def noun_complement(verb: Token) -> Token | None:
    """The promise or menace an infinitive completes, however the parser hung it: "threats
    to rip up the deal" (None unless such a noun, of the commissives lexicon, stands right
    before its "to": "flew for an afternoon to meet X" is the flyer's meeting)."""
    marker = next((c for c in verb.lefts if c.tag_ == "TO"), None)
    if marker is None:
        return None
    before = marker.i - 1
    while before >= 0 and verb.doc[before].is_punct:
        before -= 1
    noun = verb.doc[before] if before >= 0 else None
    return noun if noun is not None and noun.tag_ in ("NN", "NNS") \
        and noun.lemma_.lower() in COMMISSIVES else None


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens that act as the subject of ``verb``, through control and coordination;
    an infinitive that completes a noun takes the noun's holder ("Trump's threats to ...")."""
    if is_passive(verb) or is_participle(verb):
        return [p for c in verb.children if c.dep_ == "agent"
                for p in c.children if p.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects or depth > 3 or verb.head.i == verb.i:
        return subjects
    completed = noun_complement(verb)
    if completed is not None:
        return [completed]
    head = verb.head
    if verb.dep_ == "xcomp":
        controlled = [c for c in head.children if c.dep_ == "nsubjpass"] or (
            [c for c in head.children if c.dep_ == "dobj"]
            if head.lemma_.lower() in _OBJECT_CONTROL else []) or (
            [head.head] if head.dep_ == "acl" and head.tag_ == "VBN" else [])
        return controlled or subject_tokens(head, depth + 1)
    if verb.dep_ == "conj" and is_passive(head) and not is_passive(verb):
        # "X was assisted by Y, and also has the backing of Z": X has it, not Y
        return [c for c in head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ in ("relcl", "acl"):
        return [head]
    if verb.dep_ == "conj":
        first = min([verb.i, *(c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg"))])
        if first > 0 and opens_clause(verb.doc[first - 1]):
            return [verb.doc[first - 1]]  # "... and Pompeo has been in dialogue"
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "pcomp":
        if head.lower_ in ("of", "for") and head.head.lemma_.lower() in _ACCUSING:
            # "Iran accused Israel of attacking X", "blamed Israel for": Israel attacks
            return [c for c in head.head.children if c.dep_ == "dobj"]
        return subject_tokens(head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") else []
    return []


def object_tokens(verb: Token, slot: str, fixed: Token | None = None) -> list[Token]:
    """The tokens in ``slot`` ("obj" or "prep:WORD") of a verb (or its fixed object)."""
    if slot == "obj":
        if is_participle(verb):
            return [participle_noun(verb)]  # type: ignore[list-item]
        dep = "nsubjpass" if is_passive(verb) else "dobj"
        found = [c for c in verb.children if c.dep_ == dep]
        if not found and verb.dep_ == "relcl" and dep == "dobj" and any(
                c.dep_ == "nsubj" for c in verb.children):
            return [verb.head]  # "a term he coined": the antecedent is the object
        return found
    word = slot[5:]
    # the parser may attach the phrase to the object ("bestowed the Order ... on Soleimani")
    hosts = [verb, *([fixed] if fixed is not None else []),
             *(c for c in verb.children if c.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"))]
    return [p for h in hosts for c in h.children if c.dep_ in ("prep", "dative")
            and c.lower_ == word for p in c.children if p.dep_ == "pobj"]


def noun_subject_tiers(noun: Token, event: bool = False) -> list[list[Token]]:
    """Who may hold a relation noun, best first: its possessor, its modifiers, then the
    subject of the verb that governs it ("Putin came out in defence of ..."). For an event
    noun (``event``), only a verb that does the event gives its subject ("launched an
    attack"), not one that judges or reports it ("condemned attacks on US forces")."""
    tiers = [[c for c in noun.children if c.dep_ == "poss"],
             object_tokens(noun, "prep:by"),  # "the assassination of X by Y"
             [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]]
    token = noun
    for _ in range(3):
        if token.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
            if (not event or _agentive(token.head)) \
                    and token.head.lemma_.lower() not in UNDERGO_VERBS:
                tiers.append(subject_tokens(token.head))
            break
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
            governor = token.head.head
            if governor.pos_ in ("VERB", "AUX"):
                if not event or _agentive(governor) or token.head.lower_ in _CIRCUMSTANTIAL:
                    tiers.append(subject_tokens(governor))
                break
            token = governor
            continue
        if token.dep_ in ("conj", "appos"):
            token = token.head
            continue
        break
    return [tier for tier in tiers if tier]


def _agentive(verb: Token) -> bool:
    """Whether the subject of ``verb`` is the agent of the event noun it governs ("launched
    an attack"), not someone who reports or judges it ("condemned attacks on US forces")."""
    return verb.lemma_.lower() in LIGHT_VERBS or verb.lemma_.lower() in _COPULAS


def commissive(token: Token) -> bool:
    """Whether a promise or a menace governs ``token``: "promised to arrest or assassinate",
    "threats to rip up the deal"."""
    if noun_complement(token) is not None:
        return True
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or current.head.i == current.i:
            return False
        current = current.head
        if current.lemma_.lower() in COMMISSIVES:
            return True
    return False


def _chain(token: Token, limit: int = 6) -> Iterator[Token]:
    current = token
    for _ in range(limit):
        yield current
        if current.head.i == current.i:
            return
        current = current.head


#: Verbs whose object is the one said to do what their "of"/"for" clause tells.
_ACCUSING = frozenset({"accuse", "suspect", "charge", "convict", "blame", "condemn", "praise",
                       "thank", "criticize", "criticise"})
_REPORTED_DEPS = frozenset({"ccomp", "conj", "pcomp", "prep", "xcomp", "pobj", "dobj",
                            "acl", "relcl"})


def reporter(anchor: Token) -> Token | None:
    """The reporting verb whose clause holds ``anchor``: one above it ("Turkey says Saudi
    agents killed him", "accused Israel of attacking"), or one after it, set off ("Israel
    struck the base, Iran said"); None when the text states it itself."""
    current = anchor
    for _ in range(6):
        for child in current.children:
            if child.dep_ in ("parataxis", "ccomp") and child.i > anchor.i \
                    and child.pos_ == "VERB" and child.lemma_.lower() in REPORTING \
                    and not any(c.dep_ in ("ccomp", "dobj") for c in child.children):
                return child
        head = current.head
        if head.i == current.i or current.dep_ not in _REPORTED_DEPS:
            return None
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING \
                and head.i != anchor.i and _reports(current, head):
            return head
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING:
            return None  # beside it ("dismissed X and reiterated Y"), or its circumstance
            # ("In response to the US president Trump's threats, Khamenei said ...")
        current = head
    return None


def _reports(below: Token, verb: Token) -> bool:
    """Whether ``below`` is what ``verb`` reports: its clause ("says that ..."), its
    infinitive ("claimed to have ..."), or the "of"/"for" of an accusing verb."""
    if below.dep_ in ("ccomp", "xcomp", "parataxis"):
        return True
    return below.dep_ == "prep" and below.lower_ in ("of", "for") \
        and verb.lemma_.lower() in _ACCUSING


def according_to(anchor: Token) -> list[Token]:
    """The source an "according to X" on the clause of ``anchor`` names."""
    current = anchor
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                return [p for c in child.children if c.lower_ == "to"
                        for p in c.children if p.dep_ == "pobj"]
        if current.head.i == current.i:
            return []
        current = current.head
    return []


def is_negated(token: Token) -> bool:
    """Whether the clause of ``token`` is negated, or governed by a refusal."""
    for index, head in enumerate(_chain(token)):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in head.children):
            return True
        if index and head.lemma_.lower() in _NEGATORS:
            return True
        if head.dep_ not in ("xcomp", "acl", "pcomp", "pobj", "prep", "advcl", "dobj", "attr"):
            return False
    return False


def _in_question(token: Token, sentence: Span) -> bool:
    """Whether the colon- or semicolon-delimited part of the sentence holding ``token`` asks."""
    ends, asks = _question_parts(sentence)
    return asks[bisect.bisect_left(ends, token.i)]


def _question_parts(sentence: Span) -> tuple[list[int], list[bool]]:
    """Where the sentence's parts end (at ":", ";", "?" or its last token) and whether each
    asks; computed once per sentence, so a long sentence costs one pass, not one a token.

    The answer is kept in the sentence's own ``Doc`` (its ``user_data``), never under
    ``id(doc)``: a freed document's id is given to the next one, whose sentence at the
    same offsets would be answered for the old text.
    """
    doc = sentence.doc
    key = ("actorgraph.parts", sentence.start, sentence.end)
    found = doc.user_data.get(key)
    if found is None:
        ends, asks = [], []
        for i in range(sentence.start, sentence.end):
            if doc[i].text in (":", ";", "?") or i + 1 == sentence.end:
                ends.append(i)
                asks.append(doc[i].text == "?" or (i + 1 == sentence.end and sentence.text.rstrip()
                                                    .rstrip("\"'”’)").endswith("?")))
        found = doc.user_data[key] = (ends, asks)
    return found


def is_hedged(token: Token, sentence: Span) -> bool:
    """Whether the statement is a question, a condition, a wish or under a modal."""
    if _in_question(token, sentence):
        return True
    previous = token
    for index, head in enumerate(_chain(token)):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in head.children):
            return True
        if index and head.lemma_.lower() in _HEDGE_HEADS and _wished(head, previous):
            return True
        if index and previous.dep_ in ("ccomp", "acl") and _believed(head):
            return True  # "His view is that X works with Y", "the belief that X ..."
        if head.dep_ not in _EMBEDDING:
            return False  # an adverbial or main clause: what governs it does not hedge this
        previous = head
    return False


def _wished(head: Token, below: Token) -> bool:
    """Whether a wish verb governs what is below it as a wish: "call for X", "called on X to",
    "wants to"; not "called Moon" (a telephone call) or "called it a declaration of war"."""
    if head.lemma_.lower() not in _WISH_BY_COMPLEMENT:
        return True
    return below.dep_ in ("xcomp", "ccomp") or (below.dep_ == "prep" and below.lower_ in ("for", "on"))


def _believed(head: Token) -> bool:
    """Whether ``head`` introduces a belief: "the view that", "His view is that"."""
    nouns = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ == "nsubj"] \
        if head.lemma_.lower() == "be" else []
    return any(n.lemma_.lower() in _BELIEFS for n in nouns)


def title_hedge(token: Token, sentence: Span, how: str) -> bool:
    """A title or an apposition describes its name whatever the clause around it does."""
    return how not in ("title", "appos") and is_hedged(token, sentence)


# ---------------------------------------------------------------- the extractor


def _direct_objects(verb: Token) -> list[Token]:
    """What a light verb's fixed object can be: its direct objects (or the subject of its
    passive), and the noun after "of" in a quantity ("a number of hostages")."""
    direct = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return direct + [p for d in direct if d.lemma_.lower() in _QUANTITY for c in d.children
                     if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj"]


class RelationExtractor:
    """Applies the cue lexicon and the role nouns to parsed sentences."""

    def __init__(self, classes: dict[str, str], implied: dict[str, str],
                 cues: tuple[Path, ...] = ()) -> None:
        self.cues = load_cues(extra=tuple(cues))
        self.roles = load_roles()
        self.role_words = role_words(self.roles)
        self.participles = load_participles()
        self.classes = classes
        self.implied = implied  # registry id -> class, for role objects a role implies

    def _cls(self, key: str) -> str | None:
        return self.classes.get(key) or self.implied.get(key)

    def sentence(self, sent: Span, args: ArgFinder) -> list[Found]:
        found: list[Found] = []
        for token in sent:
            if token.pos_ in ("VERB", "AUX") and not is_nominal(token):
                objects = None  # the words of its direct objects, once for all its cues
                for cue in self.cues.get((token.lemma_.lower(), "VERB"), ()):
                    if cue.fixed_object:  # "take hostage": most such cues do not apply
                        if objects is None:
                            objects = {w for c in _direct_objects(token)
                                       for w in (c.lemma_.lower(), c.lower_)}
                        if cue.fixed_object not in objects:
                            continue
                    found += self._verb(token, cue, sent, args)
            elif is_nominal(token):
                for cue in self.cues.get((token.lemma_.lower(), "NOUN"), ()):
                    found += self._noun(token, cue, sent, args)
                found += self._role(token, sent, args)
                found += self.anti(token, sent, args)
            if token.lower_ in self.participles:
                found += self.participle(token, sent, args)
            found += self.anti_modifier(token, args)
        found = [self._reported(item, sent, args) for item in found]
        best: dict[tuple[str, str, str], Found] = {}
        for item in found:
            key = (item.subject.key, item.predicate, item.object.key)
            if key not in best or item.confidence > best[key].confidence:
                best[key] = item
        return list(best.values())

    def _verb(self, verb: Token, cue: Cue, sent: Span, args: ArgFinder) -> list[Found]:
        if verb.dep_ == "acl" and (verb.head.lemma_.lower(), "NOUN") in self.cues \
                and verb in purpose_verbs(verb.head):
            return []  # the event noun states the relation ("an assault to topple X")
        if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle
                                    for c in verb.children):
            return []
        fixed = None
        if cue.fixed_object:
            fixed = next((c for c in _direct_objects(verb)
                          if cue.fixed_object in (c.lemma_.lower(), c.lower_)), None)
            if fixed is None:
                return []
        if cue.requires and not any(c.lemma_.lower() == cue.requires
                                    for c in verb.subtree if c.i != verb.i):
            return []
        subjects = args.actors(subject_tokens(verb))
        objects = args.actors([t for slot in cue.slots if slot != "pair"
                               for t in object_tokens(verb, slot, fixed)
                               if not (fixed is not None and slot == "obj")])
        if not objects and len(subjects) >= 2 and relation_specs()[cue.predicate].symmetric:
            # "America and the Taliban have been negotiating a deal": with each other
            return self._pairs(subjects[:1], subjects[1:], cue, verb, sent, f"verb:{cue.lemma}")
        return self._pairs(subjects, objects, cue, verb, sent, f"verb:{cue.lemma}")

    def _noun(self, noun: Token, cue: Cue, sent: Span, args: ArgFinder) -> list[Found]:
        if cue.requires and not any(c.lemma_.lower() == cue.requires for c in noun.children):
            return []
        rule = f"noun:{cue.lemma}"
        if "pair" in cue.slots:
            pair = self._pair(noun, args)
            if len(pair) >= 2:
                if is_negated(noun):
                    return []  # "X rejected talks between A and B" says nothing of A and B
                return self._pairs(pair[:1], pair[1:2], cue, noun, sent, rule)
        objects = args.actors([t for slot in cue.slots if slot.startswith("prep:")
                               for t in object_tokens(noun, slot)])
        if not objects:  # "an assault to topple the GNA": the purpose names the target
            objects = args.actors([o for verb in purpose_verbs(noun)
                                   for o in object_tokens(verb, "obj")])
        if not objects:
            return []
        spec = relation_specs()[cue.predicate]
        event = spec.event_class is not None or spec.family == "materialConflict"
        for tier in noun_subject_tiers(noun, event):
            subjects = [a for a in args.actors(tier) if a.key not in {o.key for o in objects}]
            if subjects:
                return self._pairs(subjects, objects, cue, noun, sent, rule)
        if spec.event_class is not None and _dated(noun) and any(
                c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in noun.children):
            # "the withdrawal from the agreement on May 8, 2018": a dated event, told as
            # given (whatever the clause around it denies), whose agent the rest of the
            # document tells (see attribute)
            found = [self._check(UNSTATED, cue.predicate, obj, cue.confidence, rule, noun.i)
                     for obj in objects]
            return [f for f in found if f is not None]
        return []

    @staticmethod
    def _reported(item: Found, sent: Span, args: ArgFinder) -> Found:
        """``item`` as the claim (or the denial) of whoever the sentence says states it. The
        confidence stays that of the reading: the stance and the claimant say that it is
        reported speech (a reader filters on them, not on a lowered number)."""
        if item.rule.startswith("role:"):
            return item  # a title or a description is the writer's, wherever it stands
        anchor = sent.doc[item.anchor]
        said = reporter(anchor)
        if said is not None:
            who = args.actors(subject_tokens(said))
            verb, stance = said.lemma_.lower(), REPORTING[said.lemma_.lower()]
        else:
            source = according_to(anchor)
            if not source:
                return item
            who, verb, stance = args.actors(source), "according to", "claimed"
        return replace(item, claimant=who[0].key if who else "", reporting=verb,
                       stance=stance, rule=item.rule + f":{stance}")

    def attribute(self, found: Found, subject: str) -> Found | None:
        """``found`` (an event noun the sentence dates but gives no agent, its subject
        :data:`UNSTATED`) with ``subject`` as its agent, the one actor the rest of the
        document says did it; None when ``subject`` cannot hold the predicate."""
        domain, _range = ends(found.predicate)
        if self._cls(subject) not in domain or self._cls(subject) not in ACTOR_CLASSES \
                or subject == found.object.key:
            return None
        # no text: the sentence does not name it
        return replace(found, subject=Arg(subject, "", -1, "document"),
                       rule=found.rule + ":agent-from-document")

    @staticmethod
    def _pair(noun: Token, args: ArgFinder) -> list[Arg]:
        """Two actors a symmetric noun joins: "the Khamenei-Soleimani partnership",
        "talks between Zarif and Tillerson"."""
        left = [t for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "nmod")]
        between = object_tokens(noun, "prep:between")
        found = [a for a in args.actors(left) if a.via == "mention"]
        return found if len(found) >= 2 else args.actors(between)

    def anti(self, token: Token, sent: Span, args: ArgFinder) -> list[Found]:
        """"anti-Americanism", "anti-Israel": the holder opposes the state named."""
        if token.i < 2 or token.doc[token.i - 1].text not in ("-", "‐") or \
                token.doc[token.i - 2].lower_ != "anti":
            return []
        stem = token.text[:-3] if token.text.lower().endswith(("ism", "ist")) else token.text
        target = args.registry_key(stem)
        if target is None:
            return []
        obj = Arg(target, token.doc[token.i - 2 : token.i + 1].text, token.i, "mention")
        for tier in noun_subject_tiers(token):
            subjects = args.actors(tier)
            if subjects:
                return [f for s in subjects
                        if (f := self._check(s, "opposes", obj, 0.75, "noun:anti", token.i))]
        return []

    def described(self, noun: Token, args: ArgFinder, besides: str = "") -> list[Arg]:
        """The actors a descriptive noun phrase stands for: its own name, the name it is in
        apposition to ("the SDF, another US-backed coalition"), the subject it is predicated
        of ("HTS is a US-backed group"), the head it is conjoined to ("HTS and other
        anti-Assad groups")."""
        found = [a for a in args.actor(noun) if a.key != besides]
        if found:
            return found
        if noun.dep_ in ("appos", "conj"):
            return [a for a in args.actor(noun.head) if a.key != besides]
        if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS:
            return args.actors(subject_tokens(noun.head))
        appositives = [c for c in noun.children if c.dep_ == "appos"]
        return args.actors(appositives)

    def participle(self, token: Token, sent: Span, args: ArgFinder) -> list[Found]:
        """"the US-backed coalition", "the Saudi-led coalition": a name glued to a participle."""
        doc = token.doc
        if token.i < 2 or doc[token.i - 1].text not in HYPHENS or doc[token.i - 1].whitespace_ \
                or doc[token.i - 2].whitespace_:
            return []
        holders = args.actor(doc[token.i - 2])
        if not holders or holders[0].via != "mention":
            return []
        noun = token.head if token.head.pos_ in ("NOUN", "PROPN") else token
        while noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN") \
                and noun.head.i > noun.i:
            noun = noun.head
        described = [a for a in self.described(noun, args)
                     if a.key not in {h.key for h in holders}]
        predicate, confidence = self.participles[token.lower_]
        rule = f"participle:{token.lower_}"
        return [f for h in holders for d in described
                if (f := self._check(h, predicate, d, confidence, rule, token.i))]

    def anti_modifier(self, token: Token, args: ArgFinder) -> list[Found]:
        """"HTS and other anti-Assad groups": the groups (and HTS) oppose Assad."""
        doc = token.doc
        if token.i < 2 or token.i not in args.token_keys or doc[token.i - 1].text not in HYPHENS \
                or doc[token.i - 2].lower_ != "anti":
            return []
        target = Arg(args.token_keys[token.i], args.mention_text[token.i], token.i, "mention")
        noun = token.head
        while noun.i in args.token_keys and args.token_keys.get(noun.i) == target.key \
                and noun.head.i != noun.i:
            noun = noun.head  # past the rest of the name
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i < token.i:
            return []
        return [f for h in self.described(noun, args, target.key)
                if (f := self._check(h, "opposes", target, 0.75, "noun:anti", token.i))]

    def _pairs(self, subjects: list[Arg], objects: list[Arg], cue: Cue, anchor: Token,
               sent: Span, rule: str) -> list[Found]:
        if not subjects or not objects:
            return []
        if cue.reverse:
            subjects, objects = objects, subjects
        predicate, confidence = cue.predicate, cue.confidence
        said = reporter(anchor)
        if said is not None and REPORTING[said.lemma_.lower()] == "denied":
            pass  # "Iran denied that it attacked X": a denial of the relation, kept as such
        elif is_negated(anchor):
            if cue.negated is None:
                return []
            predicate, confidence, rule = cue.negated, confidence * 0.9, rule + ":negated"
        if predicate != "threatens" and relation_specs()[predicate].family in _CONFLICT \
                and commissive(anchor):
            predicate, rule = "threatens", rule + ":threatened"
        elif is_hedged(anchor, sent):
            confidence, rule = confidence * 0.5, rule + ":hedged"
        found = []
        for subject in subjects:
            for obj in objects:
                if cue.objects and self._cls((subject if cue.reverse else obj).key) not in cue.objects:
                    continue
                item = self._check(subject, predicate, obj, confidence, rule, anchor.i)
                if item:
                    found.append(replace(item, event=cue.event) if cue.event else item)
        return found

    def _check(self, subject: Arg, predicate: str, obj: Arg, confidence: float, rule: str,
               anchor: int) -> Found | None:
        if subject.key == obj.key:
            return None
        domain, range_ = ends(predicate)
        if self._cls(obj.key) not in range_:
            return None
        if subject is not UNSTATED and (self._cls(subject.key) not in domain
                                        or self._cls(subject.key) not in ACTOR_CLASSES):
            return None
        factor = _VIA_FACTOR[subject.via] * _VIA_FACTOR[obj.via]
        return Found(subject, predicate, obj, round(confidence * factor, 3), rule, anchor)

    # -- role nouns -----------------------------------------------------------

    def _match_role(self, token: Token) -> tuple[Role, int] | None:
        return match_role(token, self.roles, self.role_words)

    def _role(self, token: Token, sent: Span, args: ArgFinder) -> list[Found]:
        matched = self._match_role(token)
        if matched is None or self._inside_longer_role(token):
            return []
        role, start = matched
        if token.tag_ in ("NNS", "NNPS"):
            bearers, how = self._included(token, args), "appos"  # "allies, including X and Y"
        elif token.dep_ in ("oprd", "ccomp", "xcomp") and role.definite in _RELATIONAL \
                and token.head.lemma_.lower() in _DECLARING:
            return self._declared(token, role, args)
        else:
            bearers, how = self._bearers(token, args)
        if not bearers or is_negated(token):
            return []
        objects = self._role_objects(token, start, args, role)
        if not objects and role.implies and role.implies in self.implied:
            objects = [Arg(role.implies, token.text, token.i, "implied")]
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                         for c in token.children) or (
            token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "one")
        base = {"copula": 0.9, "appos": 0.85, "title": 0.8}[how]
        if title_hedge(token, sent, how):
            base *= 0.5
        found = []
        for bearer in bearers:
            for obj in objects:
                predicate = role.indefinite if indefinite else role.definite
                if predicate == "leads" and obj.via != "implied" and (
                        self._prep_of(obj, token) == "in" or self._through_part(obj, token)):
                    predicate = "memberOf"  # "leader of the Taliban delegation"
                if predicate == "memberOf" and self._cls(bearer.key) != "Person" \
                        and bearer.via == "mention":
                    predicate = "partOf"  # a body named as such is part of another, not a member
                item = self._check(bearer, predicate, obj, base, f"role:{role.role}:{how}", token.i)
                if item:
                    found.append(item)
        return found

    def _inside_longer_role(self, token: Token) -> bool:
        """"Secretary" of "Secretary General": the longer title names the role."""
        doc = token.doc
        for nxt in doc[token.i + 1 : token.i + 3]:
            found = self._match_role(nxt)
            if found is not None and found[1] <= token.i:
                return True
        return False

    def _included(self, token: Token, args: ArgFinder) -> list[Arg]:
        """Bearers of a plural role: "Saudi allies in the region, including Israel and the UAE"."""
        preps = [c for c in token.subtree if c.dep_ == "prep" and c.lower_ in ("including", "like")]
        preps += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "such"]
        doc, edge = token.doc, token.right_edge.i
        # the parser often hangs ", including X" on another word of the clause
        preps += [t for t in doc[edge + 1 : edge + 3] if t.lower_ == "including" and t.dep_ == "prep"]
        return args.actors([p for prep in preps for p in prep.subtree if p.dep_ == "pobj"])

    def _declared(self, token: Token, role: Role, args: ArgFinder) -> list[Found]:
        """"Haftar declared Turkey an enemy": the declarer opposes the one declared."""
        verb = token.head
        subjects = args.actors(subject_tokens(verb))
        objects = args.actors([c for c in verb.children if c.dep_ == "dobj"]
                              or [c for c in token.children if c.dep_ == "nsubj"])
        rule = f"role:{role.role}:declared"
        return [f for s in subjects for o in objects
                if (f := self._check(s, role.definite, o, 0.8, rule, token.i))]

    @staticmethod
    def _through_part(obj: Arg, role: Token) -> bool:
        """Whether the object is reached through a part of it ("the Taliban delegation")."""
        for child in role.children:
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i != obj.token and pobj.lemma_.lower() in PART_NOUNS:
                        return True
        return False

    @staticmethod
    def _prep_of(obj: Arg, role: Token) -> str | None:
        for child in role.children:
            if child.dep_ == "prep" and any(p.i == obj.token for p in child.subtree):
                return child.lower_
        return None

    def _bearers(self, token: Token, args: ArgFinder) -> tuple[list[Arg], str]:
        head = token.head
        if token.dep_ == "attr" and head.lemma_.lower() in _COPULAS:
            return args.actors(subject_tokens(head)), "copula"
        if token.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
            return args.actors(subject_tokens(head.head)), "copula"
        if token.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "NOUN":
            # "her long record as a critic of China": a description, whatever the clause says
            return args.actors([c for c in head.head.children if c.dep_ == "poss"]), "appos"
        if token.dep_ == "appos":
            return args.actors([_apposed(token)]), "appos"
        appositives = [c for c in token.children if c.dep_ == "appos"]
        if appositives:
            return args.actors(appositives), "appos"
        if token.dep_ in ("compound", "nmod") and head.i in args.token_keys:
            return args.actor(head), "title"
        if token.dep_ == "conj" and head.pos_ == "NOUN" and self._match_role(head) is not None:
            return self._bearers(head, args)  # "the de facto ruler of X and head of the LNA"
        return [], ""

    def _role_objects(self, token: Token, start: int, args: ArgFinder, role: Role) -> list[Arg]:
        preps = _ROLE_PREPS - {"to", "in", "for"} if role.sent else _ROLE_PREPS
        candidates = [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
                      for p in c.children if p.dep_ == "pobj"]
        doc = token.doc
        before = start - 1
        while before > 0 and doc[before].pos_ == "ADJ":
            before -= 1
        if before > 0 and doc[before].text in _POSSESSIVE and doc[before - 1].i in args.token_keys:
            candidates.append(doc[before - 1])  # "Belarus’ authoritarian President"
        candidates += [c for c in token.children if c.dep_ == "poss"]
        candidates += [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")
                       and c.i < start]
        if token.dep_ in ("compound", "nmod"):
            candidates += [c for c in token.head.children if c.dep_ in ("poss", "compound", "amod")
                           and c.i != token.i and c.i < token.i
                           and args.token_keys.get(c.i) != args.token_keys.get(token.head.i)]
        own = args.token_keys.get(token.i)
        part = role_of_part(token, self.roles)  # "Secretary of State": State is the title's
        candidates = [c for c in candidates if part is None or c.i != part.i]
        modifiers = {c.i for c in candidates if c.dep_ in ("compound", "amod", "nmod")}
        # A local name among the modifiers is part of the title ("National Security adviser")
        # unless the document names it elsewhere too ("RSF chief", "the RSF").
        found = [a for a in args.actors(candidates, titled=False) if a.key != own
                 and not (a.token in modifiers and a.key.startswith("~")
                          and args.mentions.get(a.key, 0) < 2)]
        if role.definite == "leads" and any(a.token not in modifiers for a in found):
            # "the U.S. speaker of the House": the House is led; "U.S." qualifies it
            found = [a for a in found if a.token not in modifiers]
        return found
