"""The persistent store: incremental rebuilds, inference, named queries, exports, validation,
a real SPARQL endpoint and a push to a real Oxigraph server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph import api
from actorgraph.cli import app
from graphs import GraphStore, named_queries
from graphs.store import CORPUS_GRAPH, INFERRED_GRAPH, document_graph_iri, graphs_in
from tests.conftest import CORPUS

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("literal", [
    '"0.850"^^<http://www.w3.org/2001/XMLSchema#decimal>',
    '"007"^^<http://www.w3.org/2001/XMLSchema#integer>',
    '"1"^^<http://www.w3.org/2001/XMLSchema#boolean>',
    '"1.50E0"^^<http://www.w3.org/2001/XMLSchema#double>',
    '"plain"',
])
def test_replacing_a_graph_keeps_a_literal_the_store_keeps_in_another_form(literal: str) -> None:
    store = GraphStore()
    first = f"<urn:a> <urn:p> {literal} .\n<urn:a> <urn:q> <urn:b> .\n"
    store.replace_graph("urn:g", first)
    store.replace_graph("urn:g", first)  # unchanged
    assert len(store) == 2
    store.replace_graph("urn:g", first.replace("urn:b", "urn:c"))  # one triple changed
    assert len(store) == 2 and len(store.graph_ntriples("urn:g")) == 2
    assert any("urn:c" in line for line in store.graph_ntriples("urn:g"))


@pytest.mark.parametrize("text", [
    '<urn:a> <urn:p> "ends . \\n here" .\n<urn:a> <urn:q> <urn:b> .\n',  # " .\n" in a literal
    '<urn:a> <urn:p> "no line feed at the end" .',
    '<urn:a> <urn:p> "two spaces" .  \n\n<urn:a> <urn:q> <urn:b> .\n',
    "",
])
def test_graphs_loaded_at_once_keep_each_triple_in_its_own_graph(text: str) -> None:
    import pyoxigraph as ox

    store = GraphStore()
    other = "<urn:x> <urn:y> <urn:z> .\n"
    store.replace_graphs({"urn:g": text, "urn:h": other})
    expected = ox.Store()
    expected.load(text, format=ox.RdfFormat.N_TRIPLES)
    assert store.graph_ntriples("urn:g") == sorted(
        str(q.triple) + " ." for q in expected)
    assert store.graph_ntriples("urn:h") == [other.strip()]
    assert not list(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("edit", [
    "a second label", "a label gone", "a class gone (sh:class of what points at it)",
    "an agent's class gone (sh:class of the events and assertions it is in)",
    "a bad confidence", "a relation to a non-actor (sh:targetObjectsOf)", "nothing",
])
def test_a_build_that_judges_all_of_its_graph_finds_what_pyshacl_finds(edit: str) -> None:
    from graphs import ntriples
    from tests.graphs.fixtures import edited, pyshacl_violations

    _before, after = edited(edit)
    lines = ntriples(after)
    store = GraphStore()
    store.replace_graph(document_graph_iri("a"), lines)
    judged = api._judge(lines, None, None)  # pyshacl-turbo in a forked process
    timings: dict[str, float] = {}
    assert api._violations(store, judged, None, timings) == pyshacl_violations(after)
    assert timings["shapes"] > 0


def _doc_graphs(out: Path) -> dict[str, list[str]]:
    store = GraphStore(out / "store", read_only=True)
    return {name: store.graph_ntriples(name) for name in graphs_in(store.graph_names())}


def _asserted(out: Path) -> tuple[set, set]:
    """What the store of a build asserts, and what its graph.nt says, as Oxigraph keeps
    both (literals by value)."""
    import pyoxigraph as ox

    store = GraphStore(out / "store", read_only=True).store
    skipped = {str(INFERRED_GRAPH), str(api.ONTOLOGY_GRAPH)}
    stored = {q.triple for q in store if q.graph_name.value not in skipped}
    written = ox.Store()
    written.load(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    return stored, {q.triple for q in written}


def test_a_changed_document_is_the_only_one_rebuilt(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(CORPUS, corpus)
    first = api.build([corpus], out)
    assert len(first.extracted) == 5
    before = _doc_graphs(out)
    assert len(before) == 5
    changed = corpus / "004_579da4a48917f14d.txt"
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "\nHassan Nasrallah is the leader of Hezbollah.\n", encoding="utf-8")
    second = api.build([corpus], out)
    assert second.extracted == ("004_579da4a48917f14d",)
    after = _doc_graphs(out)
    name = document_graph_iri("004_579da4a48917f14d")
    assert after[name] != before[name]
    assert {k: v for k, v in after.items() if k != name} == {
        k: v for k, v in before.items() if k != name}
    assert any("Hassan_Nasrallah" in line for line in after[name])
    stored, written = _asserted(out)  # the graphs replaced in place lost no triple
    assert stored == written and len(stored) > 1000
    third = api.build([corpus], out)
    assert third.extracted == () and _doc_graphs(out) == after
    (corpus / "000_b9230b571cf0778a.txt").unlink()
    fourth = api.build([corpus], out)
    assert fourth.extracted == () and fourth.documents == 4
    assert fourth.removed == (document_graph_iri("000_b9230b571cf0778a"),)
    assert document_graph_iri("000_b9230b571cf0778a") not in _doc_graphs(out)


def test_settings_change_re_extracts_everything(tmp_path: Path) -> None:
    from extract import ExtractConfig

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "003_cc976cd41615b2db.txt", corpus)
    api.build([corpus], tmp_path / "out")
    again = api.build([corpus], tmp_path / "out", ExtractConfig(min_confidence=0.3))
    assert again.extracted == ("003_cc976cd41615b2db",)


@pytest.mark.parametrize(("sparql", "expected"), [
    # leads, appointed and advises answer for influences
    ("ASK { agr:Ali_Khamenei ag:influences agr:Qasem_Soleimani }", True),
    ("ASK { agr:Ali_Khamenei ag:influences agr:Iran }", True),
    # symmetric predicates answer both ways
    ("ASK { agr:Qasem_Soleimani ag:cooperatesWith agr:Ali_Khamenei }", True),
    ("ASK { agr:Ali_Khamenei ag:cooperatesWith agr:Qasem_Soleimani }", True),
    # a killing is an attack; a person is a foaf:Person
    ("ASK { agr:United_States ag:attacks agr:Qasem_Soleimani }", True),
    ("ASK { agr:Qasem_Soleimani a foaf:Person }", True),
])
def test_inference_answers_what_users_expect(demo_out: Path, sparql: str, expected: bool) -> None:
    assert api.query(sparql, demo_out).rows == [(expected,)]


def test_inference_is_kept_apart(demo_out: Path) -> None:
    sparql = "ASK { agr:Ali_Khamenei ag:influences agr:Iran }"
    assert api.query(sparql, demo_out, inferred=False).rows == [(False,)]
    store = GraphStore(demo_out / "store", read_only=True)
    assert str(INFERRED_GRAPH) in store.graph_names() and str(CORPUS_GRAPH) in store.graph_names()
    turtle = (demo_out / "graph.ttl").read_text(encoding="utf-8")
    assert "ag:influences agr:Iran" not in turtle


def test_union_has_no_duplicates(demo_out: Path) -> None:
    rows = api.query("SELECT ?s ?o WHERE { ?s ag:leads ?o }", demo_out, inferred=False).rows
    assert len(rows) == len(set(rows)) > 3


NAMED_ARGS = {
    "who-influences": ["Qasem Soleimani"],
    "conflicts": ["Khamenei"],
    "events-between": ["1950", "2020-12-31"],
    "sources": ["Ali Khamenei", "Qasem Soleimani"],
    "actors-by-degree": [],
    "timeline": ["Qasem Soleimani"],
}


#: Stored queries the demo answers nothing to (it reports no speech): they run on texts
#: written for them, in tests/extract/test_claims.py.
ON_CLAIMS = {"claims", "contradictions"}


def test_every_stored_query_has_a_case() -> None:
    assert set(named_queries()) == set(NAMED_ARGS) | ON_CLAIMS


@pytest.mark.parametrize("name", sorted(NAMED_ARGS))
def test_stored_queries_answer(demo_out: Path, name: str) -> None:
    result = runner.invoke(app, ["query", name, *NAMED_ARGS[name], "--graph", str(demo_out),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    seen = [json.dumps(row, sort_keys=True) for row in rows]
    assert len(seen) == len(set(seen)), f"{name} repeats rows"  # no row per inferred type


@pytest.mark.parametrize("inference", [True, False])
def test_events_between_gives_each_event_once_with_its_own_kind(demo_out: Path,
                                                                inference: bool) -> None:
    from actorgraph import api

    table = api.named_query("events-between", ["1900", "2100"], demo_out, inferred=inference)
    events = [row[1] for row in table.rows]
    assert events and len(events) == len(set(events))
    assert "Activity" not in {row[2] for row in table.rows}  # prov:Activity is inferred


@pytest.mark.parametrize(("kind", "target", "date"), [
    # corpus/002 dates it in a sentence that names no agent ("the withdrawal from the
    # agreement on May 8, 2018"), three other sentences tell who withdrew, undated
    ("Withdrawal", "JCPOA", "2018-05-08"),
    # told as Trump's strike, the US's killing and an assassination in three articles
    ("Attack", "Qasem_Soleimani", None),
])
def test_the_demo_tells_each_event_once(demo_out: Path, kind: str, target: str,
                                        date: str | None) -> None:
    rows = api.query(f"SELECT DISTINCT ?e ?d WHERE {{ ?e a ag:{kind} ; ag:target agr:{target} "
                     "OPTIONAL { ?e ag:date ?d } }", demo_out).rows
    assert len(rows) == 1, rows
    assert (str(rows[0][1]) if rows[0][1] is not None else None) == date


@pytest.mark.parametrize(("start", "end", "dates"), [
    ("2014", "2014", ["2014-01-09"]),  # a day within a year given as the last one
    ("2014-01-09", "2014-01-09", ["2014-01-09"]),
    ("2014-02", "2017-08", []),
    ("1979-05", "1979-05", ["1979"]),  # a year overlaps any month of it
    ("2017", "2017-09", ["2017-09"]),
])
def test_events_between_compares_dates_at_the_coarser_precision(
        demo_out: Path, start: str, end: str, dates: list[str]) -> None:
    rows = api.named_query("events-between", [start, end], demo_out).rows
    assert [str(row[0]) for row in rows] == dates


def test_stored_query_arguments_are_bound_not_pasted(demo_out: Path) -> None:
    hostile = 'Khamenei" } UNION { ?x ?y ?z } #'
    result = runner.invoke(app, ["query", "conflicts", hostile, "--graph", str(demo_out),
                                 "--format", "json"])
    # the name is matched against the stored names as a value: no actor is called so
    assert result.exit_code == 1 and "no actor is called" in result.output
    assert "?x ?y ?z" not in result.stdout and not result.stdout.strip()


def test_wrong_number_of_arguments_is_one_line(demo_out: Path) -> None:
    result = runner.invoke(app, ["query", "sources", "Ali Khamenei", "--graph", str(demo_out)])
    assert result.exit_code == 1 and "takes SUBJECT OBJECT" in result.output


def test_exports_are_deterministic_and_valid(demo_out: Path, tmp_path: Path, rapper: str) -> None:
    again = tmp_path / "again"
    assert runner.invoke(app, ["build", str(CORPUS), "--out", str(again)]).exit_code == 0
    for name, syntax in (("graph.trig", "trig"), ("graph.nt", "ntriples"), ("graph.ttl", "turtle")):
        assert (again / name).read_bytes() == (demo_out / name).read_bytes(), name
        done = subprocess.run([rapper, "-i", syntax, "-c", str(demo_out / name)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert (again / "graph.jsonld").read_bytes() == (demo_out / "graph.jsonld").read_bytes()
    from rdflib import Graph

    assert len(Graph().parse(demo_out / "graph.jsonld")) == len(Graph().parse(demo_out / "graph.ttl"))


def test_validate_reports_violations(demo_out: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(demo_out)]).exit_code == 0
    broken = tmp_path / "graph.ttl"
    text = (demo_out / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("ag:confidence 0.", "ag:confidence 7.", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1 and "confidence" in result.stdout


# ---------------------------------------------------------------- real servers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def _sparql(endpoint: str, query: str) -> list[dict]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.query().convert()["results"]["bindings"]


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize(("protocol", "path"), [("gsp", "/store"), ("update", "/update")])
def test_push_to_a_real_oxigraph_server(demo_out: Path, tmp_path: Path, protocol: str,
                                        path: str) -> None:
    port = _free_port()
    server = subprocess.Popen([api.oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                               "--bind", f"127.0.0.1:{port}"], stderr=subprocess.PIPE)
    try:
        _wait(port, server)
        url = f"http://127.0.0.1:{port}{path}"
        for _ in range(2):  # pushing twice replaces, it does not duplicate
            result = runner.invoke(app, ["push", str(demo_out), url, "--protocol", protocol])
            assert result.exit_code == 0, result.output
        local = GraphStore(demo_out / "store", read_only=True)
        expected = sum(len(local.graph_ntriples(name)) for name in local.graph_names())
        rows = _sparql(f"http://127.0.0.1:{port}/query", COUNT)
        assert int(rows[0]["n"]["value"]) == expected
        rows = _sparql(f"http://127.0.0.1:{port}/query",
                       "PREFIX ag: <https://w3id.org/actorgraph/ontology#> "
                       "PREFIX agr: <https://w3id.org/actorgraph/id/> "
                       "SELECT ?g WHERE { GRAPH ?g { agr:Ali_Khamenei ag:appointed agr:Qasem_Soleimani } }")
        assert rows and rows[0]["g"]["value"] == str(CORPUS_GRAPH)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_push_to_nowhere_is_one_line(demo_out: Path) -> None:
    result = runner.invoke(app, ["push", str(demo_out), f"http://127.0.0.1:{_free_port()}/store"])
    assert result.exit_code == 1 and "cannot reach the server" in result.output


def test_a_push_that_fails_part_way_says_what_the_server_holds(demo_out: Path) -> None:
    """A server that takes three graphs and then fails (full disk, a proxy's limit)."""
    import http.server
    import threading

    taken: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            ok = len(taken) < 3
            if ok:
                taken.append(self.path)
            self.send_response(204 if ok else 507)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        result = runner.invoke(app, ["push", str(demo_out), url])
    finally:
        server.shutdown()
    message = " ".join(result.output.split())
    assert result.exit_code == 1 and "507" in message
    assert "3 of" in message and "graphs were replaced on the server" in message
    assert "push again to finish" in message and "Traceback" not in result.output


def test_a_rebuild_reads_only_what_changed_and_equals_a_fresh_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    shutil.copytree(CORPUS, corpus)
    edited = corpus / "004_579da4a48917f14d.txt"
    twin = corpus / "more" / "002_dd6a4e4e3c394464.txt"  # the same id as one: renamed
    twin.parent.mkdir()
    shutil.copy(corpus / twin.name, twin)
    api.build([corpus], out)
    edited.write_text(edited.read_text(encoding="utf-8")
                      + "\nHassan Nasrallah is the leader of Hezbollah.\n", encoding="utf-8")
    opened: list[str] = []
    real = api.read_inputs

    def reading(items: list, *args: object) -> object:
        opened.extend(str(item) for item in items)
        return real(items, *args)

    monkeypatch.setattr(api, "read_inputs", reading)
    again = api.build([corpus], out)
    monkeypatch.undo()
    assert again.extracted == (edited.stem,)
    # the changed file is read; of the others only a renamed twin (its id is its content's)
    assert str(edited) in opened and set(opened) <= {str(edited), str(twin), str(corpus / twin.name)}
    api.build([corpus], fresh)
    for name in ("graph.nt", "graph.trig", "graph.jsonld", "edges.csv"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    manifest = lambda folder: json.loads((folder / "current" / "build.json").read_text())  # noqa: E731
    assert manifest(out)["violations"] == manifest(fresh)["violations"]
    assert manifest(out)["reads"] == manifest(fresh)["reads"]
