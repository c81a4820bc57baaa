"""Extraction benchmark: what a build costs beside what the language model costs.

On one generated corpus (``bench/make_corpus.py``: real sentences, registered actors
swapped), in one run, each figure beside its anchor:

* words per second of ``actorgraph build`` (the real CLI, a fresh folder) against the
  bare spaCy pipeline (``spacy.load`` of the same model, ``nlp.pipe`` over the same
  paragraphs, batches of 64, in a child process as well): target >= 0.8;
* the speed-up of ``build --workers 2`` beside bare spaCy's own with ``n_process=2``:
  target >= 0.9 of it;
* rebuilds into the same folder against the full build: nothing changed (target
  < 1 %), one document changed (target < 3 %);
* the peak memory of the build at the corpus size and at ``--large`` documents (target:
  the larger under 1.5 x the smaller);
* where the full build's time goes (``build.json`` phases: read, model, parse, rules, cache,
  merge, rdf, inference, validation, store, pages, wait, switch; and exports, networks,
  shapes: the seconds of the processes beside the build).

Usage::

    python bench/extract.py [--documents 1000] [--large 10000] [--json bench/results/extract.json]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path)

# isort: split

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from bench.common import RESULTS, run_build, save
from bench.make_corpus import generate

_BARE = """
import json, os, sys, time
import spacy
from extract.config import model_name
texts = json.load(open(sys.argv[1], encoding="utf-8"))
started = time.perf_counter()
nlp = spacy.load(model_name())
n = 0
for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    n += len(doc)
print(json.dumps({"tokens": n, "pipe_seconds": time.perf_counter() - started}))
"""


def paragraphs(folder: Path) -> list[str]:
    """The paragraphs a build parses, read and cut as the build reads and cuts them."""
    from extract import read_document
    from extract.text import bounded

    texts = []
    for path in sorted(folder.glob("*.txt")):
        texts += [b.text for b in bounded(read_document(path).blocks).blocks]
    return texts


def bare_spacy(texts_file: Path, processes: int) -> dict:
    """Bare spaCy over the paragraphs in a child process: seconds (with the model's load,
    as a build's include it), peak RSS."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _BARE, str(texts_file), str(processes)],
                             stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1])
    out = child.stdout.read() if child.stdout else b""
    _pid, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "bare spaCy failed"
    return {"seconds": round(time.perf_counter() - start, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1), **json.loads(out)}


def phases(out: Path) -> dict[str, float]:
    manifest = json.loads((out / "current" / "build.json").read_text(encoding="utf-8"))
    return manifest.get("seconds", {})


def run(documents: int, large: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "corpus"
        generate(corpus, documents)
        texts = paragraphs(corpus)
        words = sum(len(t.split()) for t in texts)
        texts_file = root / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        result: dict = {"documents": documents, "paragraphs": len(texts), "words": words}
        for workers in (1, 2):
            bare = bare_spacy(texts_file, workers)
            build = run_build(corpus, root / f"out{workers}", "--workers", str(workers))
            assert build["exit"] == 0, build["messages"]
            result[f"workers_{workers}"] = {
                "bare_spacy": bare, "build": build,
                "build_words_per_second": round(words / build["seconds"]),
                "bare_words_per_second": round(words / bare["seconds"]),
                "ratio": round(bare["seconds"] / build["seconds"], 3), "ratio_target": 0.8,
                "phases": phases(root / f"out{workers}")}
        one, two = result["workers_1"], result["workers_2"]
        ours = one["build"]["seconds"] / two["build"]["seconds"]
        theirs = one["bare_spacy"]["seconds"] / two["bare_spacy"]["seconds"]
        result["speed_up"] = {"build": round(ours, 3), "bare_spacy": round(theirs, 3),
                              "ratio": round(ours / theirs, 3), "ratio_target": 0.9}
        full = one["build"]["seconds"]
        unchanged = run_build(corpus, root / "out1")
        first = sorted(corpus.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nIran criticized Israel.\n",
                         encoding="utf-8")
        changed = run_build(corpus, root / "out1")
        result["rebuild"] = {
            "full_seconds": full,
            "unchanged": {**unchanged, "percent_of_full": round(100 * unchanged["seconds"] / full, 2),
                          "target_percent": 1},
            "one_changed": {**changed, "percent_of_full": round(100 * changed["seconds"] / full, 2),
                            "target_percent": 3, "phases": phases(root / "out1")}}
        memory = {documents: one["build"]["peak_mb"]}
        if large:
            big = root / "large"
            generate(big, large)
            build = run_build(big, root / "out-large")
            memory[large] = build["peak_mb"]
            result["large_build"] = {**build, "phases": phases(root / "out-large")}
        result["peak_memory_mb"] = memory
        if large:
            result["memory_ratio"] = round(memory[large] / memory[documents], 3)
            result["memory_ratio_target"] = 1.5
    result["machine"] = {"cpus": os.cpu_count()}
    result["versions"] = {"python": platform.python_version(), "spacy": version("spacy"),
                          "pyoxigraph": version("pyoxigraph"), "rdflib": version("rdflib")}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10_000,
                        help="a second corpus size for peak memory (0: none)")
    parser.add_argument("--json", type=Path, default=RESULTS / "extract.json")
    args = parser.parse_args()
    result = run(args.documents, args.large)
    print(f"{result['documents']} documents, {result['words']:,} words")
    for workers in (1, 2):
        row = result[f"workers_{workers}"]
        print(f"  {workers} worker(s): build {row['build']['seconds']} s "
              f"({row['build_words_per_second']:,} words/s), bare spaCy {row['bare_spacy']['seconds']} s "
              f"({row['bare_words_per_second']:,} words/s): ratio {row['ratio']} (target >= 0.8)")
    speed = result["speed_up"]
    print(f"  2 workers: build x{speed['build']}, bare spaCy x{speed['bare_spacy']}: "
          f"ratio {speed['ratio']} (target >= 0.9)")
    rebuild = result["rebuild"]
    print(f"  rebuild unchanged {rebuild['unchanged']['seconds']} s = "
          f"{rebuild['unchanged']['percent_of_full']} % of the full build (target < 1 %)")
    print(f"  rebuild, one changed {rebuild['one_changed']['seconds']} s = "
          f"{rebuild['one_changed']['percent_of_full']} % (target < 3 %)")
    print(f"  peak memory: {result['peak_memory_mb']} MB"
          + (f", ratio {result['memory_ratio']} (target < 1.5)" if "memory_ratio" in result else ""))
    print("  phases of the full build (s): " + ", ".join(
        f"{k} {v}" for k, v in result["workers_1"]["phases"].items()))
    save(result, args.json)


if __name__ == "__main__":
    main()
