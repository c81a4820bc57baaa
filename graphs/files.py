"""Files: every output is written to a temporary file and renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ontology import PREFIXES, GraphError, bind_prefixes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path, sync: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds.

    A reader (or a crash) never sees a half-written file: the old file stays
    whole until the new one is complete and renamed over it. ``sync=False`` skips
    flushing it to the disk first, for a file whose loss in a power cut costs only its
    remaking (an entry of the extraction cache): a reader still never sees it half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        if sync:
            with open(temporary, "rb") as written:
                os.fsync(written.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_atomic(path: Path, write: Callable[[Path], None], sync: bool = True) -> Path:
    """Call ``write(temporary_path)`` and move the result to ``path`` (see :func:`atomic_path`)."""
    with atomic_path(path, sync) as temporary:
        write(temporary)
    return path


def write_text(path: Path, text: str, sync: bool = True) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_path`)."""
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), sync)


def as_ntriples(graph: Graph | str) -> bytes:
    """The N-Triples of an rdflib graph, or N-Triples text already serialized (a build
    serializes each named graph once, for every file and the store)."""
    if isinstance(graph, str):
        return graph.encode("utf-8")
    return graph.serialize(format="nt", encoding="utf-8")


def ntriples(graph: Graph | str) -> str:
    """N-Triples, one triple a line, sorted."""
    return union_ntriples([graph])


def ntriples_lines(text: str) -> Iterator[str]:
    r"""The lines of N-Triples ``text`` that hold a triple, one at a time (no list of them
    all), cut at line feeds only: a literal may hold U+2028, U+0085, \v, \f ... where
    str.splitlines would cut the triple.

    >>> list(ntriples_lines('<urn:a> <urn:p> "x\u2028y" .\n\n<urn:b> <urn:p> <urn:o> .'))
    ['<urn:a> <urn:p> "x\u2028y" .', '<urn:b> <urn:p> <urn:o> .']
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        start = end + 1
        if line.strip():
            yield line


def union_ntriples(parts: Iterable[Graph | str]) -> str:
    r"""The sorted N-Triples of the union of ``parts`` (rdflib graphs, or N-Triples), each
    triple once.

    Each part's lines are sorted (a part written sorted, as a build's are, costs nothing
    more) and the parts merged in step, so no set or list of every line of the corpus is
    ever held beside the result.

    >>> union_ntriples(["<urn:b> <urn:p> <urn:o> .\n", "<urn:a> <urn:p> <urn:o> .\n"
    ...                 "<urn:b> <urn:p> <urn:o> .\n"]).splitlines()
    ['<urn:a> <urn:p> <urn:o> .', '<urn:b> <urn:p> <urn:o> .']
    """
    import heapq
    import io

    def lines(part: Graph | str) -> Iterator[str]:
        text = part if isinstance(part, str) else as_ntriples(part).decode("utf-8")
        previous = ""
        for line in ntriples_lines(text):
            if line < previous:  # not sorted: this part is sorted here
                return iter(sorted(ntriples_lines(text)))
            previous = line
        return ntriples_lines(text)

    out, last = io.StringIO(), None
    for line in heapq.merge(*(lines(part) for part in parts)):
        if line != last:
            out.write(line)
            out.write("\n")
            last = line
    return out.getvalue() or "\n"


def oxigraph_prefixes() -> dict[str, str]:
    """The project's prefixes in name order, as Oxigraph's serializers take them."""
    return {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}


def turtle(graph: Graph) -> str:
    """Deterministic Turtle: the project's prefixes, subjects in order, each with its
    predicates and objects in order, no blank nodes (:func:`turtle_of_ntriples`).

    >>> from ontology import AG, AGR
    >>> g = Graph()
    >>> _ = g.add((AGR.Iran, AG.sanctions, AGR.Israel))
    >>> print(turtle(g).splitlines()[-1])
    agr:Iran ag:sanctions agr:Israel .
    """
    return turtle_of_ntriples(ntriples(graph))


def turtle_of_ntriples(sorted_ntriples: str) -> str:
    """The Turtle of sorted N-Triples (:func:`ntriples`), written by Oxigraph's serializer:
    rdflib's pretty-printer costs several times as much on a large graph, and a build
    writes both files from the one serialization."""
    triples = ox.parse(sorted_ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                        prefixes=oxigraph_prefixes()).decode("utf-8")


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as deterministic Turtle (:func:`turtle`), atomically."""
    return write_text(path, turtle(graph))


def read_graph(path: Path) -> Graph:
    """Parse a Turtle file (or ``DIR/graph.ttl`` for a build folder).

    Raises
    ------
    GraphError
        The file is missing or not valid Turtle.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise GraphError(f"{path}: no graph here; build one with `actorgraph build INPUT --out DIR`")
    try:
        return bind_prefixes(Graph().parse(path, format="turtle"))
    except Exception as exc:  # rdflib raises many parser exception types
        raise GraphError(f"{path}: not valid Turtle ({exc})") from exc
