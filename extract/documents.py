"""Documents ready for the NLP pipeline, and the metadata a page states in its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.dates import parse_date
from extract.lexicon import DATA_DIR, read_tsv
from extract.model import Document
from extract.text import Block, TextMap, latin_share, strip_markup
from ontology import DataFileError

_HEADER_LINES = 20


@dataclass(frozen=True)
class ReadDocument:
    """A document with its clean text and paragraphs, ready for the NLP pipeline."""

    document: Document
    textmap: TextMap
    blocks: tuple[Block, ...]


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
