"""The public API: build a corpus into a graph, its store and its outputs; query it."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

import graphs
import graphs.remote as graphs_remote
from actorgraph import background
from actorgraph import curation as curation_mod
from actorgraph.cache import ExtractionCache
from actorgraph.endpoint import Endpoint
from actorgraph.folder import BuildFolder, Generation
from extract import EXTRACTOR_NAME, DocumentResult, ExtractConfig, Skipped, merge_corpus_events, walk
from extract.documents import ReadDocument
from extract.readers import read_inputs, unique
from extract.text import did_you_mean, normalize_name
from graphs.store import (
    CORPUS_GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    GraphStore,
    document_graph_iri,
    graphs_in,
)
from ontology import (
    ACTOR_CLASSES,
    ONTOLOGY_PATH,
    SHAPES_PATH,
    GraphError,
    InputError,
    QueryError,
    load_ontology,
    relation_specs,
)

#: The files ``build`` writes into its output folder (besides ``store/``).
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld", "network.html",
           "influence.html", "conflict.html", "cooperation.html", "graph.graphml", "graph.gexf",
           "graph.cyjs", "nodes.csv", "edges.csv")
#: The page of each view: "all" is network.html.
PAGES = {"all": "network.html", "influence": "influence.html", "conflict": "conflict.html",
         "cooperation": "cooperation.html"}
STORE = "store"

if TYPE_CHECKING:  # (networkx and pyshacl load on first use: `query` needs neither)
    import networkx as nx
    import pyoxigraph as ox

    from extract import Extractor
    from graphs.shacl import Violation

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSummary:
    """What a build read, re-extracted, skipped, wrote and found invalid."""

    documents: int
    skipped: tuple[Skipped, ...]
    entities: dict[str, int]
    relations: dict[str, int]
    outputs: dict[str, Path] = field(default_factory=dict)
    extracted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    violations: tuple[Violation, ...] = ()
    inferred: int = 0
    notes: tuple[str, ...] = ()  # "FILE: what was done to read it" (long sentences cut, ...)
    generation: int = 0  # the number of this build in its folder
    cache: tuple[int, int] = (0, 0)  # entries and bytes of the extraction cache
    unchanged: bool = False  # nothing changed since the last build: it was kept as it is
    #: seconds by phase: read, model, parse, rules, merge, rdf, inference, validation,
    #: exports, networks, shapes, pages, store, wait, switch (exports, the network files
    #: and the shapes' judgement of the whole graph run beside pages, validation and the
    #: store, in processes of their own where there are two CPUs; wait is what the build
    #: then waited for them)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """True when no input was skipped."""
        return not self.skipped


class _Corpus:
    """Reads inputs and extracts them, reusing cached results; loads the model lazily."""

    def __init__(self, config: ExtractConfig, cache: ExtractionCache | None,
                 scheduler: str | None = None, known: Mapping[str, list] | None = None) -> None:
        self.config = config
        self.cache = cache
        self.scheduler = scheduler  # a Dask scheduler to parse on, or None: here
        #: The files unchanged since the last build, each with the documents it gave then
        #: ([id, content hash, renamed]): their cached results are taken without reading.
        self.known = known or {}
        #: What this build read: file -> [[document id, content hash, renamed]].
        self.reads: dict[str, list] = {}
        self._extractor: Extractor | None = None
        self.results: list[DocumentResult] = []
        self.skipped: list[Skipped] = []
        self.extracted: list[str] = []
        self.ids: set[str] = set()
        #: Seconds spent reading, loading the model, parsing, applying the rules and
        #: writing the results to the cache.
        self.timings = {"read": 0.0, "model": 0.0, "parse": 0.0, "rules": 0.0, "cache": 0.0}

    @property
    def extractor(self) -> Extractor:
        """The loaded pipeline (spaCy is imported here, when a document needs it)."""
        if self._extractor is None:
            from extract import Extractor

            self._extractor = Extractor(self.config)
        return self._extractor

    def _unread(self, item: Path | Skipped) -> bool:
        """Take the cached results of a file unchanged since the last build without reading
        it, when they are all there and its documents keep their ids (none is taken by a
        document read before it, none was renamed to be unique). False if it must be read."""
        entry = self.known.get(str(item)) if self.cache and not isinstance(item, Skipped) else None
        if not entry or any(doc_id in self.ids or renamed for doc_id, _hash, renamed in entry):
            return False
        found = [self.cache.get(doc_id, content_hash) for doc_id, content_hash, _ in entry]
        if any(result is None for result in found):
            return False
        self.results.extend(found)  # type: ignore[arg-type]
        self.ids.update(doc_id for doc_id, _hash, _renamed in entry)
        self.reads[str(item)] = entry
        return True

    def read(self, inputs: Iterable[str | Path], progress: Progress | None) -> None:
        """Read every input, reuse the cached results, and extract the others in one
        stream (:meth:`extract.Extractor.extract_stream`): the model is loaded only when
        a document needs it, and documents are read as the stream asks for them."""
        items = list(walk(inputs))
        waiting: deque[int] = deque()  # the places in self.results the stream fills

        def uncached() -> Iterator[tuple[ReadDocument, str]]:
            for index, item in enumerate(items, start=1):
                started = time.perf_counter()
                kept = self._unread(item)
                found = ([] if kept else [(item.path, item)] if isinstance(item, Skipped)
                         else read_inputs([item], self.config.max_bytes))
                for where, doc in found:
                    if isinstance(doc, Skipped):
                        self.skipped.append(doc)
                        continue
                    read = unique(doc, where, self.ids)
                    self.reads.setdefault(str(item), []).append(
                        [read.document.id, read.document.content_hash,
                         read.document.id != doc.document.id])
                    cached = (self.cache.get(read.document.id, read.document.content_hash,
                                             read.document.text) if self.cache else None)
                    self.results.append(cached)  # type: ignore[arg-type]  # or filled below
                    if cached is None:
                        waiting.append(len(self.results) - 1)
                        self.timings["read"] += time.perf_counter() - started
                        yield read, where
                        started = time.perf_counter()
                self.timings["read"] += time.perf_counter() - started
                if progress:
                    progress(Path(item.path if isinstance(item, Skipped) else item).name, index,
                             len(items))

        stream = uncached()
        first = next(stream, None)
        if first is not None:
            started = time.perf_counter()
            extractor = self.extractor
            self.timings["model"] += time.perf_counter() - started
            parse = None
            if self.scheduler:
                from extract.distributed import dask_parser

                parse = dask_parser(self.scheduler, self.config, extractor.nlp.vocab)
            for result in extractor.extract_stream(itertools.chain([first], stream), parse):
                self.results[waiting.popleft()] = result
                self.extracted.append(result.document.id)
                if self.cache:
                    started = time.perf_counter()
                    self.cache.put(result)
                    self.timings["cache"] += time.perf_counter() - started
            self.timings["parse"] += extractor.timings["parse"]
            self.timings["rules"] += extractor.timings["rules"]
        if not self.results:
            reasons = "; ".join(s.reason for s in self.skipped[:3]) or "no input"
            raise InputError(f"no document could be read ({reasons})")


def extract_results(
    inputs: Iterable[str | Path], config: ExtractConfig | None = None,
    progress: Progress | None = None, cache: ExtractionCache | None = None,
) -> tuple[list[DocumentResult], list[Skipped]]:
    """Extract every document under ``inputs``; report each input file to ``progress``.

    Raises
    ------
    InputError
        An input does not exist, or not one document could be read.
    """
    corpus = _Corpus(config or ExtractConfig(), cache)
    corpus.read(inputs, progress)
    return merge_corpus_events(corpus.results), corpus.skipped


def build_graph(inputs: Iterable[str | Path], config: ExtractConfig | None = None,
                progress: Progress | None = None) -> tuple[Graph, list[Skipped]]:
    """Extract ``inputs`` and return the RDF graph (in memory) and what was skipped.

    Examples
    --------
    >>> g, skipped = build_graph(["corpus/003_cc976cd41615b2db.txt"])  # doctest: +SKIP
    """
    results, skipped = extract_results(inputs, config, progress)
    return graphs.to_rdf(results), skipped


def summarize(graph: Graph | ox.Store) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes by class and relations (direct triples) by family (:func:`graphs.tally`)."""
    return graphs.tally(graph)


def _serialized_graphs(results: list[DocumentResult], extra: Mapping[str, Graph],
                       ) -> dict[str, str]:
    """The N-Triples of each document's graph, of the corpus graph and of ``extra``, by
    name, each sorted (as :func:`graphs.union_ntriples` merges them). No rdflib graph of a
    document or of the corpus is made: their N-Triples are written as they are made."""
    serialized = {document_graph_iri(r.document.id): graphs.document_ntriples(r)
                  for r in results}
    serialized[str(CORPUS_GRAPH)] = graphs.corpus_ntriples(results)
    for name, part in extra.items():
        serialized[name] = graphs.ntriples(part)
    return serialized


class _Clock:
    """Adds the seconds of each ``with clock(phase):`` block to ``timings[phase]``, and
    notes in ``peaks[phase]`` the process's peak memory (MB) when it ends: the peak only
    grows, so the phase where it jumps is the one that holds the memory."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.peaks: dict[str, float] = {}

    def peak(self, phase: str) -> None:
        """Note the peak memory so far as that of ``phase``."""
        try:
            import resource
        except ImportError:  # (not on Windows)
            return
        kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # (KB on Linux)
        self.peaks[phase] = round(kilobytes / 1024, 1)

    @contextlib.contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - started
            self.peak(phase)


def _remove_stale(out: Path) -> None:
    """Make ``out`` and remove the temporary files a killed build left in it (before any
    output is written: never while another process writes one)."""
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def _write_exports(named: Mapping[str, Graph | str], out: Path, lines: str,
                   ) -> tuple[dict[str, Path], dict[str, float]]:
    """Write the files of RDF into ``out`` from the named graphs (rdflib graphs or their
    N-Triples): ``graph.ttl``, ``graph.nt`` and ``graph.jsonld`` from ``lines``, the
    sorted N-Triples of all but the inferred graph (:func:`asserted_ntriples`),
    ``graph.trig`` from every graph. The files written and the seconds it took
    (``{"exports": s}``): what a build's second process does (:mod:`actorgraph.background`).
    """
    clock = _Clock({})
    with clock("exports"):
        written = {
            "graph.ttl": graphs.write_text(out / "graph.ttl", graphs.turtle_of_ntriples(lines)),
            "graph.trig": graphs.write_trig(named, out / "graph.trig"),
            "graph.nt": graphs.write_text(out / "graph.nt", lines),
            "graph.jsonld": graphs.write_jsonld(lines, out / "graph.jsonld", presorted=True),
        }
    return written, clock.timings


def asserted_ntriples(named: Mapping[str, Graph | str]) -> str:
    """The sorted N-Triples of what the named graphs assert (all but the inferred one)."""
    return graphs.union_ntriples(g for name, g in named.items() if name != str(INFERRED_GRAPH))


#: Revalidate only what changed when the graph differs from the last build's in at most
#: this share of its triples; validate all of it otherwise.
REVALIDATE_SHARE = 0.2


def _shapes_key() -> str:
    """What decides validation besides the graph: the shapes, the ontology, pyshacl (and
    pyshacl-turbo, which finds the nodes pyshacl reports on)."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('pyshacl')} {version('pyshacl-turbo')}".encode())
    for path in (SHAPES_PATH, ONTOLOGY_PATH):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _earlier(previous: Generation | None, shapes: str) -> list[Violation] | None:
    """The ``previous`` build's violations, when they can be the start of this one's: the
    same shapes judged it (``shapes``: :func:`_shapes_key`) and its graph.nt is there;
    else None (all of this build is validated)."""
    from graphs.shacl import Violation

    manifest = previous.manifest() if previous else {}
    if manifest.get("validated") != shapes or not (previous.path / "graph.nt").is_file():
        return None
    return [Violation(**v) for v in manifest.get("violations", ())]


def _changed_lines(lines: str, before: Path, most: int) -> list[str] | None:
    """The lines in which the sorted N-Triples ``lines`` and the file ``before`` (sorted
    too: a build's graph.nt) differ, found by walking both in step, so neither is held
    as a set; None when more than ``most`` differ, or ``before`` is not sorted."""
    changed: list[str] = []
    with before.open(encoding="utf-8", newline="\n") as file:
        old = (line.rstrip("\n") for line in file)
        new = graphs.ntriples_lines(lines)
        a, b, last = next(old, None), next(new, None), ""
        while a is not None or b is not None:
            if a is not None and a < last:
                return None  # not sorted: validate it all
            if b is None or (a is not None and a < b):
                changed.append(a)
                last, a = a, next(old, None)
            elif a is None or b < a:
                changed.append(b)
                b = next(new, None)
            else:
                last, a, b = a, next(old, None), next(new, None)
            if len(changed) > most:
                return None
    return [line for line in changed if line]


def _judge(lines: str, previous: Generation | None, earlier: list[Violation] | None,
           ) -> list[str] | background.Job[tuple[set, dict[str, float]]]:
    """How this build's violations will be found: the lines changed since the ``previous``
    build, whose violations (``earlier``: :func:`_earlier`) the rest keeps, when there
    are some and little changed; else another process judging all of ``lines``
    (:func:`graphs.violating`) beside the store and the pages. See :func:`_violations`."""
    if previous and earlier is not None:
        changed = _changed_lines(lines, previous.path / "graph.nt",
                                 int(REVALIDATE_SHARE * lines.count("\n")))
        if changed is not None:
            return changed
    return background.start(functools.partial(_violating, lines), "validating the graph")


def _violating(lines: str) -> tuple[set, dict[str, float]]:
    """The nodes that violate a shape (:func:`graphs.violating`), and the seconds it took
    (``{"shapes": s}``): what a build's third process does."""
    clock = _Clock({})
    with clock("shapes"):
        nodes = graphs.violating(lines)
    return nodes, clock.timings


def _violations(store: GraphStore, judged: list[str] | background.Job,
                earlier: list[Violation] | None, timings: dict[str, float]) -> list[Violation]:
    """The SHACL violations of the build loaded into ``store``: from the lines changed since
    the previous build (``judged``: :func:`_judge`) and that build's violations
    (``earlier``), revalidating the nodes the changes touch (:func:`graphs.revalidate`);
    or, from the nodes the other process found violating, pyshacl's report on them (and
    that process's seconds added to ``timings``)."""
    if isinstance(judged, list):
        diff = Graph().parse(data="\n".join(judged), format="nt")
        return graphs.revalidate(store.store, diff, earlier or [])
    nodes, seconds = judged.result()
    timings.update(seconds)
    return graphs.validate(store.store, focus=nodes)


def _pages(graph: Graph | ox.Store, out: Path, focus: str | None, depth: int,
           ) -> tuple[dict[str, Path], background.Job]:
    """Write the network pages of an rdflib graph or of a build's store, and start a second
    process (:mod:`actorgraph.background`) that writes the network exports (GraphML, GEXF,
    Cytoscape, CSV) beside whatever the build does next: the pages written, and the job
    whose result is the exports written and their seconds (:func:`_network_files`)."""
    written: dict[str, Path] = {}
    everything = graphs.to_networkx(graph)
    job = background.start(functools.partial(_network_files, everything, out),
                           "writing the network files")
    try:
        focus_pages = []
        for node in central_actors(everything, FOCUS_PAGES):
            label, path = _focus_page(everything, node, 1, out)
            written[path.name] = path
            focus_pages.append({"label": label, "href": path.name})
        if focus:
            _label, path = _focus_page(everything, focus, depth, out,
                                       f"focus-{graphs.slug(focus.lower())}.html")
            written[path.name] = path
        for view, page in PAGES.items():
            network = graphs.restrict(everything, view)
            written[page] = graphs.write_html(network, out / page, title=page_title(view),
                                              pages=focus_pages)
    except BaseException:
        job.cancel()
        raise
    return written, job


def _network_files(everything: nx.MultiDiGraph, out: Path,
                   ) -> tuple[dict[str, Path], dict[str, float]]:
    """Write the network of all relations as GraphML, GEXF, Cytoscape JSON and CSV tables:
    the files written, and the seconds it took (``{"networks": s}``)."""
    clock = _Clock({})
    with clock("networks"):
        written = {"graph.graphml": graphs.write_graphml(everything, out / "graph.graphml"),
                   "graph.gexf": graphs.write_gexf(everything, out / "graph.gexf"),
                   "graph.cyjs": graphs.write_cytoscape(everything, out / "graph.cyjs")}
        written["nodes.csv"], written["edges.csv"] = graphs.write_tables(
            everything, out / "nodes.csv", out / "edges.csv")
    return written, clock.timings


def _focus_page(network: nx.MultiDiGraph, who: str, depth: int, out: Path,
                name: str | None = None) -> tuple[str, Path]:
    """Write the page of the actors within ``depth`` relations of ``who`` into ``out``
    (as ``name``, else ``focus-LABEL.html``); its actor's label and the page's path."""
    ego = graphs.ego_network(network, who, depth)
    label = ego.nodes[ego.graph["focus"]]["label"]
    page = out / (name or f"focus-{graphs.slug(label.lower())}.html")
    return label, graphs.write_html(ego, page, page_title("all", label))


#: How many of the most central actors get a page of their own, linked from the others.
FOCUS_PAGES = 5


def central_actors(network: nx.MultiDiGraph, top: int) -> list[str]:
    """The ``top`` most central actors (PageRank), those tied into the larger network first:
    an actor in a pair or a trio of its own ("Kim Jong-un leads North Korea" in an Iran
    corpus) has a PageRank near the baseline of any node."""
    if not network.number_of_nodes():
        return []
    actors = [n for n in network if network.nodes[n].get("cls") in ACTOR_CLASSES]
    return _by_centrality(network, actors, graphs.prominence(network))[:top]


def _by_centrality(network: nx.MultiDiGraph, nodes: list[str],
                   pagerank: Mapping[str, float]) -> list[str]:
    """``nodes`` by PageRank, those in a component of more than three nodes first."""
    import networkx as nx

    component = {n: len(c) for c in nx.weakly_connected_components(network) for n in c}
    return sorted(nodes, key=lambda n: (component[n] <= 3, -pagerank[n],
                                        network.nodes[n]["label"]))


def page_title(view: str, focus: str | None = None, start: str | None = None,
               end: str | None = None) -> str:
    name = "all relations" if view == "all" else f"{view} network"
    period = "" if start is None and end is None else (
        f", {start or '…'} to {end or '…'}" if start != end else f", {start}")
    return f"actorgraph · {name}" + (f" around {focus}" if focus else "") + period


def network_page(graph_dir: str | Path, out: str | Path, view: str = "all",
                 focus: str | None = None, depth: int = 2,
                 max_nodes: int | None = None, start: str | None = None,
                 end: str | None = None) -> Path:
    """Write the page of one view of a build, around ``focus`` (an actor's name) if given,
    of the relations dated within ``start`` .. ``end`` if given."""
    network = graphs.to_networkx(graphs.read_graph(Path(graph_dir)), view=view, start=start,
                                 end=end)
    label = None
    if focus:
        network = graphs.ego_network(network, focus, depth)
        label = network.nodes[network.graph["focus"]]["label"]
    return graphs.write_html(network, Path(out), page_title(view, label, start, end),
                             graphs.MAX_NODES if max_nodes is None else max_nodes)


@dataclass(frozen=True)
class Analysis:
    """Centrality, communities and the strongest dyads of one view."""

    central: list[tuple[str, str, float, float, int]]  # label, class, pagerank, betweenness, degree
    communities: list[list[str]]
    conflict: list[tuple[str, str, float, tuple[str, ...]]]
    cooperation: list[tuple[str, str, float, tuple[str, ...]]]


def analyze(graph_dir: str | Path, view: str = "all", top: int = 10, focus: str | None = None,
            depth: int = 2) -> Analysis:
    """Who matters most in a view (PageRank, betweenness), its communities, its dyads."""
    network = graphs.to_networkx(graphs.read_graph(Path(graph_dir)), view=view)
    if focus:
        network = graphs.ego_network(network, focus, depth)
    scores = graphs.centrality(network)
    ranked = _by_centrality(network, list(network), {n: s["pagerank"] for n, s in scores.items()})
    name = lambda n: network.nodes[n]["label"]  # noqa: E731
    return Analysis(
        central=[(name(n), network.nodes[n]["cls"], round(scores[n]["pagerank"], 4),
                  round(scores[n]["betweenness"], 4), scores[n]["degree"]) for n in ranked[:top]],
        communities=[sorted(name(n) for n in c) for c in graphs.communities(network)[:top]],
        conflict=[(name(d.a), name(d.b), d.weight, d.relations)
                  for d in graphs.dyads(network, "conflict", top)],
        cooperation=[(name(d.a), name(d.b), d.weight, d.relations)
                     for d in graphs.dyads(network, "cooperation", top)],
    )


def update_store(store: GraphStore, named: Mapping[str, Graph | str], changed: set[str],
                 hashes: Mapping[str, str]) -> list[str]:
    """Bring the store to ``named`` (rdflib graphs or their N-Triples): replace the document
    graphs of ``changed`` documents and of any whose stored content hash is not the one in
    ``hashes`` (graph name -> content hash), drop the graphs of documents gone, and replace
    the corpus, inferred and ontology graphs. Returns the graph names dropped."""
    stored = store.document_hashes()
    removed = [name for name in stored if name not in named]
    for name in removed:
        store.remove_graph(name)
    curated = str(curation_mod.CURATION_GRAPH)
    if curated not in named:
        store.remove_graph(curated)
    documents = set(graphs_in(named))  # the others (corpus, inferred, curation) always
    store.replace_graphs({name: graph for name, graph in named.items() if name not in documents
                          or name in changed or stored.get(name) != hashes.get(name)})
    store.replace_graph(str(ONTOLOGY_GRAPH), load_ontology())
    store.flush()
    return removed


def build(inputs: Iterable[str | Path], out: str | Path, config: ExtractConfig | None = None,
          progress: Progress | None = None, focus: str | None = None, depth: int = 2,
          cache: bool = True, scheduler: str | None = None,
          curation: str | Path | None = None) -> BuildSummary:
    """Build ``inputs`` (files, folders, ``-``) into ``out``: the store and :data:`OUTPUTS`.

    Documents whose content and settings are unchanged since the last build into
    ``out`` are not extracted again (unless ``cache`` is False), and their named graphs
    in the store are carried over untouched. The build is a transaction: everything is
    written into a new generation of the folder and switched in with one rename
    (:mod:`actorgraph.folder`), so a build killed at any moment leaves the previous one
    whole, and a second build into the same folder is refused while one runs. With
    ``scheduler`` (a Dask scheduler's address) the documents are parsed on that cluster
    (:mod:`extract.distributed`); the graph is the same as a local build's. The analyst's
    corrections in ``curation`` (default: ``out/curation.tsv`` if there is one) are
    applied to what is extracted, and recorded in the graph (:mod:`actorgraph.curation`).

    Raises
    ------
    InputError
        No input could be read, or another build holds ``out``.
    """
    folder = BuildFolder(out)
    config = config or ExtractConfig()
    inputs = list(inputs)
    curation_file = Path(curation) if curation else folder.root / curation_mod.FILE
    curations = curation_mod.load(curation_file) if curation or curation_file.exists() else []
    with folder.lock():
        state = _state(inputs, config, focus, depth) if cache else None
        if state is not None:
            state["curation"] = [dataclasses.astuple(c) for c in curations]
        kept = _unchanged(folder, state)
        if kept is not None:
            return kept
        extraction_cache = ExtractionCache(folder.root, config) if cache else None
        corpus = _Corpus(config, extraction_cache, scheduler, _known(folder, state))
        corpus.read(inputs, progress)
        timings = dict(corpus.timings)
        timings["parse"] = max(0.0, timings["parse"] - timings["read"])  # read as parsed
        clock = _Clock(timings)
        clock.peak("parse")  # (reading, parsing and the rules: one stream)
        with clock("merge"):
            results = merge_corpus_events(curation_mod.apply(corpus.results, curations))
        previous = folder.current()
        shapes = _shapes_key()
        earlier = _earlier(previous, shapes)
        with clock("rdf"):  # each named graph serialized once, for the files and the store
            curated = {str(curation_mod.CURATION_GRAPH): curation_mod.provenance(curations)}
            serialized = _serialized_graphs(results, curated if curations else {})
            lines = asserted_ntriples(serialized)
        with clock("inference"):
            serialized[str(INFERRED_GRAPH)] = graphs.entailed_ntriples(lines)
            inferred = serialized[str(INFERRED_GRAPH)].count("\n")
        folder.adopt([*OUTPUTS, STORE, *(p.name for p in folder.root.glob("focus-*.html"))])
        generation = folder.new_generation()
        before = folder.store()
        changed = {document_graph_iri(doc_id) for doc_id in corpus.extracted}
        was_curated = bool(before and before[1] and before[1].manifest().get("curations"))
        if curations or was_curated:
            changed |= set(graphs_in(serialized))  # curations reach into every document
        hashes = {document_graph_iri(r.document.id): r.document.content_hash for r in results}

        # the files of RDF need only the serialized graphs: a second process writes them
        # while this one loads the store (which stays here: RocksDB's threads do not
        # survive a fork), and writes the pages and validates from it
        _remove_stale(generation.path)
        job = judged = networks = None
        try:
            with clock("validation"):  # what changed, or all of it in a third process
                judged = _judge(lines, previous, earlier)
            job = background.start(functools.partial(_write_exports, serialized,
                                                     generation.path, lines),
                                   "writing the files of RDF")
            with clock("store"):
                if before is not None:  # carry the unchanged document graphs over (hard links)
                    GraphStore(before[0], read_only=True).store.backup(
                        str(generation.path / STORE))
                store = GraphStore(generation.path / STORE)
                removed = update_store(store, serialized, changed, hashes)
            with clock("pages"):
                outputs, networks = _pages(store.store, generation.path, focus, depth)
            entities, relations = summarize(store.store)
            with clock("validation"):
                violations = tuple(_violations(store, judged, earlier, timings))
                del lines, store
        except BaseException:
            for started in (job, networks, judged):
                if isinstance(started, background.Job):
                    started.cancel()
            raise
        with clock("wait"):  # for the files the other processes write, if not written yet
            done = [networks.result(), job.result()]
        for written, beside in done:
            outputs.update(written)
            for phase, seconds in beside.items():
                timings[phase] = timings.get(phase, 0.0) + seconds
        notes = tuple(f"{r.document.source_file}: {note}" for r in results for note in r.warnings)
        with clock("switch"):
            final = folder.switch(generation, [*outputs, STORE], {
                "documents": len(results), "entities": entities, "relations": relations,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "extractor": EXTRACTOR_NAME,
                "outputs": sorted(outputs), "inferred": inferred, "notes": list(notes),
                "skipped": [[s.path, s.reason] for s in corpus.skipped],
                "violations": [dataclasses.asdict(v) for v in violations],
                "seconds": {k: round(v, 3) for k, v in timings.items()},
                "peak_mb": clock.peaks,
                "curations": len(curations), "validated": shapes, "reads": corpus.reads,
                **({"state": state} if state is not None else {})})
        if extraction_cache:
            extraction_cache.prune({r.document.id for r in results})
        cached = extraction_cache.size() if extraction_cache else (0, 0)
    return BuildSummary(len(results), tuple(corpus.skipped), entities, relations,
                        {name: folder.root / name for name in outputs}, tuple(corpus.extracted),
                        tuple(removed), violations, inferred, notes, final.number, cached,
                        timings=timings)


def _state(inputs: list[str | Path], config: ExtractConfig, focus: str | None,
           depth: int) -> dict | None:
    """What decides a build's outputs, short of extracting: every input file's path and
    content hash (walked as a build walks them), the extraction fingerprint, the code of
    every stage and the page settings. None when an input is standard input."""
    if any(str(item) == "-" for item in inputs):
        return None
    from actorgraph.cache import fingerprint

    files = []
    for item in walk(inputs):
        if isinstance(item, Skipped):
            files.append([item.path, item.reason])
            continue
        try:
            files.append([str(item), hashlib.sha256(item.read_bytes()).hexdigest()])
        except OSError:
            return None  # let the build say what is wrong with it
    code = hashlib.sha256()
    for stage in ("graphs", "actorgraph", "ontology"):
        for path in sorted((Path(__file__).resolve().parents[1] / stage).glob("*.py")):
            code.update(path.read_bytes())
    return {"files": files, "fingerprint": fingerprint(config), "code": code.hexdigest(),
            "focus": focus, "depth": depth, "max_bytes": config.max_bytes}


def _known(folder: BuildFolder, state: dict | None) -> dict[str, list]:
    """The files unchanged since the last build, with the documents each gave then, when
    this build walks the same files in the same order with the same settings (so every
    document would get the id it had): {} otherwise, and every file is read."""
    current = folder.current() if state is not None else None
    manifest = current.manifest() if current else {}
    before = manifest.get("state") or {}
    if (not before or [f[0] for f in before["files"]] != [f[0] for f in state["files"]]
            or any(before.get(k) != state.get(k) for k in ("fingerprint", "max_bytes"))):
        return {}
    then = {path: digest for path, digest in before["files"]}
    reads = manifest.get("reads", {})
    return {path: reads[path] for path, digest in state["files"]
            if then.get(path) == digest and path in reads}


def _unchanged(folder: BuildFolder, state: dict | None) -> BuildSummary | None:
    """The summary of the current build when ``state`` is what made it and its outputs
    are all there: nothing to extract, nothing to write. None otherwise."""
    current = folder.current() if state is not None else None
    if current is None:
        return None
    manifest = current.manifest()
    if manifest.get("state") != state or not all(
            (current.path / name).exists() for name in [*manifest.get("outputs", ()), STORE]):
        return None
    from extract.readers import Skipped as Skip
    from graphs.shacl import Violation

    cache = ExtractionCache.size_of(folder.root)
    return BuildSummary(
        manifest["documents"], tuple(Skip(path, reason) for path, reason in manifest["skipped"]),
        manifest["entities"], manifest["relations"],
        {name: folder.root / name for name in manifest["outputs"]}, (), (),
        tuple(Violation(**v) for v in manifest["violations"]), manifest["inferred"],
        tuple(manifest["notes"]), current.number, cache, unchanged=True)


def load_query(text_or_file: str) -> str:
    """The query text: the argument itself, or the contents of a ``.rq`` file it names."""
    path = Path(text_or_file)
    if text_or_file.endswith((".rq", ".sparql")) or (len(text_or_file) < 300 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read query ({exc.strerror or exc})") from exc
    return text_or_file


def open_store(graph_dir: str | Path) -> GraphStore:
    """The store of a build folder, read-only; built from ``graph.ttl`` when there is none."""
    path = Path(graph_dir)
    if path.is_dir() and (path / STORE).is_dir():
        return GraphStore(path / STORE, read_only=True)
    graph = graphs.read_graph(path)  # a clear error for a missing or broken graph
    store = GraphStore()
    store.replace_graph(str(CORPUS_GRAPH), graph)
    store.replace_graph(str(INFERRED_GRAPH), graphs.entailments(graph))
    return store


def query(sparql: str, graph_dir: str | Path, bindings: Mapping[str, object] | None = None,
          inferred: bool = True) -> graphs.Table:
    """Run a SPARQL query (text or ``.rq`` file) against the graph built in ``graph_dir``.

    The default graph is the union of what the documents assert and, unless
    ``inferred`` is False, what the ontology entails from it.
    """
    return open_store(graph_dir).query(load_query(sparql), bindings, inferred=inferred)


def named_query(name: str, args: list[str], graph_dir: str | Path | GraphStore,
                inferred: bool = True) -> graphs.Table:
    """Run a query of the library (:func:`graphs.named_queries`) with its arguments bound,
    on a build folder (or a store already open)."""
    library = graphs.named_queries()
    if name not in library:
        raise QueryError(f"no named query {name!r}; `actorgraph query --list` shows them")
    stored = library[name]
    bindings = stored.bindings(args)
    store = graph_dir if isinstance(graph_dir, GraphStore) else open_store(graph_dir)
    for param, kind in zip(stored.params, stored.kinds or ("",) * len(stored.params),
                           strict=True):
        if kind == "actor":
            bindings[param] = _stored_name(store, bindings[param])
    return store.query(stored.text, bindings, inferred=inferred)


def _stored_name(store: GraphStore, name: str) -> str:
    """The label or alias of an actor in ``store`` that ``name`` means (case, accents and
    a leading "the" aside), or a :class:`QueryError` with the nearest names."""
    exact = store.query("ASK WHERE { ?x a ag:Actor . { ?x rdfs:label ?name } UNION "
                        "{ ?x skos:altLabel ?name } }", {"name": name})
    if exact.rows[0][0]:
        return name  # as stored: an index look-up, not a scan of every name
    table = store.query("SELECT DISTINCT ?name WHERE { ?x a ag:Actor . "
                        "{ ?x rdfs:label ?name } UNION { ?x skos:altLabel ?name } }")
    names = {normalize_name(str(row[0])): str(row[0]) for row in table.rows}
    wanted = normalize_name(name)
    if wanted in names:
        return names[wanted]
    raise QueryError(f"no actor is called {name!r} in this build"
                     f"{did_you_mean(name, names.values())}")


_ACTOR_NAMES = ("SELECT DISTINCT ?x ?name WHERE { ?x a ag:Actor . "
                "{ ?x rdfs:label ?name } UNION { ?x skos:altLabel ?name } }")


def find_actor(store: GraphStore, name: str) -> str:
    """The IRI of the one actor ``name`` names in ``store`` (its label or an alias, case,
    accents and a leading "the" aside; or the IRI itself).

    Raises
    ------
    QueryError
        No actor is called so (with the nearest names), or several are.
    """
    if name.startswith(("http://", "https://")):
        return name
    exact = {str(row[0]) for row in store.query(_ACTOR_NAMES, {"name": name}).rows}
    if len(exact) == 1:
        return exact.pop()
    rows = store.query(_ACTOR_NAMES).rows
    wanted = normalize_name(name)
    found = exact or {str(x) for x, label in rows if normalize_name(str(label)) == wanted}
    if len(found) == 1:
        return found.pop()
    if not found:
        raise QueryError(f"no actor is called {name!r} in this build"
                         f"{did_you_mean(name, (str(r[1]) for r in rows))}")
    labels = {str(x): str(label) for x, label in
              store.query("SELECT ?x ?label WHERE { ?x rdfs:label ?label }").rows}
    names = ", ".join(sorted(labels.get(x, x) for x in found))
    raise QueryError(f"{name!r} names several actors ({names}); use a full name or the IRI")


def curate(graph_dir: str | Path, action: str, subject: str, predicate: str = "",
           obj: str = "", value: str = "", why: str = "", curator: str = "",
           curation: str | Path | None = None) -> tuple[curation_mod.Curation, Path]:
    """Record one correction in the curation file of the build in ``graph_dir`` (or in
    ``curation``): names are found in the build and kept as IRIs; every later build
    applies it. Returns the row and the file.

    Raises
    ------
    QueryError
        A name names no actor of the build (or several), or the relation is unknown.
    """
    import getpass
    from datetime import datetime

    store = open_store(graph_dir)
    if action == "reject":
        predicate = predicate.split(":", 1)[-1]
        if predicate not in relation_specs():
            raise QueryError(f"no relation {predicate!r}{did_you_mean(predicate, relation_specs())}")
    item = curation_mod.Curation(
        action, find_actor(store, subject), predicate,
        find_actor(store, obj) if obj else "", value, why,
        curator or getpass.getuser(), datetime.now().astimezone().isoformat(timespec="seconds"))
    if action == "merge" and item.subject == item.object:
        raise QueryError(f"{subject!r} and {obj!r} are one node already")
    path = Path(curation) if curation else Path(graph_dir) / curation_mod.FILE
    return item, curation_mod.append(path, item)


def validate(graph_dir: str | Path) -> list[Violation]:
    """SHACL violations of the graph built in ``graph_dir``."""
    return graphs.validate(graphs.read_graph(Path(graph_dir)))


def push(graph_dir: str | Path, url: str, protocol: str = "gsp",
         auth: tuple[str, str] | None = None, progress: Progress | None = None,
         ) -> graphs_remote.PushResult:
    """Load every named graph of a build's store into the SPARQL server at ``url``."""
    store = open_store(graph_dir)
    named = {name: store.graph_ntriples(name) for name in store.graph_names()}
    return graphs_remote.push(named, url, protocol, auth, progress=progress)


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable of the ``oxigraph`` PyPI package."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise GraphError("the oxigraph server is not installed (pip install oxigraph==0.5.13)")
    return found


def endpoint(graph_dir: str | Path, host: str = "127.0.0.1", port: int = 7878,
             timeout: int = 30, allow_service: bool = False,
             log: Callable[[str], None] | None = None) -> Endpoint:
    """A read-only SPARQL 1.1 endpoint on a build folder, ready to ``serve_forever()``.

    The default graph is the union of the named graphs and the project's prefixes are
    declared (queries answer as ``actorgraph query`` does); a query is cancelled after
    ``timeout`` seconds; SERVICE is refused unless ``allow_service``; each build into
    the folder is followed (:mod:`actorgraph.endpoint`).
    """
    return Endpoint(graph_dir, oxigraph_binary(), host, port, timeout, allow_service, log)
