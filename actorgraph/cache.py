"""The extraction cache of a build folder: one JSON file per document.

A cached result is reused only while the document's content hash and the
fingerprint of everything that shapes extraction (extractor version and code,
model, settings, lexicons, ontology, user alias and cue files) are unchanged, so a rebuild
re-extracts exactly the documents that changed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import typing
from pathlib import Path
from typing import Any

import extract
from extract import EXTRACTOR_NAME, ExtractConfig
from extract.config import model_name
from extract.lexicon import all_lexicon_files
from extract.model import DocumentResult
from graphs.files import write_text
from graphs.rdf import slug
from ontology import ONTOLOGY_PATH, DataFileError

CACHE_FORMAT = 4  # 2: entries without the document's text; 3: with warnings; 4: dated assertions


def fingerprint(config: ExtractConfig) -> str:
    """A hash of everything besides the text that decides what extraction yields."""
    digest = hashlib.sha256()
    for part in (str(CACHE_FORMAT), EXTRACTOR_NAME, model_name(config.model),
                 repr(config.min_confidence)):
        digest.update(part.encode() + b"\x1f")
    code = sorted(Path(extract.__file__).parent.glob("*.py"))  # an upgrade re-extracts
    for path in (*code, *all_lexicon_files(), ONTOLOGY_PATH, *config.aliases, *config.cues):
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise DataFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        digest.update(Path(path).name.encode() + b"\x1f" + content + b"\x1e")
    return digest.hexdigest()


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, type | None, bool], ...]:
    """Each field of a dataclass: its name, the dataclass it holds (or a tuple of), and
    whether it is a tuple (type hints are resolved once per class, not per object)."""
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        kind = hints[f.name]
        if typing.get_origin(kind) is tuple:
            inner = typing.get_args(kind)[0]
            found.append((f.name, inner if dataclasses.is_dataclass(inner) else None, True))
        else:
            found.append((f.name, kind if dataclasses.is_dataclass(kind) else None, False))
    return tuple(found)


def _revive(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a frozen dataclass (and the dataclasses inside it) from ``asdict`` output."""
    kwargs = {}
    for name, inner, is_tuple in _fields(cls):
        value = data[name]
        if is_tuple:
            value = tuple(_revive(inner, v) for v in value) if inner else tuple(value)
        elif inner:
            value = _revive(inner, value)
        kwargs[name] = value
    return cls(**kwargs)


def _plain(cls: type, obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict(obj)`` for the dataclasses of a result (what :func:`_revive`
    rebuilds), without its deep copy of every value: several times faster."""
    plain = {}
    for name, inner, is_tuple in _fields(cls):
        value = getattr(obj, name)
        if inner:
            value = [_plain(inner, v) for v in value] if is_tuple else _plain(inner, value)
        plain[name] = value
    return plain


def result_to_json(result: DocumentResult) -> str:
    return json.dumps(_plain(DocumentResult, result), ensure_ascii=False, sort_keys=True)


def result_from_json(text: str) -> DocumentResult:
    return _revive(DocumentResult, json.loads(text))


class ExtractionCache:
    """Cached results in ``FOLDER/.actorgraph/cache``."""

    def __init__(self, out: Path, config: ExtractConfig) -> None:
        self.folder = out / ".actorgraph" / "cache"
        self.fingerprint = fingerprint(config)

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{slug(doc_id)}.json"

    def get(self, doc_id: str, content_hash: str, text: str = "") -> DocumentResult | None:
        """The cached result of this document, if it is still valid, with ``text`` (the
        document's text as read now) put back: an entry never stores the text, which for
        a line of a JSON-lines file is the whole file."""
        path = self._path(doc_id)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if (record["fingerprint"], record["content_hash"]) != (self.fingerprint, content_hash):
                return None
            result = result_from_json(record["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: extract again
        return dataclasses.replace(result, document=dataclasses.replace(result.document, text=text))

    def put(self, result: DocumentResult) -> None:
        bare = dataclasses.replace(result, document=dataclasses.replace(result.document, text=""))
        record = {"fingerprint": self.fingerprint, "content_hash": result.document.content_hash,
                  "result": result_to_json(bare)}
        self.folder.mkdir(parents=True, exist_ok=True)
        # a cut entry reads as missing (extracted again): no flush to the disk for each
        write_text(self._path(result.document.id), json.dumps(record, ensure_ascii=False),
                   sync=False)

    def size(self) -> tuple[int, int]:
        """The number of entries and their bytes on disk."""
        return self.size_of(self.folder.parent.parent)

    @staticmethod
    def size_of(out: Path) -> tuple[int, int]:
        """The number of entries and their bytes on disk of the cache of build folder ``out``."""
        folder = out / ".actorgraph" / "cache"
        entries = list(folder.glob("*.json")) if folder.exists() else []
        return len(entries), sum(p.stat().st_size for p in entries)

    def prune(self, keep: set[str]) -> None:
        """Drop the entries of documents no longer in the corpus."""
        wanted = {self._path(doc_id).name for doc_id in keep}
        for path in self.folder.glob("*.json") if self.folder.exists() else ():
            if path.name not in wanted:
                path.unlink(missing_ok=True)
