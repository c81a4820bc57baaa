"""Hostile inputs of any size, generated from a seed: for ``bench/reliability.py`` and the
reliability tests (a sentence without end, thousands of JSON lines, a repeated paragraph,
and ordinary text of the same words to compare them with)."""

from __future__ import annotations

import json
import random

ACTORS = ["Iran", "Israel", "Russia", "Hamas", "Egypt", "Qatar", "Turkey", "the United States",
          "Ali Khamenei", "Vladimir Putin", "the European Union", "Saudi Arabia"]
VERBS = ["met", "supported", "criticized", "condemned", "praised", "threatened", "accused",
         "backed", "welcomed", "warned"]
JOINS = ["and", "while", "then", "also", "as", "but", "after", "before"]
PLACES = ["Doha", "Cairo", "Moscow", "Ankara", "Geneva", "Vienna"]


def clause(rng: random.Random) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS)}"


def ordinary(words: int, rng: random.Random) -> str:
    """Sentences of about a dozen words, five to a paragraph, until ``words``."""
    paragraphs, sentences, count = [], [], 0
    while count < words:
        day = rng.randrange(1, 29)
        sentence = (f"{clause(rng)} in {rng.choice(PLACES)} on March {day}, and "
                    f"{clause(rng)} the next day.")
        sentences.append(sentence[0].upper() + sentence[1:])
        count += len(sentence.split())
        if len(sentences) == 5:
            paragraphs.append(" ".join(sentences))
            sentences = []
    paragraphs.append(" ".join(sentences))
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def one_sentence(size: int, rng: random.Random) -> str:
    parts, length = [], 0
    while length < size:
        part = f"{clause(rng)} {rng.choice(JOINS)}"
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts) + " Egypt.\n"


def json_lines(count: int, rng: random.Random) -> str:
    lines = []
    for index in range(count):
        text = (f"{clause(rng)} on day {index}. {clause(rng)} in {rng.choice(PLACES)}. "
                f"Officials said the talks would go on.")
        lines.append(json.dumps({"id": f"a{index}", "title": f"Report {index}", "text": text}))
    return "\n".join(lines) + "\n"


def repeated(size: int, rng: random.Random) -> str:
    paragraph = ordinary(60, rng).strip().replace("\n\n", " ")
    return "\n\n".join([paragraph] * max(1, size // (len(paragraph) + 2))) + "\n"
