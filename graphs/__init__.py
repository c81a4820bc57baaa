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

from graphs.html import render_html, write_html
from graphs.io import atomic_path, read_graph, turtle, write_text, write_turtle
from graphs.network import VIEWS, collapse_signed, to_networkx, write_graphml
from graphs.rdf import assertion_iri, document_iri, node_iri, slug, to_rdf
from graphs.sparql import FORMATS, Table, query, store_from_file, store_from_graph

__all__ = [
    "FORMATS",
    "VIEWS",
    "Table",
    "assertion_iri",
    "atomic_path",
    "collapse_signed",
    "document_iri",
    "node_iri",
    "query",
    "read_graph",
    "render_html",
    "slug",
    "store_from_file",
    "store_from_graph",
    "to_networkx",
    "to_rdf",
    "turtle",
    "write_graphml",
    "write_html",
    "write_text",
    "write_turtle",
]
