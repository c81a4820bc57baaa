"""Hostile characters in a real folder, built by the real CLI, checked by independent readers:
every RDF output accepted by rapper, the GraphML read back by NetworkX, no control
character in any label."""

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
    # a rebuild reuses every entry, and the citations still point into the file
    again = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert again.exit_code == 0
    assert "extracted 0 of 20 documents" in " ".join(again.output.split())
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
