"""Analysis helpers and exports on the real demo graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from graphs import (
    betweenness,
    centrality,
    communities,
    dyads,
    ego_network,
    find_node,
    restrict,
    tables,
    to_networkx,
    write_cytoscape,
    write_gexf,
)
from ontology import GraphError

AGR = "https://w3id.org/actorgraph/id/"


@pytest.fixture(scope="module")
def demo_graph(demo_out: Path) -> Graph:
    return Graph().parse(demo_out / "graph.ttl")


def _edges(network: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(network.nodes[u]["label"], k, network.nodes[v]["label"])
            for u, v, k in network.edges(keys=True)}


@pytest.mark.parametrize(("focus", "depth"), [("Qasem Soleimani", 2), ("Ali Khamenei", 3)])
def test_ego_network_shows_appointment_leadership_and_units(demo_graph: Graph, focus: str,
                                                            depth: int) -> None:
    """Khamenei - Soleimani - Quds Force - IRGC: the relations the articles state."""
    ego = ego_network(to_networkx(demo_graph), focus, depth=depth)
    edges = _edges(ego)
    assert ("Ali Khamenei", "appointed", "Qasem Soleimani") in edges
    assert ("Qasem Soleimani", "leads", "Quds Force") in edges
    assert ("Quds Force", "partOf", "Islamic Revolutionary Guard Corps") in edges
    assert ego.nodes[ego.graph["focus"]]["label"] == focus


def test_conflict_view_shows_the_strike_that_killed_soleimani(demo_graph: Graph) -> None:
    conflict = to_networkx(demo_graph, view="conflict")
    assert ("United States", "killed", "Qasem Soleimani") in _edges(conflict)
    [evidence] = [d["evidence"] for u, v, k, d in conflict.edges(keys=True, data=True)
                  if k == "killed"]
    assert any("drone strike killed him" in e["sentence"] for e in evidence)


@pytest.mark.parametrize(("name", "expected"), [
    ("Ali Khamenei", "Ali_Khamenei"), ("khamenei", "Ali_Khamenei"), ("Solemaini", "Qasem_Soleimani"),
    ("the Quds Force", "Quds_Force"),
])
def test_find_node_by_label_or_alias(demo_graph: Graph, name: str, expected: str) -> None:
    assert find_node(to_networkx(demo_graph), name) == AGR + expected


def test_find_node_says_what_is_missing(demo_graph: Graph) -> None:
    with pytest.raises(GraphError, match="no actor is called 'Nobody'"):
        find_node(to_networkx(demo_graph), "Nobody")


def test_centrality_ranks_the_central_actors_first(demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    scores = centrality(network)
    top = sorted(scores, key=lambda n: -scores[n]["pagerank"])[:5]
    assert {AGR + "Ali_Khamenei", AGR + "Qasem_Soleimani"} <= set(top)
    assert all(0 <= s["betweenness"] <= 1 for s in scores.values())


def test_betweenness_is_exact_within_its_budget_and_a_fixed_sample_beyond(
        demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    simple = nx.Graph((u, v) for u, v in network.edges() if u != v)
    simple.add_nodes_from(network)
    assert betweenness(network) == pytest.approx(nx.betweenness_centrality(simple))
    large = nx.MultiDiGraph(nx.barabasi_albert_graph(400, 2, seed=1))  # 400 x 796 > budget
    exact = nx.betweenness_centrality(nx.Graph(large))
    estimated = betweenness(large, budget=100 * large.number_of_edges())  # 100 sources
    assert estimated == betweenness(large, budget=100 * large.number_of_edges())  # same sample
    assert estimated != pytest.approx(exact)
    hubs = sorted(exact, key=exact.get, reverse=True)[:5]
    assert set(hubs) & set(sorted(estimated, key=estimated.get, reverse=True)[:10])


@pytest.mark.parametrize("view", ["all", "influence", "conflict", "cooperation"])
def test_a_view_of_the_whole_network_is_the_view_read_from_rdf(demo_graph: Graph,
                                                              view: str) -> None:
    everything, read = to_networkx(demo_graph), to_networkx(demo_graph, view=view)
    kept = restrict(everything, view)
    assert list(kept.nodes(data=True)) == list(read.nodes(data=True))
    assert list(kept.edges(keys=True, data=True)) == list(read.edges(keys=True, data=True))
    assert kept.graph == read.graph


def test_dyads(demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    conflict, cooperation = dyads(network, "conflict", 3), dyads(network, "cooperation", 3)
    assert conflict[0].weight < 0 < cooperation[0].weight
    assert {conflict[0].a, conflict[0].b} == {AGR + "Iran", AGR + "United_States"}
    with pytest.raises(GraphError):
        dyads(network, "friendship")


def test_communities_are_deterministic(demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    first = communities(network)
    assert first == communities(network) and len(first) >= 2
    together = next(c for c in first if AGR + "Quds_Force" in c)
    assert AGR + "Islamic_Revolutionary_Guard_Corps" in together


def test_gephi_and_cytoscape_files_open(demo_graph: Graph, tmp_path: Path) -> None:
    network = to_networkx(demo_graph)
    gexf = nx.read_gexf(write_gexf(network, tmp_path / "g.gexf"))
    assert gexf.number_of_nodes() == network.number_of_nodes()
    data = json.loads(write_cytoscape(network, tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    assert len(data["elements"]["nodes"]) == network.number_of_nodes()
    assert len(data["elements"]["edges"]) == network.number_of_edges()
    assert nx.cytoscape_graph(data, name="label", ident="id").number_of_nodes() == \
        network.number_of_nodes()


def test_csv_tables(demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    nodes, edges = tables(network)
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    assert {"label", "class", "wikidata", "pagerank", "betweenness"} <= set(nodes.columns)
    killed = edges[edges.predicate == "killed"].iloc[0]
    assert (killed.source_label, killed.goldstein, killed.cameo) == ("United States", -10.0, "186")


def test_dyads_say_who_does_it_to_whom_and_pair_actors_only(demo_graph: Graph) -> None:
    network = to_networkx(demo_graph)
    conflict = dyads(network, "conflict", 50)
    pairs = {(d.a, d.b): d.relations for d in conflict}
    assert "killed" in pairs[(AGR + "United_States", AGR + "Qasem_Soleimani")]
    assert (AGR + "Qasem_Soleimani", AGR + "United_States") not in pairs or \
        "killed" not in pairs[(AGR + "Qasem_Soleimani", AGR + "United_States")]
    classes = {network.nodes[n]["cls"] for d in conflict + dyads(network, "cooperation", 50)
               for n in (d.a, d.b)}
    assert classes <= {"Person", "Organization", "Country", "Group"}


def test_a_part_of_a_network_keeps_its_order_in_every_process() -> None:
    """The page of the most central nodes and the focus pages are parts of a network:
    their nodes in a set's order would size the nodes differently from run to run."""
    import subprocess
    import sys

    script = ("import networkx as nx; from graphs import induced, ego_network; "
              "g = nx.MultiDiGraph(); "
              "[g.add_edge(f'n{i}', f'n{(i * 7) % 40}', key='leads', weight=1) for i in range(40)]; "
              "[g.nodes[n].update(label=n) for n in g]; "
              "print(list(induced(g, {f'n{i}' for i in range(0, 40, 3)}).edges(keys=True)), "
              "list(ego_network(g, 'n1', 3)))")
    root = Path(__file__).resolve().parents[2]
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                              text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                   "PYTHONPATH": str(root)}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1b", "\ud800", "\ufffe", "\uffff"])
def test_graphml_and_gexf_take_any_text(bad: str, tmp_path: Path) -> None:
    """Document text lands in node labels and edge evidence; XML cannot hold every
    character, so what it cannot hold becomes U+FFFD instead of failing the build."""
    from graphs import write_gexf, write_graphml

    g = nx.MultiDiGraph()
    g.add_node("a", label=f"Iran{bad}Iraq", aliases=[f"x{bad}y"], cls="Country")
    g.add_node("b", label="Israel", aliases=[], cls="Country")
    g.add_edge("a", "b", key="attacks", predicate="attacks",
               evidence=[{"source": "d.txt", "sentence": f"It{bad} attacked."}])
    back = nx.read_graphml(write_graphml(g, tmp_path / "g.graphml"))
    assert back.nodes["a"]["label"] == "Iran\ufffdIraq"
    assert "It\ufffd attacked." in next(iter(back.edges(data=True)))[2]["evidence"]
    gexf = nx.read_gexf(write_gexf(g, tmp_path / "g.gexf"))
    assert "Iran\ufffdIraq" in {d.get("label") for _n, d in gexf.nodes(data=True)}
