"""HTML benchmark: how long a large network page takes to draw and stop moving in Chromium.

Generates a network of 2,000 nodes (fixed seed; a few hubs, many leaves, relations
of every family), writes its page with every node kept, opens it in headless Debian
Chromium (network off) and measures the time from navigation to the end of the
physics (the page switches physics off when its layout has settled), then checks
that no node moves afterwards. The same is measured in the same run for 200 nodes
as the baseline. Target: 2,000 nodes settle in under 10 s.

Usage::

    python bench/html.py [--nodes 2000] [--json bench/results/html.json]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path; bench/html.py shadows no `html`)

# isort: split

import argparse
import platform
import random
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import networkx as nx

from bench.common import RESULTS, save
from graphs import write_html
from ontology import relation_specs

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLASSES = ("Person", "Organization", "Country", "Group")


def generate(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """A scale-free network of ``nodes`` actors with relations of every family."""
    rng = random.Random(seed)
    specs = list(relation_specs().values())
    shape = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    network = nx.MultiDiGraph(view="all")
    for n in shape:
        network.add_node(f"n{n}", label=f"Actor {n}", cls=CLASSES[n % 4], mentions=rng.randint(1, 9),
                         aliases=[], wikidata="")
    for u, v in shape.edges():
        spec = specs[rng.randrange(len(specs))]
        network.add_edge(f"n{u}", f"n{v}", key=spec.name, predicate=spec.name, label=spec.label,
                         family=spec.family_label, view=spec.view, cameo=spec.cameo or "",
                         goldstein=spec.goldstein, symmetric=spec.symmetric, confidence=0.8,
                         weight=1, evidence=[{"source": "bench.txt",
                                              "sentence": f"Actor {u} {spec.label} Actor {v}."}])
    return network


def measure(page: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_context(offline=True, viewport={"width": 1400, "height": 900}).new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        tab.goto(page.as_uri())
        drawn = time.perf_counter() - started
        while not tab.evaluate("window.agStable === true"):  # the page's CSP forbids eval polling
            if time.perf_counter() - started > 120:
                raise TimeoutError(f"{page.name} did not settle within 120 s")
            time.sleep(0.02)
        stable = time.perf_counter() - started
        before = tab.evaluate("JSON.stringify(agNetwork.getPositions())")
        tab.wait_for_timeout(1000)
        after = tab.evaluate("JSON.stringify(agNetwork.getPositions())")
        counts = tab.evaluate("[agNodes.length, agEdges.length]")
        browser.close()
    return {"loaded_s": round(drawn, 2), "stopped_moving_s": round(stable, 2),
            "still_after_1s": before == after, "nodes": counts[0], "edges": counts[1],
            "errors": len(errors)}


def run(nodes: int, baseline: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        results = {}
        measure(write_html(generate(50), Path(folder) / "warmup.html", "warm-up", max_nodes=50))
        for size in (baseline, nodes):
            page = write_html(generate(size), Path(folder) / f"n{size}.html", f"{size} nodes",
                              max_nodes=size)
            results[size] = {**measure(page), "page_bytes": page.stat().st_size}
    return {"nodes": results[nodes], "baseline": {"size": baseline, **results[baseline]},
            "target_s": 10,
            "versions": {"python": platform.python_version(), "pyvis": version("pyvis"),
                         "playwright": version("playwright"), "networkx": version("networkx")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    parser.add_argument("--json", type=Path, default=RESULTS / "html.json")
    args = parser.parse_args()
    result = run(args.nodes, args.baseline)
    for name in ("baseline", "nodes"):
        row = result[name]
        print(f"{row['nodes']:5} nodes, {row['edges']:5} edges: loaded in {row['loaded_s']:.2f} s, "
              f"stopped moving at {row['stopped_moving_s']:.2f} s "
              f"(still 1 s later: {row['still_after_1s']}; page errors: {row['errors']})")
    verdict = "ok" if result["nodes"]["stopped_moving_s"] < 10 else "OVER"
    print(f"target: {args.nodes} nodes settle in under 10 s: {verdict}")
    save(result, args.json)


if __name__ == "__main__":
    main()
