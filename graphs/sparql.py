"""SPARQL over a graph, on an embedded Oxigraph store.

The project's prefixes (``ag:``, ``agr:``, ``rdfs:``, ``skos:``, ``prov:`` ...)
are declared for every query, and values are bound by substitution, never
pasted into the query text.

Examples
--------
>>> from rdflib import Graph, Literal, RDFS
>>> from ontology import AG, AGR
>>> g = Graph()
>>> _ = g.add((AGR.Iran, RDFS.label, Literal("Iran")))
>>> table = query(g, "SELECT ?label WHERE { ?x rdfs:label ?label }")
>>> table.columns, table.rows
(['label'], [('Iran',)])
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import XSD

from ontology import PREFIXES, QueryError

#: Output formats of :meth:`Table.render`.
FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Table:
    """The answer of a SELECT (or ASK: one ``ask`` column) query.

    ``kinds`` tells, for each column, what all its values are: ``"iri"``, ``"date"``
    (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear`` or ``xsd:dateTime``) or ``""``.
    """

    columns: list[str]
    rows: list[tuple[object, ...]]
    kinds: tuple[str, ...] = ()

    def to_dataframe(self, labels: Mapping[str, str] | None = None):  # -> pandas.DataFrame
        """The rows as a pandas DataFrame: dates as datetimes (a year or a month as its
        first day), and, given ``labels`` (IRI -> label), IRIs by their labels (else by
        their prefixed names).

        >>> Table(["d", "x"], [("2018-05", "https://w3id.org/actorgraph/id/Iran")],
        ...       ("date", "iri")).to_dataframe({}).iloc[0].tolist()
        [Timestamp('2018-05-01 00:00:00'), 'agr:Iran']
        """
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns)
        for column, kind in zip(self.columns, self.kinds, strict=False):
            if kind == "date":
                try:
                    frame[column] = pd.to_datetime(frame[column], format="ISO8601")
                except ValueError:  # dates with and without time zones: all in UTC
                    frame[column] = pd.to_datetime(frame[column], format="ISO8601", utc=True,
                                                   errors="coerce")
            elif kind == "iri" and labels is not None:
                frame[column] = [None if v is None else labels.get(v) or compact(v)
                                 for v in frame[column]]
        return frame

    def render(self, fmt: str = "table", width: int | None = None) -> str:
        """The rows as a table for people, CSV or JSON (a list of objects).

        The table names IRIs by the project's prefixes (``ag:leads``, ``agr:Iran``) and
        wraps long cells within ``width`` columns (None: as wide as the longest row);
        CSV and JSON keep every value whole.
        """
        if fmt == "json":
            return json.dumps([dict(zip(self.columns, row, strict=True)) for row in self.rows],
                              ensure_ascii=False, indent=2, default=str)
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(self.columns)
            writer.writerows(["" if v is None else v for v in row] for row in self.rows)
            return out.getvalue()
        if fmt != "table":
            raise QueryError(f"format {fmt!r}, expected one of {', '.join(FORMATS)}")
        from rich import box
        from rich.console import Console
        from rich.table import Table as RichTable
        from rich.text import Text

        table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for column in self.columns:
            table.add_column(column, overflow="fold")
        for row in self.rows:
            table.add_row(*(Text(compact(v)) for v in row))
        out = io.StringIO()
        Console(file=out, width=width or 100_000, color_system=None, highlight=False,
                emoji=False, markup=False).print(table)
        return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def compact(value: object) -> str:
    """A value as a person reads it: an IRI by its prefixed name, nothing for None.

    >>> compact("https://w3id.org/actorgraph/ontology#leads"), compact(None), compact(0.5)
    ('ag:leads', '', '0.5')
    """
    if value is None:
        return ""
    text = str(value)
    if text.startswith(("http://", "https://")):
        for prefix, namespace in _LONGEST_FIRST:
            if text.startswith(namespace) and _LOCAL.fullmatch(text[len(namespace):]):
                return f"{prefix}:{text[len(namespace):]}"
    return text


_LONGEST_FIRST = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[\w./-]+")


def store_from_graph(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding ``graph``'s triples."""
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _term(value: object) -> object:
    if isinstance(value, ox.Literal):
        text = value.value
        datatype = value.datatype.value
        if datatype.endswith(("#integer", "#int", "#long")):
            return int(text)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(text)
        return text
    if isinstance(value, ox.NamedNode):
        return value.value
    return None if value is None else str(value)


def _bind(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    return ox.Literal(text)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*|):")


def with_prefixes(sparql: str) -> str:
    """``sparql`` with a PREFIX line for each project prefix it uses but does not declare
    (what :func:`query` does for in-process queries, for servers that know no prefixes).

    >>> with_prefixes("PREFIX ag: <urn:x#> SELECT * WHERE { ?a ag:leads ?b }")[:19]
    'PREFIX ag: <urn:x#>'
    >>> with_prefixes("SELECT ?l WHERE { ?a rdfs:label ?l }").splitlines()[0]
    'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>'
    """
    declared = set(_DECLARED.findall(sparql))
    lines = [f"PREFIX {name}: <{namespace}>" for name, namespace in sorted(PREFIXES.items())
             if name not in declared and re.search(rf"(?<![\w:<]){re.escape(name)}:", sparql)]
    return "\n".join([*lines, sparql]) if lines else sparql


def bind_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """``sparql`` with ``bindings`` as a VALUES block opening its WHERE clause.

    Each value becomes an RDF term serialised (and escaped) by pyoxigraph, so a
    value can only ever be a value. (SPARQL SEP-0007 substitution would do the same
    but Oxigraph applies it after planning: hundreds of times slower on large stores.)

    >>> print(bind_values("SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": 'a" } #'}))
    SELECT ?x WHERE { VALUES (?name) { ("a\\" } #") } ?x rdfs:label ?name }
    """
    if not bindings:
        return sparql
    match = _WHERE.search(sparql)
    if match is None:
        raise QueryError("a query with parameters needs a WHERE { ... } clause")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(_bind(value)) for value in bindings.values())
    return f"{sparql[: match.end()]} VALUES ({names}) {{ ({terms}) }}{sparql[match.end():]}"


def query(graph: Graph | ox.Store, sparql: str, bindings: Mapping[str, object] | None = None,
          default_graph: list[ox.NamedNode] | None = None, union: bool = False) -> Table:
    """Run a SELECT or ASK query; ``bindings`` fix variables safely (by substitution).

    The default graph is the store's own, or the union of ``default_graph``, or (with
    ``union``) the union of every graph of the store: Oxigraph's own union, which costs
    nothing however many graphs there are.

    Bindings are a VALUES block (:func:`bind_values`). A value that looks like an
    http(s) IRI is bound as an IRI, a ``datetime.date`` as an ``xsd:date``, anything
    else as a plain literal.

    Raises
    ------
    QueryError
        The query is malformed or is not a SELECT or ASK query.
    """
    store = graph if isinstance(graph, ox.Store) else store_from_graph(graph)
    sparql = bind_values(sparql, bindings or {})
    try:
        if union:
            result = store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()},
                                 use_default_graph_as_union=True)
        else:
            result = store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()},
                                 default_graph=default_graph if default_graph else None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"SPARQL query failed: {exc}") from exc
    if isinstance(result, (bool, ox.QueryBoolean)):
        return Table(["ask"], [(bool(result),)])
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries give a table; "
                         "this one is CONSTRUCT or DESCRIBE")
    columns = [v.value for v in result.variables]
    seen: list[set[str]] = [set() for _ in columns]
    rows = []
    for solution in result:
        terms = [solution[c] for c in columns]
        for kinds, term in zip(seen, terms, strict=True):
            if term is not None:
                kinds.add(_kind(term))
        rows.append(tuple(_term(t) for t in terms))
    return Table(columns, rows, tuple(k.pop() if len(k) == 1 else "" for k in seen))


_DATES = frozenset(str(XSD[t]) for t in ("date", "gYearMonth", "gYear", "dateTime"))


def _kind(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return "iri"
    if isinstance(term, ox.Literal) and term.datatype.value in _DATES:
        return "date"
    return ""
