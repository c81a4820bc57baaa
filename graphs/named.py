"""The library of named analyst queries: ``graphs/queries/*.rq``.

Each file starts with a comment line (what it answers) and one ``# param NAME:``
line per parameter. Arguments are bound by substitution (SPARQL SEP-0007), never
pasted into the query text, so a name with quotes or braces is just a name.

Examples
--------
>>> {"conflicts", "events-between", "timeline"} <= set(named_queries())
True
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
_PARAM = re.compile(r"^#\s*param\s+(?P<name>\w+)(?:\s*\((?P<kind>\w+)\))?\s*:\s*(?P<help>.*)$")
#: What a typed parameter must look like ("# param from (date): ...").
_KINDS = {"date": (re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
                   "a date as YYYY, YYYY-MM or YYYY-MM-DD"),
          # an actor's name: the caller matches it to a stored label or alias
          "actor": (re.compile(r"\S"), "an actor's name")}


@dataclass(frozen=True)
class NamedQuery:
    """A stored query, its parameters and what it answers."""

    name: str
    description: str
    params: tuple[str, ...]
    help: tuple[str, ...]
    text: str
    kinds: tuple[str, ...] = ()  # per parameter: "" or a kind of _KINDS

    def bindings(self, args: list[str]) -> dict[str, str]:
        """Arguments to variable bindings, checked against the parameters.

        >>> named_queries()["events-between"].bindings(["2015", "2020-13"])
        Traceback (most recent call last):
        ontology.errors.QueryError: events-between: TO '2020-13' is not a date as YYYY, YYYY-MM or YYYY-MM-DD
        """
        if len(args) != len(self.params):
            wanted = " ".join(p.upper() for p in self.params) or "no argument"
            raise QueryError(f"query {self.name!r} takes {wanted}; got {len(args)} argument(s)")
        for param, kind, value in zip(self.params, self.kinds or ("",) * len(self.params), args,
                                      strict=True):
            if kind and not _KINDS[kind][0].match(value):
                raise QueryError(f"{self.name}: {param.upper()} {value!r} is not {_KINDS[kind][1]}")
        return dict(zip(self.params, args, strict=True))


def _load(path: Path) -> NamedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("#"):
        raise QueryError(f"{path.name}:1: a named query starts with a '# what it answers' line")
    params = [m for line in lines if (m := _PARAM.match(line))]
    kinds = tuple(m.group("kind") or "" for m in params)
    unknown = [k for k in kinds if k and k not in _KINDS]
    if unknown:
        raise QueryError(f"{path.name}: parameter kind {unknown[0]!r}, expected one of {sorted(_KINDS)}")
    return NamedQuery(path.stem, lines[0].lstrip("# ").strip(),
                      tuple(m.group("name") for m in params),
                      tuple(m.group("help") for m in params), "\n".join(lines), kinds)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {q.name: q for q in map(_load, sorted(QUERY_DIR.glob("*.rq")))}
