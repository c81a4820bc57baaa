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
    connected = sum(1 for n in network if network.degree(n))
    assert drawn == connected  # actors without relations are off by default
    page.click("input[data-filter='isolates']")
    assert page.evaluate("Object.keys(agNetwork.getPositions()).length") == \
        network.number_of_nodes()
    drawn_actors = page.evaluate(
        "agNodes.get().filter(n => ['Person','Organization','Country','Group'].includes(n.cls)).length")
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
    people = page.evaluate("agNodeView.get().filter(n => n.cls === 'Person').length")
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


def _inside_canvas(page) -> bool:
    """Every drawn node lies within the canvas as shown (the view is fitted)."""
    return page.evaluate("""() => {
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return Object.values(agNetwork.getPositions()).every(p => {
            const d = agNetwork.canvasToDOM(p);
            return d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height;
        });
    }""")


def test_the_view_is_fitted_to_what_is_shown(browser, demo_out: Path) -> None:
    page, _r, errors = _open(browser, demo_out / "network.html")
    assert _inside_canvas(page)
    page.click("input[data-filter='isolates']")  # more nodes: fitted again
    assert _inside_canvas(page)
    page.click("input[data-filter='Country']")
    assert _inside_canvas(page) and errors == []


def test_the_legend_shows_shapes_of_the_classes_drawn_only(browser, demo_out: Path) -> None:
    from graphs.pages import CLASS_STYLE

    page, _r, _e = _open(browser, demo_out / "influence.html")
    legend = page.evaluate("""() => [...document.querySelectorAll('#class-filters label')].map(
        l => [l.querySelector('input').dataset.filter, l.querySelector('.glyph').dataset.shape])""")
    drawn = set(page.evaluate("[...new Set(agNodes.get().map(n => n.cls))]"))
    assert {c for c, _shape in legend} == drawn
    assert all(shape == CLASS_STYLE[c][1] for c, shape in legend)


def test_family_colours_are_colour_blind_safe_and_all_differ() -> None:
    from graphs.pages import FAMILY_COLOR, FAMILY_DASHES

    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    colours = list(FAMILY_COLOR.values())
    assert set(colours) <= okabe_ito and len(set(colours)) == len(colours)
    assert FAMILY_DASHES.get("structure")  # told apart by more than colour


def test_search_finds_an_actor_by_any_of_its_names(browser, demo_out: Path) -> None:
    page, _r, _e = _open(browser, demo_out / "network.html")
    soleimani = page.evaluate("agNodes.get().find(n => n.label === 'Qasem Soleimani').id")
    for typed in ("Solemaini", "qsem solemaini", "SOLEIMANI"):
        page.fill("#search", typed)
        assert soleimani in page.evaluate("agNetwork.getSelectedNodes()"), typed


def test_the_strongest_edges_are_labelled_and_others_on_hover(browser, demo_out: Path) -> None:
    from graphs.pages import LABELLED_EDGES

    page, _r, _e = _open(browser, demo_out / "network.html")
    labelled = page.evaluate("agEdges.get().filter(e => e.label).map(e => e.label)")
    assert 0 < len(labelled) <= LABELLED_EDGES
    edge = page.evaluate("agEdges.get().find(e => !e.label && e.predicate === 'killed') ? "
                         "agEdges.get().find(e => !e.label && e.predicate === 'killed').id : "
                         "agEdges.get().find(e => !e.label).id")
    page.evaluate("id => agNetwork.focus(agEdges.get(id).from, {scale: 1.5, animation: false})",
                  edge)
    x, y = _edge_point(page, edge)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert page.evaluate("id => agEdges.get(id).label", edge)


def test_evidence_names_the_outlet_title_and_date_and_links_the_source(browser, tmp_path: Path,
                                                                      ) -> None:
    network = to_networkx(to_rdf([minimal_result()]))
    for _u, _v, data in network.edges(data=True):
        for item in data["evidence"]:
            item.update(title="A Report", publisher="The Outlet", date="2020-01-03",
                        url="https://example.org/report")
    path = write_html(network, tmp_path / "page.html", title="evidence")
    page, _r, _e = _open(browser, path)
    edge = page.evaluate("agEdges.get()[0].id")
    page.evaluate("id => agNetwork.selectEdges([id])", edge)
    page.evaluate("""id => agNetwork.body.emitter.emit('click', {nodes: [], edges: [id]})""", edge)
    details = page.inner_text("#details")
    assert "The Outlet · A Report · 2020-01-03" in details
    assert page.get_attribute("#details a", "href") == "https://example.org/report"
    assert page.get_attribute("#details a", "rel") == "noopener noreferrer"


def test_the_main_page_links_a_page_for_each_most_central_actor(browser, demo_out: Path) -> None:
    from actorgraph.api import FOCUS_PAGES

    page, _r, _e = _open(browser, demo_out / "network.html")
    links = page.evaluate("[...document.querySelectorAll('#pages a')].map(a => [a.textContent, "
                          "a.getAttribute('href')])")
    assert len(links) == FOCUS_PAGES and ["Ali Khamenei", "focus-ali-khamenei.html"] in links
    for _label, href in links:
        assert (demo_out / href).is_file()
    focus, _r, errors = _open(browser, demo_out / links[0][1])
    assert links[0][0] in focus.title() and errors == []


@pytest.mark.parametrize("view", ["network", "conflict", "influence"])
def test_labels_seldom_collide(browser, demo_out: Path, view: str) -> None:
    page, _r, _e = _open(browser, demo_out / f"{view}.html")
    pairs, overlaps = page.evaluate("""() => {
      const boxes = agNodeView.getIds().map(id => agNetwork.body.nodes[id].labelModule.size)
                                        .filter(s => s.width > 0);
      let pairs = 0, overlaps = 0;
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j]; pairs++;
        if (a.left < b.left + b.width && b.left < a.left + a.width &&
            a.top < b.top + b.height && b.top < a.top + a.height) { overlaps++; }
      }
      return [pairs, overlaps];
    }""")
    assert pairs > 10 and overlaps <= max(1, pairs // 100), (pairs, overlaps)


def test_the_time_slider_filters_relations_by_date(browser, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from actorgraph.cli import app
    from tests.actorgraph.test_time import DOCUMENTS

    for name, text in DOCUMENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page, requests, errors = _open(browser, tmp_path / "out" / "network.html")
    assert page.is_visible("#time-box") and page.evaluate("agEdgeView.length") == 3

    def slide(start: int, end: int) -> list[str]:
        page.evaluate(f"""() => {{
            for (const [id, value] of [["time-from", {start}], ["time-to", {end}]]) {{
                const input = document.getElementById(id);
                input.value = value; input.dispatchEvent(new Event("input"));
            }} }}""")
        return sorted(page.evaluate("agEdgeView.get().map(e => e.predicate)"))

    events = lambda: page.eval_on_selector_all("#timeline .event", "es => es.map(e => e.textContent)")  # noqa: E731
    assert events() == ["2015Iran negotiated with United States (2015)"]  # the timeline panel
    assert slide(2015, 2018) == ["criticizes", "negotiatesWith"]
    assert page.inner_text("#time-label") == "2015 \u2013 2018"
    assert slide(2020, 2020) == ["attacks"] and events() == []
    assert not page.is_visible("#timeline-box")
    assert slide(2015, 2020) == ["attacks", "criticizes", "negotiatesWith"]
    assert not errors and all(r.startswith("file:") for r in requests)
