"""Exchange formats beside Turtle, each deterministic (the same graph, the same bytes)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph

from graphs.files import as_ntriples, ntriples, ntriples_lines, oxigraph_prefixes, write_text
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
_XSD_STRING, _RDF_TYPE = str(XSD.string), str(RDF.type)


def jsonld(graph: Graph | str, presorted: bool = False) -> str:
    r"""JSON-LD with the project's prefixes as context, one node a line, nodes sorted by
    ``@id``, each property's values sorted.

    ``graph`` is an rdflib graph or its N-Triples (``presorted``: N-Triples already sorted,
    each triple once, as a build's are, which are then not sorted again). Oxigraph writes the expanded form
    (fast, where rdflib's serializer costs seconds on a large graph), a few thousand
    triples at a time, subject by subject, so the whole graph is never held as JSON; each
    node is then compacted with the prefixes: IRIs as ``prefix:name``, ``rdf:type`` as
    ``@type``, plain strings and integers as JSON values, one value unwrapped from its list.

    >>> text = jsonld('<https://w3id.org/actorgraph/id/Iran> '
    ...               '<http://www.w3.org/2000/01/rdf-schema#label> "Iran" .\n')
    >>> json.loads(text)["@graph"]
    [{'@id': 'agr:Iran', 'rdfs:label': 'Iran'}]
    """
    context = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}
    compact = _compactor(context)
    nodes = []
    text = graph if presorted and isinstance(graph, str) else ntriples(graph)
    for chunk in _by_subject(ntriples_lines(text)):  # (no list of every line)
        triples = ox.parse("\n".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        for node in json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"):
            node = compact(node)
            nodes.append((node["@id"], json.dumps(node, ensure_ascii=False, sort_keys=True)))
    head = json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")
    body = ",\n  ".join(text for _id, text in sorted(nodes))
    return f'{{\n "@context": {head},\n "@graph": [\n  {body}\n ]\n}}\n' if nodes else \
        f'{{\n "@context": {head},\n "@graph": []\n}}\n'


#: Triples a time that Oxigraph writes as JSON-LD (a chunk ends where a subject does).
_CHUNK = 5000


def _by_subject(lines: Iterable[str]) -> Iterator[list[str]]:
    """Sorted N-Triples lines in chunks of about :data:`_CHUNK`, no subject split."""
    chunk: list[str] = []
    for line in lines:
        if not line:
            continue
        if len(chunk) >= _CHUNK and not line.startswith(chunk[-1].split(" ", 1)[0] + " "):
            yield chunk
            chunk = []
        chunk.append(line)
    if chunk:
        yield chunk


def _compact_iri(value: str, iris: list[tuple[str, str]]) -> str:
    """``value`` as ``prefix:name`` under the first of ``iris`` (namespace, prefix) that
    is a namespace of it (longest first), else as it is."""
    for namespace, prefix in iris:
        rest = value[len(namespace):]
        if value.startswith(namespace) and rest and not rest.startswith("//"):
            return f"{prefix}:{rest}"
    return value


def _compactor(context: Mapping[str, str]) -> Callable[[dict], dict]:
    """A function from one expanded JSON-LD node to its compact form under ``context``."""
    iris = sorted(((ns, prefix) for prefix, ns in context.items()), key=lambda p: -len(p[0]))
    compacted: dict[str, str] = {}  # a graph names the same IRIs again and again

    def iri(value: str) -> str:
        found = compacted.get(value)
        if found is None:
            if len(compacted) >= 100_000:
                compacted.clear()
            found = compacted[value] = _compact_iri(value, iris)
        return found

    def literal(item: dict) -> object:
        if "@id" in item:
            return {"@id": iri(item["@id"])}
        kind, text = item.get("@type"), item["@value"]
        if "@language" in item:
            return item
        if kind is None or kind == _XSD_STRING:
            return text
        if kind in _NATIVE:
            return _NATIVE[kind](text)
        return {"@type": iri(kind), "@value": text}

    def node(expanded: dict) -> dict:
        out: dict[str, object] = {"@id": iri(expanded["@id"])}
        for key, items in expanded.items():
            if key == "@id":
                continue
            if key == "@type" or (key == _RDF_TYPE and all("@id" in v for v in items)):
                values = sorted(iri(v if isinstance(v, str) else v["@id"]) for v in items)
                name = "@type"
            else:
                values = [literal(v) for v in items]
                if len(values) > 1:
                    values.sort(key=json.dumps)
                name = iri(key)
            out[name] = values[0] if len(values) == 1 else values
        return out

    return node


def write_ntriples(graph: Graph, path: Path) -> Path:
    return write_text(path, ntriples(graph))


def write_trig(named: Mapping[str, Graph | str], path: Path) -> Path:
    return write_text(path, trig(named))


def write_jsonld(graph: Graph | str, path: Path, presorted: bool = False) -> Path:
    return write_text(path, jsonld(graph, presorted))
