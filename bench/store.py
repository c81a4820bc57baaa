"""Store benchmark: a store shaped like a real build, and the stored queries on it.

The generated graph has the shape builds produce: one named graph per document (the
document node, its assertions with provenance, one in eight of them reported speech and
some denied), the corpus graph (actors with labels and aliases, the direct relation
triples, the events, which denial contradicts which assertion) and the inferred graph,
from a fixed seed. Reported in the same run, on the same file:

* load time of ``GraphStore.load_file`` (actorgraph's store) as a ratio to a bare
  ``pyoxigraph.Store.bulk_load`` (target: at most 1.2);
* the median latency of each stored analyst query in process (target: under 50 ms), and
  through the CLI, ``actorgraph query NAME ARG... --graph DIR`` in a fresh process
  (target: under 1 s), with ``python -c pass`` as the baseline of a process start.

Usage::

    python bench/store.py [--documents 10000] [--json bench/results/store.json]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path; bench/html.py shadows no `html`)

# isort: split

import argparse
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from bench.common import RESULTS, save
from graphs import GraphStore, named_queries
from graphs.store import CORPUS_GRAPH, INFERRED_GRAPH, document_graph_iri
from ontology import load_ontology, relation_specs

AG = "https://w3id.org/actorgraph/ontology#"
AGR = "https://w3id.org/actorgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CLASSES = ("Person", "Organization", "Country", "Group")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: object, datatype: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"' + (f"^^<{XSD}{datatype}>" if datatype else "")


#: Assertions per document, as the demo corpus has them.
PER_DOCUMENT = 25
#: One assertion in this many is reported speech (a claim), one in DENIED_EVERY a denial
#: (a third of them of a relation another sentence asserts: a contradiction).
CLAIMED_EVERY = 8
DENIED_EVERY = 150


def generate(path: Path, documents: int, seed: int = 7) -> dict[str, int]:
    """Write an N-Quads file shaped like a build of ``documents`` documents."""
    rng = random.Random(seed)
    predicates = sorted(relation_specs())
    actors = max(100, documents * 2)
    count = 0
    corpus, inferred = _iri(str(CORPUS_GRAPH)), _iri(str(INFERRED_GRAPH))
    with path.open("w", encoding="utf-8") as out:
        def emit(s: str, p: str, o: str, graph: str = corpus) -> None:
            nonlocal count
            out.write(f"{s} {p} {o} {graph} .\n")
            count += 1

        for d in range(documents):
            doc, graph = _iri(f"{AGR}doc/d{d}"), _iri(document_graph_iri(f"d{d}"))
            emit(doc, _iri(RDF + "type"), _iri(AG + "Document"), graph)
            emit(doc, _iri(AG + "sourceFile"), _lit(f"d{d}.txt"), graph)
            emit(doc, _iri(AG + "contentHash"), _lit(f"{d:064x}"), graph)
        degree: dict[int, set[tuple[str, int]]] = {}
        told = (0, 0, predicates[0])  # the relation of the sentence before
        for n in range(documents * PER_DOCUMENT):
            s, o = rng.randrange(actors), rng.randrange(actors)
            p = predicates[rng.randrange(len(predicates))]
            if n % (DENIED_EVERY * 3) == 0 and n:  # a third of the denials contradict
                s, o, p = told  # (the build links the two, in the corpus graph)
                emit(_iri(f"{AGR}assertion/x{n}"), _iri(AG + "contradicts"),
                     _iri(f"{AGR}assertion/x{n - 1}"))
            told = (s, o, p)
            degree.setdefault(s, set()).add((p, o))
            degree.setdefault(o, set()).add(("~" + p, s))
            subject, obj = _iri(f"{AGR}entity/a{s}"), _iri(f"{AGR}entity/a{o}")
            denied = n % DENIED_EVERY == 0  # told only to be denied: no direct triple
            if not denied:
                emit(subject, _iri(AG + p), obj)
            if p == "killed":  # what inference adds
                emit(subject, _iri(AG + "attacks"), obj, inferred)
            assertion = _iri(f"{AGR}assertion/x{n}")
            d = n // PER_DOCUMENT
            doc, graph = _iri(f"{AGR}doc/d{d}"), _iri(document_graph_iri(f"d{d}"))
            for pred, value in ((RDF + "type", _iri(AG + "Assertion")),
                                (RDF + "subject", subject), (RDF + "predicate", _iri(AG + p)),
                                (RDF + "object", obj), (PROV + "wasDerivedFrom", doc),
                                (AG + "sentence", _lit(f"Actor {s} {p} Actor {o} in sentence {n}.")),
                                (AG + "startOffset", _lit(n * 10, "integer")),
                                (AG + "endOffset", _lit(n * 10 + 9, "integer")),
                                (AG + "confidence", _lit(f"0.{rng.randint(50, 99)}", "decimal")),
                                (AG + "extractor", _lit(f"actorgraph-rules/0.1 verb:{p}")),
                                (AG + "subjectText", _lit(f"Actor {s}")),
                                (AG + "objectText", _lit(f"Actor {o}")),
                                (AG + "refersTo", _lit(f"{rng.randint(1950, 2024)}", "gYear")),
                                (AG + "dateSource", _lit("text"))):
                emit(assertion, _iri(pred), value, graph)
            if denied or n % CLAIMED_EVERY == 0:  # reported speech: whose claim it is
                claimant = _iri(f"{AGR}entity/a{rng.randrange(actors)}")
                emit(assertion, _iri(AG + "stance"), _lit("denied" if denied else "claimed"), graph)
                emit(assertion, _iri(AG + "reportingVerb"), _lit("deny" if denied else "say"), graph)
                emit(assertion, _iri(AG + "claimedBy"), claimant, graph)
            if n % 10 == 0:  # an event, in the corpus graph (it may merge several documents')
                event = _iri(f"{AGR}event/e{n}")
                emit(event, _iri(RDF + "type"), _iri(AG + "Event"))
                emit(event, _iri(RDF + "type"), _iri(AG + "Attack"))
                emit(event, _iri(RDFS + "label"), _lit(f"event {n}"))
                emit(event, _iri(AG + "agent"), subject)
                emit(event, _iri(AG + "target"), obj)
                emit(event, _iri(AG + "date"), _lit(f"{rng.randint(1950, 2024)}", "gYear"))
                emit(event, _iri(AG + "evidence"), assertion)
                emit(event, _iri(RDF + "type"), _iri("http://semanticweb.cs.vu.nl/2009/11/sem/Event"),
                     inferred)
        for a in range(actors):
            actor = _iri(f"{AGR}entity/a{a}")
            emit(actor, _iri(RDF + "type"), _iri(AG + CLASSES[a % 4]))
            emit(actor, _iri(RDF + "type"), _iri(AG + "Actor"))
            emit(actor, _iri(RDFS + "label"), _lit(f"Actor {a}"))
            emit(actor, _iri(SKOS + "altLabel"), _lit(f"A{a}"))
            emit(actor, _iri(AG + "mentionCount"), _lit(rng.randint(1, 40), "integer"))
            emit(actor, _iri(AG + "degree"), _lit(len(degree.get(a, ())), "integer"))
    return {"quads": count, "actors": actors, "documents": documents,
            "assertions": documents * PER_DOCUMENT}


def _time_load(loader, path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        loader(Path(folder), path)
        return time.perf_counter() - started


def _bare(folder: Path, path: Path) -> None:
    store = ox.Store(str(folder))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    store.flush()


def _ours(folder: Path, path: Path) -> None:
    store = GraphStore(folder)
    store.load_file(path)
    store.flush()


def query_args(store: GraphStore) -> dict[str, list[str]]:
    """Arguments that give each stored query something to find in the generated graph."""
    def first(sparql: str) -> list[str]:
        return [str(v) for v in store.query(sparql).rows[0]]

    led = first("SELECT ?l WHERE { ?a rdf:predicate ag:leads ; rdf:object ?t . ?t rdfs:label ?l } LIMIT 1")
    foe = first("SELECT ?l WHERE { ?a rdf:predicate ag:opposes ; rdf:object ?t . ?t rdfs:label ?l } "
                "LIMIT 1")
    claimant = first("SELECT ?l WHERE { ?a ag:claimedBy ?t . ?t rdfs:label ?l } LIMIT 1")
    pair = first("SELECT ?s ?o WHERE { ?a rdf:subject ?x ; rdf:object ?y . ?x rdfs:label ?s . "
                 "?y rdfs:label ?o } LIMIT 1")
    return {"who-influences": led, "conflicts": foe, "events-between": ["1990", "1995"],
            "sources": pair, "actors-by-degree": [], "timeline": led, "claims": claimant,
            "contradictions": []}


def _median_ms(action, times: int) -> float:
    action()  # warm-up
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 2)


def run(documents: int, repeats: int) -> dict[str, object]:
    from actorgraph import api

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "graph.nq"
        shape = generate(data, documents)
        small = Path(folder) / "warmup.nq"
        generate(small, 50)
        _time_load(_bare, small), _time_load(_ours, small)  # warm-up
        bare, ours = [], []
        for _ in range(repeats):  # interleaved, so drift hits both alike
            bare.append(_time_load(_bare, data))
            ours.append(_time_load(_ours, data))
        build = Path(folder) / "build"  # a build folder: its store, as `build` leaves it
        _ours(build / "store", data)
        writable = GraphStore(build / "store")
        writable.replace_graph(AGR + "graph/ontology", load_ontology())
        writable.flush()
        del writable
        store = GraphStore(build / "store", read_only=True)
        arguments = query_args(store)
        baseline = _median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
        latencies = {}
        for name, stored in named_queries().items():
            bindings = stored.bindings(arguments[name])
            rows = store.query(stored.text, bindings).rows
            cli = [sys.executable, "-m", "actorgraph", "query", name, *arguments[name],
                   "--graph", str(build), "--format", "csv"]
            latencies[name] = {
                "store_ms": _median_ms(lambda b=bindings, t=stored.text: store.query(t, b), 20),
                # in process, as a notebook runs it: the store open, names looked up
                "api_ms": _median_ms(lambda n=name: api.named_query(n, arguments[n], store), 20),
                "cli_ms": _median_ms(lambda c=cli: subprocess.run(
                    c, check=True, capture_output=True), 5),
                "rows": len(rows), "arguments": arguments[name]}
    ratio = statistics.median(ours) / statistics.median(bare)
    return {
        "graph": shape,
        "load_seconds": {"actorgraph": [round(t, 3) for t in ours],
                         "bare_pyoxigraph": [round(t, 3) for t in bare]},
        "load_ratio": round(ratio, 3), "load_ratio_target": 1.2,
        "queries": latencies, "in_process_target_ms": 50, "cli_target_ms": 1000,
        "python_start_ms": baseline,
        "versions": {"python": platform.python_version(), "pyoxigraph": version("pyoxigraph"),
                     "rdflib": version("rdflib")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS / "store.json")
    args = parser.parse_args()
    result = run(args.documents, args.repeats)
    print(f"graph: {result['graph']}")
    ours = statistics.median(result["load_seconds"]["actorgraph"])
    bare = statistics.median(result["load_seconds"]["bare_pyoxigraph"])
    print(f"load, median of {args.repeats}: actorgraph {ours:.2f} s, bare pyoxigraph {bare:.2f} s, "
          f"ratio {result['load_ratio']} (target <= 1.2)")
    print(f"a python process starts in {result['python_start_ms']:.0f} ms")
    for name, row in result["queries"].items():
        verdict = "ok" if row["api_ms"] < 50 and row["cli_ms"] < 1000 else "OVER"
        print(f"  {name:18} store {row['store_ms']:8.2f} ms  api {row['api_ms']:8.2f} ms  "
              f"CLI {row['cli_ms']:7.0f} ms  ({row['rows']} rows)  {verdict}")
    save(result, args.json)


if __name__ == "__main__":
    main()
