"""Exchange formats beside Turtle, each deterministic (the same graph, the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph

from graphs.files import as_ntriples, ntriples, oxigraph_prefixes, write_text
from ontology import PREFIXES


def trig(named: Mapping[str, Graph | str]) -> str:
    """TriG with one block per named graph, graphs in name order, triples sorted.

    Each graph is an rdflib graph or its N-Triples. Written by Oxigraph's serializer
    (rdflib's TriG writer costs a pretty-printing pass per graph, and a build has one
    graph per document).
    """
    quads = []
    for name in sorted(named):
        graph = ox.NamedNode(name)
        triples = ox.parse(as_ntriples(named[name]), format=ox.RdfFormat.N_TRIPLES)
        quads += sorted((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples),
                        key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    return ox.serialize(quads, format=ox.RdfFormat.TRIG,
                        prefixes=oxigraph_prefixes()).decode("utf-8")


#: Literals that JSON writes natively (``"ag:degree": 3``): the datatypes JSON-LD's
#: compaction turns into JSON numbers and booleans, and reads back as the same literal.
_NATIVE = {str(XSD.integer): int, str(XSD.boolean): lambda v: v == "true"}


def jsonld(graph: Graph | str) -> str:
    r"""JSON-LD with the project's prefixes as context, nodes sorted by ``@id``, each
    property's values sorted.

    ``graph`` is an rdflib graph or its N-Triples. Oxigraph writes the expanded form
    (fast, where rdflib's serializer costs seconds on a large graph); it is then
    compacted with the prefixes: IRIs as ``prefix:name``, ``rdf:type`` as ``@type``,
    plain strings and integers as JSON values, one value unwrapped from its list.

    >>> text = jsonld('<https://w3id.org/actorgraph/id/Iran> '
    ...               '<http://www.w3.org/2000/01/rdf-schema#label> "Iran" .\n')
    >>> json.loads(text)["@graph"]
    [{'@id': 'agr:Iran', 'rdfs:label': 'Iran'}]
    """
    context = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    triples = ox.parse(as_ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
    iris = sorted(((ns, prefix) for prefix, ns in context.items()), key=lambda p: -len(p[0]))

    def compact(iri: str) -> str:
        for namespace, prefix in iris:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def value(item: dict) -> object:
        if "@id" in item:
            return {"@id": compact(item["@id"])}
        kind, text = item.get("@type"), item["@value"]
        if "@language" in item:
            return item
        if kind is None or kind == str(XSD.string):
            return text
        if kind in _NATIVE:
            return _NATIVE[kind](text)
        return {"@type": compact(kind), "@value": text}

    nodes = []
    for node in expanded:
        out: dict[str, object] = {"@id": compact(node["@id"])}
        for key, items in node.items():
            if key == "@id":
                continue
            if key == "@type" or (key == str(RDF.type) and all("@id" in v for v in items)):
                values = sorted(compact(v if isinstance(v, str) else v["@id"]) for v in items)
                name = "@type"
            else:
                values = sorted((value(v) for v in items), key=json.dumps)
                name = compact(key)
            out[name] = values[0] if len(values) == 1 else values
        nodes.append(out)
    document = {"@context": context, "@graph": sorted(nodes, key=lambda n: str(n["@id"]))}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_ntriples(graph: Graph, path: Path) -> Path:
    return write_text(path, ntriples(graph))


def write_trig(named: Mapping[str, Graph | str], path: Path) -> Path:
    return write_text(path, trig(named))


def write_jsonld(graph: Graph | str, path: Path) -> Path:
    return write_text(path, jsonld(graph))
