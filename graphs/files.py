"""Files: every output is written to a temporary file and renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph

from ontology import GraphError, bind_prefixes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds.

    A reader (or a crash) never sees a half-written file: the old file stays
    whole until the new one is complete and renamed over it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` and move the result to ``path``."""
    with atomic_path(path) as temporary:
        write(temporary)
    return path


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def turtle(graph: Graph) -> str:
    """Deterministic Turtle: bound prefixes, sorted subjects and objects, no blank nodes."""
    return bind_prefixes(graph).serialize(format="turtle")


def write_turtle(graph: Graph, path: Path) -> Path:
    """Write ``graph`` as deterministic Turtle, atomically."""
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
