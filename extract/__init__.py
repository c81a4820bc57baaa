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

from ontology.lazy import lazy_exports

#: Each public name and the module that defines it (imported on first use: the
#: readers and the model need not load spaCy).
_EXPORTS = {
    "parse_date": "extract.dates",
    "ReadDocument": "extract.documents",
    "Actor": "extract.model",
    "Assertion": "extract.model",
    "Document": "extract.model",
    "DocumentResult": "extract.model",
    "Event": "extract.model",
    "Evidence": "extract.model",
    "Mention": "extract.model",
    "DEFAULT_MODEL": "extract.config",
    "EXTRACTOR_NAME": "extract.config",
    "ExtractConfig": "extract.config",
    "Extractor": "extract.pipeline",
    "extract_corpus": "extract.pipeline",
    "DEFAULT_MAX_BYTES": "extract.config",
    "STDIN": "extract.readers",
    "SUFFIXES": "extract.readers",
    "Skipped": "extract.readers",
    "read_bytes": "extract.readers",
    "read_document": "extract.readers",
    "read_inputs": "extract.readers",
    "read_path": "extract.readers",
    "readable_name": "extract.readers",
    "shown": "extract.readers",
    "walk": "extract.readers",
    "Registry": "extract.registry",
    "normalize_name": "extract.text",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = sorted(_EXPORTS)
