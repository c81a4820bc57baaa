"""Exchange formats beside Turtle, each deterministic (the same graph, the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graphs.files import write_text
from ontology import PREFIXES, bind_prefixes


def ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, sorted."""
    # split on line feeds only: a literal may hold U+2028, U+0085, \v, \f ... (str.splitlines
    # would cut the triple there)
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def trig(named: Mapping[str, Graph]) -> str:
    """TriG with one block per named graph, graphs in name order."""
    blocks = []
    for name in sorted(named):
        body = bind_prefixes(Graph())
        body += named[name]
        dataset = bind_prefixes(Dataset())
        dataset.graph(URIRef(name)).__iadd__(body)
        text = dataset.serialize(format="trig")
        blocks.append(text)
    prefixes = sorted({line for block in blocks for line in block.split("\n")
                       if line.startswith("@prefix")})
    bodies = ["\n".join(line for line in block.split("\n") if not line.startswith("@prefix")).strip()
              for block in blocks]
    return "\n".join(prefixes) + "\n\n" + "\n\n".join(b for b in bodies if b) + "\n"


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
