"""The HTML views in a real headless Chromium, with the network off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from graphs import query, to_networkx, to_rdf, write_html
from tests.conftest import CHROMIUM
from tests.graphs.fixtures import hostile_result, minimal_result

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _open(browser, path: Path):
    context = browser.new_context(offline=True)
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.agStable === true", timeout=30_000)
    return page, requests, errors


@pytest.mark.parametrize("view", ["influence", "conflict"])
def test_demo_page_draws_every_actor_offline(browser, demo_out: Path, view: str) -> None:
    graph = Graph().parse(demo_out / "graph.ttl")
    actors = query(graph, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ag:Actor }").rows[0][0]
    network = to_networkx(graph, view=view)
    page, requests, errors = _open(browser, demo_out / f"{view}.html")
    drawn = page.evaluate("Object.keys(agNetwork.getPositions()).length")
    drawn_actors = page.evaluate(
        "agNodes.get().filter(n => ['Person','Organization','Country','Group'].includes(n.cls)).length")
    assert drawn == network.number_of_nodes()
    assert drawn_actors == actors > 20
    assert page.evaluate("agEdges.length") == network.number_of_edges()
    assert page.evaluate("document.querySelector('#network canvas') !== null")
    assert [u for u in requests if not u.startswith("file:")] == []
    assert errors == []


def test_hostile_text_never_runs(browser, tmp_path: Path) -> None:
    network = to_networkx(to_rdf([minimal_result(), hostile_result()]))
    path = write_html(network, tmp_path / "hostile.html", title='<script>alert("t")</script>')
    page, _requests, errors = _open(browser, path)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.title() == '<script>alert("t")</script>'  # shown as text


def test_class_filter_hides_nodes(browser, demo_out: Path) -> None:
    page, _r, _e = _open(browser, demo_out / "influence.html")
    before = page.evaluate("agNodeView.length")
    people = page.evaluate("agNodes.get().filter(n => n.cls === 'Person').length")
    page.click("input[data-filter='Person']")
    assert page.evaluate("agNodeView.length") == before - people > 0
