"""The persistent graph store: an embedded Oxigraph database in the build folder.

Named graphs keep what was read apart from what was derived:

``agr:graph/doc/<id>``  what one document states (its node, assertions, events);
``agr:graph/corpus``    the merged nodes, the direct relation triples, named events;
``agr:graph/inferred``  what the ontology entails from them (never asserted);
``agr:graph/ontology``  the ontology.

Every fact is stored once, so the union default graph has no duplicates. A
rebuild replaces only the graphs of documents whose content changed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graphs.files import as_ntriples
from graphs.rdf import slug
from graphs.sparql import Table, query
from ontology import AG, AGR, GraphError

CORPUS_GRAPH = AGR["graph/corpus"]
INFERRED_GRAPH = AGR["graph/inferred"]
ONTOLOGY_GRAPH = AGR["graph/ontology"]
#: The graphs of a build's store that say nothing of the texts: what the ontology entails,
#: and the ontology itself (read apart by what shows or checks what the texts say).
DERIVED_GRAPHS = frozenset({str(INFERRED_GRAPH), str(ONTOLOGY_GRAPH)})
_DOC_PREFIX = str(AGR["graph/doc/"])


_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
            ".nq": ox.RdfFormat.N_QUADS}


def asserted_quads(store: ox.Store, s=None, p=None, o=None) -> Iterator[ox.Quad]:
    """The quads of ``store`` that match the pattern, in every graph but
    :data:`DERIVED_GRAPHS`: what the texts say."""
    return (q for q in store.quads_for_pattern(s, p, o)
            if not (isinstance(q.graph_name, ox.NamedNode)
                    and q.graph_name.value in DERIVED_GRAPHS))


def document_graph_iri(doc_id: str) -> str:
    """The IRI of the named graph that holds one document's statements."""
    return _DOC_PREFIX + slug(doc_id)


class GraphStore:
    """A pyoxigraph store with one named graph per document.

    Examples
    --------
    >>> store = GraphStore()            # in memory; GraphStore(path) persists
    >>> store.document_hashes()
    {}
    """

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        self.path = path
        try:
            if path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
        except OSError as exc:
            raise GraphError(f"{path}: cannot open the graph store ({exc}); is another "
                             f"actorgraph process (serve, build) using it?") from exc

    # -- writing --------------------------------------------------------------

    def replace_graph(self, name: str, graph: Graph | str) -> None:
        """Make the named graph ``name`` hold exactly ``graph``'s triples (an rdflib graph,
        or its N-Triples).

        A graph the store holds already is brought to the new triples by removing and
        adding only those that differ: a rebuild changes little of the corpus graph, and
        Oxigraph removes a quad at about the cost of adding one.
        """
        target = ox.NamedNode(str(name))
        text = as_ntriples(graph)
        if not self.store.contains_named_graph(target):
            self.store.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
            return
        # compared as the store keeps them: Oxigraph stores a literal by its value, so
        # "0.850"^^xsd:decimal reads back as "0.85", and a triple parsed from the text would
        # differ from its stored twin (added as a no-op, then its twin removed: lost)
        canonical = ox.Store()
        canonical.load(text, format=ox.RdfFormat.N_TRIPLES)
        new = {q.triple for q in canonical}
        old = {q.triple for q in self.store.quads_for_pattern(None, None, None, target)}
        self.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, target)
                               for t in new - old)
        for t in old - new:
            self.store.remove(ox.Quad(t.subject, t.predicate, t.object, target))

    def replace_graphs(self, named: Mapping[str, Graph | str]) -> None:
        """:meth:`replace_graph` for each of ``named``, those the store does not hold yet
        written in one bulk load (a first build writes every graph; Oxigraph's bulk
        loader costs a fraction of a transaction per graph)."""
        fresh = []
        for name, graph in named.items():
            if self.store.contains_named_graph(ox.NamedNode(str(name))):
                self.replace_graph(name, graph)
            else:
                fresh.append(name)
        if fresh:  # as one stream of N-Quads, parsed and written by Oxigraph alone
            self.store.bulk_load(_NQuads((name, named[name]) for name in fresh),
                                 format=ox.RdfFormat.N_QUADS)

    def remove_graph(self, name: str) -> None:
        target = ox.NamedNode(str(name))
        if self.store.contains_named_graph(target):
            self.store.remove_graph(target)

    def load_file(self, path: Path, graph: str | None = None) -> None:
        """Bulk-load an RDF file (Turtle, N-Triples into ``graph``; TriG, N-Quads keep
        their own graphs). Fast and without a transaction: for imports, not for rebuilds.

        Raises
        ------
        GraphError
            The format is unknown or the file is not valid.
        """
        fmt = _FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise GraphError(f"{path}: unknown RDF format (expected {', '.join(sorted(_FORMATS))})")
        target = ox.NamedNode(graph) if graph and fmt in (ox.RdfFormat.TURTLE,
                                                          ox.RdfFormat.N_TRIPLES) else None
        try:
            self.store.bulk_load(path=str(path), format=fmt, to_graph=target)
        except (OSError, SyntaxError, ValueError) as exc:
            raise GraphError(f"{path}: cannot load ({exc})") from exc

    def flush(self) -> None:
        self.store.flush()

    # -- reading --------------------------------------------------------------

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def document_hashes(self) -> dict[str, str]:
        """Document graph IRI -> the content hash of the document it holds."""
        hashes = {}
        for name in self.graph_names():
            if name.startswith(_DOC_PREFIX):
                found = list(self.store.quads_for_pattern(None, ox.NamedNode(str(AG.contentHash)),
                                                          None, ox.NamedNode(name)))
                hashes[name] = found[0].object.value if found else ""
        return hashes

    def graph_ntriples(self, name: str) -> list[str]:
        """The triples of one named graph as sorted N-Triples lines (for comparisons)."""
        out = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        return sorted(line for line in out.decode("utf-8").splitlines() if line)

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None,
              inferred: bool = True) -> Table:
        """SPARQL over the union of the asserted graphs (and the inferred one).

        With ``inferred`` this is Oxigraph's union default graph, as fast with 10,000
        document graphs as with one; without, the graphs are listed, which costs a little
        per graph."""
        if inferred:
            return query(self.store, sparql, bindings, union=True)
        names = [n for n in self.graph_names() if n != str(INFERRED_GRAPH)]
        return query(self.store, sparql, bindings,
                     default_graph=[ox.NamedNode(n) for n in names])

    def __len__(self) -> int:
        return len(self.store)


_LINE_END = re.compile(rb"[ \t]*\.[ \t]*\r?\n")


class _NQuads(io.RawIOBase):
    """N-Quads read from named graphs' N-Triples one graph at a time (each line given its
    graph's name), so that a bulk load of every graph holds no more than one of them
    twice."""

    def __init__(self, graphs: Iterable[tuple[str, Graph | str]]) -> None:
        self._graphs = iter(graphs)
        self._chunk = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._chunk:
            name, graph = next(self._graphs, (None, None))
            if name is None:
                return 0
            # a line ends in its full stop, and no line feed is in a term (escaped there)
            text = _LINE_END.sub(b" <" + str(name).encode() + b"> .\n",
                                 as_ntriples(graph).rstrip() + b"\n")
            self._chunk = memoryview(text)
        size = min(len(buffer), len(self._chunk))
        buffer[:size] = self._chunk[:size]
        self._chunk = self._chunk[size:]
        return size


def graphs_in(names: Iterable[str]) -> list[str]:
    """Only the document graphs among ``names``."""
    return [n for n in names if n.startswith(_DOC_PREFIX)]
