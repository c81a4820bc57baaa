"""Exchange formats beside Turtle, each deterministic (the same graph, the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graphs.files import ntriples, oxigraph_prefixes, write_text
from ontology import PREFIXES


def trig(named: Mapping[str, Graph]) -> str:
    """TriG with one block per named graph, graphs in name order, triples sorted.

    Written by Oxigraph's serializer (rdflib's TriG writer costs a pretty-printing pass
    per graph, and a build has one graph per document).
    """
    quads = []
    for name in sorted(named):
        graph = ox.NamedNode(name)
        triples = ox.parse(named[name].serialize(format="nt", encoding="utf-8"),
                           format=ox.RdfFormat.N_TRIPLES)
        quads += sorted((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples),
                        key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return ox.serialize(quads, format=ox.RdfFormat.TRIG,
                        prefixes=oxigraph_prefixes()).decode("utf-8")


def jsonld(graph: Graph) -> str:
    """JSON-LD with the project's prefixes as context, nodes sorted by @id."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = [{k: (sorted(v, key=json.dumps) if isinstance(v, list) else v)
              for k, v in node.items()} for node in nodes]
    out = {"@context": context, "@graph": sorted(nodes, key=lambda n: str(n.get("@id", "")))}
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_ntriples(graph: Graph, path: Path) -> Path:
    return write_text(path, ntriples(graph))


def write_trig(named: Mapping[str, Graph], path: Path) -> Path:
    return write_text(path, trig(named))


def write_jsonld(graph: Graph, path: Path) -> Path:
    return write_text(path, jsonld(graph))
