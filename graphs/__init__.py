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

from ontology.lazy import lazy_exports

#: Each module and the public names it defines (imported on first use).
_EXPORTS = {
    "graphs.analysis": (
        "Dyad", "betweenness", "centrality", "communities", "dyads", "ego_network", "induced",
        "find_node", "influence_rank", "prominence", "signed_degree", "top_nodes",
    ),
    "graphs.exports": (
        "jsonld", "trig", "write_jsonld", "write_ntriples", "write_trig",
    ),
    "graphs.files": ("as_ntriples", "atomic_path", "ntriples", "ntriples_lines",
                     "oxigraph_prefixes", "read_graph", "turtle", "turtle_of_ntriples",
                     "union_ntriples", "write_text", "write_turtle"),
    "graphs.inference": ("entailed_ntriples", "entailments"),
    "graphs.named": ("NamedQuery", "named_queries"),
    "graphs.network": (
        "collapse_signed", "cytoscape", "restrict", "tables", "tally", "to_networkx",
        "write_cytoscape",
        "write_gexf", "write_graphml", "write_tables",
    ),
    "graphs.pages": ("MAX_NODES", "render_html", "write_html"),
    "graphs.rdf": (
        "assertion_iri", "corpus_graph", "corpus_ntriples", "document_graph", "document_iri",
        "document_ntriples", "node_iri", "slug", "to_rdf", "union",
    ),
    "graphs.shacl": ("Violation", "revalidate", "validate", "violating"),
    "graphs.sparql": ("FORMATS", "Table", "query", "store_from_graph"),
    "graphs.store": ("GraphStore",),
    "graphs.views": ("VIEWS",),
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = __dir__()
