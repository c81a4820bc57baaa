"""The command line end to end, on the real demo corpus, model and outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from tests.conftest import CORPUS, GOLD

runner = CliRunner()


def test_build_writes_every_output(demo_out: Path) -> None:
    from actorgraph import OUTPUTS
    from actorgraph.api import FOCUS_PAGES

    files = sorted(p.name for p in demo_out.iterdir() if p.is_file())
    focus = [name for name in files if name.startswith("focus-")]
    assert sorted(set(files) - set(focus)) == sorted(OUTPUTS)
    assert len(focus) == FOCUS_PAGES  # a page for each most central actor
    assert (demo_out / "store").is_dir()


def test_rapper_accepts_the_built_graph(demo_out: Path, rapper: str) -> None:
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(demo_out / "graph.ttl")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "returned" in done.stderr


def test_two_builds_are_byte_identical(demo_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = runner.invoke(app, ["build", str(CORPUS), "--out", str(again)])
    assert result.exit_code == 0, result.output
    assert (again / "graph.ttl").read_bytes() == (demo_out / "graph.ttl").read_bytes()


KHAMENEI_SOLEIMANI = """
SELECT ?predicate ?sentence ?file WHERE {
  ?a rdfs:label "Ali Khamenei" . ?b rdfs:label "Qasem Soleimani" .
  ?s rdf:subject ?x ; rdf:predicate ?predicate ; rdf:object ?y ;
     ag:sentence ?sentence ; prov:wasDerivedFrom ?doc .
  ?doc ag:sourceFile ?file .
  FILTER ((?x = ?a && ?y = ?b) || (?x = ?b && ?y = ?a))
} ORDER BY ?predicate ?sentence
"""


def test_sparql_finds_khamenei_soleimani_relations_with_sentence_and_file(demo_out: Path) -> None:
    result = runner.invoke(app, ["query", KHAMENEI_SOLEIMANI, "--graph", str(demo_out),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, "no relation links Khamenei and Soleimani"
    appointed = [r for r in rows if r["predicate"].endswith("#appointed")]
    assert appointed and "chosen by Khamenei" in appointed[0]["sentence"]
    assert appointed[0]["file"] == "003_cc976cd41615b2db.txt"


def test_query_reads_an_rq_file(demo_out: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?d a ag:Document }", encoding="utf-8")
    result = runner.invoke(app, ["query", str(rq), "--graph", str(demo_out), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "5"]


def cited_text(path: Path, start: int, end: int) -> str:
    """The clean text that the file's characters ``[start, end)`` were read as."""
    from extract import read_document

    textmap = read_document(path).textmap
    first, last = textmap.to_clean(start), textmap.to_clean(end - 1)
    assert first is not None and last is not None, (path, start, end)
    return " ".join(textmap.text[first : last + 1].split())


def test_every_citation_is_exact(demo_out: Path) -> None:
    """Each assertion's offsets locate its sentence in the source file, naming both ends."""
    from rdflib import Graph
    from rdflib.namespace import PROV

    from ontology import AG

    graph = Graph().parse(demo_out / "graph.ttl")
    checked = 0
    for assertion in graph.subjects(AG.sentence, None):
        doc = graph.value(assertion, PROV.wasDerivedFrom)
        path = CORPUS / str(graph.value(doc, AG.sourceFile))
        start, end = int(graph.value(assertion, AG.startOffset)), int(graph.value(assertion, AG.endOffset))
        sentence = str(graph.value(assertion, AG.sentence))
        assert cited_text(path, start, end) == sentence
        subject_text = graph.value(assertion, AG.subjectText)
        if subject_text is None:  # an agent the rest of the document names, nowhere else
            assert "agent-from-document" in str(graph.value(assertion, AG.extractor))
        for end_text in (subject_text, graph.value(assertion, AG.objectText)):
            assert end_text is None or str(end_text) in sentence
        checked += 1
    assert checked >= 30


@pytest.mark.parametrize(("rule", "text"), [
    ("alias", "The Rapid Support Forces (RSF) attacked El Fasher. The RSF denied it."),
    ("collective", "Sudan's army attacked the Rapid Support Forces in Khartoum."),
])
def test_every_resolution_rule_satisfies_the_shapes(tmp_path: Path, rule: str, text: str) -> None:
    from actorgraph import build_graph
    from graphs import validate
    from ontology import AG

    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    graph, _skipped = build_graph([tmp_path / "t.txt"])
    assert rule in {str(r) for r in graph.objects(None, AG.rule)}
    assert validate(graph) == []


def test_the_demo_graph_satisfies_the_shapes(demo_out: Path) -> None:
    from pyshacl import validate
    from rdflib import Graph

    from ontology import load_ontology, load_shapes

    conforms, _g, text = validate(Graph().parse(demo_out / "graph.ttl"), shacl_graph=load_shapes(),
                                  ont_graph=load_ontology())
    assert conforms, text


def test_eval_prints_scores_above_the_floor() -> None:
    result = runner.invoke(app, ["eval", str(GOLD), "--corpus", str(CORPUS), "--verbose"])
    assert result.exit_code == 0, result.output
    scores = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 4 and cells[0] in ("entities", "relations (strict)", "relations (lenient)"):
            scores[cells[0]] = tuple(float(c) for c in cells[1:])
    assert scores["entities"][2] >= 0.90
    assert scores["relations (lenient)"][0] >= 0.75 and scores["relations (lenient)"][1] >= 0.60
    assert scores["relations (strict)"][2] >= 0.55
    assert "missed relations" in result.stdout and "false positives" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", "/nonexistent"], "no graph here"),
    (["build", "/nonexistent/folder"], "no such file or folder"),
    (["eval", "/nonexistent"], "no *.entities.tsv"),
])
def test_errors_are_one_red_line_without_traceback(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_bad_sparql_is_one_line(demo_out: Path) -> None:
    result = runner.invoke(app, ["query", "SELEKT nothing", "--graph", str(demo_out)])
    assert result.exit_code == 1 and "SPARQL syntax error" in result.output
    assert "Traceback" not in result.output


def test_skipped_inputs_are_named_and_the_rest_builds(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Hassan Nasrallah is the leader of Hezbollah.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert "empty.txt: empty document" in result.output
    assert "binary.txt: not text (binary data)" in result.output
    assert "ag:leads" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_network_command_writes_a_focus_page(demo_out: Path, tmp_path: Path) -> None:
    page = tmp_path / "focus.html"
    result = runner.invoke(app, ["network", str(demo_out), "--focus", "Khamenei", "--depth", "1",
                                 "--out", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "around Ali Khamenei" in text and "Qasem Soleimani" in text


def test_analyze_command(demo_out: Path) -> None:
    result = runner.invoke(app, ["analyze", str(demo_out), "--top", "5"])
    assert result.exit_code == 0, result.output
    for heading in ("most central", "strongest conflict", "strongest cooperation",
                    "communities"):
        assert heading in result.stdout
    assert "Ali Khamenei" in result.stdout


def test_unknown_focus_is_one_line(demo_out: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["network", str(demo_out), "--focus", "Nobody At All",
                                 "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and "no actor is called 'Nobody At All'" in result.output


@pytest.mark.parametrize(("command", "shown"), [
    ("build", ["INPUT", "--out DIR", "--model NAME", "--min-confidence X", "--max-size MB",
               "--no-cache", "--workers N", "<local|dask>", "--scheduler ADDRESS", "--cues FILE"]),
    ("query", ["SPARQL|FILE.rq|NAME", "<table|csv|json>", "--graph DIR"]),
    ("network", ["<all|influence|conflict|cooperation>", "--max-nodes N", "--out FILE"]),
    ("analyze", ["<all|influence|conflict|cooperation>", "--top N"]),
    ("serve", ["--port PORT", "--timeout SECONDS", "--allow-service"]),
    ("push", ["<gsp|update>", "--user USER"]),
    ("eval", ["GOLD_DIR", "--corpus DIR", "--min-confidence X"]),
])
def test_help_speaks_in_the_users_terms(command: str, shown: list[str]) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for item in shown:
        assert item in text, (item, text)
    for python in ("<list[", "<str>", "<int>", "range>", "<path>", "<float"):
        assert python not in text, (python, text)


def test_a_view_that_is_no_choice_is_a_usage_error(demo_out: Path) -> None:
    result = runner.invoke(app, ["network", str(demo_out), "--view", "conflit"])
    assert result.exit_code == 2
    assert "conflict" in result.output  # the choices are listed


def test_validate_says_conforms_on_stdout(demo_out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "actorgraph", "validate", str(demo_out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr  # the demo conforms (see above)
    assert result.stdout.startswith("conforms")


def test_network_says_when_it_replaces_a_page(demo_out: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(demo_out, folder, symlinks=True)
    result = subprocess.run([sys.executable, "-m", "actorgraph", "network", str(folder),
                             "--view", "conflict"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "replaced" in result.stderr and "conflict.html" in result.stderr


def test_the_most_central_are_tied_into_the_network(demo_out: Path) -> None:
    import networkx as nx

    import graphs
    from actorgraph import api

    result = api.analyze(demo_out, top=10)
    network = graphs.to_networkx(graphs.read_graph(demo_out))
    size = {network.nodes[n]["label"]: len(c) for c in nx.weakly_connected_components(network)
            for n in c}
    assert all(size[name] > 3 for name, *_ in result.central)  # none from a pair of its own


def test_analyze_shows_the_dyads_of_its_view(demo_out: Path) -> None:
    result = runner.invoke(app, ["analyze", str(demo_out), "--view", "conflict", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "strongest conflict" in result.output and "cooperation" not in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["query", "conflicts", "ali khamenei"], "ok"),  # case does not matter
    (["query", "conflicts", "Khamenai"], "did you mean"),
    (["query", "sources", "Ali Khamenei", "Nobody At All"], "no actor is called 'Nobody At All'"),
    (["network", "--focus", "Solemani"], "did you mean 'Qasem Soleimani'"),
])
def test_an_unknown_actor_is_the_same_error_everywhere(demo_out: Path, tmp_path: Path,
                                                       args: list[str], expected: str) -> None:
    where = ["--graph", str(demo_out)] if args[0] == "query" else [str(demo_out), "--out",
                                                                   str(tmp_path / "p.html")]
    command = [args[0], *where, *args[1:]] if args[0] == "network" else [*args, *where]
    result = runner.invoke(app, command)
    if expected == "ok":
        assert result.exit_code == 0 and "Donald Trump" in result.output
    else:
        assert result.exit_code == 1 and expected in " ".join(result.output.split())
