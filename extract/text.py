"""Text: name normalisation, and cleaning that never loses an offset.

Cleaning removes markup and page furniture by *keeping spans* of the
original text, so every character of the clean text maps back to the
character of the source file it came from (:class:`TextMap`).
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from extract.lexicon import load_boilerplate

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "‟": '"', "´": "'", "`": "'"})
_DASHES = re.compile(r"[\s\-‐‑‒–—―]+")
_OUTER_PUNCT = " \t\n\"'.,;:!?()[]{}<>*_«»"
_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_POSSESSIVE = re.compile(r"'s$|'$")


@lru_cache(maxsize=1 << 16)  # the same names come back sentence after sentence
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
    if not text.isascii():  # (ASCII has no accent to drop, no other form)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_QUOTES).casefold().strip(_OUTER_PUNCT)
    text = _LEADING_THE.sub("", text)
    text = _TRAILING_POSSESSIVE.sub("", text)
    return _DASHES.sub(" ", text).strip(_OUTER_PUNCT)


@dataclass(frozen=True)
class Piece:
    """A run of clean text and where it comes from in the original.

    A literal piece maps character for character (``orig_end - orig_start`` equals
    its length); a replaced piece ("&amp;" read as "&", "\\n" in JSON read as a line
    break) maps as a whole to ``[orig_start, orig_end)``.
    """

    clean_start: int
    length: int
    orig_start: int
    orig_end: int
    literal: bool = True


@dataclass(frozen=True)
class TextMap:
    """Clean text built from an original, with the way back for every character.

    Examples
    --------
    >>> original = "a [link](#) b"
    >>> tm = TextMap.from_spans(original, [(0, 2), (3, 7), (11, 13)])
    >>> tm.text
    'a link b'
    >>> tm.span_to_original(2, 6), original[3:7]
    ((3, 7), 'link')
    >>> tm.to_clean(3)
    2
    """

    text: str
    pieces: tuple[Piece, ...]

    @classmethod
    def identity(cls, text: str) -> TextMap:
        return cls(text, (Piece(0, len(text), 0, len(text)),) if text else ())

    @classmethod
    def from_spans(cls, original: str, spans: list[tuple[int, int]]) -> TextMap:
        """Clean text made of the literal spans ``[start, end)`` of ``original``."""
        parts, pieces, position = [], [], 0
        for start, end in spans:
            if end <= start:
                continue
            parts.append(original[start:end])
            pieces.append(Piece(position, end - start, start, end))
            position += end - start
        return cls("".join(parts), tuple(pieces))

    @cached_property
    def _starts(self) -> list[int]:
        return [p.clean_start for p in self.pieces]

    @cached_property
    def _orig_starts(self) -> list[int]:
        return [p.orig_start for p in self.pieces]

    def _piece(self, index: int) -> Piece:
        return self.pieces[max(bisect.bisect_right(self._starts, index) - 1, 0)]

    def to_original(self, index: int) -> int:
        """Offset in the original where the clean character ``index`` starts."""
        if not self.pieces:
            return index
        piece = self._piece(index)
        if not piece.literal:
            return piece.orig_start
        return piece.orig_start + min(index - piece.clean_start, max(piece.length - 1, 0))

    def to_original_end(self, index: int) -> int:
        """Offset in the original just after the clean character ``index``."""
        if not self.pieces:
            return index + 1
        piece = self._piece(index)
        if not piece.literal:
            return piece.orig_end
        return self.to_original(index) + 1

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the clean span ``[start, end)``."""
        return self.to_original(start), self.to_original_end(max(end - 1, start))

    def to_clean(self, offset: int) -> int | None:
        """The clean index whose character starts at original ``offset``, if any."""
        at = bisect.bisect_right(self._orig_starts, offset) - 1
        for piece in self.pieces[max(at - 1, 0) : at + 2]:
            if piece.orig_start <= offset < piece.orig_end:
                if not piece.literal:
                    return piece.clean_start if offset == piece.orig_start else None
                return piece.clean_start + offset - piece.orig_start
        return None

    def through(self, outer: TextMap) -> TextMap:
        """This map composed with ``outer`` (whose clean text is this map's original).

        >>> decoded = TextMap(  # "a&amp;b" read as "a&b"
        ...     "a&b", (Piece(0, 1, 0, 1), Piece(1, 1, 1, 6, False), Piece(2, 1, 6, 7)))
        >>> inner = TextMap.from_spans("a&b", [(1, 3)])
        >>> inner.through(decoded).span_to_original(0, 2)
        (1, 7)
        """
        pieces: list[Piece] = []
        for piece in self.pieces:
            if not piece.literal:
                start = outer.to_original(piece.orig_start)
                pieces.append(Piece(piece.clean_start, piece.length, start,
                                    outer.to_original_end(piece.orig_end - 1), False))
                continue
            done = 0
            while done < piece.length:  # split at the outer pieces' borders
                inner = piece.orig_start + done
                op = outer._piece(inner)
                size = (min(piece.length - done, op.clean_start + op.length - inner)
                        if op.literal else 1)
                start = outer.to_original(inner)
                pieces.append(Piece(piece.clean_start + done, size, start,
                                    outer.to_original_end(inner + size - 1), op.literal))
                done += size
        return TextMap(self.text, tuple(pieces))


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
_LATIN = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")  # letters only: not × ÷


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
    if text.isascii():
        return 1.0  # every ASCII letter is Latin
    letters = len(_LETTER.findall(text))
    if not letters:
        return 1.0
    return len(_LATIN.findall(text)) / letters  # every Latin character is a letter


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(original: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans less every control character (an escape code, a bell, a form feed): no
    name may carry one into a label, an IRI or an XML export.

    >>> text = "Iran\x1b[31m and\x07 Iraq"
    >>> "".join(text[s:e] for s, e in without_controls(text, [(0, len(text))]))
    'Iran[31m and Iraq'
    """
    out = []
    for start, end in spans:
        cursor = start
        for match in _CONTROL.finditer(original, start, end):
            if match.start() > cursor:
                out.append((cursor, match.start()))
            cursor = match.end()
        if cursor < end:
            out.append((cursor, end))
    return out


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
        line_spans = without_controls(original, strip_markup(body, offset))
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


def did_you_mean(name: str, names: Iterable[str]) -> str:
    """``"; did you mean 'A', 'B'?"`` for the (up to three) ``names`` nearest to ``name``,
    compared normalised (:func:`normalize_name`); ``""`` when none is near.

    >>> did_you_mean("Solemani", ["Qasem Soleimani", "Soleimani", "Iran"])
    "; did you mean 'Soleimani', 'Qasem Soleimani'?"
    """
    shown = {normalize_name(n): n for n in names}
    near = difflib.get_close_matches(normalize_name(name), list(shown), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(shown[n]) for n in near)}?" if near else ""


#: A sentence longer than this (characters) is cut into parts: the parser and the rules
#: cost more than linearly in a sentence's length, and no real sentence comes near it.
MAX_SENTENCE_CHARS = 2_000
#: A paragraph longer than this is read in parts (at sentence ends) of at most this size.
MAX_BLOCK_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?;:][\"')\]»”’]*\s+")
_SOFT_BREAK = re.compile(r"[,;:–—]\s+|\s+(?:and|but|while|then|or)\s+")


@dataclass(frozen=True)
class Bounded:
    """Blocks fit for the parser, and what was done to get them."""

    blocks: tuple[Block, ...]
    repeated: int = 0  # paragraphs read once that the document repeats
    repeated_chars: int = 0  # the characters of those repeats, not read
    cut: int = 0  # over-long sentences cut into parts
    longest: int = 0  # the longest of them, in characters

    def notes(self) -> tuple[str, ...]:
        """One line per kind of change, for the build's report."""
        out = []
        if self.cut:
            out.append(f"{self.cut} sentence(s) of up to {self.longest:,} characters cut at "
                       f"{MAX_SENTENCE_CHARS:,} (relations across a cut are not found)")
        if self.repeated_chars >= MAX_SENTENCE_CHARS:  # a page's repeated "Advertisement"
            out.append(f"{self.repeated:,} repeated paragraph(s) read once "  # is no news
                       f"({self.repeated_chars:,} characters not read again)")
        return tuple(out)


def bounded(blocks: tuple[Block, ...] | list[Block], limit: int = MAX_SENTENCE_CHARS) -> Bounded:
    """Blocks whose sentences are at most ``limit`` characters, each paragraph read once.

    A paragraph the document already had is dropped (it states nothing new, and a page
    of one repeated paragraph would cost its length). A run of text with no sentence end
    for ``limit`` characters is cut at the last clause break (a comma, a conjunction)
    or space before the limit; each part is a block of its own, offsets kept.

    Examples
    --------
    >>> out = bounded([Block(0, "Iran met Qatar. " + "Egypt, " * 400), Block(3000, "Iran met Qatar. "
    ...                + "Egypt, " * 400)])
    >>> out.repeated, out.cut, max(len(b.text) for b in out.blocks) <= MAX_SENTENCE_CHARS
    (1, 1, True)
    """
    seen: set[str] = set()
    out: list[Block] = []
    repeated = repeated_chars = cut = longest = 0
    for block in blocks:
        if block.text in seen:
            repeated += 1
            repeated_chars += len(block.text)
            continue
        seen.add(block.text)
        if len(block.text) <= limit:
            out.append(block)
            continue
        parts, was_cut, length = _cut(block.text, limit, max(limit, MAX_BLOCK_CHARS))
        for start, end in parts:
            piece = block.text[start:end]
            lead = len(piece) - len(piece.lstrip())
            out.append(Block(block.start + start + lead, piece.strip()))
        cut += was_cut
        longest = max(longest, length)
    return Bounded(tuple(b for b in out if b.text.strip()), repeated, repeated_chars, cut,
                   longest)


def _cut(text: str, limit: int, size: int) -> tuple[list[tuple[int, int]], int, int]:
    """Spans of ``text``: parts of at most ``size`` at sentence ends, and each sentence
    over ``limit`` cut at clause breaks; how many sentences were cut, the longest's length."""
    parts: list[tuple[int, int]] = []
    cut = longest = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    sentence_start = 0
    chunk_start = 0
    for end in ends:
        if end - sentence_start > limit:  # one over-long sentence: cut it
            if sentence_start > chunk_start:
                parts.append((chunk_start, sentence_start))
            cut += 1
            longest = max(longest, end - sentence_start)
            start = sentence_start
            while end - start > limit:
                window = text[start : start + limit]
                breaks = [m.end() for m in _SOFT_BREAK.finditer(window) if m.end() > limit // 2]
                stop = start + (breaks[-1] if breaks else (window.rfind(" ") + 1 or limit))
                parts.append((start, stop))
                start = stop
            chunk_start = start
        elif end - chunk_start > size:  # sentences that fit: a new part before this one
            parts.append((chunk_start, sentence_start))
            chunk_start = sentence_start
        sentence_start = end
    if chunk_start < len(text):
        parts.append((chunk_start, len(text)))
    return [(s, e) for s, e in parts if e > s], cut, longest
