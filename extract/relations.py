"""Relations from the dependency parse: cue verbs, cue nouns and role nouns.

Each rule finds the two ends of a relation in the parse, resolves them to
nodes (mentions, pronouns, relative pronouns, possessors), and checks them
against the predicate's domain and range in the ontology. Negation flips a
cooperative cue to ``opposes`` or drops it; modality, conditions and
questions halve the confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from rdflib import RDFS
from spacy.tokens import Span, Token

from extract.coref import PRONOUNS, Timeline, conjuncts, opens_clause
from extract.lexicon import Cue, Role, load_cues, load_roles
from extract.resolve import match_role, role_of_part
from ontology import ACTOR_CLASSES, AG, load_ontology, subclasses

_MODALS = frozenset({"could", "might", "may", "would", "should"})
_CONDITIONS = frozenset({"if", "whether", "unless"})
_HEDGE_HEADS = frozenset({"hope", "want", "wish", "expect", "plan", "seek", "consider", "try",
                          "aim", "intend", "propose", "urge", "like", "prefer", "fear", "ask",
                          "demand", "call", "request", "push"})
_NEGATORS = frozenset({"refuse", "reject", "decline", "deny", "avoid", "refusal", "rejection",
                       "unwilling", "reluctant", "stop", "cease", "halt", "quit"})
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


_VIA_FACTOR = {"mention": 1.0, "relative": 1.0, "implied": 0.85, "pronoun": 0.9,
               "possessor": 0.9, "modifier": 0.9}


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
                 lookup: Callable[[str], str | None] | None = None) -> None:
        self.block = block
        self.token_keys = token_keys
        self.mention_text = mention_text
        self.timeline = timeline
        self.states = states or {}  # person key -> key of the state they lead
        self.lookup = lookup  # name -> registry id

    def registry_key(self, name: str) -> str | None:
        """The registry id ``name`` names, if any."""
        return self.lookup(name) if self.lookup else None

    def actors(self, tokens: list[Token]) -> list[Arg]:
        """Args for tokens and their conjuncts ("Putin and Xi")."""
        found: dict[str, Arg] = {}
        for token in tokens:
            for part in (token, *conjuncts(token)):
                for arg in self.actor(part):
                    found.setdefault(arg.key, arg)
        return list(found.values())

    def actor(self, token: Token, depth: int = 0) -> list[Arg]:
        if token.i in self.token_keys:
            return [Arg(self.token_keys[token.i], self.mention_text[token.i], token.i, "mention")]
        lower = token.lower_
        if lower in PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            if lower == "it" and token.head.lemma_ == "be":
                return []  # expletive "it is ... to"
            keys = self.timeline.resolve(token, self.block)
            return [Arg(k, token.text, token.i, "pronoun") for k in keys]
        if lower in _RELATIVE and token.head.dep_ == "relcl" and depth < 2:
            return [Arg(a.key, a.text, a.token, "relative")
                    for a in self.actor(token.head.head, depth + 1)]
        if token.pos_ not in ("NOUN", "PROPN") or depth > 1:
            return []
        return self._through_noun(token, depth)

    def _through_noun(self, token: Token, depth: int) -> list[Arg]:
        """The actor a common noun stands for, through its dependents."""
        lemma = token.lemma_.lower()
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


# ---------------------------------------------------------------- clause structure


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens that act as the subject of ``verb``, through control and coordination."""
    if is_passive(verb):
        return [p for c in verb.children if c.dep_ == "agent"
                for p in c.children if p.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects or depth > 3 or verb.head.i == verb.i:
        return subjects
    head = verb.head
    if verb.dep_ == "xcomp":
        controlled = [c for c in head.children if c.dep_ == "nsubjpass"] or (
            [c for c in head.children if c.dep_ == "dobj"]
            if head.lemma_.lower() in _OBJECT_CONTROL else [])
        return controlled or subject_tokens(head, depth + 1)
    if verb.dep_ in ("relcl", "acl"):
        return [head]
    if verb.dep_ == "conj":
        first = min([verb.i, *(c.i for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg"))])
        if first > 0 and opens_clause(verb.doc[first - 1]):
            return [verb.doc[first - 1]]  # "... and Pompeo has been in dialogue"
    if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head, depth + 1)
    if verb.dep_ == "pcomp":
        return subject_tokens(head.head, depth + 1) if head.head.pos_ in ("VERB", "AUX") else []
    return []


def object_tokens(verb: Token, slot: str, fixed: Token | None = None) -> list[Token]:
    """The tokens in ``slot`` ("obj" or "prep:WORD") of a verb (or its fixed object)."""
    if slot == "obj":
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


def noun_subject_tiers(noun: Token) -> list[list[Token]]:
    """Who may hold a relation noun, best first: its possessor, its modifiers, then the
    subject of the verb that governs it ("Putin came out in defence of ...")."""
    tiers = [[c for c in noun.children if c.dep_ == "poss"],
             object_tokens(noun, "prep:by"),  # "the assassination of X by Y"
             [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]]
    token = noun
    for _ in range(3):
        if token.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
            tiers.append(subject_tokens(token.head))
            break
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
            governor = token.head.head
            if governor.pos_ in ("VERB", "AUX"):
                tiers.append(subject_tokens(governor))
                break
            token = governor
            continue
        if token.dep_ in ("conj", "appos"):
            token = token.head
            continue
        break
    return [tier for tier in tiers if tier]


def _chain(token: Token, limit: int = 6) -> Iterator[Token]:
    current = token
    for _ in range(limit):
        yield current
        if current.head.i == current.i:
            return
        current = current.head


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
    end = token.i
    while end + 1 < sentence.end and sentence.doc[end].text not in (":", ";", "?"):
        end += 1
    return sentence.doc[end].text == "?" or (
        end + 1 == sentence.end and sentence.text.rstrip().rstrip("\"'”’)").endswith("?"))


def is_hedged(token: Token, sentence: Span) -> bool:
    """Whether the statement is a question, a condition, a wish or under a modal."""
    if _in_question(token, sentence):
        return True
    for index, head in enumerate(_chain(token)):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in head.children):
            return True
        if index and head.lemma_.lower() in _HEDGE_HEADS:
            return True
        if head.dep_ not in _EMBEDDING:
            return False  # an adverbial or main clause: what governs it does not hedge this
    return False


# ---------------------------------------------------------------- the extractor


class RelationExtractor:
    """Applies the cue lexicon and the role nouns to parsed sentences."""

    def __init__(self, classes: dict[str, str], implied: dict[str, str]) -> None:
        self.cues = load_cues()
        self.roles = load_roles()
        self.classes = classes
        self.implied = implied  # registry id -> class, for role objects a role implies

    def _cls(self, key: str) -> str | None:
        return self.classes.get(key) or self.implied.get(key)

    def sentence(self, sent: Span, args: ArgFinder) -> list[Found]:
        found: list[Found] = []
        for token in sent:
            if token.pos_ in ("VERB", "AUX"):
                for cue in self.cues.get((token.lemma_.lower(), "VERB"), ()):
                    found += self._verb(token, cue, sent, args)
            elif token.pos_ in ("NOUN", "PROPN"):
                for cue in self.cues.get((token.lemma_.lower(), "NOUN"), ()):
                    found += self._noun(token, cue, sent, args)
                found += self._role(token, sent, args)
                found += self.anti(token, sent, args)
        best: dict[tuple[str, str, str], Found] = {}
        for item in found:
            key = (item.subject.key, item.predicate, item.object.key)
            if key not in best or item.confidence > best[key].confidence:
                best[key] = item
        return list(best.values())

    def _verb(self, verb: Token, cue: Cue, sent: Span, args: ArgFinder) -> list[Found]:
        if cue.particle and not any(c.dep_ == "prt" and c.lower_ == cue.particle
                                    for c in verb.children):
            return []
        fixed = None
        if cue.fixed_object:
            direct = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            direct += [p for d in direct if d.lemma_.lower() in _QUANTITY for c in d.children
                       if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                       if p.dep_ == "pobj"]
            fixed = next((c for c in direct if c.lemma_.lower() == cue.fixed_object), None)
            if fixed is None:
                return []
        if cue.requires and not any(c.lemma_.lower() == cue.requires
                                    for c in verb.subtree if c.i != verb.i):
            return []
        subjects = args.actors(subject_tokens(verb))
        objects = args.actors([t for slot in cue.slots if slot != "pair"
                               for t in object_tokens(verb, slot, fixed)
                               if not (fixed is not None and slot == "obj")])
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
        if not objects:
            return []
        for tier in noun_subject_tiers(noun):
            subjects = [a for a in args.actors(tier) if a.key not in {o.key for o in objects}]
            if subjects:
                return self._pairs(subjects, objects, cue, noun, sent, rule)
        return []

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

    def _pairs(self, subjects: list[Arg], objects: list[Arg], cue: Cue, anchor: Token,
               sent: Span, rule: str) -> list[Found]:
        if not subjects or not objects:
            return []
        if cue.reverse:
            subjects, objects = objects, subjects
        predicate, confidence = cue.predicate, cue.confidence
        if is_negated(anchor):
            if cue.negated is None:
                return []
            predicate, confidence, rule = cue.negated, confidence * 0.9, rule + ":negated"
        if is_hedged(anchor, sent):
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
        if self._cls(subject.key) not in domain or self._cls(obj.key) not in range_:
            return None
        if self._cls(subject.key) not in ACTOR_CLASSES:
            return None
        factor = _VIA_FACTOR[subject.via] * _VIA_FACTOR[obj.via]
        return Found(subject, predicate, obj, round(confidence * factor, 3), rule, anchor)

    # -- role nouns -----------------------------------------------------------

    def _match_role(self, token: Token) -> tuple[Role, int] | None:
        return match_role(token, self.roles)

    def _role(self, token: Token, sent: Span, args: ArgFinder) -> list[Found]:
        matched = self._match_role(token)
        if matched is None or token.tag_ in ("NNS", "NNPS"):
            return []
        role, start = matched
        bearers, how = self._bearers(token, args)
        if not bearers or is_negated(token):
            return []
        objects = self._role_objects(token, start, args)
        if not objects and role.implies and role.implies in self.implied:
            objects = [Arg(role.implies, token.text, token.i, "implied")]
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                         for c in token.children) or (
            token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "one")
        base = {"copula": 0.9, "appos": 0.85, "title": 0.8}[how]
        if is_hedged(token, sent):
            base *= 0.5
        found = []
        for bearer in bearers:
            for obj in objects:
                predicate = role.indefinite if indefinite else role.definite
                if predicate == "leads" and obj.via != "implied" and self._prep_of(obj, token) == "in":
                    predicate = "memberOf"
                item = self._check(bearer, predicate, obj, base, f"role:{role.role}:{how}", token.i)
                if item:
                    found.append(item)
        return found

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
        if token.dep_ == "appos":
            return args.actors([head]), "appos"
        appositives = [c for c in token.children if c.dep_ == "appos"]
        if appositives:
            return args.actors(appositives), "appos"
        if token.dep_ in ("compound", "nmod") and head.i in args.token_keys:
            return args.actor(head), "title"
        return [], ""

    def _role_objects(self, token: Token, start: int, args: ArgFinder) -> list[Arg]:
        candidates = [p for c in token.children if c.dep_ == "prep" and c.lower_ in _ROLE_PREPS
                      for p in c.children if p.dep_ == "pobj"]
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
        # A local name among the modifiers is part of the title ("National Security adviser").
        return [a for a in args.actors(candidates) if a.key != own
                and not (a.token in modifiers and a.key.startswith("~"))]
