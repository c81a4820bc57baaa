"""Readers: whatever analysts saved, in; documents with clean text and metadata, out.

Text and markdown (``.txt``, ``.md``), web pages (``.html``, ``.htm``: trafilatura
finds the article and its metadata), news dumps with one JSON object per line
(``.jsonl``: ``text`` and, when present, ``title``, ``date``, ``url``, ``author``,
``publisher``), folders (recursively, safe from symlink loops) and ``-`` for stdin.

Whatever the format, every offset of a document's clean text points back into the
file as read (decoded characters): into the page's HTML source, or into the JSON
line's escaped string.
"""

from __future__ import annotations

import codecs
import hashlib
import html as html_lib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from extract.config import DEFAULT_MAX_BYTES
from extract.dates import parse_date
from extract.documents import ReadDocument, page_metadata
from extract.model import Document
from extract.text import Block, Piece, TextMap, clean, is_furniture
from ontology import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: Inputs larger than this are skipped unless the limit is raised.
#: Only English is handled; a document is skipped when another language is this likely.
LANGUAGE_CONFIDENCE = 0.75
STDIN = "-"


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why (one line naming the file)."""

    path: str
    reason: str


# ---------------------------------------------------------------- bytes to text

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """``(text, encoding)`` of a file's bytes: a BOM, UTF-8, or the detected encoding.

    Raises
    ------
    InputError
        Empty, binary, or no encoding fits.
    """
    if not data.strip():
        raise InputError(f"{name}: empty document; skipped")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding.replace("-sig", "")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head.count(b"\x00") > max(2, len(head) // 100) or controls > len(head) // 20:
        raise InputError(f"{name}: not text (binary data); skipped")  # a stray NUL is not
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not text (no known encoding fits); skipped")
    # Western code pages first when they read as well: English news in a legacy encoding is
    # far likelier cp1252 than cp1250 ("Genève", not "Genčve"), which the detector cannot
    # tell apart on a short text.
    western = [m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos]
    if western and best.encoding not in _WESTERN:
        best = western[0]
    text = str(best)
    if sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t\f") > 40:
        raise InputError(f"{name}: not text (binary data); skipped")
    return text, best.encoding


# ---------------------------------------------------------------- language


#: How many characters of a document language identification reads.
LANGUAGE_SAMPLE = 6_000


@lru_cache(maxsize=1)
def _identifier():  # py3langid's model ships inside the package
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> tuple[str, float]:
    """The likely ISO 639-1 language of ``text`` and its probability.

    >>> language("Le président a rencontré le ministre hier soir à Paris.")[0]
    'fr'
    """
    code, probability = _identifier().classify(_sample(text))
    return code, float(probability)


#: Words that make up a fifth to a third of any English prose and a few hundredths at
#: most of any other language's: a sample this full of them is English, and
#: language identification (a byte-by-byte walk of the sample) need not read it.
_ENGLISH_WORDS = frozenset([
    "the", "and", "of", "to", "that", "with", "for", "was", "said", "from", "which", "were",
    "has", "have", "this", "by", "his", "their", "they", "are", "it", "be", "as", "been",
    "would", "will", "who"])
_WORD = re.compile(r"[^\W\d_]+")


def _sample(text: str) -> str:
    """What language identification reads of ``text``: the opening and the middle (a menu
    or a ticker at the top does not decide alone)."""
    if len(text) <= LANGUAGE_SAMPLE:
        return text
    half = LANGUAGE_SAMPLE // 2
    return text[:half] + "\n" + text[len(text) // 2:len(text) // 2 + half]


def plainly_english(text: str) -> bool:
    """True when at least 40 words of the sample of ``text`` are there and 15 % of them
    are among the commonest English words (:data:`_ENGLISH_WORDS`).

    >>> plainly_english("The minister said that the talks with Iran would resume by May, "
    ...                 "and that the sanctions were to be lifted as part of the deal. " * 3)
    True
    >>> plainly_english("Le ministre a dit que les pourparlers avec l'Iran reprendraient en "
    ...                 "mai, et que les sanctions seraient levées dans le cadre de l'accord. " * 3)
    False
    """
    words = _WORD.findall(_sample(text).lower())
    return len(words) >= 40 and sum(w in _ENGLISH_WORDS for w in words) >= 0.15 * len(words)


def _check_language(read: ReadDocument) -> ReadDocument:
    text = read.textmap.text
    if plainly_english(text):
        return read
    code, probability = language(text)
    if code != "en" and probability >= LANGUAGE_CONFIDENCE and len(text) >= 30:
        raise InputError(f"{read.document.source_file}: language {code!r} "
                         f"(p={probability:.2f}) is not handled (English only); skipped")
    return read


def _no_text(name: str, text: str) -> InputError:
    """The error for a document whose cleaning kept nothing: a text in another language
    (its lines look like a foreign ticker to the cleaner) says so, else page furniture."""
    letters = sum(c.isalpha() for c in text[:20_000])
    if letters >= 30:
        code, probability = language(text)
        if code != "en" and probability >= LANGUAGE_CONFIDENCE:
            return InputError(f"{name}: language {code!r} (p={probability:.2f}) is not handled "
                              f"(English only); skipped")
    return InputError(f"{name}: no article text (only page furniture); skipped")


# ---------------------------------------------------------------- documents of each kind


def _document(doc_id: str, name: str, text: str, data: bytes, encoding: str,
              **meta: str | None) -> Document:
    return Document(id=doc_id, source_file=name, text=text,
                    content_hash=hashlib.sha256(data).hexdigest(), encoding=encoding,
                    **{k: v for k, v in meta.items() if k in _META_FIELDS})


_META_FIELDS = ("title", "author", "publisher", "date", "url")


def read_text_document(text: str, name: str, doc_id: str, data: bytes,
                       encoding: str = "utf-8") -> ReadDocument:
    """A plain text or markdown document."""
    textmap, blocks = clean(text)
    if not blocks:
        raise _no_text(name, text)
    document = _document(doc_id, name, text, data, encoding, **page_metadata(text))
    return _check_language(ReadDocument(document, textmap, tuple(blocks)))


class _VisibleText(HTMLParser):
    """The visible text of a page, each character with its offset in the source."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BREAK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                        "tr", "td", "th", "article", "section", "header", "footer", "nav",
                        "aside", "blockquote", "pre", "figure", "figcaption", "main", "title"})

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.skipping = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BREAK:
            self._emit("\n", -1, -1)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BREAK:
            self._emit("\n", -1, -1)

    def _emit(self, text: str, start: int, end: int) -> None:
        for char in text:
            self.chars.append(char)
            self.starts.append(start)
            self.ends.append(end)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        for index, char in enumerate(data):
            self.chars.append(char)
            self.starts.append(start + index)
            self.ends.append(start + index + 1)

    def _reference(self, raw: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        end = start + len(raw) if self.source.startswith(raw, start) else start + len(raw) - 1
        self._emit(html_lib.unescape(raw), start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")


def _collapse(chars: list[str], starts: list[int], ends: list[int]
              ) -> tuple[str, list[int], list[int]]:
    """Whitespace runs made one space, keeping the offsets of what stays."""
    out, out_starts, out_ends, space = [], [], [], True
    for char, start, end in zip(chars, starts, ends, strict=True):
        if char.isspace():
            if not space:
                out.append(" ")
                out_starts.append(start)
                out_ends.append(end)
            space = True
            continue
        out.append(char)
        out_starts.append(start)
        out_ends.append(end)
        space = False
    return "".join(out), out_starts, out_ends


def _align(paragraphs: list[str], source: str) -> tuple[TextMap, list[Block], int]:
    """Find each extracted paragraph in the page's visible text; map it to the source."""
    parser = _VisibleText(source)
    parser.feed(source)
    parser.close()
    visible, starts, ends = _collapse(parser.chars, parser.starts, parser.ends)
    pieces: list[Piece] = []
    blocks: list[Block] = []
    parts: list[str] = []
    cursor, position, unaligned = 0, 0, 0
    for paragraph in paragraphs:
        wanted = " ".join(paragraph.split())
        found = visible.find(wanted, cursor) if wanted else -1
        if found < 0:
            found = visible.find(wanted)
        if not wanted or found < 0 or is_furniture(wanted):
            unaligned += bool(wanted) and found < 0
            continue
        if parts:
            parts.append("\n")
            position += 1
        blocks.append(Block(position, wanted))
        for index in range(len(wanted)):
            start, end = starts[found + index], ends[found + index]
            literal = end - start == 1 and source[start] == wanted[index]
            pieces.append(Piece(position + index, 1, max(start, 0), max(end, start + 1), literal))
        parts.append(wanted)
        position += len(wanted)
        cursor = found + len(wanted)
    return TextMap("".join(parts), tuple(_merge(pieces))), blocks, unaligned


def _merge(pieces: list[Piece]) -> Iterator[Piece]:
    last: Piece | None = None
    for piece in pieces:
        if (last and last.literal and piece.literal and last.orig_end == piece.orig_start
                and last.clean_start + last.length == piece.clean_start):
            last = Piece(last.clean_start, last.length + 1, last.orig_start, piece.orig_end)
            continue
        if last:
            yield last
        last = piece
    if last:
        yield last


def read_html_document(source: str, name: str, doc_id: str, data: bytes,
                       encoding: str = "utf-8") -> ReadDocument:
    """A web page: trafilatura's main text and metadata, mapped back into the HTML."""
    import trafilatura

    found = trafilatura.bare_extraction(source, with_metadata=True, favor_precision=True,
                                        include_comments=False, include_tables=False,
                                        include_images=False, deduplicate=False)
    if found is None or not (found.text or "").strip():
        raise InputError(f"{name}: no article text found in the page; skipped")
    paragraphs = [p for p in found.text.split("\n") if p.strip()]
    textmap, blocks, unaligned = _align(paragraphs, source)
    if not blocks and unaligned == len(paragraphs):
        raise InputError(f"{name}: the page's article text could not be located; skipped")
    if not blocks:
        raise _no_text(name, found.text)
    meta = {"title": found.title, "author": found.author, "publisher": found.sitename,
            "date": parse_date(found.date) if found.date else None, "url": found.url}
    document = _document(doc_id, name, source, data, encoding, **meta)
    return _check_language(ReadDocument(document, textmap, tuple(blocks)))


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _json_value_map(line: str, offset: int, key: str, value: str) -> TextMap:
    """Map the decoded string ``value`` of ``key`` to its escaped form in the line."""
    for match in _JSON_STRING.finditer(line):
        if json.loads(match.group()) != key:
            continue
        rest = line[match.end():]
        colon = re.match(r"\s*:\s*", rest)
        if not colon:
            continue
        literal = _JSON_STRING.match(rest, colon.end())
        if literal and json.loads(literal.group()) == value:
            start = offset + match.end() + literal.start() + 1
            return _unescape_map(literal.group()[1:-1], start, value)
    raise InputError(f"cannot locate the {key!r} string in its line")


def _unescape_map(raw: str, start: int, value: str) -> TextMap:
    pieces: list[Piece] = []
    index = position = 0
    while index < len(raw):
        if raw[index] != "\\":
            run = index
            while run < len(raw) and raw[run] != "\\":
                run += 1
            pieces.append(Piece(position, run - index, start + index, start + run))
            position += run - index
            index = run
            continue
        size = 6 if raw[index + 1] == "u" else 2
        if size == 6 and raw[index + 6 : index + 8] == "\\u" and \
                0xD800 <= int(raw[index + 2 : index + 6], 16) < 0xDC00:
            size = 12  # a surrogate pair is one character
        decoded = json.loads(f'"{raw[index : index + size]}"')
        pieces.append(Piece(position, len(decoded), start + index, start + index + size, False))
        position += len(decoded)
        index += size
    return TextMap(value, tuple(pieces))


def read_jsonl(source: str, name: str, stem: str, data: bytes, encoding: str = "utf-8",
               ) -> Iterator[ReadDocument | Skipped]:
    """One document per JSON line; a bad line is skipped with its line number."""
    offset = 0
    # JSON lines end at line feeds only: a JSON string may hold U+2028 or U+0085 raw
    lines = [line for line in re.split(r"(?<=\n)", source) if line]
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        body = line.rstrip("\r\n")
        try:
            if body.strip():
                yield _jsonl_document(body, offset, where, name, f"{stem}-{number}", data,
                                      encoding, source)
        except InputError as exc:
            yield Skipped(where, str(exc))
        offset += len(line)


def _jsonl_document(body: str, offset: int, where: str, name: str, doc_id: str, data: bytes,
                    encoding: str, source: str) -> ReadDocument:
    try:
        record = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg}, column {exc.colno}); skipped") from exc
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f'{where}: no "text" string in the JSON object; skipped')
    if not record["text"].strip():
        raise InputError(f'{where}: empty "text"; skipped')
    try:
        decoded = _json_value_map(body, offset, "text", record["text"])
    except InputError as exc:
        raise InputError(f"{where}: {exc}; skipped") from exc
    inner, blocks = clean(record["text"])
    if not blocks:
        raise _no_text(where, record["text"])
    meta = {k: str(record[k]) for k in _META_FIELDS if isinstance(record.get(k), (str, int))}
    if meta.get("date"):
        meta["date"] = parse_date(meta["date"])
    line_hash = hashlib.sha256(body.encode("utf-8")).digest()
    document = _document(doc_id, name, source, line_hash, encoding, **meta)
    return _check_language(ReadDocument(document, inner.through(decoded), tuple(blocks)))


# ---------------------------------------------------------------- files, folders, stdin


def _kind(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:1000].lower()  # stdin and unknown suffixes: sniff
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    first = head.split("\n", 1)[0]
    return "jsonl" if first.startswith("{") and first.rstrip().endswith("}") else "text"


def read_bytes(data: bytes, name: str, stem: str, where: str | None = None,
               ) -> Iterator[ReadDocument | Skipped]:
    """Every document in one input's bytes (one, or one per JSON line).

    ``name`` is the source file name recorded in the graph; ``where`` (default
    ``name``) is how messages name the input.
    """
    where = where or name
    try:
        text, encoding = decode(data, where)
        kind = _kind(name, text)
        if kind == "jsonl":
            for item in read_jsonl(text, name, stem, data, encoding):
                yield _located(item, name, where)
        elif kind == "html":
            yield read_html_document(text, name, stem, data, encoding)
        else:
            yield read_text_document(text, name, stem, data, encoding)
    except InputError as exc:
        yield Skipped(where, _relocate(str(exc), name, where))


def _relocate(message: str, name: str, where: str) -> str:
    return where + message[len(name):] if message.startswith(name) and where != name else message


def _located(item: ReadDocument | Skipped, name: str, where: str) -> ReadDocument | Skipped:
    if isinstance(item, Skipped):
        return Skipped(_relocate(item.path, name, where), _relocate(item.reason, name, where))
    return item


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadDocument | Skipped]:
    """Every document in one file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Skipped(str(path), f"{path}: {size / 1e6:.1f} MB is over the "
                                     f"{max_bytes / 1e6:g} MB limit (raise it with --max-size); skipped")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"{path}: cannot read ({exc.strerror or exc}); skipped")
        return
    yield from read_bytes(data, readable_name(path.name), readable_name(path.stem),
                          readable_name(str(path)))


def readable_name(name: str) -> str:
    r"""A file name as text any output takes: a byte that was no UTF-8 (a surrogate of
    ``os.fsdecode``) becomes U+FFFD, a control character is dropped.

    >>> readable_name("bad\udcffname\x1b[31m.txt") == "bad\ufffdname[31m.txt"
    True
    """
    text = "".join("\ufffd" if "\udc80" <= c <= "\udcff" else c for c in name)
    return "".join(c for c in text if c == "\t" or not (ord(c) < 32 or 127 <= ord(c) < 160))


def shown(text: str) -> str:
    r"""A message safe to print on a terminal: control characters and undecodable bytes of
    file names written as escapes.

    >>> print(shown("esc\x1b[31mred\nline\udcff.txt"))
    esc\x1b[31mred\nline\udcff.txt
    """
    out = []
    for c in text:
        if c == "\n":
            out.append("\\n")
        elif "\ud800" <= c <= "\udfff":
            out.append(f"\\u{ord(c):04x}")
        elif ord(c) < 32 or 127 <= ord(c) < 160:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return "".join(out)


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadDocument:
    """Read a file that holds one document (text, markdown or HTML).

    Raises
    ------
    InputError
        The file cannot be read, or holds no document or several (JSON lines).
    """
    found = list(read_path(Path(path), max_bytes))
    skipped = [f for f in found if isinstance(f, Skipped)]
    if skipped:
        raise InputError(skipped[0].reason)
    if len(found) != 1:
        raise InputError(f"{path}: holds {len(found)} documents; use read_path")
    return found[0]  # type: ignore[return-value]


def walk(inputs: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Input files in a stable order: files as given, folders recursively.

    Symlinked folders are followed once; a loop, a broken link, an unreadable folder
    or a folder without any document is reported as :class:`Skipped`.
    """
    for item in inputs:
        if str(item) == STDIN:
            yield Path(STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            found = list(_walk_folder(path))
            if not any(isinstance(f, Path) for f in found):
                found.append(Skipped(str(path), f"{path}: no readable document "
                                                f"({', '.join(sorted(SUFFIXES))}); skipped"))
            yield from found
        elif _special(path):
            yield Skipped(str(path), f"{path}: {_special(path)}, not a regular file; skipped")
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield Skipped(str(path), f"{path}: broken or looping symbolic link; skipped")
        else:
            raise InputError(f"{path}: no such file or folder")


def _special(path: Path) -> str | None:
    """What a path is when it is neither a regular file nor a folder (a named pipe would
    block the build, a device would never end), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return None


def _walk_folder(root: Path) -> Iterator[Path | Skipped]:
    seen: set[tuple[int, int]] = set()
    errors: list[Skipped] = []

    def on_error(exc: OSError) -> None:
        errors.append(Skipped(str(exc.filename), f"{exc.filename}: cannot read folder "
                                                 f"({exc.strerror}); skipped"))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=on_error):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            yield Skipped(folder, f"{folder}: symbolic link loop (folder already read); skipped")
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            kind = _special(path)
            if kind:
                yield Skipped(str(path), f"{path}: {kind}, not a regular file; skipped")
            elif not path.exists():
                yield Skipped(str(path), f"{path}: broken or looping symbolic link; skipped")
            else:
                yield path
        yield from errors
        errors.clear()


def read_inputs(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                ) -> Iterator[tuple[str, ReadDocument | Skipped]]:
    """``(input name, document or skip)`` for every document under ``inputs``."""
    for item in walk(inputs):
        if isinstance(item, Skipped):
            yield item.path, item
        elif str(item) == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield "stdin", Skipped("stdin", f"stdin: over the {max_bytes / 1e6:g} MB limit; skipped")
                continue
            for doc in read_bytes(data, "stdin", "stdin"):
                yield "stdin", doc
        else:
            for doc in read_path(item, max_bytes):
                yield item.name, doc


def with_id(read: ReadDocument, doc_id: str) -> ReadDocument:
    """The same document under another id (to keep ids unique in a corpus)."""
    return ReadDocument(replace(read.document, id=doc_id), read.textmap, read.blocks)


def unique(read: ReadDocument, where: str, seen: set[str]) -> ReadDocument:
    """``read`` under an id not in ``seen`` (which it joins): ``a/x.txt`` and ``b/x.txt`` both
    stay, the later as ``x-<hash of its path and content>``, the same from build to build."""
    if read.document.id in seen:
        digest = hashlib.sha256(f"{where}\x1f{read.document.content_hash}".encode()).hexdigest()
        read = with_id(read, f"{read.document.id}-{digest[:8]}")
    seen.add(read.document.id)
    return read
