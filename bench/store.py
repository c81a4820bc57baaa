"""Store benchmark: load a generated graph of 1,000,000 triples and run the named queries.

Reports, in the same run and on the same file:

* load time of ``GraphStore.load_file`` (actorgraph's store) as a ratio to a bare
  ``pyoxigraph.Store.bulk_load`` (target: at most 1.2);
* the median latency of each named analyst query (target: under 50 ms).

The graph has the shape builds produce (documents, actors with labels and aliases,
assertions with provenance, direct relation triples, dated events), generated from a
fixed seed. Usage::

    python bench/store.py [--triples 1000000] [--json bench/results/store.json]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path; bench/html.py shadows no `html`)

# isort: split

import argparse
import platform
import random
import statistics
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from bench.common import RESULTS, save
from graphs import GraphStore, named_queries
from graphs.store import CORPUS_GRAPH
from ontology import relation_specs

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


def generate(path: Path, triples: int, seed: int = 7) -> dict[str, int]:
    """Write an N-Triples file of at least ``triples`` triples in actorgraph's shape."""
    rng = random.Random(seed)
    predicates = sorted(relation_specs())
    actors = max(100, triples // 50)
    documents = max(10, triples // 500)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        def emit(s: str, p: str, o: str) -> None:
            nonlocal count
            out.write(f"{s} {p} {o} .\n")
            count += 1

        for d in range(documents):
            doc = _iri(f"{AGR}doc/d{d}")
            emit(doc, _iri(RDF + "type"), _iri(AG + "Document"))
            emit(doc, _iri(AG + "sourceFile"), _lit(f"d{d}.txt"))
            emit(doc, _iri(AG + "contentHash"), _lit(f"{d:064x}"))
        degree: dict[int, set[tuple[str, int]]] = {}
        n = 0
        while count < triples - 6 * actors:
            s, o = rng.randrange(actors), rng.randrange(actors)
            p = predicates[rng.randrange(len(predicates))]
            degree.setdefault(s, set()).add((p, o))
            degree.setdefault(o, set()).add(("~" + p, s))
            subject, obj = _iri(f"{AGR}entity/a{s}"), _iri(f"{AGR}entity/a{o}")
            emit(subject, _iri(AG + p), obj)
            assertion = _iri(f"{AGR}assertion/x{n}")
            doc = _iri(f"{AGR}doc/d{rng.randrange(documents)}")
            for pred, value in ((RDF + "type", _iri(AG + "Assertion")),
                                (RDF + "subject", subject), (RDF + "predicate", _iri(AG + p)),
                                (RDF + "object", obj), (PROV + "wasDerivedFrom", doc),
                                (AG + "sentence", _lit(f"Actor {s} {p} Actor {o} in sentence {n}.")),
                                (AG + "startOffset", _lit(n * 10, "integer")),
                                (AG + "endOffset", _lit(n * 10 + 9, "integer")),
                                (AG + "confidence", _lit(f"0.{rng.randint(50, 99)}", "decimal")),
                                (AG + "extractor", _lit(f"actorgraph-rules/0.1 verb:{p}")),
                                (AG + "subjectText", _lit(f"Actor {s}")),
                                (AG + "objectText", _lit(f"Actor {o}"))):
                emit(assertion, _iri(pred), value)
            if n % 10 == 0:
                event = _iri(f"{AGR}event/e{n}")
                emit(event, _iri(RDF + "type"), _iri(AG + "Event"))
                emit(event, _iri(RDFS + "label"), _lit(f"event {n}"))
                emit(event, _iri(AG + "agent"), subject)
                emit(event, _iri(AG + "date"), _lit(f"{rng.randint(1950, 2024)}", "gYear"))
            n += 1
        for a in range(actors):
            actor = _iri(f"{AGR}entity/a{a}")
            emit(actor, _iri(RDF + "type"), _iri(AG + CLASSES[a % 4]))
            emit(actor, _iri(RDF + "type"), _iri(AG + "Actor"))
            emit(actor, _iri(RDFS + "label"), _lit(f"Actor {a}"))
            emit(actor, _iri(SKOS + "altLabel"), _lit(f"A{a}"))
            emit(actor, _iri(AG + "mentionCount"), _lit(rng.randint(1, 40), "integer"))
            emit(actor, _iri(AG + "degree"), _lit(len(degree.get(a, ())), "integer"))
    return {"triples": count, "actors": actors, "documents": documents, "assertions": n}


def _time_load(loader, path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        loader(Path(folder), path)
        return time.perf_counter() - started


def _bare(folder: Path, path: Path) -> None:
    store = ox.Store(str(folder))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(str(CORPUS_GRAPH)))
    store.flush()


def _ours(folder: Path, path: Path) -> None:
    store = GraphStore(folder)
    store.load_file(path, str(CORPUS_GRAPH))
    store.flush()


def query_args(store: GraphStore) -> dict[str, list[str]]:
    """Arguments that give each stored query something to find in the generated graph."""
    def first(sparql: str) -> list[str]:
        return [str(v) for v in store.query(sparql).rows[0]]

    led = first("SELECT ?l WHERE { ?a rdf:predicate ag:leads ; rdf:object ?t . ?t rdfs:label ?l } LIMIT 1")
    foe = first("SELECT ?l WHERE { ?a rdf:predicate ag:opposes ; rdf:object ?t . ?t rdfs:label ?l } "
                "LIMIT 1")
    pair = first("SELECT ?s ?o WHERE { ?a rdf:subject ?x ; rdf:object ?y . ?x rdfs:label ?s . "
                 "?y rdfs:label ?o } LIMIT 1")
    return {"who-influences": led, "conflicts": foe, "events-between": ["1990", "1995"],
            "sources": pair, "actors-by-degree": []}


def run(triples: int, repeats: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "graph.nt"
        shape = generate(data, triples)
        small = Path(folder) / "warmup.nt"
        generate(small, 20_000)
        _time_load(_bare, small), _time_load(_ours, small)  # warm-up
        bare, ours = [], []
        for _ in range(repeats):  # interleaved, so drift hits both alike
            bare.append(_time_load(_bare, data))
            ours.append(_time_load(_ours, data))
        store_dir = Path(folder) / "store"
        _ours(store_dir, data)
        store = GraphStore(store_dir, read_only=True)
        arguments = query_args(store)
        latencies = {}
        for name, stored in named_queries().items():
            bindings = stored.bindings(arguments[name])
            store.query(stored.text, bindings)  # warm-up
            samples = []
            for _ in range(20):
                started = time.perf_counter()
                rows = store.query(stored.text, bindings).rows
                samples.append(time.perf_counter() - started)
            latencies[name] = {"median_ms": round(statistics.median(samples) * 1000, 2),
                               "rows": len(rows), "arguments": arguments[name]}
    ratio = statistics.median(ours) / statistics.median(bare)
    return {
        "graph": shape,
        "load_seconds": {"actorgraph": [round(t, 3) for t in ours],
                         "bare_pyoxigraph": [round(t, 3) for t in bare]},
        "load_ratio": round(ratio, 3), "load_ratio_target": 1.2,
        "query_median_ms": latencies, "query_target_ms": 50,
        "versions": {"python": platform.python_version(), "pyoxigraph": version("pyoxigraph"),
                     "rdflib": version("rdflib")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS / "store.json")
    args = parser.parse_args()
    result = run(args.triples, args.repeats)
    print(f"graph: {result['graph']}")
    ours = statistics.median(result["load_seconds"]["actorgraph"])
    bare = statistics.median(result["load_seconds"]["bare_pyoxigraph"])
    print(f"load, median of {args.repeats}: actorgraph {ours:.2f} s, bare pyoxigraph {bare:.2f} s, "
          f"ratio {result['load_ratio']} (target <= 1.2)")
    for name, row in result["query_median_ms"].items():
        verdict = "ok" if row["median_ms"] < 50 else "OVER"
        print(f"  {name:18} median {row['median_ms']:8.2f} ms  ({row['rows']} rows)  {verdict}")
    save(result, args.json)


if __name__ == "__main__":
    main()
