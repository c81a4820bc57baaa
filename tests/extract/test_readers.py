"""Every input kind, and every bad input, as real files the tests make."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extract import Skipped, read_document, read_inputs, read_path
from extract.readers import language, plainly_english
from ontology import InputError

PAGE = """<!DOCTYPE html><html><head><title>Iran talks stall | World News</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="World News">
<meta property="og:url" content="https://news.example.org/iran-talks">
<meta property="article:published_time" content="2019-06-13T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Iran talks stall</h1>
<p>Supreme Leader Ali Khamenei said on Monday that Iran will not negotiate with the
United States &amp; its allies.</p>
<p>The <b>United States</b> imposed new sanctions on Iran in May, officials said.</p>
<p>Share this article</p></article>
<aside><h3>Most read</h3><ul><li><a href="/x">Ten things about cats</a></li></ul></aside>
<footer>© 2019 World News. All rights reserved.</footer></body></html>
"""


def _clean_of(read, start: int, end: int) -> str:
    first, last = read.textmap.to_clean(start), read.textmap.to_clean(end - 1)
    return read.textmap.text[first : last + 1]


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Talks in Vienna\n\nBy Sam Writer\n\n**Zarif** met [John Kerry](https://x.org) "
                    "in *Vienna*.\n", encoding="utf-8")
    read = read_document(path)
    assert read.document.title == "Talks in Vienna" and read.document.author == "Sam Writer"
    assert "Zarif met John Kerry in Vienna." in read.textmap.text
    start = read.textmap.text.index("John Kerry")
    s, e = read.textmap.span_to_original(start, start + len("John Kerry"))
    assert read.document.text[s:e] == "John Kerry"


def test_html_article_metadata_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    read = read_document(path)
    doc = read.document
    assert (doc.title, doc.author, doc.publisher, doc.date) == (
        "Iran talks stall", "Jane Doe", "World News", "2019-06-13")
    assert doc.url == "https://news.example.org/iran-talks"
    text = read.textmap.text
    for furniture in ("Home", "Subscribe", "Ten things about cats", "All rights reserved",
                      "Share this article"):
        assert furniture not in text
    sentence = "The United States imposed new sanctions on Iran in May, officials said."
    start = text.index(sentence)
    s, e = read.textmap.span_to_original(start, start + len(sentence))
    assert PAGE[s:e] == "The <b>United States</b> imposed new sanctions on Iran in May, officials said."
    amp = text.index("& its allies")
    assert PAGE[slice(*read.textmap.span_to_original(amp, amp + 1))] == "&amp;"


def test_jsonl_documents_bad_lines_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = {"text": 'Hassan Nasrallah is the leader of "Hezbollah".\nMore\u00a0text follows here.',
            "title": "Beirut", "date": "2020-01-05", "url": "https://example.org/a",
            "author": "A. B.", "publisher": "Example"}
    path.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"title": "no text"}),
                               "", json.dumps({"text": "Iran sanctions hit oil exports."})]) + "\n",
                    encoding="utf-8")
    found = list(read_path(path))
    docs = [f for f in found if not isinstance(f, Skipped)]
    skipped = [f for f in found if isinstance(f, Skipped)]
    assert [d.document.id for d in docs] == ["dump-1", "dump-5"]
    assert docs[0].document.title == "Beirut" and docs[0].document.date == "2020-01-05"
    assert [s.reason.split(": ", 1)[0] for s in skipped] == [f"{path}:2", f"{path}:3"]
    assert "not JSON" in skipped[0].reason and '"text"' in skipped[1].reason
    raw = path.read_text(encoding="utf-8")
    read = docs[0]
    start = read.textmap.text.index('"Hezbollah"')
    s, e = read.textmap.span_to_original(start, start + len('"Hezbollah"'))
    assert raw[s:e] == '\\"Hezbollah\\"'  # the offsets point into the escaped JSON
    assert json.loads(f'"{raw[s:e]}"') == '"Hezbollah"'


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty document"),
    ("blank.txt", b"  \n\n\t ", "empty document"),
    ("binary.txt", bytes(range(256)) * 4, "not text (binary data)"),
    ("menu.txt", b"Home\nShare\nSubscribe\nREAD MORE: other\n", "no article text"),
    ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ("french.txt", "Le président iranien a rencontré hier le ministre des affaires étrangères "
                   "français à Paris pour discuter de l'accord nucléaire.".encode(),
     "language 'fr'"),
])
def test_bad_inputs_are_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes,
                                              reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [skipped] = list(read_path(path))
    assert isinstance(skipped, Skipped)
    assert skipped.reason.startswith(f"{path}: ") and reason in skipped.reason
    assert skipped.reason.endswith("skipped") and "\n" not in skipped.reason


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = ("Mohammad Javad Zarif met his French counterpart at the Élysée Palace, "
            "where the talks on the nuclear accord resumed after a long pause.")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    read = read_document(path)
    assert read.document.text == text and "Élysée" in read.textmap.text


def test_too_large_a_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Iran and the United States exchanged threats again on Monday.\n"
    with path.open("wb") as handle:
        handle.write(line * (50_000_000 // len(line) + 1))
    assert path.stat().st_size > 50_000_000
    [skipped] = list(read_path(path))
    assert isinstance(skipped, Skipped) and "50.0 MB is over the 20 MB limit" in skipped.reason


def test_folders_are_read_recursively_in_order_and_survive_loops(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text("Iran criticized Israel on Monday.", encoding="utf-8")
    (root / "b" / "deeper" / "two.md").write_text("Israel criticized Iran on Tuesday.", encoding="utf-8")
    (root / "b" / "notes.docx").write_bytes(b"ignored: not a document type we read")
    (root / "b" / "loop").symlink_to(root, target_is_directory=True)
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    (root / "empty").mkdir()
    found = [(where, item) for where, item in read_inputs([root])]
    names = [item.document.source_file for _w, item in found if not isinstance(item, Skipped)]
    reasons = [item.reason for _w, item in found if isinstance(item, Skipped)]
    assert names == ["one.txt", "two.md"]
    assert any("symbolic link loop" in r for r in reasons)
    assert any("broken.txt: broken or looping symbolic link" in r for r in reasons)


def test_a_folder_without_documents_is_named(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "image.png").write_bytes(b"\x89PNG")
    [(_where, skipped)] = list(read_inputs([tmp_path / "nothing"]))
    assert isinstance(skipped, Skipped) and "no readable document" in skipped.reason


def test_a_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_inputs([tmp_path / "missing.txt"]))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; the CLI test drops "
                    "CAP_DAC_OVERRIDE with setpriv instead")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:  # pragma: no cover - non-root
    path = tmp_path / "secret.txt"
    path.write_text("Iran attacked Israel.", encoding="utf-8")
    path.chmod(0)
    [skipped] = list(read_path(path))
    assert isinstance(skipped, Skipped) and "Permission denied" in skipped.reason


_OTHER_LANGUAGES = [
    ("fr", "Le président iranien a rencontré hier à Paris le ministre français des affaires "
           "étrangères pour discuter de l'accord nucléaire. Selon un communiqué publié par la "
           "présidence, les deux hommes ont évoqué la levée des sanctions et le retour des "
           "inspecteurs de l'agence internationale, que Téhéran avait expulsés au printemps "
           "dernier après une série d'attaques contre ses installations."),
    ("de", "Der iranische Präsident hat gestern in Berlin den deutschen Außenminister getroffen, "
           "um über das Atomabkommen zu sprechen. Nach Angaben des Präsidialamtes ging es um die "
           "Aufhebung der Sanktionen und die Rückkehr der internationalen Inspekteure, die Teheran "
           "im vergangenen Frühjahr nach einer Reihe von Angriffen auf seine Anlagen ausgewiesen "
           "hatte. Was danach geschah, ist bis heute umstritten."),
    ("es", "El presidente iraní se reunió ayer en Madrid con el ministro español de asuntos "
           "exteriores para hablar del acuerdo nuclear. Según un comunicado de la presidencia, "
           "ambos trataron el levantamiento de las sanciones y el regreso de los inspectores de "
           "la agencia internacional, a quienes Teherán había expulsado la primavera pasada tras "
           "una serie de ataques contra sus instalaciones."),
    ("nl", "De Iraanse president heeft gisteren in Den Haag de Nederlandse minister van "
           "buitenlandse zaken ontmoet om over het nucleaire akkoord te praten. Volgens een "
           "verklaring van het presidentschap ging het om het opheffen van de sancties en de "
           "terugkeer van de internationale inspecteurs, die Teheran vorig voorjaar had "
           "uitgezet na een reeks aanvallen op zijn installaties. Of dat lukt, was onduidelijk."),
    ("it", "Il presidente iraniano ha incontrato ieri a Roma il ministro degli esteri italiano "
           "per discutere dell'accordo nucleare. Secondo un comunicato della presidenza, i due "
           "hanno parlato della revoca delle sanzioni e del ritorno degli ispettori dell'agenzia "
           "internazionale, che Teheran aveva espulso la primavera scorsa dopo una serie di "
           "attacchi contro le sue installazioni."),
    ("pl", "Prezydent Iranu spotkał się wczoraj w Warszawie z polskim ministrem spraw "
           "zagranicznych, aby rozmawiać o porozumieniu nuklearnym. Według komunikatu kancelarii "
           "chodziło o zniesienie sankcji i powrót międzynarodowych inspektorów, których Teheran "
           "wydalił zeszłej wiosny po serii ataków na swoje instalacje. Czy to się uda, nie "
           "wiadomo, by to ocenić, trzeba czasu."),
    ("id", "Presiden Iran bertemu dengan menteri luar negeri Indonesia di Jakarta kemarin untuk "
           "membahas kesepakatan nuklir. Menurut pernyataan kantor presiden, keduanya membahas "
           "pencabutan sanksi dan kembalinya para inspektur badan internasional, yang diusir "
           "Teheran pada musim semi lalu setelah serangkaian serangan terhadap fasilitasnya."),
]


@pytest.mark.parametrize(("code", "text"), _OTHER_LANGUAGES, ids=[c for c, _t in _OTHER_LANGUAGES])
def test_only_english_skips_language_identification(code: str, text: str) -> None:
    # the shortcut never spares a text that identification would skip as not English
    assert not plainly_english(text) and language(text)[0] == code


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[2] / "corpus").glob("*.txt")),
                         ids=lambda p: p.name[:3])
def test_the_demo_articles_are_plainly_english(path: Path) -> None:
    text = read_document(path).textmap.text
    assert plainly_english(text) and language(text)[0] == "en"
