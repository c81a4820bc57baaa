"""The public API: build a corpus into a graph and its outputs, and query it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

import graphs
from extract import DocumentResult, ExtractConfig, Extractor, Skipped, walk
from extract.pipeline import extract_corpus
from ontology import ACTOR_CLASSES, AG, InputError, QueryError, relation_specs

#: The files ``build`` writes into its output folder.
OUTPUTS = ("graph.ttl", "influence.html", "conflict.html", "graph.graphml")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSummary:
    """What a build read, skipped and wrote."""

    documents: int
    skipped: tuple[Skipped, ...]
    entities: dict[str, int]
    relations: dict[str, int]
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """True when no input was skipped."""
        return not self.skipped


def extract_results(
    inputs: Iterable[str | Path], config: ExtractConfig | None = None,
    progress: Progress | None = None,
) -> tuple[list[DocumentResult], list[Skipped]]:
    """Extract every document under ``inputs``; report each input file to ``progress``.

    Raises
    ------
    InputError
        An input does not exist, or not one document could be read.
    """
    items = list(walk(inputs))
    extractor = Extractor(config)
    results: list[DocumentResult] = []
    skipped: list[Skipped] = []
    for index, item in enumerate(items, start=1):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            for found in extract_corpus([item], extractor=extractor):
                (results if isinstance(found, DocumentResult) else skipped).append(found)  # type: ignore[arg-type]
        if progress:
            progress(Path(item.path if isinstance(item, Skipped) else item).name, index, len(items))
    if not results:
        reasons = "; ".join(s.reason for s in skipped[:3]) or "no input"
        raise InputError(f"no document could be read ({reasons})")
    return results, skipped


def build_graph(inputs: Iterable[str | Path], config: ExtractConfig | None = None,
                progress: Progress | None = None) -> tuple[Graph, list[Skipped]]:
    """Extract ``inputs`` and return the RDF graph (in memory) and what was skipped.

    Examples
    --------
    >>> g, skipped = build_graph(["corpus/003_cc976cd41615b2db.txt"])  # doctest: +SKIP
    """
    results, skipped = extract_results(inputs, config, progress)
    return graphs.to_rdf(results), skipped


def summarize(graph: Graph) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes by class and relations (direct triples) by family."""
    entities = {cls: len(set(graph.subjects(RDF.type, AG[cls])))
                for cls in (*ACTOR_CLASSES, "Policy", "Event", "Place")}
    families: Counter[str] = Counter()
    for spec in relation_specs().values():
        families[spec.family_label] += len(list(graph.triples((None, spec.iri, None))))
    return entities, dict(families)


def write_outputs(graph: Graph, out: Path) -> dict[str, Path]:
    """Write Turtle, the influence and conflict pages and GraphML into ``out``.

    Temporary files a killed build left behind are removed first.
    """
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)
    written = {"graph.ttl": graphs.write_turtle(graph, out / "graph.ttl")}
    for view in ("influence", "conflict"):
        network = graphs.to_networkx(graph, view=view)
        written[f"{view}.html"] = graphs.write_html(
            network, out / f"{view}.html", title=f"actorgraph · {view} network")
    written["graph.graphml"] = graphs.write_graphml(graphs.to_networkx(graph), out / "graph.graphml")
    return written


def build(inputs: Iterable[str | Path], out: str | Path, config: ExtractConfig | None = None,
          progress: Progress | None = None) -> BuildSummary:
    """Build ``inputs`` (files or folders) into ``out``: see :data:`OUTPUTS`.

    Every file is written to a temporary name and renamed, so an interrupted
    build leaves the previous outputs whole.
    """
    graph, skipped = build_graph(inputs, config, progress)
    documents = len(set(graph.subjects(RDF.type, AG.Document)))
    entities, relations = summarize(graph)
    outputs = write_outputs(graph, Path(out))
    return BuildSummary(documents, tuple(skipped), entities, relations, outputs)


def load_query(text_or_file: str) -> str:
    """The query text: the argument itself, or the contents of a ``.rq`` file it names."""
    path = Path(text_or_file)
    if text_or_file.endswith((".rq", ".sparql")) or (len(text_or_file) < 300 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read query ({exc.strerror or exc})") from exc
    return text_or_file


def query(sparql: str, graph_dir: str | Path, bindings: Mapping[str, object] | None = None,
          ) -> graphs.Table:
    """Run a SPARQL query (text or ``.rq`` file) against the graph built in ``graph_dir``."""
    path = Path(graph_dir)
    path = path / "graph.ttl" if path.is_dir() else path
    graphs.read_graph(path)  # a clear error for a missing or broken graph
    return graphs.query(graphs.store_from_file(path), load_query(sparql), bindings)
