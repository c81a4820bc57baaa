"""Reading documents: files in, :class:`~extract.model.Document` and clean paragraphs out."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.dates import parse_date
from extract.lexicon import DATA_DIR, read_tsv
from extract.model import Document
from extract.text import Block, TextMap, clean, latin_share, strip_markup
from ontology import DataFileError, InputError

#: File extensions read as text documents.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_HEADER_LINES = 20


@dataclass(frozen=True)
class ReadDocument:
    """A document with its clean text and paragraphs, ready for the NLP pipeline."""

    document: Document
    textmap: TextMap
    blocks: tuple[Block, ...]


def iter_input_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable document under ``inputs`` (files, or folders searched recursively).

    Folders are walked in sorted order so that builds are reproducible.

    Raises
    ------
    InputError
        An input does not exist.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file()
                        and p.suffix.lower() in TEXT_SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def read_document(path: Path) -> ReadDocument:
    """Read one text or markdown file.

    Raises
    ------
    InputError
        The file is unreadable, empty, binary or not UTF-8 text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: not text (binary data); skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); skipped") from exc
    if not text.strip():
        raise InputError(f"{path}: empty document; skipped")
    textmap, blocks = clean(text)
    document = Document(
        id=path.stem,
        source_file=path.name,
        text=text,
        content_hash=hashlib.sha256(data).hexdigest(),
        **page_metadata(text),
    )
    return ReadDocument(document, textmap, tuple(blocks))


@dataclass(frozen=True)
class _MetadataRule:
    field: str
    header_only: bool
    pattern: re.Pattern[str]


@cache
def _metadata_rules(path: Path = DATA_DIR / "metadata.tsv") -> tuple[_MetadataRule, ...]:
    rules = []
    for number, row in read_tsv(path, ("field", "where", "pattern")):
        if row["field"] not in ("author", "publisher") or row["where"] not in ("header", "any"):
            raise DataFileError(f"{path.name}:{number}: field must be author or publisher, "
                                f"where header or any")
        try:
            rules.append(_MetadataRule(row["field"], row["where"] == "header",
                                       re.compile(row["pattern"])))
        except re.error as exc:
            raise DataFileError(f"{path.name}:{number}: bad pattern ({exc})") from exc
    return tuple(rules)


def _plain_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        spans = strip_markup(line)
        lines.append("".join(line[s:e] for s, e in spans).strip())
    return lines


def _is_title(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 30 and not line.endswith((".", ":", ",")) and latin_share(line) > 0.9
            and not re.match(r"(?i)^by\b", line) and parse_date(line) != line.strip())


def page_metadata(text: str) -> dict[str, str | None]:
    """Title, author, publisher and publication date that a page states.

    Examples
    --------
    >>> meta = page_metadata("# A Title Here\\nby Jane Doe\\nOct 23, 2020\\n\\nBody text.")
    >>> meta["title"], meta["author"], meta["date"]
    ('A Title Here', 'Jane Doe', '2020-10-23')
    """
    lines = _plain_lines(text)
    raw = text.splitlines()
    header = [line for line in lines[:_HEADER_LINES] if line]
    found: dict[str, str | None] = {"title": None, "author": None, "publisher": None, "date": None}
    date_index = None
    for index, line in enumerate(lines[:_HEADER_LINES]):
        iso = parse_date(line)
        if iso and len(line) <= 40 and len(iso) >= 7:
            found["date"], date_index = iso, index
            break
    headings = [lines[i] for i, r in enumerate(raw[:_HEADER_LINES]) if r.lstrip().startswith("# ")]
    if headings:
        found["title"] = headings[0]
    elif date_index is not None:
        before = [line for line in lines[:date_index] if line and _is_title(line)]
        found["title"] = before[-1] if before else None
    if found["title"] is None:
        found["title"] = next((line for line in header[:3] if _is_title(line)), None)
    for rule in _metadata_rules():
        if found[rule.field] is None:
            for line in header if rule.header_only else lines:
                match = rule.pattern.search(line)
                if match:
                    found[rule.field] = match.group("value").strip()
                    break
    return found
