"""The shared endpoint (`actorgraph serve`) as a client on the network sees it: the README's
queries answer as `actorgraph query` does, SERVICE is refused, a runaway query ends at the
timeout with an error and takes no server with it, nothing but reads gets through."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph import api
from tests.actorgraph.test_store import _free_port, _wait

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


class Served:
    def __init__(self, folder: Path, *options: str) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "actorgraph", "serve", str(folder), "--port", str(self.port),
             *options], cwd=ROOT, stderr=subprocess.PIPE)
        _wait(self.port, self.process)
        self.url = f"http://127.0.0.1:{self.port}/query"

    def ask(self, sparql: str, method: str = "GET", timeout: float = 60,
            ) -> tuple[int, str]:
        headers = {"Accept": "application/sparql-results+json"}
        if method == "GET":
            request = urllib.request.Request(
                self.url + "?" + urllib.parse.urlencode({"query": sparql}), headers=headers)
        else:
            request = urllib.request.Request(self.url, data=sparql.encode("utf-8"), method="POST",
                                             headers={**headers,
                                                      "Content-Type": "application/sparql-query"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def rows(self, sparql: str, method: str = "GET") -> list[tuple]:
        status, body = self.ask(sparql, method)
        assert status == 200, body
        data = json.loads(body)
        names = data["head"]["vars"]
        return sorted(tuple(_norm(b.get(n, {}).get("value")) for n in names)
                      for b in data["results"]["bindings"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def _norm(value: object) -> str:
    if value is None:
        return ""
    try:
        return f"{float(str(value)):.6g}"
    except ValueError:
        return str(value)


@pytest.fixture(scope="module")
def served(demo_out: Path) -> Iterator[Served]:
    server = Served(demo_out, "--timeout", "3")
    yield server
    server.stop()


def readme_queries() -> list[str]:
    """Every SPARQL query of the README that the demo build answers: the ```sparql blocks
    (but those marked ``after-curation``, which need an analyst's corrections first) and
    the quoted argument of each `actorgraph query '...'` command."""
    text = README.read_text(encoding="utf-8")
    queries = [query for tags, query in re.findall(r"```sparql([^\n]*)\n(.*?)```", text, re.S)
               if "after-curation" not in tags]
    queries += re.findall(r"actorgraph query '(.*?)'", text, re.S)
    return queries


def test_the_readme_has_example_queries() -> None:
    assert len(readme_queries()) >= 4


@pytest.mark.parametrize("index", range(len(readme_queries())))
def test_readme_queries_answer_the_same_rows_on_the_endpoint(served: Served, demo_out: Path,
                                                              index: int) -> None:
    sparql = readme_queries()[index]
    table = api.query(sparql, demo_out)
    local = sorted(tuple(_norm(v) for v in row) for row in table.rows)
    assert local, "the README's query answers nothing on the demo build"
    assert served.rows(sparql) == local
    assert served.rows(sparql, method="POST") == local


def _listener() -> tuple[socket.socket, list[bytes]]:
    """A TCP listener that records whoever connects (a host SERVICE must never reach)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.settimeout(0.2)
    seen: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _addr = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen.append(conn.recv(200))
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return sock, seen


@pytest.mark.parametrize("form", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://127.0.0.1:{port}/x> { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE {\n  # a comment\n  SeRvIcE x:e {?s ?p ?o}}",
])
def test_service_is_refused_and_reaches_no_host(served: Served, form: str) -> None:
    sock, seen = _listener()
    try:
        sparql = form.replace("{port}", str(sock.getsockname()[1]))
        status, body = served.ask(sparql)
        assert status == 403 and "SERVICE is disabled" in body
        time.sleep(0.5)
        assert seen == []
    finally:
        sock.close()


def test_a_word_service_in_a_string_or_a_variable_is_no_service(served: Served) -> None:
    rows = served.rows('SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) }')
    assert rows == [("SERVICE <http://x/>",)]


def test_allow_service_lets_a_query_join_another_endpoint(served: Served, demo_out: Path) -> None:
    other = Served(demo_out, "--allow-service")
    try:
        rows = other.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{served.url}> "
                          "{ ?d a ag:Document } }")
        assert rows == [("5",)]
    finally:
        other.stop()


def _oxigraph_servers() -> list[str]:
    found = subprocess.run(["pgrep", "-f", "oxigraph serve-read-only"], capture_output=True,
                           text=True, check=False)
    return found.stdout.split()


def test_a_cross_product_ends_at_the_timeout_and_runs_on_nowhere(served: Served) -> None:
    before = len(_oxigraph_servers())
    started = time.monotonic()
    status, body = served.ask("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                              "?g ?h ?i . ?j ?k ?l }", timeout=120)
    elapsed = time.monotonic() - started
    assert status >= 500 and "cancelled after 3 s" in body, (status, body[:300])
    assert elapsed < 3 + 15
    deadline = time.monotonic() + 30
    while len(_oxigraph_servers()) > before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_oxigraph_servers()) <= before, "the runaway query still runs"
    time.sleep(1.0)  # the server started in its place outlives the request that started it
    assert len(_oxigraph_servers()) == before
    for _ in range(3):
        assert served.rows("SELECT (COUNT(*) AS ?n) WHERE { ?d a ag:Document }") == [("5",)]
        time.sleep(0.3)
        assert len(_oxigraph_servers()) == before


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/update", b"update=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fx%3E+%3Chttp%3A%2F%2Fy%3E+%22z%22+%7D"),
    ("PUT", "/store?default", b"<http://x> <http://y> <http://z> ."),
    ("DELETE", "/store?default", b""),
    ("POST", "/store?default", b"<http://x> <http://y> <http://z> ."),
])
def test_nothing_but_reads_gets_through(served: Served, method: str, path: str,
                                        body: bytes) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{served.port}{path}", data=body or None,
                                     method=method,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert "read-only" in refused.value.read().decode("utf-8")
    status, text = served.ask("ASK { <http://x> ?p ?o }")
    assert status == 200 and json.loads(text)["boolean"] is False


def test_the_web_ui_is_served(served: Served) -> None:
    with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/", timeout=10) as response:
        assert response.status == 200
        assert "html" in response.headers.get("Content-Type", "")
