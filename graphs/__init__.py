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

from graphs.analysis import Dyad, centrality, communities, dyads, ego_network, find_node, top_nodes
from graphs.exports import jsonld, ntriples, trig, write_jsonld, write_ntriples, write_trig
from graphs.files import atomic_path, read_graph, turtle, write_text, write_turtle
from graphs.inference import entailments
from graphs.named import NamedQuery, named_queries
from graphs.network import (
    VIEWS,
    collapse_signed,
    cytoscape,
    tables,
    to_networkx,
    write_cytoscape,
    write_gexf,
    write_graphml,
    write_tables,
)
from graphs.pages import MAX_NODES, render_html, write_html
from graphs.rdf import (
    assertion_iri,
    corpus_graph,
    document_graph,
    document_iri,
    node_iri,
    slug,
    to_rdf,
)
from graphs.sparql import FORMATS, Table, query, store_from_graph
from graphs.store import GraphStore
from graphs.validate import Violation, validate

__all__ = [
    "FORMATS",
    "MAX_NODES",
    "VIEWS",
    "Dyad",
    "GraphStore",
    "NamedQuery",
    "Table",
    "Violation",
    "assertion_iri",
    "atomic_path",
    "centrality",
    "collapse_signed",
    "communities",
    "corpus_graph",
    "cytoscape",
    "document_graph",
    "document_iri",
    "dyads",
    "ego_network",
    "entailments",
    "find_node",
    "jsonld",
    "named_queries",
    "node_iri",
    "ntriples",
    "query",
    "read_graph",
    "render_html",
    "slug",
    "store_from_graph",
    "tables",
    "to_networkx",
    "to_rdf",
    "top_nodes",
    "trig",
    "turtle",
    "validate",
    "write_cytoscape",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_jsonld",
    "write_ntriples",
    "write_tables",
    "write_text",
    "write_trig",
    "write_turtle",
]
