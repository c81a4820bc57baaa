"""NetworkX views of the graph: who leads, fights and cooperates with whom.

A view keeps the relations of some families (``influence``: influence and
structure; ``conflict``: verbal and material conflict; ``cooperation``) and
every actor, so that isolates stay visible. Families, CAMEO codes and
Goldstein weights come from the ontology.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from extract.dates import in_period
from graphs.files import write_atomic, write_text
from graphs.store import DERIVED_GRAPHS, asserted_quads
from graphs.views import VIEWS
from ontology import ACTOR_CLASSES, AG, GraphError, relation_specs

_CLASS_IRIS = {str(AG[c]): c for c in (*ACTOR_CLASSES, "Policy", "Event", "Place")}


def _local(iri: str) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: The subjects and values of one predicate (for ``?p``) in what a store asserts: its default
#: graph and every named graph but :data:`graphs.store.DERIVED_GRAPHS`.
_COLUMN = ("SELECT ?s ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN ("
           + ", ".join(f"<{name}>" for name in sorted(DERIVED_GRAPHS)) + ")) } }")


class _Triples:
    """What :func:`to_networkx` reads of a graph, the same for an rdflib graph and for an
    Oxigraph store (a build's): nodes and values as text (IRIs, and literals' lexical
    forms). Of a store, what the texts say (:func:`graphs.store.asserted_quads`). A node's
    properties are read by predicate, each predicate's subjects and values at once (one
    look-up where one for each node cost a call and a filter of all its triples)."""

    def __init__(self, graph: Graph | ox.Store) -> None:
        self.graph = graph
        self.rdflib = isinstance(graph, Graph)
        self._columns: dict[str, dict[str, list[str]]] = {}

    def _quads(self, s: str | None, p: str | None, o: str | None):
        if self.rdflib:
            return self.graph.triples((s and URIRef(s), p and URIRef(p), o and URIRef(o)))
        return ((q.subject, q.predicate, q.object) for q in asserted_quads(
            self.graph, s and ox.NamedNode(s), p and ox.NamedNode(p), o and ox.NamedNode(o)))

    def _text(self, term) -> str:
        return str(term) if self.rdflib else term.value

    def column(self, predicate: str) -> dict[str, list[str]]:
        """Every subject of ``predicate`` with its values (read once, then kept)."""
        found = self._columns.get(predicate)
        if found is None:
            found = {}
            pairs = (((s, o) for s, _p, o in self._quads(None, predicate, None)) if self.rdflib
                     else self.graph.query(_COLUMN.replace("?p", str(ox.NamedNode(predicate)))))
            for s, o in pairs:  # (SPARQL decodes two terms where a quad decodes four)
                found.setdefault(self._text(s), []).append(self._text(o))
            self._columns[predicate] = found
        return found

    def value(self, node: str | None, predicate: str) -> str | None:
        found = self.column(predicate).get(node, ()) if node else ()
        return min(found) if found else None

    def properties(self, node: str, predicates: Iterable[str]) -> dict[str, list[str]]:
        """The values of ``node`` for each of ``predicates`` that it has."""
        return {str(p): values for p in predicates if (values := self.column(str(p)).get(node))}

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return sorted({self._text(s) for s, _p, _o in self._quads(None, predicate, obj)})

    def subject_objects(self, predicate: str) -> list[tuple[str, str]]:
        return [(self._text(s), self._text(o)) for s, _p, o in self._quads(None, predicate, None)]


def _first(properties: dict[str, list[str]], predicate: str) -> str:
    """The (least) value of ``predicate`` among ``properties``, or ""."""
    return min(properties.get(str(predicate), ()), default="")


_NODE_PREDICATES = (RDF.type, OWL.sameAs, AG.mentionCount, RDFS.label, SKOS.altLabel)
_ASSERTION_PREDICATES = (AG.stance, RDF.subject, RDF.predicate, RDF.object, AG.claimedBy,
                         PROV.wasDerivedFrom, AG.sentence, AG.startOffset, AG.endOffset,
                         AG.confidence, AG.refersTo)
_DOCUMENT_PREDICATES = (DCTERMS.source, AG.sourceFile, DCTERMS.title, DCTERMS.publisher,
                        DCTERMS.issued)
_EVENT_PREDICATES = (AG.date, RDF.type, RDFS.label, AG.agent, AG.target)


def _node_attributes(graph: _Triples, node: str) -> dict[str, object]:
    found = graph.properties(node, _NODE_PREDICATES)
    classes = sorted(_CLASS_IRIS[c] for c in found.get(str(RDF.type), ()) if c in _CLASS_IRIS)
    same = sorted(s for s in found.get(str(OWL.sameAs), ()) if "wikidata" in s)
    count = _first(found, AG.mentionCount)
    return {
        "label": _first(found, RDFS.label) or _local(node),
        "aliases": sorted(found.get(str(SKOS.altLabel), ())),
        "cls": next((c for c in classes if c in ACTOR_CLASSES), classes[0] if classes else ""),
        "wikidata": _local(same[0]) if same else "",
        "mentions": int(count) if count else 0,
    }


def tally(graph: Graph | ox.Store) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes by class and relations (direct triples) by family, of an rdflib graph or of
    what a store asserts (every graph but the inferred one).

    >>> tally(Graph())[0]["Person"]
    0
    """
    triples = _Triples(graph)
    entities = {cls: len(triples.subjects(str(RDF.type), str(AG[cls])))
                for cls in (*ACTOR_CLASSES, "Policy", "Event", "Place")}
    families: dict[str, int] = {}
    for spec in relation_specs().values():
        families[spec.family_label] = (families.get(spec.family_label, 0)
                                       + len(triples.subject_objects(str(spec.iri))))
    return entities, families


def _evidence(graph: _Triples) -> dict[tuple[str, str, str], list[dict[str, object]]]:
    found: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    documents: dict[str, dict[str, list[str]]] = {}
    for assertion in graph.subjects(str(RDF.type), str(AG.Assertion)):
        told = graph.properties(assertion, _ASSERTION_PREDICATES)
        value = functools.partial(_first, told)
        stance = value(AG.stance)
        if stance == "denied":
            continue  # no evidence for the relation it denies
        key = (value(RDF.subject), value(RDF.predicate), value(RDF.object))
        claimant = value(AG.claimedBy)
        doc = value(PROV.wasDerivedFrom)
        if doc not in documents:
            documents[doc] = graph.properties(doc, _DOCUMENT_PREDICATES) if doc else {}
        about = functools.partial(_first, documents[doc])
        url = about(DCTERMS.source)
        found.setdefault(key, []).append({
            "source": about(AG.sourceFile),
            "title": about(DCTERMS.title),
            "publisher": about(DCTERMS.publisher),
            "date": about(DCTERMS.issued),
            "url": url if url.startswith(("http://", "https://")) else "",
            "sentence": value(AG.sentence),
            "start": int(value(AG.startOffset) or 0),
            "end": int(value(AG.endOffset) or 0),
            "confidence": float(value(AG.confidence) or 0),
            "when": value(AG.refersTo),
            "stance": stance,
            "claimant": (graph.value(claimant, str(RDFS.label)) or "") if claimant else "",
        })
    for items in found.values():
        items.sort(key=lambda e: (-e["confidence"], e["source"], e["start"]))  # type: ignore[operator]
    return found


def _check_view(view: str) -> None:
    if view not in VIEWS:
        raise GraphError(f"view {view!r}, expected one of {', '.join(VIEWS)}")


def to_networkx(graph: Graph | ox.Store, view: str = "all", start: str | None = None,
                end: str | None = None) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` of the actors and the relations of ``view``, or of the relations
    that some sentence dates within ``start`` .. ``end`` (ISO dates, years or months;
    either may be open), each with only the sentences of that period.

    Nodes are IRIs with ``label``, ``cls``, ``wikidata`` and ``mentions``;
    edges are keyed by predicate and carry ``predicate``, ``family``, ``cameo``,
    ``goldstein``, ``confidence`` (the best assertion's), ``weight`` (how many
    sentences state it), ``dates`` (the dates its sentences refer to) and
    ``evidence`` (source file, sentence, offsets, date).

    ``graph`` is an rdflib graph, or an Oxigraph store such as a build's
    (``pyoxigraph.Store.read_only("out/store")``), of which every graph is read but the
    inferred one and the ontology's: the same network as of the build's graph.nt.

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
    specs = {str(spec.iri): spec for spec in relation_specs().values()
             if view == "all" or spec.view == view}
    network = nx.MultiDiGraph(view=view)
    graph = _Triples(graph)
    for node in graph.subjects(str(RDF.type), str(AG.Actor)):
        network.add_node(node, **_node_attributes(graph, node))
    evidence = _evidence(graph)
    stated = sorted({(s, p, o) for p in specs for s, o in graph.subject_objects(p)})
    for subject, predicate, obj in stated:
        spec = specs[predicate]
        items = evidence.get((subject, predicate, obj), [])
        if period:
            items = [e for e in items if in_period(str(e["when"]), start, end)]
            if not items:
                continue
        for node in (subject, obj):
            if node not in network:
                network.add_node(node, **_node_attributes(graph, node))
        network.add_edge(
            subject, obj, key=spec.name, predicate=spec.name, label=spec.label,
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


def _dated_events(graph: _Triples, start: str | None, end: str | None,
                  ) -> list[dict[str, object]]:
    """The dated events of ``graph`` (of the period, if one is given), in date order: date,
    label, kind, and the IRIs of their agents and targets."""
    found = []
    for event in graph.subjects(str(RDF.type), str(AG.Event)):
        told = graph.properties(event, _EVENT_PREDICATES)
        date = _first(told, AG.date)
        if not date or ((start or end) and not in_period(date, start, end)):
            continue
        kinds = sorted(_local(c) for c in told.get(str(RDF.type), ())
                       if c.startswith(str(AG)) and c != str(AG.Event))
        found.append({"date": date, "label": _first(told, RDFS.label),
                      "kind": kinds[0] if kinds else "Event",
                      "actors": sorted(a for p in (AG.agent, AG.target)
                                       for a in told.get(str(p), ()))})
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
