"""NetworkX views of the graph: who leads, fights and cooperates with whom.

A view keeps the relations of some families (``influence``: influence and
structure; ``conflict``: verbal and material conflict; ``cooperation``) and
every actor, so that isolates stay visible. Families, CAMEO codes and
Goldstein weights come from the ontology.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from extract.dates import in_period
from graphs.files import write_atomic, write_text
from graphs.views import VIEWS
from ontology import ACTOR_CLASSES, AG, GraphError, relation_specs

_CLASS_IRIS = {AG[c]: c for c in (*ACTOR_CLASSES, "Policy", "Event", "Place")}


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _node_attributes(graph: Graph, node: URIRef) -> dict[str, object]:
    classes = sorted(_CLASS_IRIS[c] for c in graph.objects(node, RDF.type) if c in _CLASS_IRIS)
    same = [str(s) for s in graph.objects(node, OWL.sameAs) if "wikidata" in str(s)]
    count = graph.value(node, AG.mentionCount)
    return {
        "label": str(graph.value(node, RDFS.label) or _local(node)),
        "aliases": sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
        "cls": next((c for c in classes if c in ACTOR_CLASSES), classes[0] if classes else ""),
        "wikidata": _local(URIRef(same[0])) if same else "",
        "mentions": int(count) if count is not None else 0,
    }


def _evidence(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], list[dict[str, object]]]:
    found: dict[tuple[URIRef, URIRef, URIRef], list[dict[str, object]]] = {}
    for assertion in graph.subjects(RDF.type, AG.Assertion):
        stance = str(graph.value(assertion, AG.stance) or "")
        if stance == "denied":
            continue  # no evidence for the relation it denies
        key = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
               graph.value(assertion, RDF.object))
        claimant = graph.value(assertion, AG.claimedBy)
        doc = graph.value(assertion, PROV.wasDerivedFrom)
        url = str(graph.value(doc, DCTERMS.source) or "")
        found.setdefault(key, []).append({  # type: ignore[arg-type]
            "source": str(graph.value(doc, AG.sourceFile) or ""),
            "title": str(graph.value(doc, DCTERMS.title) or ""),
            "publisher": str(graph.value(doc, DCTERMS.publisher) or ""),
            "date": str(graph.value(doc, DCTERMS.issued) or ""),
            "url": url if url.startswith(("http://", "https://")) else "",
            "sentence": str(graph.value(assertion, AG.sentence) or ""),
            "start": int(graph.value(assertion, AG.startOffset) or 0),
            "end": int(graph.value(assertion, AG.endOffset) or 0),
            "confidence": float(graph.value(assertion, AG.confidence) or 0),
            "when": str(graph.value(assertion, AG.refersTo) or ""),
            "stance": stance,
            "claimant": str(graph.value(claimant, RDFS.label) or "") if claimant else "",
        })
    for items in found.values():
        items.sort(key=lambda e: (-e["confidence"], e["source"], e["start"]))  # type: ignore[operator]
    return found


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise GraphError(f"view {view!r}, expected one of {', '.join(VIEWS)}")


def to_networkx(graph: Graph, view: str = "all", start: str | None = None,
                end: str | None = None) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of the actors and the relations of ``view``, or of the relations
    that some sentence dates within ``start`` .. ``end`` (ISO dates, years or months;
    either may be open), each with only the sentences of that period.

    Nodes are IRIs with ``label``, ``cls``, ``wikidata`` and ``mentions``;
    edges are keyed by predicate and carry ``predicate``, ``family``, ``cameo``,
    ``goldstein``, ``confidence`` (the best assertion's), ``weight`` (how many
    sentences state it), ``dates`` (the dates its sentences refer to) and
    ``evidence`` (source file, sentence, offsets, date).

    Raises
    ------
    GraphError
        ``view`` is not one of :data:`VIEWS`, or a date is not one.
    """
    _check_view(view)
    for bound in (start, end):
        if bound is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", bound):
            raise GraphError(f"{bound!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    period = start is not None or end is not None
    specs = {spec.iri: spec for spec in relation_specs().values()
             if view == "all" or spec.view == view}
    network = nx.MultiDiGraph(view=view)
    for node in sorted(graph.subjects(RDF.type, AG.Actor)):
        network.add_node(str(node), **_node_attributes(graph, node))
    evidence = _evidence(graph)
    stated = sorted((s, p, o) for p in specs for s, o in graph.subject_objects(p))
    for subject, predicate, obj in stated:
        spec = specs[predicate]  # type: ignore[index]
        items = evidence.get((subject, predicate, obj), [])  # type: ignore[arg-type]
        if period:
            items = [e for e in items if in_period(str(e["when"]), start, end)]
            if not items:
                continue
        for node in (subject, obj):
            if str(node) not in network:
                network.add_node(str(node), **_node_attributes(graph, node))  # type: ignore[arg-type]
        network.add_edge(
            str(subject), str(obj), key=spec.name, predicate=spec.name, label=spec.label,
            family=spec.family_label, view=spec.view, cameo=spec.cameo or "",
            goldstein=spec.goldstein, symmetric=spec.symmetric,
            confidence=max((float(e["confidence"]) for e in items), default=0.0),  # type: ignore[arg-type]
            weight=len(items), evidence=items,
            dates=sorted({str(e["when"]) for e in items if e["when"]}),
        )
    network.graph["events"] = _dated_events(graph, start, end)
    return network


def restrict(network: nx.MultiDiGraph, view: str) -> nx.MultiDiGraph:
    """The ``view`` of a network of all relations (:func:`to_networkx` with ``view="all"``):
    what :func:`to_networkx` gives for that view, without reading the RDF again. Every
    actor stays; a policy, event or place stays when a relation of the view reaches it.

    Raises
    ------
    GraphError
        ``view`` is not one of :data:`VIEWS`.
    """
    _check_view(view)
    kept = nx.MultiDiGraph(**{**network.graph, "view": view})
    kept.add_nodes_from((n, d) for n, d in network.nodes(data=True)
                        if d.get("cls") in ACTOR_CLASSES)
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    for u, v, key, data in edges:  # in the order to_networkx adds them: sorted triples
        if view != "all" and data["view"] != view:
            continue
        for node in (u, v):
            if node not in kept:
                kept.add_node(node, **network.nodes[node])
        kept.add_edge(u, v, key=key, **data)
    return kept


def _dated_events(graph: Graph, start: str | None, end: str | None) -> list[dict[str, object]]:
    """The dated events of ``graph`` (of the period, if one is given), in date order: date,
    label, kind, and the IRIs of their agents and targets."""
    found = []
    for event in graph.subjects(RDF.type, AG.Event):
        date = graph.value(event, AG.date)
        if date is None or ((start or end) and not in_period(str(date), start, end)):
            continue
        kinds = sorted(_local(c) for c in graph.objects(event, RDF.type)
                       if str(c).startswith(str(AG)) and c != AG.Event)
        found.append({"date": str(date), "label": str(graph.value(event, RDFS.label) or ""),
                      "kind": kinds[0] if kinds else "Event",
                      "actors": sorted(str(a) for p in (AG.agent, AG.target)
                                       for a in graph.objects(event, p))})
    return sorted(found, key=lambda e: (e["date"], e["label"]))


def collapse_signed(network: nx.MultiDiGraph) -> nx.DiGraph:
    """One edge per ordered pair, ``weight`` the sum of its relations' Goldstein weights.

    Relations without a Goldstein weight (influence, structure) add 0 but are
    listed in ``relations``.
    """
    signed = nx.DiGraph(view=network.graph.get("view", "all"))
    signed.add_nodes_from(network.nodes(data=True))
    for u, v, data in network.edges(data=True):
        if signed.has_edge(u, v):
            edge = signed.edges[u, v]
        else:
            signed.add_edge(u, v, weight=0.0, relations=[])
            edge = signed.edges[u, v]
        edge["weight"] += data["goldstein"] or 0.0
        edge["relations"].append(data["predicate"])
    return signed


#: What XML 1.0 may not hold, even escaped (C0 controls but tab and line ends, lone
#: surrogates, U+FFFE, U+FFFF): lxml refuses to write it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _scalar(value: object) -> object:
    """An attribute as GraphML and GEXF take it: lists flattened to text, and every
    character XML cannot hold replaced by U+FFFD (document text lands here)."""
    if isinstance(value, list):
        value = " | ".join(
            f"{e['source']}: {e['sentence']}" if isinstance(e, dict) else str(e) for e in value)
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    return "" if value is None else value


def _flat(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network with list attributes flattened to text (GraphML and GEXF want scalars)."""
    flat = nx.MultiDiGraph(**{k: _scalar(v) for k, v in network.graph.items() if k != "events"})
    flat.add_nodes_from((n, {k: _scalar(v) for k, v in d.items()})
                        for n, d in network.nodes(data=True))
    flat.add_edges_from((u, v, k, {a: _scalar(b) for a, b in d.items()})
                        for u, v, k, d in network.edges(keys=True, data=True))
    return flat


def write_graphml(network: nx.MultiDiGraph, path: Path) -> Path:
    """Write GraphML (Gephi, Cytoscape, yEd), atomically."""
    flat = _flat(network)
    return write_atomic(path, lambda p: nx.write_graphml(flat, str(p), encoding="utf-8"))


def write_gexf(network: nx.MultiDiGraph, path: Path) -> Path:
    """Write GEXF (Gephi's own format), node labels as labels, atomically."""
    flat = _flat(network)
    return write_atomic(path, lambda p: nx.write_gexf(flat, str(p), encoding="utf-8"))


def cytoscape(network: nx.MultiDiGraph) -> dict:
    """Cytoscape.js JSON (``elements`` with ``nodes`` and ``edges``), as Cytoscape imports it."""
    data = nx.cytoscape_data(network, name="label", ident="id")
    for element in data["elements"]["nodes"]:
        element["data"]["name"] = element["data"].get("label", element["data"]["id"])
    for index, element in enumerate(data["elements"]["edges"]):
        element["data"]["id"] = f"e{index}"
        element["data"]["interaction"] = element["data"].get("predicate", "")
    return data


def write_cytoscape(network: nx.MultiDiGraph, path: Path) -> Path:
    """Write Cytoscape JSON (``.cyjs``), atomically."""
    text = json.dumps(cytoscape(network), ensure_ascii=False, indent=1, sort_keys=True)
    return write_text(path, text + "\n")


def tables(network: nx.MultiDiGraph):  # -> tuple[pandas.DataFrame, pandas.DataFrame]
    """Node and edge tables as pandas DataFrames (one row per node, per relation)."""
    import pandas as pd

    from graphs.analysis import centrality

    scores = centrality(network)
    nodes = pd.DataFrame([{"id": n, "label": d.get("label", ""), "class": d.get("cls", ""),
                           "wikidata": d.get("wikidata", ""), "mentions": d.get("mentions", 0),
                           "aliases": " | ".join(d.get("aliases", ())), **scores[n]}
                          for n, d in network.nodes(data=True)],
                         columns=["id", "label", "class", "wikidata", "mentions", "aliases",
                                  "pagerank", "betweenness", "degree"])
    edges = pd.DataFrame([{"source": u, "target": v, "source_label": network.nodes[u]["label"],
                           "target_label": network.nodes[v]["label"], "predicate": k,
                           "family": d["family"], "cameo": d["cameo"], "goldstein": d["goldstein"],
                           "confidence": d["confidence"], "sentences": d["weight"],
                           "evidence": _scalar(d["evidence"])}
                          for u, v, k, d in network.edges(keys=True, data=True)],
                         columns=["source", "target", "source_label", "target_label", "predicate",
                                  "family", "cameo", "goldstein", "confidence", "sentences",
                                  "evidence"])
    return nodes.sort_values("id", ignore_index=True), edges.sort_values(
        ["source", "target", "predicate"], ignore_index=True)


def write_tables(network: nx.MultiDiGraph, nodes_path: Path, edges_path: Path) -> tuple[Path, Path]:
    """Write the node and edge tables as CSV, atomically."""
    nodes, edges = tables(network)
    return (write_text(nodes_path, nodes.to_csv(index=False, float_format="%.6f")),
            write_text(edges_path, edges.to_csv(index=False, float_format="%.6f")))
