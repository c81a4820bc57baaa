"""Graphs: extraction results -> RDF -> Turtle, SPARQL, NetworkX, HTML and GraphML.

This stage knows the ontology and the extraction stage's dataclasses; it never
parses text.

Examples
--------
>>> from graphs import to_rdf, to_networkx, query
>>> g = to_rdf([])
>>> to_networkx(g, view="conflict").number_of_nodes()
0
>>> query(g, "ASK { ?s ?p ?o }").rows
[(False,)]
"""

from graphs.exports import jsonld, ntriples, trig, write_jsonld, write_ntriples, write_trig
from graphs.files import atomic_path, read_graph, turtle, write_text, write_turtle
from graphs.inference import entailments
from graphs.named import NamedQuery, named_queries
from graphs.network import VIEWS, collapse_signed, to_networkx, write_graphml
from graphs.pages import render_html, write_html
from graphs.rdf import (
    assertion_iri,
    corpus_graph,
    document_graph,
    document_iri,
    node_iri,
    slug,
    to_rdf,
)
from graphs.sparql import FORMATS, Table, query, store_from_file, store_from_graph
from graphs.store import GraphStore
from graphs.validate import Violation, validate

__all__ = [
    "FORMATS",
    "VIEWS",
    "GraphStore",
    "NamedQuery",
    "Table",
    "Violation",
    "assertion_iri",
    "atomic_path",
    "collapse_signed",
    "corpus_graph",
    "document_graph",
    "document_iri",
    "entailments",
    "jsonld",
    "named_queries",
    "node_iri",
    "ntriples",
    "query",
    "read_graph",
    "render_html",
    "slug",
    "store_from_file",
    "store_from_graph",
    "to_networkx",
    "to_rdf",
    "trig",
    "turtle",
    "validate",
    "write_graphml",
    "write_html",
    "write_jsonld",
    "write_ntriples",
    "write_text",
    "write_trig",
    "write_turtle",
]
