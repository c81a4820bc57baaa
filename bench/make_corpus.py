"""A generated corpus of any size for benchmarks, from real sentences.

The sentences are those of the shipped texts (the demo corpus and the notebook's
articles): each generated document takes a run of them, and every name of the actor
registry in them is replaced by another registered name of the same class, drawn from
a fixed seed, so extraction has real work (real syntax, known and unknown actors) and
no two documents are the same text. Usage::

    python bench/make_corpus.py DIR [--documents 1000] [--sentences 40] [--seed 7]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path)

# isort: split

import argparse
import random
import re
from pathlib import Path

from extract import Registry, read_document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "corpus", ROOT / "notebooks" / "articles")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences() -> list[str]:
    """The sentences of the shipped texts, as the readers clean them (menus, tickers and
    promo lines left out), long enough to say something."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            read = read_document(path)
            for block in read.blocks:
                text = block.text
                found += [s.strip() for s in _SENTENCE.split(text) if len(s.split()) >= 6]
    return found


def _names(registry: Registry) -> dict[str, list[str]]:
    """Registered labels by class, single names of two words or more (people, bodies, states)."""
    by_class: dict[str, list[str]] = {}
    for entry in registry.entries.values():
        if (entry.cls in ("Person", "Organization", "Country") and " " in entry.label.strip()) \
                or entry.cls == "Country":
            by_class.setdefault(entry.cls, []).append(entry.label)
    return {cls: sorted(set(labels)) for cls, labels in by_class.items()}


def generate(folder: Path, documents: int, per_document: int = 40, seed: int = 7) -> list[Path]:
    """Write ``documents`` texts of ``per_document`` sentences each into ``folder``."""
    rng = random.Random(seed)
    registry = Registry.load()
    pool = sentences()
    names = _names(registry)
    # the registered actors the shipped sentences name (by label or alias), with their forms
    text = " ".join(pool)
    known = [(entry, sorted({f for f in (entry.label, *entry.aliases) if len(f) > 3 and f in text},
                            key=len, reverse=True))
             for entry in registry.entries.values() if entry.cls in names]
    known = [(entry, forms) for entry, forms in known if forms]
    forms = sorted({f for _entry, fs in known for f in fs}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")
    owner = {f: entry for entry, fs in known for f in fs}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(documents):
        start = rng.randrange(len(pool))
        chosen = [pool[(start + k) % len(pool)] for k in range(per_document)]
        swap = {entry.id: rng.choice(names[entry.cls]) for entry, _forms in known
                if rng.random() < 0.7}

        def other(match: re.Match[str], swap: dict[str, str] = swap) -> str:
            form, entry = match.group(0), owner[match.group(0)]
            if entry.id not in swap:
                return form
            # a person's one-word form ("Khamenei") becomes the other's last name
            short = " " not in form and entry.cls == "Person"
            return swap[entry.id].split()[-1] if short else swap[entry.id]

        chosen = [pattern.sub(other, s) for s in chosen]
        paragraphs = [" ".join(chosen[i:i + 4]) for i in range(0, len(chosen), 4)]
        path = folder / f"doc{number:06d}.txt"
        title = f"Report {number}: {' '.join(chosen[0].split()[:8])}"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.folder, args.documents, args.sentences, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} documents, {words:,} words in {args.folder}")


if __name__ == "__main__":
    main()
