"""Text: name normalisation, and cleaning that never loses an offset.

Cleaning removes markup and page furniture by *keeping spans* of the
original text, so every character of the clean text maps back to the
character of the source file it came from (:class:`TextMap`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from extract.lexicon import load_boilerplate

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "´": "'", "`": "'"})
_DASHES = re.compile(r"[\s\-‐‑‒–—―]+")
_OUTER_PUNCT = " \t\n\"'.,;:!?()[]{}<>*_«»"


def normalize_name(text: str) -> str:
    """Normalise a name for comparison.

    Unicode NFKD without accents, curly quotes straightened, case folded, a
    leading "the" and a trailing "'s" dropped, runs of spaces and hyphens made
    one space, outer punctuation stripped (the rule of ``gold/README.md``).

    Examples
    --------
    >>> normalize_name("The  Quds-Force’s")
    'quds force'
    >>> normalize_name("Ḱhameini")
    'khameini'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_QUOTES).casefold().strip(_OUTER_PUNCT)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$|'$", "", text)
    return _DASHES.sub(" ", text).strip(_OUTER_PUNCT)


@dataclass(frozen=True)
class TextMap:
    """Clean text built from kept spans of an original, with the way back.

    Examples
    --------
    >>> original = "a [link](#) b"
    >>> tm = TextMap.from_spans(original, [(0, 2), (3, 7), (11, 13)])
    >>> tm.text
    'a link b'
    >>> tm.span_to_original(2, 6), original[3:7]
    ((3, 7), 'link')
    """

    text: str
    _clean_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]

    @classmethod
    def from_spans(cls, original: str, spans: list[tuple[int, int]]) -> TextMap:
        pieces, clean_starts, orig_starts, position = [], [], [], 0
        for start, end in spans:
            if end <= start:
                continue
            pieces.append(original[start:end])
            clean_starts.append(position)
            orig_starts.append(start)
            position += end - start
        return cls("".join(pieces), tuple(clean_starts), tuple(orig_starts))

    def to_original(self, index: int) -> int:
        """Offset in the original of the clean text's character ``index``."""
        piece = max(bisect.bisect_right(self._clean_starts, index) - 1, 0)
        if not self._clean_starts:
            return index
        return self._orig_starts[piece] + index - self._clean_starts[piece]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the clean span ``[start, end)``."""
        return self.to_original(start), self.to_original(max(end - 1, start)) + 1


# ---------------------------------------------------------------- markup

_MARKUP = re.compile(
    r"""
      ^[ \t]*\#{1,6}[ \t]+                 # heading marks
    | ^[ \t]*(?:[-*•·▪►]|\d{1,2}[.)])[ \t]+ # bullets and list numbers
    | ^[ \t]*>[ \t]?                         # block quotes
    | !\[[^\]\n]*\]\([^)\n]*\)              # images
    | \]\([^)\n]*\)                          # the url half of a link
    | \[(?=[^\]\n]*\]\()                     # the bracket opening a link
    | \*\*|__                                # bold
    | (?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]) # italics
    | [❖◆■□●○♦►▶]                           # ornaments
    """,
    re.VERBOSE | re.MULTILINE,
)
_LETTER = re.compile(r"[^\W\d_]")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def strip_markup(line: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of ``line`` (shifted by ``offset``) that are text, not markdown marks."""
    spans, position = [], 0
    for match in _MARKUP.finditer(line):
        if match.start() > position:
            spans.append((offset + position, offset + match.start()))
        position = max(position, match.end())
    if position < len(line):
        spans.append((offset + position, offset + len(line)))
    return spans


def latin_share(text: str) -> float:
    """Share of the letters of ``text`` that are Latin (1.0 for no letters)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 1.0
    return sum(1 for c in letters if _LATIN.match(c)) / len(letters)


def is_furniture(line: str) -> str | None:
    """``"drop"`` or ``"tail"`` when a (markup-free) line is page furniture, else None."""
    stripped = line.strip()
    for rule in load_boilerplate():
        if rule.pattern.search(stripped):
            return rule.kind
    if latin_share(stripped) < 0.5:
        return "drop"
    return None


@dataclass(frozen=True)
class Block:
    """A paragraph of clean text: ``text`` starts at ``start`` in the clean document."""

    start: int
    text: str


def clean(original: str) -> tuple[TextMap, list[Block]]:
    """Clean a document: drop furniture lines and markup, keep offsets.

    Returns the clean text's map and its paragraphs (one per kept line).

    Examples
    --------
    >>> tm, blocks = clean("Menu\\n**Trump** met [Putin](#).\\nREAD MORE: a story\\n- another\\nEnd.")
    >>> [b.text for b in blocks]
    ['Trump met Putin.', 'End.']
    """
    paragraphs: list[list[tuple[int, int]]] = []
    offset = 0
    in_list = False
    for line in original.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        line_spans = strip_markup(body, offset)
        text = "".join(original[s:e] for s, e in line_spans).strip()
        verdict = is_furniture(text) if text else "drop"
        if verdict == "tail":
            break
        in_list = verdict == "list" or (in_list and bool(_BULLET.match(body)))
        if in_list:
            verdict = "list"
        if verdict is None and _LETTER.search(text):
            paragraphs.append(line_spans)
        offset += len(line)
    return _assemble(original, paragraphs)


def _assemble(
    original: str, paragraphs: list[list[tuple[int, int]]]
) -> tuple[TextMap, list[Block]]:
    pieces: list[tuple[int, int]] = []
    for index, para in enumerate(paragraphs):
        pieces.extend(para)
        if index + 1 < len(paragraphs):  # a paragraph ends with its own line break
            newline = original.find("\n", para[-1][1])
            pieces.append((newline, newline + 1) if newline >= 0 else (0, 0))
    tm = TextMap.from_spans(original, pieces)
    blocks, cursor = [], 0
    for para in paragraphs:
        length = sum(e - s for s, e in para)
        raw = tm.text[cursor : cursor + length]
        lead = len(raw) - len(raw.lstrip())
        blocks.append(Block(cursor + lead, raw.strip()))
        cursor += length + 1
    return tm, [b for b in blocks if b.text]
