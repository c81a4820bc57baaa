"""A build is a transaction: killed at any moment it leaves one whole build; a second build
into the same folder is refused while one runs; a running endpoint follows each build."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import RDF, Graph

import graphs
from actorgraph import api
from ontology import AG
from tests.actorgraph.test_store import _free_port, _wait
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def _build(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "actorgraph", "build", str(corpus), "--out",
                             str(out), *extra], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def _corpora(tmp_path: Path) -> tuple[Path, Path]:
    """Two corpora without a document in common."""
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, chosen in ((a, names[:2]), (b, names[2:])):
        folder.mkdir()
        for name in chosen:
            shutil.copy(CORPUS / name, folder)
    return a, b


def _page_labels(page: Path) -> set[str]:
    html = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', html, re.S)
    assert found, f"{page}: no data block"
    return {node["label"] for node in json.loads(found.group(1))["nodes"]}


def _one_build(out: Path) -> frozenset[str]:
    """The documents of the build ``out`` answers for, after checking that graph.ttl, the
    page and the store all answer for it."""
    graph = Graph().parse(out / "graph.ttl")
    in_turtle = frozenset(str(d) for d in graph.subjects(RDF.type, AG.Document))
    labels = {data["label"] for _n, data in graphs.to_networkx(graph).nodes(data=True)}
    assert _page_labels(out / "network.html") == labels, "the page is of another build"
    table = api.query("SELECT DISTINCT ?d WHERE { ?d a ag:Document }", out)
    in_store = frozenset(str(row[0]) for row in table.rows)
    assert in_store == in_turtle, "the store is of another build than graph.ttl"
    return in_turtle


def test_a_build_killed_at_twenty_moments_leaves_one_whole_build(tmp_path: Path) -> None:
    a, b = _corpora(tmp_path)
    out = tmp_path / "out"
    started = time.monotonic()
    first = _build(a, out, "--no-cache")
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    duration = time.monotonic() - started
    docs_a = _one_build(out)
    reference = tmp_path / "reference"
    assert _build(b, reference).wait(timeout=300) == 0
    docs_b = _one_build(reference)
    assert docs_a and docs_b and not docs_a & docs_b
    outcomes = []
    for index in range(KILLS):
        # spread over the whole run, from its first 2.5 % to its last
        moment = duration * (index + 0.5) / KILLS
        process = _build(b if index % 2 == 0 else a, out, "--no-cache")
        time.sleep(moment)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        half_written = any((out / ".actorgraph" / "builds").glob("*.tmp"))
        docs = _one_build(out)
        assert docs in (docs_a, docs_b), f"kill {index} at {moment:.1f} s: a mix of builds"
        outcomes.append((round(moment, 1), half_written, docs == docs_b))
    assert any(half for _m, half, _b in outcomes), f"no kill caught a build writing: {outcomes}"
    done = _build(b, out)
    assert done.wait(timeout=300) == 0, done.stderr.read() if done.stderr else ""
    assert _one_build(out) == docs_b
    assert (out / "graph.ttl").read_bytes() == (reference / "graph.ttl").read_bytes()
    assert not list((out / ".actorgraph" / "builds").glob("*.tmp")), "a half build was left"
    assert len(list((out / ".actorgraph" / "builds").iterdir())) <= 2, "old builds pile up"


def test_a_second_build_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    a, b = _corpora(tmp_path)
    out = tmp_path / "out"
    first = _build(a, out)
    lock = out / ".actorgraph" / "lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text(encoding="utf-8")) and first.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    second = subprocess.run([sys.executable, "-m", "actorgraph", "build", str(b), "--out",
                             str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert first.wait(timeout=300) == 0
    assert second.returncode == 1
    assert "another build is writing here" in second.stderr and "Traceback" not in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    assert _one_build(out)  # the first build is whole
    again = subprocess.run([sys.executable, "-m", "actorgraph", "build", str(b), "--out",
                            str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr  # the lock goes with its build


def _count(port: int) -> tuple[int, str]:
    query = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ag:Document }"
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.loads(response.read())
        return int(data["results"]["bindings"][0]["n"]["value"]), response.headers[
            "X-Actorgraph-Build"]


def test_serve_answers_from_each_new_build(tmp_path: Path) -> None:
    a, _b = _corpora(tmp_path)
    out = tmp_path / "out"
    assert _build(a, out).wait(timeout=300) == 0
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "actorgraph", "serve", str(out),
                                   "--port", str(port)], cwd=ROOT, stderr=stderr)
        try:
            _wait(port, server)
            assert _count(port) == (2, "1")
            assert _build(CORPUS, out).wait(timeout=300) == 0  # while serve runs
            assert _count(port) == (5, "2")
        finally:
            server.terminate()
            server.wait(timeout=20)
    assert "data changed: now serving build 2" in log.read_text(encoding="utf-8")


@pytest.fixture
def no_orphans():
    """No oxigraph server outlives its endpoint."""
    yield
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", "oxigraph serve-read-only"], capture_output=True,
                          text=True, check=False).stdout.split()
    assert not left, f"oxigraph servers left running: {left}"


def test_serve_stops_its_server_when_terminated(demo_out: Path, no_orphans) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "actorgraph", "serve", str(demo_out),
                               "--port", str(port)], cwd=ROOT, stderr=subprocess.DEVNULL)
    _wait(port, server)
    assert _count(port)[0] == 5
    server.terminate()
    server.wait(timeout=20)
    assert shutil.which("pgrep")


def test_a_folder_built_before_generations_is_adopted_whole(tmp_path: Path) -> None:
    from actorgraph.folder import BuildFolder

    a, b = _corpora(tmp_path)
    built = tmp_path / "built"
    assert _build(a, built).wait(timeout=300) == 0
    legacy = tmp_path / "legacy"  # plain files and a plain store/, as older versions wrote
    shutil.copytree(built, legacy)  # follows the links
    shutil.rmtree(legacy / "current")
    shutil.rmtree(legacy / ".actorgraph" / "builds")
    docs = _one_build(legacy)
    turtle = (legacy / "graph.ttl").read_bytes()
    names = [p.name for p in legacy.iterdir() if not p.name.startswith(".")]
    BuildFolder(legacy).adopt(names)
    assert all((legacy / name).is_symlink() for name in names)
    assert (legacy / "graph.ttl").read_bytes() == turtle and _one_build(legacy) == docs
    assert _build(b, legacy).wait(timeout=300) == 0
    assert _one_build(legacy) != docs and not (legacy / ".actorgraph" / "builds" / "000000.tmp").exists()
