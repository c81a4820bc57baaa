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

#: Each module and the public names it defines (imported on first use: the
#: readers and the model need not load spaCy).
_EXPORTS = {
    "extract.config": ("DEFAULT_MAX_BYTES", "DEFAULT_MODEL", "EXTRACTOR_NAME", "ExtractConfig"),
    "extract.dates": ("parse_date",),
    "extract.documents": ("ReadDocument",),
    "extract.events": ("merge_corpus_events",),
    "extract.model": (
        "Actor", "Assertion", "Document", "DocumentResult", "Event", "Evidence", "Mention",
    ),
    "extract.pipeline": ("Extractor", "extract_corpus"),
    "extract.readers": (
        "STDIN", "SUFFIXES", "Skipped", "read_bytes", "read_document", "read_inputs", "read_path",
        "readable_name", "shown", "walk",
    ),
    "extract.registry": ("Registry",),
    "extract.text": ("normalize_name",),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = __dir__()
