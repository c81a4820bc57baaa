"""Cleaning keeps every offset; furniture, tickers and promos never reach a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import normalize_name, parse_date, read_document
from extract.documents import page_metadata
from extract.text import clean

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize(("raw", "expected"), [
    ("The Quds Force", "quds force"),
    ("Khamenei’s", "khamenei"),
    ("Mohammad-Ali  Jafari", "mohammad ali jafari"),
    ("“Axis of Evil”", "axis of evil"),
    ("Ḱhameini", "khameini"),
    ("the U.S.", "u.s"),
])
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_clean_character_maps_back_to_the_same_character(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    textmap, blocks = clean(original)
    assert blocks
    for index, char in enumerate(textmap.text):
        assert original[textmap.to_original(index)] == char


@pytest.mark.parametrize(("fragment", "doc"), [
    ("أخبار المركز", "002_dd6a4e4e3c394464"),          # Arabic news ticker
    ("سعيد عكاشة", "002_dd6a4e4e3c394464"),
    ("READ MORE", "003_cc976cd41615b2db"),
    ("Escalation to world conflict", "003_cc976cd41615b2db"),  # bullet under READ MORE
    ("subscribe to The Herland Report", "003_cc976cd41615b2db"),
    ("news and opinion website", "003_cc976cd41615b2db"),
    ("EMAIL ALERTS", "001_836f478a4669925c"),
    ("The Pope Meets the Ayatollah", "001_836f478a4669925c"),  # another article's headline
    ("tax-deductible", "001_836f478a4669925c"),
    ("View/Print Page", "001_836f478a4669925c"),
])
def test_furniture_is_dropped(fragment: str, doc: str) -> None:
    _tm, blocks = clean((CORPUS / f"{doc}.txt").read_text(encoding="utf-8"))
    assert not any(fragment in block.text for block in blocks)


def test_article_body_is_kept() -> None:
    _tm, blocks = clean((CORPUS / "003_cc976cd41615b2db.txt").read_text(encoding="utf-8"))
    assert any("Soleimani was chosen by Khamenei to lead the Quds Force" in b.text for b in blocks)


@pytest.mark.parametrize(("doc", "title", "author", "date"), [
    ("000_b9230b571cf0778a", "Khamenei’s hostility towards Trump: Can he continue to surprise us?",
     None, None),
    ("001_836f478a4669925c", "What Does Iran's Supreme Leader Expect from the Next U.S. President?",
     "Mehdi Khalaji", "2020-10-23"),
    ("002_dd6a4e4e3c394464", "Will Khamenei Maintain his Hardline Stance Against Washington?",
     None, "2018-08-29"),
    ("003_cc976cd41615b2db", None, "Nibras Kazimi", None),
    ("004_579da4a48917f14d", "Why Ayatollah Khamenei will not negotiate with Trump", None, None),
])
def test_corpus_metadata(doc: str, title: str | None, author: str | None, date: str | None) -> None:
    document = read_document(CORPUS / f"{doc}.txt").document
    assert (document.title, document.author, document.date) == (title, author, date)


def test_metadata_from_markdown_header() -> None:
    meta = page_metadata("# Title of a Piece\nBy Jane Q. Doe\n5 June 2019\n\nText.")
    assert meta == {"title": "Title of a Piece", "author": "Jane Q. Doe", "publisher": None,
                    "date": "2019-06-05"}


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("Oct 23, 2020", None, "2020-10-23"),
    ("on May 8, 2018", None, "2018-05-08"),
    ("on 6 August 2018", None, "2018-08-06"),
    ("29 أغسطس، 2018", None, "2018-08-29"),
    ("in September 2017", None, "2017-09"),
    ("in 2015", None, "2015"),
    ("the 1953 coup", None, "1953"),
    ("on August 24", "2018-08-29", "2018-08-24"),
    ("on August 24", None, None),
    ("February 30, 2020", None, "2020"),
    ("eighty-two", None, None),
    ("in the early 1950s", None, None),  # a decade is no year
    ("the 1990's", None, None),
])
def test_parse_date(text: str, reference: str | None, expected: str | None) -> None:
    assert parse_date(text, reference) == expected
