"""Reliability benchmark: what hostile inputs cost against ordinary ones of the same size.

Builds, each in a fresh folder with the real CLI (a child process, so its peak memory is
its own):

* ``sentence``: one sentence of about 780 kB (no full stop anywhere);
* ``jsonl``: a JSON-lines file of 10,000 short articles (about 1.9 MB);
* ``repeated``: one paragraph repeated to about 5 MB;

and, for the first two, an *ordinary* file of the same number of words (sentences of a
dozen words, paragraphs of five) made from the same names and verbs (the repeated
paragraph is set beside the sentence's ordinary twin: it says no more than one
paragraph, and should cost no more than 120,000 ordinary words). It reports the time and
peak memory of each build, the ratio of each hostile case to its ordinary twin (target:
at most 3), and the size of the extraction cache. Texts are generated from a fixed seed.
Usage::

    python bench/reliability.py [--scale 1.0] [--json bench/results/reliability.json]

``--scale 0.1`` makes every input ten times smaller (a quick look).
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path)

# isort: split

import argparse
import json
import os
import platform
import random
import tempfile
from importlib.metadata import version
from pathlib import Path

from bench.common import RESULTS, run_build, save
from bench.hostile import json_lines, one_sentence, ordinary, repeated


def words_of(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return sum(len(json.loads(line)["text"].split()) for line in text.splitlines() if line)
    return len(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json", type=Path, default=RESULTS / "reliability.json")
    args = parser.parse_args()
    rng = random.Random(20261202)
    cases = {
        "sentence": ("sentence.txt", one_sentence(int(780_000 * args.scale), rng)),
        "jsonl": ("articles.jsonl", json_lines(int(10_000 * args.scale), rng)),
        "repeated": ("repeated.txt", repeated(int(5_000_000 * args.scale), rng)),
    }
    report: dict = {"versions": {"python": platform.python_version(), "spacy": version("spacy"),
                                 "rdflib": version("rdflib"), "pyoxigraph": version("pyoxigraph")},
                    "machine": platform.machine(), "cpus": os.cpu_count(), "scale": args.scale,
                    "cases": {}}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        plains: dict[str, dict] = {}
        for name, (filename, text) in cases.items():
            path = root / filename
            path.write_text(text, encoding="utf-8")
            words = words_of(path)
            hostile = run_build(path, root / f"out-{name}")
            if name == "repeated":  # its twin would be 800,000 words; it states one paragraph
                plain = plains["sentence"]
            else:
                twin = root / f"ordinary-{name}.txt"
                twin.write_text(ordinary(words, rng), encoding="utf-8")
                plain = plains[name] = run_build(twin, root / f"out-ordinary-{name}")
            ratio = hostile["seconds"] / plain["seconds"] if plain["seconds"] else float("inf")
            report["cases"][name] = {"bytes": path.stat().st_size, "words": words,
                                     "hostile": hostile, "ordinary": plain,
                                     "time_ratio": round(ratio, 2),
                                     "within_target": ratio <= 3.0}
            print(f"{name:9s} {path.stat().st_size / 1e6:6.2f} MB {words:8d} words  "
                  f"{hostile['seconds']:7.1f} s {hostile['peak_mb']:7.0f} MB  ordinary "
                  f"{plain['seconds']:7.1f} s {plain['peak_mb']:7.0f} MB  ratio {ratio:5.2f}  "
                  f"cache {hostile['cache_mb']:.1f} MB  exit {hostile['exit']}", flush=True)
    save(report, args.json)


if __name__ == "__main__":
    main()
