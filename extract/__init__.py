"""Extraction: text -> documents -> mentions -> resolved actors -> assertions and events.

The one entry is :func:`extract_corpus`; :class:`Extractor` extracts single
documents with a loaded model. Everything that leaves the stage is a frozen
dataclass of :mod:`extract.model`. This stage knows nothing of RDF stores or
exports; it only names ontology terms.

Examples
--------
>>> from extract import ExtractConfig, extract_corpus
>>> results = list(extract_corpus(["corpus/003_cc976cd41615b2db.txt"]))  # doctest: +SKIP
"""

from extract.dates import parse_date
from extract.documents import ReadDocument
from extract.model import Actor, Assertion, Document, DocumentResult, Event, Evidence, Mention
from extract.nlp import DEFAULT_MODEL
from extract.pipeline import EXTRACTOR_NAME, ExtractConfig, Extractor, extract_corpus
from extract.readers import (
    DEFAULT_MAX_BYTES,
    STDIN,
    SUFFIXES,
    Skipped,
    read_bytes,
    read_document,
    read_inputs,
    read_path,
    readable_name,
    shown,
    walk,
)
from extract.registry import Registry
from extract.text import normalize_name

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MODEL",
    "EXTRACTOR_NAME",
    "STDIN",
    "SUFFIXES",
    "Actor",
    "Assertion",
    "Document",
    "DocumentResult",
    "Event",
    "Evidence",
    "ExtractConfig",
    "Extractor",
    "Mention",
    "ReadDocument",
    "Registry",
    "Skipped",
    "extract_corpus",
    "normalize_name",
    "parse_date",
    "read_bytes",
    "read_document",
    "read_inputs",
    "read_path",
    "readable_name",
    "shown",
    "walk",
]
