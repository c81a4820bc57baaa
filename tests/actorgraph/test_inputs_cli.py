"""Real-world inputs through the real command: stdin, permissions, kills, hostile text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

from actorgraph.cli import app
from ontology import AG
from tests.browser import wait_until_stable
from tests.conftest import CHROMIUM, CORPUS

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, prefix: tuple[str, ...] = (), **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "actorgraph", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False, **kwargs)


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "-", "--out", str(tmp_path)],
                           input="Hassan Nasrallah is the leader of Hezbollah.\n")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "graph.ttl")
    assert {str(o) for o in graph.objects(None, AG.sourceFile)} == {"stdin"}
    assert len(list(graph.triples((None, AG.leads, None)))) == 1


def test_unreadable_file_is_named_and_the_rest_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Hassan Nasrallah is the leader of Hezbollah.", encoding="utf-8")
    secret = corpus / "secret.txt"
    secret.write_text("Iran attacked Israel.", encoding="utf-8")
    secret.chmod(0)
    # root reads any file: drop the capabilities that let it, and stay root
    prefix = (("setpriv", "--inh-caps=-dac_override,-dac_read_search",
               "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ())
    if prefix and shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
    done = _cli("build", str(corpus), "--out", str(tmp_path / "out"), prefix=prefix)
    assert done.returncode == 3, done.stderr
    assert f"{secret}: cannot read (Permission denied); skipped" in done.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_nothing_readable_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no document could be read" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_inputs_beside_good_ones(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(CORPUS / "003_cc976cd41615b2db.txt", corpus)
    (corpus / "dump.jsonl").write_text('{"text": "Iran criticized Israel."}\n{oops\n', encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Zarif met Kerry at the Élysée on Monday to talk about "
                                        "the nuclear accord and sanctions.".encode("latin-1"))
    (corpus / "binary.txt").write_bytes(bytes(range(256)))
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "dump.jsonl:2: not JSON" in result.output and "binary.txt: not text" in result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert {str(o) for o in graph.objects(None, AG.sourceFile)} == {
        "003_cc976cd41615b2db.txt", "dump.jsonl", "latin1.txt"}


HOSTILE_LABEL = 'Evil "Corp" <script>alert(1)</script> \\ back\\slash'


def test_hostile_text_is_escaped_everywhere(tmp_path: Path, rapper: str) -> None:
    corpus = tmp_path / 'in"<x>'
    corpus.mkdir()
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("id\tlabel\tclass\tqid\taliases\ttitles\tmetonyms\taffiliation\n"
                       f"Evil_Corp\t{HOSTILE_LABEL}\tOrganization\t\tEvil Corp\t\t\t\n",
                       encoding="utf-8")
    (corpus / 'name "with" <quotes>.txt').write_text(
        "Evil Corp attacked Iran on Monday. <img src=x onerror=alert(2)> Iran condemned "
        'Evil Corp. "Quoted \\ text" and </script><script>alert(3)</script> follow.',
        encoding="utf-8")
    (corpus / "dump.jsonl").write_text(
        '{"text": "Evil Corp criticized Israel.", "title": "<script>alert(4)</script>", '
        '"author": "O\'Brien \\"the\\" \\\\ \\n <b>x</b>", "url": "javascript:alert(5)"}\n',
        encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "graph.ttl")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(out / "graph.ttl")
    assert HOSTILE_LABEL in {str(o) for o in graph.objects(None, None)}
    assert "<script>alert(4)</script>" in {str(o) for o in graph.objects(None, DCTERMS.title)}
    assert all("<" not in str(s) and '"' not in str(s) for s in graph.subjects())
    _no_script_runs(out / "conflict.html")


def _no_script_runs(page_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(offline=True).new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(page_path.as_uri())
        wait_until_stable(page)
        labels = page.evaluate("agNodes.get().map(n => n.label)")
        page.hover("#network")
        page.wait_for_timeout(300)
        browser.close()
    assert dialogs == []
    assert HOSTILE_LABEL in labels  # shown as text, not run


FURNITURE = ("READ MORE", "subscribe", "newsletter", "EMAIL ALERTS", "Sign Up", "©",
             "TO TOP", "Also available in", "tax-deductible", "RECOMMENDED", "Herland Report news")


def test_no_furniture_reaches_a_cited_sentence(demo_out: Path) -> None:
    graph = Graph().parse(demo_out / "graph.ttl")
    sentences = [str(s) for s in graph.objects(None, AG.sentence)]
    assert len(sentences) > 30
    for sentence in sentences:
        assert not any(f.lower() in sentence.lower() for f in FURNITURE), sentence
        assert not any("\u0600" <= c <= "\u06ff" for c in sentence), sentence  # the Arabic ticker


@pytest.mark.parametrize(("source", "title", "author", "date"), [
    ("000_b9230b571cf0778a.txt", "Khamenei’s hostility towards Trump: Can he continue to surprise us?",
     None, None),
    ("001_836f478a4669925c.txt", "What Does Iran's Supreme Leader Expect from the Next U.S. President?",
     "Mehdi Khalaji", "2020-10-23"),
    ("002_dd6a4e4e3c394464.txt", "Will Khamenei Maintain his Hardline Stance Against Washington?",
     None, "2018-08-29"),
    ("003_cc976cd41615b2db.txt", None, "Nibras Kazimi", None),
    ("004_579da4a48917f14d.txt", "Why Ayatollah Khamenei will not negotiate with Trump", None, None),
])
def test_document_nodes_carry_what_the_article_shows(demo_out: Path, source: str, title: str | None,
                                                     author: str | None, date: str | None) -> None:
    graph = Graph().parse(demo_out / "graph.ttl")
    [doc] = [d for d in graph.subjects(AG.sourceFile, None) if str(graph.value(d, AG.sourceFile)) == source]
    value = lambda p: None if graph.value(doc, p) is None else str(graph.value(doc, p))  # noqa: E731
    assert (value(DCTERMS.title), value(DCTERMS.creator), value(DCTERMS.issued)) == (title, author, date)
    assert len(str(graph.value(doc, AG.contentHash))) == 64 and value(DCTERMS.language) == "en"


def test_two_files_with_one_name_are_both_kept(tmp_path: Path) -> None:
    for folder, text in (("a", "Iran criticized Israel."), ("b", "Israel criticized Iran.")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "x.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for focus in ([], ["--focus", "Iran"]):  # the second reuses both cached results, same ids
        result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(out), *focus])
        assert result.exit_code == 0, result.output
    assert "extracted 0 of 2 documents" in " ".join(result.output.split())
    graph = Graph().parse(out / "graph.ttl")
    ids = sorted(str(o) for o in graph.objects(None, DCTERMS.identifier))
    assert len(ids) == 2 and ids[0] == "x" and ids[1].startswith("x-")
    assert len(list(graph.triples((None, AG.criticizes, None)))) == 2
