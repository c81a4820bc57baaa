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

#: Each public name and the module that defines it (imported on first use).
_EXPORTS = {
    "Dyad": "graphs.analysis",
    "FORMATS": "graphs.sparql",
    "GraphStore": "graphs.store",
    "MAX_NODES": "graphs.pages",
    "NamedQuery": "graphs.named",
    "Table": "graphs.sparql",
    "VIEWS": "graphs.network",
    "Violation": "graphs.shacl",
    "assertion_iri": "graphs.rdf",
    "atomic_path": "graphs.files",
    "centrality": "graphs.analysis",
    "collapse_signed": "graphs.network",
    "communities": "graphs.analysis",
    "corpus_graph": "graphs.rdf",
    "cytoscape": "graphs.network",
    "document_graph": "graphs.rdf",
    "document_iri": "graphs.rdf",
    "dyads": "graphs.analysis",
    "ego_network": "graphs.analysis",
    "entailments": "graphs.inference",
    "find_node": "graphs.analysis",
    "jsonld": "graphs.exports",
    "named_queries": "graphs.named",
    "node_iri": "graphs.rdf",
    "ntriples": "graphs.exports",
    "query": "graphs.sparql",
    "read_graph": "graphs.files",
    "render_html": "graphs.pages",
    "slug": "graphs.rdf",
    "store_from_graph": "graphs.sparql",
    "tables": "graphs.network",
    "to_networkx": "graphs.network",
    "to_rdf": "graphs.rdf",
    "top_nodes": "graphs.analysis",
    "trig": "graphs.exports",
    "turtle": "graphs.files",
    "validate": "graphs.shacl",
    "write_cytoscape": "graphs.network",
    "write_gexf": "graphs.network",
    "write_graphml": "graphs.network",
    "write_html": "graphs.pages",
    "write_jsonld": "graphs.exports",
    "write_ntriples": "graphs.exports",
    "write_tables": "graphs.network",
    "write_text": "graphs.files",
    "write_trig": "graphs.exports",
    "write_turtle": "graphs.files",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = sorted(_EXPORTS)
