"""Hostile folders built by the real CLI, checked by independent readers: every RDF output
accepted by rapper, the GraphML and GEXF read back by NetworkX, no control character in
any label, a one-line message per skipped input, the good articles' actors all there, and
the cost of a 780 kB sentence and of 10,000 JSON lines bounded (their cache under 100 MB)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from actorgraph.cli import app

runner = CliRunner()

#: Characters that str.splitlines() takes for line ends, and control characters.
ODD = ["\u2028", "\u2029", "\u0085", "\v", "\f", "\x1c", "\x1e", "\x1b[31m", "\x07"]


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile")
    lines = [f"Iran{ch} criticized the United States{ch} on Monday. Russia backed Iran." for ch in ODD]
    (corpus / "odd.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    records = [{"text": f"Hezbollah{ch} attacked Israel. Egypt condemned the attack."} for ch in ODD]
    (corpus / "odd.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    (corpus / "good.txt").write_text("Vladimir Putin met Recep Tayyip Erdogan in Sochi.\n",
                                     encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return out


@pytest.mark.parametrize(("name", "syntax"), [("graph.ttl", "turtle"), ("graph.nt", "ntriples"),
                                              ("graph.trig", "trig")])
def test_every_rdf_output_is_accepted_by_rapper(hostile_out: Path, rapper: str, name: str,
                                                syntax: str) -> None:
    done = subprocess.run([rapper, "-i", syntax, "-c", str(hostile_out / name)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_graphml_reads_back_and_no_label_holds_a_control(hostile_out: Path) -> None:
    graph = nx.read_graphml(hostile_out / "graph.graphml")
    labels = [str(data.get("label", "")) for _n, data in graph.nodes(data=True)]
    assert {"Iran", "United States", "Hezbollah", "Israel", "Vladimir Putin"} <= set(labels)
    assert not any(ch in label for label in labels for ch in ("\x1b", "\x07", "\v", "\f"))


def test_every_json_line_holding_a_line_separator_is_read(hostile_out: Path) -> None:
    ttl = (hostile_out / "graph.ttl").read_text(encoding="utf-8")
    assert ttl.count("odd-") >= len(ODD)  # one document per JSON line, none rejected


def test_the_cache_of_a_json_lines_file_holds_no_other_line(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = [json.dumps({"text": f"Iran criticized Israel on day {i} of the talks."}) for i in range(20)]
    (corpus / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "--out", str(out)]).exit_code == 0
    entries = sorted((out / ".actorgraph" / "cache").glob("*.json"))
    assert len(entries) == 20
    for entry in entries:
        text = entry.read_text(encoding="utf-8")
        assert sum(f"day {i} of" in text for i in range(20)) <= 1, entry.name
    # the same build again keeps the build; another (a focus page more) reuses every
    # entry, and the citations still point into the file
    same = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert same.exit_code == 0 and "nothing changed since build 1" in " ".join(same.output.split())
    again = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--focus", "Iran"])
    assert again.exit_code == 0
    said = " ".join(again.output.split())
    assert "extracted 0 of 20 documents" in said
    size = sum(p.stat().st_size for p in entries) / 1e6
    assert f"cache: 20 entries, {size:.1f} MB" in said  # the size report
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "day 19 of the talks" in ttl


def test_odd_file_names_pipes_and_devices(tmp_path: Path, rapper: str) -> None:
    import os

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Vladimir Putin met Recep Tayyip Erdogan in Sochi.\n",
                                     encoding="utf-8")
    with open(os.fsencode(corpus) + b"/bad\xffname.txt", "w", encoding="utf-8") as handle:
        handle.write("Iran criticized Israel on Monday.\n")
    (corpus / "esc\x1b[31mred\nline.txt").write_text("Russia backed Syria in the war.\n",
                                                     encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "actorgraph", "build", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, check=False,
                          errors="surrogateescape")
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 2 and "a named pipe" in skipped[0] + skipped[1]
    assert "a character device" in skipped[0] + skipped[1]
    assert "\x1b" not in done.stdout + done.stderr
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Israel" in ttl and "Syria" in ttl and "Recep Tayyip" in ttl
    check = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "graph.ttl")],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr[-2000:]
    again = subprocess.run([sys.executable, "-m", "actorgraph", "build", str(corpus), "--out",
                            str(out)], capture_output=True, text=True, timeout=300, check=False,
                           errors="surrogateescape")
    assert again.returncode == 3 and "nothing changed since build 1" in again.stdout, again.stderr
    assert [line for line in again.stderr.splitlines() if line.startswith("skipped:")] == skipped


@pytest.mark.parametrize(("data", "expected"), [
    ("The talks in Genève ended. Iran and the United States agreed to meet again.".encode("latin-1"),
     "Genève"),
    (b"Iran criticized Israel on Monday.\x00 Russia backed Iran in the talks.", "Russia backed Iran"),
])
def test_doubtful_bytes_decode_as_an_english_reader_expects(tmp_path: Path, data: bytes,
                                                           expected: str) -> None:
    from extract import read_document

    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    read = read_document(path)
    assert expected in read.textmap.text
    assert "\x00" not in read.textmap.text


@pytest.mark.parametrize(("text", "expected"), [
    ("قال المتحدث باسم وزارة الخارجية إن طهران لن تتفاوض تحت الضغط.\n"
     "وأضاف أن العقوبات غير قانونية وأن البرنامج سيستمر.\n", "language 'ar'"),
    ("Москва заявила, что переговоры продолжатся на следующей неделе в Женеве.\n"
     "Министр сказал, что санкции не изменят позицию страны.\n", "language 'ru'"),
    ("Menu\nHome\nSubscribe\n", "only page furniture"),
])
def test_a_text_in_another_script_is_called_a_language_not_furniture(
        tmp_path: Path, text: str, expected: str) -> None:
    from extract import read_document
    from ontology import InputError

    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        read_document(path)


# ------------------------------------------------------- one folder with every hostile case


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A folder of good articles beside every case of the issue, built once; returns the
    folder, the build and the command's stderr."""
    import os
    import random
    import shutil

    from bench.hostile import json_lines, one_sentence
    from tests.conftest import CORPUS

    corpus = tmp_path_factory.mktemp("everything")
    for name in GOOD:
        shutil.copy(CORPUS / name, corpus)
    rng = random.Random(11)
    (corpus / "sentence.txt").write_text(one_sentence(780_000, rng), encoding="utf-8")
    (corpus / "articles.jsonl").write_text(json_lines(10_000, rng), encoding="utf-8")
    lines = [f"Iran{ch} criticized the United States{ch} on Monday. Russia backed Iran." for ch in ODD]
    (corpus / "odd.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    with open(os.fsencode(corpus) + b"/bad\xffname.txt", "w", encoding="utf-8") as handle:
        handle.write("Iran criticized Israel on Monday.\n")
    (corpus / "esc\x1b[31mred\nline.txt").write_text("Russia backed Syria in the war.\n",
                                                     encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    for name, device in (("zero.txt", "/dev/zero"), ("null.md", "/dev/null"),
                         ("random.html", "/dev/urandom")):
        (corpus / name).symlink_to(device)
    (corpus / "broken.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path_factory.mktemp("built") / "out"
    done = subprocess.run([sys.executable, "-m", "actorgraph", "build", str(corpus), "--out",
                           str(out)], capture_output=True, text=True, timeout=3600, check=False,
                          errors="surrogateescape")
    assert done.returncode == 3, done.stderr[-3000:]
    return corpus, out, done.stderr


GOOD = ("001_836f478a4669925c.txt", "003_cc976cd41615b2db.txt")
SKIPPED = ("pipe.txt", "zero.txt", "null.md", "random.html", "broken.txt", "binary.txt")


def test_no_traceback_and_one_line_per_skipped_input(hostile_folder) -> None:
    _corpus, _out, stderr = hostile_folder
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert "\x1b" not in stderr
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped:")]
    for name in SKIPPED:
        assert sum(name in line for line in skipped) == 1, (name, skipped)
    assert len(skipped) == len(SKIPPED), skipped
    kinds = " ".join(skipped)
    assert "a named pipe" in kinds and "a character device" in kinds and "not text" in kinds
    assert kinds.count("broken or looping symbolic link") == 1  # a device link is no broken link
    notes = [line for line in stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "sentence.txt" in notes[0] and "cut at 2,000" in notes[0]


@pytest.mark.parametrize(("name", "syntax"), [("graph.ttl", "turtle"), ("graph.nt", "ntriples"),
                                              ("graph.trig", "trig")])
def test_rapper_accepts_every_rdf_output_of_the_folder(hostile_folder, rapper: str, name: str,
                                                       syntax: str) -> None:
    _corpus, out, _stderr = hostile_folder
    done = subprocess.run([rapper, "-i", syntax, "-c", str(out / name)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("reader", [nx.read_graphml, nx.read_gexf])
def test_networkx_reads_the_exports_back(hostile_folder, reader) -> None:
    _corpus, out, _stderr = hostile_folder
    graph = reader(out / ("graph.graphml" if reader is nx.read_graphml else "graph.gexf"))
    labels = [str(data.get("label", "")) for _n, data in graph.nodes(data=True)]
    assert graph.number_of_nodes() > 20
    assert not any(ord(ch) < 32 for label in labels for ch in label)


def test_the_good_articles_actors_are_all_there(hostile_folder, tmp_path: Path) -> None:
    import shutil

    from rdflib import RDF, RDFS, Graph

    from ontology import AG
    from tests.conftest import CORPUS

    alone = tmp_path / "alone"
    alone.mkdir()
    for name in GOOD:
        shutil.copy(CORPUS / name, alone)
    done = runner.invoke(app, ["build", str(alone), "--out", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output

    def actors(folder: Path) -> set[str]:
        graph = Graph().parse(folder / "graph.ttl")
        return {str(graph.value(a, RDFS.label)) for a in graph.subjects(RDF.type, AG.Actor)}

    expected = actors(tmp_path / "out")
    assert len(expected) > 15
    assert expected <= actors(hostile_folder[1])


def test_the_cache_of_ten_thousand_lines_stays_small(hostile_folder) -> None:
    _corpus, out, _stderr = hostile_folder
    entries = [p for p in (out / ".actorgraph" / "cache").glob("articles*.json")]
    assert len(entries) == 10_000
    assert sum(p.stat().st_size for p in entries) < 100e6
