"""Network analysis that NetworkX users expect, on the views of :func:`to_networkx`.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="Ali Khamenei", aliases=["Khamenei"], cls="Person")
>>> g.add_node("b", label="Qasem Soleimani", aliases=[], cls="Person")
>>> _ = g.add_edge("a", "b", key="appointed", goldstein=None, family="influence")
>>> find_node(g, "khamenei")
'a'
>>> sorted(ego_network(g, "Qasem Soleimani", depth=1))
['a', 'b']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from extract.text import did_you_mean, normalize_name
from ontology import ACTOR_CLASSES, GraphError, relation_specs


def find_node(network: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or alias is ``name`` (normalised), or whose IRI it is.

    Raises
    ------
    GraphError
        No node is called so, or several are.
    """
    if name in network:
        return name
    wanted = normalize_name(name)
    found = [n for n, d in network.nodes(data=True)
             if wanted in {normalize_name(x) for x in (d.get("label", ""), *d.get("aliases", ()))}]
    if len(found) == 1:
        return found[0]
    if not found:
        hint = did_you_mean(name, (d.get("label", "") for _n, d in network.nodes(data=True)))
        raise GraphError(f"no actor is called {name!r} in this network{hint}")
    labels = ", ".join(sorted(network.nodes[n]["label"] for n in found))
    raise GraphError(f"{name!r} names several nodes ({labels}); use a full name or the IRI")


def ego_network(network: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The actors within ``depth`` relations of ``name`` (either direction), and their relations."""
    center = find_node(network, name)
    nodes = nx.single_source_shortest_path_length(network.to_undirected(as_view=True), center,
                                                  cutoff=depth)
    ego = induced(network, nodes)
    ego.graph.update(focus=center, depth=depth)
    return ego


def induced(network: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """A copy of ``network`` with only ``nodes`` and the relations among them, nodes and
    relations in the order ``network`` has them (``network.subgraph(nodes).copy()`` orders
    them by a set's iteration, which changes from process to process, and so does the
    PageRank a page sizes its nodes by, in the last digits).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="leads"); _ = g.add_edge("b", "c", key="leads")
    >>> list(induced(g, {"c", "b"}).edges(keys=True))
    [('b', 'c', 'leads')]
    """
    kept = set(nodes)
    copy = nx.MultiDiGraph(**network.graph)
    copy.add_nodes_from((n, data) for n, data in network.nodes(data=True) if n in kept)
    copy.add_edges_from((u, v, k, data) for u, v, k, data in network.edges(keys=True, data=True)
                        if u in kept and v in kept)
    return copy


def _simple(network: nx.MultiDiGraph) -> nx.DiGraph:
    simple = nx.DiGraph()
    simple.add_nodes_from(network.nodes)
    for u, v in network.edges():
        if u != v:
            weight = simple.edges[u, v]["weight"] + 1 if simple.has_edge(u, v) else 1
            simple.add_edge(u, v, weight=weight)
    return simple


def prominence(network: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node on the undirected network, weighted by how many relations
    join two nodes: an actor is prominent whether it acts or is acted on (a leader whose
    relations all point outwards is still central). Linear in the relations.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("khamenei", "irgc", key="leads")
    >>> _ = g.add_edge("khamenei", "soleimani", key="appointed")
    >>> rank = prominence(g)
    >>> max(rank, key=rank.get)
    'khamenei'
    """
    undirected = _simple(network).to_undirected()
    if not undirected.number_of_edges():
        return dict.fromkeys(network, 1 / max(len(network), 1))
    return nx.pagerank(undirected, weight="weight")


#: The work exact betweenness may take (sources x relations) before it is estimated from
#: a sample of sources instead: exact betweenness costs a shortest-path search from every
#: node, which grows with the square of the network.
BETWEENNESS_BUDGET = 1_000_000


def betweenness(network: nx.MultiDiGraph, budget: int = BETWEENNESS_BUDGET,
                seed: int = 7) -> dict[str, float]:
    """Normalised betweenness of every node on the undirected network: exact while the
    nodes times the relations stay within ``budget``, else estimated from as many
    sources (chosen with ``seed``, so the same network gives the same figures) as the
    budget allows, and at least 64.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="leads")
    >>> _ = g.add_edge("b", "c", key="leads")
    >>> betweenness(g)["b"]
    1.0
    """
    undirected = _simple(network).to_undirected()
    nodes, edges = undirected.number_of_nodes(), max(undirected.number_of_edges(), 1)
    sources = None if nodes * edges <= budget else min(nodes, max(64, budget // edges))
    return nx.betweenness_centrality(undirected, k=sources, normalized=True, seed=seed)


def centrality(network: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """PageRank (:func:`prominence`), betweenness (:func:`betweenness`) and degree of
    every node, by node."""
    pagerank, between = prominence(network), betweenness(network)
    return {n: {"pagerank": pagerank[n], "betweenness": between[n],
                "degree": network.degree(n)} for n in network}


def communities(network: nx.MultiDiGraph, seed: int = 7) -> list[set[str]]:
    """Groups of actors more tied to each other than to the rest (Louvain), largest first;
    actors without relations are left out."""
    undirected = nx.Graph()
    for u, v in network.edges():
        if u != v:
            weight = undirected.edges[u, v]["weight"] + 1 if undirected.has_edge(u, v) else 1
            undirected.add_edge(u, v, weight=weight)
    if not undirected.number_of_edges():
        return []
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


@dataclass(frozen=True)
class Dyad:
    """What one actor does to another: ``a`` acts on ``b`` (for a symmetric relation,
    negotiation or cooperation, the two in label order)."""

    a: str
    b: str
    weight: float  # the sum of the Goldstein weights of their relations
    relations: tuple[str, ...]


def dyads(network: nx.MultiDiGraph, kind: str = "conflict", top: int = 10) -> list[Dyad]:
    """The strongest conflict (most negative Goldstein sum) or cooperation (most positive)
    dyads between actors (a policy or an event is nobody's partner), each with its
    direction: who does it to whom.

    Raises
    ------
    GraphError
        ``kind`` is not "conflict" or "cooperation".
    """
    if kind not in ("conflict", "cooperation"):
        raise GraphError(f"dyad kind {kind!r}, expected conflict or cooperation")
    sums: dict[tuple[str, str], list] = {}
    specs = relation_specs()
    for u, v, key, data in network.edges(keys=True, data=True):
        weight = data.get("goldstein")
        if weight is None or (weight < 0) != (kind == "conflict") or u == v:
            continue
        if not {network.nodes[u].get("cls"), network.nodes[v].get("cls")} <= set(ACTOR_CLASSES):
            continue
        spec = specs.get(str(data.get("predicate")))
        pair = tuple(sorted((u, v))) if spec and spec.symmetric else (u, v)
        entry = sums.setdefault(pair, [0.0, []])  # type: ignore[arg-type]
        entry[0] += weight
        entry[1].append(key)
    ranked = sorted(sums.items(), key=lambda kv: (kv[1][0] if kind == "conflict" else -kv[1][0],
                                                  kv[0]))
    return [Dyad(a, b, round(w, 2), tuple(sorted(r))) for (a, b), (w, r) in ranked[:top]]


def top_nodes(network: nx.MultiDiGraph, limit: int) -> list[str]:
    """The ``limit`` most central nodes (PageRank, then degree, then label)."""
    rank = prominence(network)
    order = sorted(network, key=lambda n: (-rank[n], -network.degree(n),
                                           network.nodes[n].get("label", n)))
    return order[:limit]



def influence_rank(network: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank along the direction influence flows: over the influence relations (leads,
    appointed, advises, influences ...) turned round, so that rank passes from who is led,
    appointed or advised to who leads, appoints or advises. Nodes without an influence
    relation get 0.

    >>> g = nx.MultiDiGraph()
    >>> for leader, led in (("khamenei", "irgc"), ("khamenei", "soleimani"), ("irgc", "quds")):
    ...     _ = g.add_edge(leader, led, key="leads", family="influence")
    >>> rank = influence_rank(g)
    >>> max(rank, key=rank.get), rank["quds"] < rank["irgc"]
    ('khamenei', True)
    """
    flow = nx.DiGraph()
    for u, v, data in network.edges(data=True):
        if data.get("family") == "influence" and u != v:
            weight = flow.edges[v, u]["weight"] + 1 if flow.has_edge(v, u) else 1
            flow.add_edge(v, u, weight=weight)
    if not flow.number_of_edges():
        return dict.fromkeys(network, 0.0)
    rank = nx.pagerank(flow, weight="weight")
    return {n: rank.get(n, 0.0) for n in network}


def signed_degree(network: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Each node's conflict and cooperation degree signed by Goldstein weight: the sums of
    the (negative) weights of its conflict relations and of the (positive) weights of its
    cooperation relations, either way round, one count per distinct relation.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("us", "iran", key="sanctions", goldstein=-8.0)
    >>> _ = g.add_edge("iran", "us", key="negotiatesWith", goldstein=3.5)
    >>> signed_degree(g)["iran"]
    (-8.0, 3.5)
    """
    sums = {n: [0.0, 0.0] for n in network}
    for u, v, data in network.edges(data=True):
        weight = data.get("goldstein")
        if weight is None or u == v:
            continue
        for end in (u, v):
            sums[end][0 if weight < 0 else 1] += weight
    return {n: (round(c, 2), round(p, 2)) for n, (c, p) in sums.items()}
