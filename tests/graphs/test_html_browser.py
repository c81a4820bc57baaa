"""The HTML views in a real headless Chromium, with the network off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from graphs import query, to_networkx, to_rdf, write_html
from tests.browser import wait_until_stable
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
    wait_until_stable(page)
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


def _edge_point(page, edge_id: str) -> tuple[float, float]:
    """Where an edge's middle is drawn, in page coordinates."""
    point = page.evaluate("""id => {
        const edge = agNetwork.body.edges[id];
        const p = edge.edgeType.getPoint(0.5);
        const dom = agNetwork.canvasToDOM(p);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [dom.x + box.left, dom.y + box.top];
    }""", edge_id)
    return point[0], point[1]


def test_hovering_an_edge_shows_its_evidence(browser, demo_out: Path) -> None:
    page, _r, errors = _open(browser, demo_out / "conflict.html")
    edge = page.evaluate("agEdges.get().find(e => e.predicate === 'killed').id")
    sentence = page.evaluate("id => agEdges.get(id).raw.evidence[0].sentence", edge)
    page.evaluate("id => agNetwork.focus(agEdges.get(id).from, {scale: 1.5, animation: false})", edge)
    x, y = _edge_point(page, edge)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "killed" in text and sentence[:40] in text and "000_b9230b571cf0778a.txt" in text
    assert errors == []


def test_a_family_filter_hides_its_relations(browser, demo_out: Path) -> None:
    page, _r, _e = _open(browser, demo_out / "conflict.html")
    material = page.evaluate("agEdges.get().filter(e => e.family === 'material conflict').length")
    before = page.evaluate("agEdgeView.length")
    page.click("input[data-filter='material conflict']")
    assert page.evaluate("agEdgeView.length") == before - material and material > 0
    assert page.evaluate("agEdgeView.get().every(e => e.family !== 'material conflict')")


def test_a_large_graph_keeps_its_central_nodes_and_says_so(browser, tmp_path: Path) -> None:
    import networkx as nx

    from graphs import write_html

    network = nx.MultiDiGraph(view="all")
    for index in range(60):
        network.add_node(f"n{index}", label=f"Actor {index}", cls="Person", mentions=1)
    for index in range(1, 60):
        network.add_edge("n0", f"n{index}", key="supports", predicate="supports", label="supports",
                         family="cooperation", view="cooperation", cameo="05", goldstein=3.5,
                         symmetric=False, confidence=0.8, weight=1, evidence=[])
    path = write_html(network, tmp_path / "big.html", title="big", max_nodes=20)
    page, _r, errors = _open(browser, path)
    assert page.evaluate("agNodes.length") == 20
    assert page.evaluate("agNodes.get().some(n => n.label === 'Actor 0')")
    notice = page.inner_text("#notice")
    assert "20 most central of 60 nodes" in notice and errors == []
