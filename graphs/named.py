"""The library of named analyst queries: ``graphs/queries/*.rq``.

Each file starts with a comment line (what it answers) and one ``# param NAME:``
line per parameter. Arguments are bound by substitution (SPARQL SEP-0007), never
pasted into the query text, so a name with quotes or braces is just a name.

Examples
--------
>>> sorted(named_queries())[:2]
['actors-by-degree', 'conflicts']
>>> named_queries()["sources"].params
('subject', 'object')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ontology import QueryError

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_PARAM = re.compile(r"^#\s*param\s+(?P<name>\w+)\s*:\s*(?P<help>.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A stored query, its parameters and what it answers."""

    name: str
    description: str
    params: tuple[str, ...]
    help: tuple[str, ...]
    text: str

    def bindings(self, args: list[str]) -> dict[str, str]:
        """Arguments to variable bindings, checked against the parameters."""
        if len(args) != len(self.params):
            wanted = " ".join(p.upper() for p in self.params) or "no argument"
            raise QueryError(f"query {self.name!r} takes {wanted}; got {len(args)} argument(s)")
        return dict(zip(self.params, args, strict=True))


def _load(path: Path) -> NamedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("#"):
        raise QueryError(f"{path.name}:1: a named query starts with a '# what it answers' line")
    params = [m for line in lines if (m := _PARAM.match(line))]
    return NamedQuery(path.stem, lines[0].lstrip("# ").strip(),
                      tuple(m.group("name") for m in params),
                      tuple(m.group("help") for m in params), "\n".join(lines))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {q.name: q for q in map(_load, sorted(QUERY_DIR.glob("*.rq")))}
