"""Name repair: whole names where the small model cuts them.

The statistical NER of a small model often stops inside a name: at a hyphen
("Moon Jae" + "-in"), at a particle ("Mohammed bin Abdulrahman" + "Al Thani"),
before its first word ("Tahrir al-Sham" without "Hayat") or before an "of"
("the Atomic Energy Organization of" + "Iran"). This pipeline component, run
after the NER, grows each entity over the tokens that belong to it, and merges
entities that the repair makes touch. Role words ("President", "chief") are
never taken in, so a title stays outside the name it precedes.

Examples
--------
>>> import spacy
>>> from extract.names import repair_spans
>>> nlp = spacy.blank("en")
>>> doc = nlp("President Moon Jae-in met Abdul Malik al-Houthi.")
>>> from spacy.tokens import Span
>>> doc.ents = [Span(doc, 1, 3, "PERSON"), Span(doc, 10, 11, "PERSON")]
>>> [(e.text, e.label_) for e in repair_spans(doc, frozenset({"president"}))]
[('Moon Jae-in', 'PERSON'), ('al-Houthi', 'PERSON')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.lexicon import DATA_DIR, load_roles, load_title_words, load_words

#: Lower-case words that join the parts of an Arabic, Persian or Dutch name.
PARTICLES = load_words(DATA_DIR / "particles.tsv")
HYPHENS = frozenset({"-", "‐", "‑"})
#: Head nouns of organisations' names ("Free Syrian Army", "Russian Foreign Ministry").
ORG_HEADS = load_words(DATA_DIR / "org_heads.tsv")
#: Entity labels a repair may grow (names of actors and places).
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def _glued(left: Token, right: Token) -> bool:
    """Whether two neighbours are written without a space between them."""
    return left.i + 1 == right.i and not left.whitespace_


def _name_word(token: Token, stop: frozenset[str]) -> bool:
    """A capitalised word of a name, or a name particle."""
    if token.lower_ in stop or token.is_punct or token.like_num or token.ent_id_:
        return False
    if token.lower_ in PARTICLES:
        return True
    return token.text[:1].isupper() and token.pos_ == "PROPN" and token.is_alpha


def _hyphen_part(token: Token) -> bool:
    """A piece a hyphen joins to a name: "-Sham", "al-", "Jae-in"; never "-backed", "-led"."""
    if not token.is_alpha:
        return False
    return token.text[:1].isupper() or token.lower_ in PARTICLES or len(token) <= 2


def _grow(doc: Doc, start: int, end: int, stop: frozenset[str]) -> tuple[int, int]:
    changed = True
    while changed:
        changed = False
        # a hyphen glued on both sides: "Jae" "-" "in", "al" "-" "Houthi"
        if end + 1 < len(doc) and doc[end].text in HYPHENS and _glued(doc[end - 1], doc[end]) \
                and _glued(doc[end], doc[end + 1]) and _hyphen_part(doc[end + 1]):
            end, changed = end + 2, True
        if start >= 2 and doc[start - 1].text in HYPHENS and _glued(doc[start - 2], doc[start - 1]) \
                and _glued(doc[start - 1], doc[start]) and _hyphen_part(doc[start - 2]) \
                and doc[start - 2].lower_ not in stop and not doc[start - 2].ent_id_:
            start, changed = start - 2, True
        # a capitalised name word or particle right before or after
        if end < len(doc) and doc[end].lower_ in ORG_HEADS and doc[end].text[:1].isupper() \
                and doc[end].is_alpha and not doc[end].ent_id_:
            end, changed = end + 1, True  # "Daily Caller News" + "Foundation"
        if end < len(doc) and _name_word(doc[end], stop) and (
                doc[end].lower_ not in PARTICLES or (end + 1 < len(doc)
                                                    and _name_word(doc[end + 1], stop))):
            end, changed = end + 1, True
        if start >= 1 and _name_word(doc[start - 1], stop) and doc[start - 1].lower_ not in PARTICLES:
            start, changed = start - 1, True
    while end - start > 1 and doc[end - 1].lower_ in PARTICLES:
        end -= 1  # a name does not end on "al"
    return start, end


def _of_place(doc: Doc, ent: Span, by_start: dict[int, Span]) -> int:
    """End of "ORG of PLACE" when the place completes the organisation's name (the NER
    may have stopped before the "of", or after it)."""
    end = ent.end
    if ent.label_ != "ORG":
        return end
    if doc[end - 1].lower_ == "of":
        after = end
    elif end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end - 1].text[:1].isupper():
        after = end + 1
    else:
        return end
    nxt = by_start.get(after)
    if nxt is not None and nxt.label_ in ("GPE", "LOC", "NORP", "ORG") and len(nxt) <= 3:
        return nxt.end
    return end


def _glued_end(doc: Doc, span: Span) -> int:
    """A name cut after its joining hyphen ("Abdul Malik Al-" + "Houthi") takes the next word."""
    end = span.end
    if end < len(doc) and len(span) >= 2 and span[-1].text in HYPHENS \
            and span[-2].lower_ in PARTICLES and _glued(span[-1], doc[end]) and doc[end].is_alpha:
        return end + 1
    return end


def _named_with_demonym(doc: Doc, ent: Span) -> Span | None:
    """"Free Syrian Army", "Syrian Democratic Forces": a registered demonym inside a
    capitalised name that ends on an organisation's head noun is part of that name."""
    start, end = ent.start, ent.end
    while start > 0 and _plain_capital(doc[start - 1]):
        start -= 1
    while end < len(doc) and _plain_capital(doc[end]):
        end += 1
    if (start, end) == (ent.start, ent.end) or doc[end - 1].lower_ not in ORG_HEADS:
        return None
    return Span(doc, start, end, label="ORG")


def _plain_capital(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and not token.ent_id_


def _without_anti(doc: Doc) -> list[Span]:
    """"anti-Assad" is an attitude to Assad: the name alone is the entity."""
    spans = []
    for ent in doc.ents:
        if len(ent) >= 2 and ent[0].lower_ == "anti" and ent[1].text in HYPHENS:
            if len(ent) == 2:
                continue
            ent = Span(doc, ent.start + 2, ent.end, label=ent.label_)
        spans.append(ent)
    return spans


def _after_role_of(doc: Doc, ent: Span, roles: frozenset[str], stop: frozenset[str],
                   ) -> tuple[int, str]:
    """Where the name starts, past the title words the NER took in: "Secretary of Defense
    Lloyd Austin" ("Defense Lloyd Austin" is no organisation), "Major General Qsem
    Solemaini". A title precedes a person, so what remains is a person's name."""
    start, label = ent.start, ent.label_
    if len(ent) >= 3 and start >= 2 and doc[start - 1].lower_ == "of" and \
            f"{doc[start - 2].lower_} of {ent[0].lower_}" in roles:
        start, label = start + 1, "PERSON"
    while ent.end - start > 2 and doc[start].lower_ in stop and doc[ent.end - 1].lower_ not in ORG_HEADS:
        start += 1  # a name of at least two words remains ("Leader Expect" is a headline's)
        label = "PERSON" if label == "ORG" else label
    return start, label


def repair_spans(doc: Doc, stop: frozenset[str], roles: frozenset[str] = frozenset()) -> list[Span]:
    """The document's entities, grown to whole names (see the module docstring)."""
    by_start = {e.start: e for e in doc.ents}
    grown = []
    for ent in _without_anti(doc):
        if ent.ent_id_:  # a registry match is whole, unless a demonym in a longer name
            named = _named_with_demonym(doc, ent) if ent.label_ in ("GPE", "NORP") else None
            grown.append(named or ent)
            continue
        if ent.label_ not in _NAME_LABELS:
            grown.append(ent)
            continue
        if all(t.lower_ in stop or t.is_punct for t in ent):
            continue  # "Major General" alone is a title, no name
        start, label = _after_role_of(doc, ent, roles, stop)
        start, end = _grow(doc, start, _of_place(doc, ent, by_start), stop)
        end = _glued_end(doc, Span(doc, start, end))
        span = Span(doc, start, end, label=label)
        grown.append(span)
    # a grown span swallows the neighbours it now covers
    kept = filter_spans(sorted(grown, key=lambda s: (s.start, -len(s))))
    return sorted(kept, key=lambda s: s.start)


@Language.factory("actorgraph_names", default_config={})
def make_name_repair(nlp: Language, name: str) -> NameRepair:
    return NameRepair()


class NameRepair:
    """The pipeline component (``nlp.add_pipe("actorgraph_names", after="ner")``)."""

    def __init__(self) -> None:
        self.roles = frozenset(load_roles())
        self.stop = load_title_words()

    def __call__(self, doc: Doc) -> Doc:
        spans = repair_spans(doc, self.stop, self.roles)
        registered = {(e.start, e.end) for e in doc.ents if e.ent_id_}
        doc.ents = spans
        for span in spans:
            if (span.start, span.end) not in registered:
                for token in span:
                    token.ent_id_ = ""  # a demonym taken into a name no longer names its state
        return doc
