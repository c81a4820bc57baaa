"""A build as one object for notebooks: queries, actors, relations, evidence and
timelines as pandas DataFrames, networks for NetworkX, and pages shown inline.

The examples read ``g``, the demo corpus built (``make demo`` writes it to ``out``)::

    import actorgraph
    g = actorgraph.open("out")

Examples
--------
>>> g.centrality(top=3)["actor"].tolist()
['Ali Khamenei', 'Qasem Soleimani', 'Donald Trump']
>>> g.query("SELECT ?who WHERE { ?who ag:killed agr:Qasem_Soleimani }")["who"].tolist()
['United States']
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import graphs
from actorgraph import api
from extract import ExtractConfig
from extract.text import did_you_mean
from graphs.store import GraphStore
from ontology import ACTOR_CLASSES, QueryError, relation_specs

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from rdflib import Graph

    from actorgraph.api import BuildSummary, Progress

_ACTORS = """
SELECT ?iri ?actor ?class ?mentions ?wikidata
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
WHERE {
  ?iri a ?type ; rdfs:label ?actor .
  VALUES (?type ?class) { %s }
  OPTIONAL { ?iri ag:mentionCount ?mentions }
  OPTIONAL { ?iri owl:sameAs ?wikidata FILTER (STRSTARTS(STR(?wikidata), "http://www.wikidata.org/")) }
  OPTIONAL { ?iri skos:altLabel ?alias }
} GROUP BY ?iri ?actor ?class ?mentions ?wikidata
"""
_RELATIONS = """
SELECT ?s ?p ?o (MAX(?c) AS ?confidence) (COUNT(DISTINCT ?a) AS ?sentences)
       (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  ?a a ag:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     ag:confidence ?c ; prov:wasDerivedFrom ?doc .
} GROUP BY ?s ?p ?o
"""
_EVIDENCE = """
SELECT ?s ?p ?o ?sentence ?confidence ?rule ?title ?publisher ?published ?file ?url
       ?start ?end
WHERE {
  ?a a ag:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     ag:sentence ?sentence ; ag:confidence ?confidence ; ag:extractor ?rule ;
     ag:startOffset ?start ; ag:endOffset ?end ; prov:wasDerivedFrom ?doc .
  ?doc ag:sourceFile ?file .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc dcterms:issued ?published }
  OPTIONAL { ?doc dcterms:source ?url }
}
"""
_TIMELINE = """
SELECT ?iri ?date ?event ?kind
       (GROUP_CONCAT(DISTINCT ?agentLabel; separator=", ") AS ?agents)
       (GROUP_CONCAT(DISTINCT ?targetLabel; separator=", ") AS ?targets)
       (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  ?iri a ag:Event ; ag:date ?date ; rdfs:label ?event .
  OPTIONAL {  # its most specific kind, the one the build asserts (a Killing; Attack is inferred)
    GRAPH agr:graph\\/corpus { ?iri a ?t }
    FILTER (STRSTARTS(STR(?t), STR(ag:)) && ?t != ag:Event)
  }
  BIND (COALESCE(STRAFTER(STR(?t), "#"), "Event") AS ?kind)
  OPTIONAL { ?iri ag:agent/rdfs:label ?agentLabel }
  OPTIONAL { ?iri ag:target/rdfs:label ?targetLabel }
  OPTIONAL { ?iri ag:evidence/prov:wasDerivedFrom ?doc }
} GROUP BY ?iri ?date ?event ?kind
"""
_LABELS = "SELECT ?x ?label WHERE { ?x rdfs:label ?label FILTER (isIRI(?x)) }"


class Shown:
    """An interactive page that a notebook shows inline (``_repr_html_``), offline.

    ``html`` is the whole page; :meth:`save` writes it to a file.
    """

    def __init__(self, page: str, title: str, height: int = 640) -> None:
        self.html, self.title, self.height = page, title, height

    def _repr_html_(self) -> str:
        return (f'<iframe title="{html.escape(self.title)}" srcdoc="{html.escape(self.html)}" '
                f'style="width:100%;height:{self.height}px;border:0"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (atomically) and return the path."""
        return graphs.write_text(Path(path), self.html)

    def __repr__(self) -> str:
        return f"<Shown {self.title!r}: shown inline by a notebook; .save(path) writes it>"


class ActorGraph:
    """A built graph (a build folder, or a Turtle file) for analysis in Python.

    Every table is a pandas DataFrame that names actors by their labels, gives dates
    as datetimes and keeps the IRIs in ``*_iri`` columns for joins.

    Parameters
    ----------
    path : str or Path
        A folder written by :func:`actorgraph.build` (or ``actorgraph build``), or a
        ``.ttl`` file.
    summary : BuildSummary, optional
        What the build that wrote it did (set by :func:`actorgraph.build`).

    Raises
    ------
    GraphError
        There is no graph at ``path``.
    """

    def __init__(self, path: str | Path, summary: BuildSummary | None = None) -> None:
        self.path = Path(path)
        self.summary = summary
        self.store: GraphStore = api.open_store(self.path)

    def __repr__(self) -> str:
        counts = self.query("SELECT (COUNT(DISTINCT ?d) AS ?docs) WHERE { ?d a ag:Document }")
        return (f"<ActorGraph {self.path}: {int(counts.iloc[0, 0])} documents, "
                f"{len(self.actors())} actors, {len(self.relations())} relations>")

    # -- SPARQL ---------------------------------------------------------------

    def query(self, sparql: str, *args: str, inferred: bool = True,
              labels: bool = True) -> pd.DataFrame:
        """A SPARQL SELECT (or ASK) query, a ``.rq`` file, or a stored query by name
        (``"conflicts"``, ``"events-between"``: ``actorgraph query --list``) with its
        arguments, as a DataFrame.

        The project's prefixes are declared; the default graph is what the documents
        assert and, unless ``inferred`` is False, what the ontology entails. Dates are
        datetimes; with ``labels``, IRIs are given by their labels (or prefixed names).

        Examples
        --------
        >>> g.query("who-influences", "Solemaini").iloc[0, :3].tolist()
        ['Ali Khamenei', 'appointed', 'Qasem Soleimani']
        >>> g.query("SELECT ?e ?d WHERE { ?e ag:date ?d }").dtypes["d"].kind
        'M'
        """
        library = graphs.named_queries()
        if sparql in library:
            table = api.named_query(sparql, list(args), self.store, inferred=inferred)
        else:
            if args:
                raise QueryError(f"{sparql[:40]!r} is no stored query, so it takes no "
                                 f"arguments{did_you_mean(sparql, library)}")
            table = self.store.query(api.load_query(sparql), inferred=inferred)
        return table.to_dataframe(self._labels if labels else None)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {str(x): str(label) for x, label in self.store.query(_LABELS, inferred=False).rows}

    def _iri(self, name: str) -> str:
        """The IRI of the actor ``name`` names (label or alias, case and accents aside)."""
        return api.find_actor(self.store, name)

    # -- tables ---------------------------------------------------------------

    def actors(self) -> pd.DataFrame:
        """One row per actor: label, class, aliases (a list), mentions, Wikidata id, IRI;
        the most mentioned first.

        Examples
        --------
        >>> actors = g.actors()
        >>> actors.loc[actors.actor == "Qasem Soleimani", ["class", "aliases"]].iloc[0].tolist()
        ['Person', ['Qsem Solemaini', 'Soleimani', 'Solemaini']]
        """
        import pandas as pd

        values = " ".join(f"(ag:{c} {_quoted(c)})" for c in ACTOR_CLASSES)
        table = self.store.query(_ACTORS % values, inferred=False)
        rows = [(label, cls, sorted(a for a in (aliases or "").split("\x1f") if a),
                 int(mentions or 0), str(wikidata).rsplit("/", 1)[-1] if wikidata else "", iri)
                for iri, label, cls, mentions, wikidata, aliases in table.rows]
        frame = pd.DataFrame(rows, columns=["actor", "class", "aliases", "mentions",
                                            "wikidata", "iri"])
        return frame.sort_values(["mentions", "actor"], ascending=[False, True],
                                 ignore_index=True)

    def relations(self, view: str = "all", min_confidence: float = 0.0) -> pd.DataFrame:
        """One row per asserted relation of ``view`` ("all", "influence", "conflict",
        "cooperation"): subject, predicate, object, family, CAMEO code, Goldstein weight,
        best confidence, how many sentences and documents state it, and the IRIs.

        Raises
        ------
        GraphError
            ``view`` is not one of :data:`graphs.VIEWS`.

        Examples
        --------
        >>> conflict = g.relations(view="conflict", min_confidence=0.8)
        >>> conflict[["subject", "predicate", "object", "goldstein"]].iloc[2].astype(str).tolist()
        ['Donald Trump', 'attacks', 'Qasem Soleimani', '-9.0']
        """
        import pandas as pd

        from ontology import GraphError

        if view not in graphs.VIEWS:
            raise GraphError(f"view {view!r}, expected one of {', '.join(graphs.VIEWS)}")
        specs = {str(spec.iri): spec for spec in relation_specs().values()}
        rows = []
        for s, p, o, confidence, sentences, documents in self.store.query(
                _RELATIONS, inferred=False).rows:
            spec = specs.get(str(p))
            if spec is None or (view != "all" and spec.view != view) \
                    or float(confidence) < min_confidence:
                continue
            rows.append((self._labels.get(s, s), spec.name, self._labels.get(o, o),
                         spec.family_label, spec.cameo or "", spec.goldstein, float(confidence),
                         int(sentences), int(documents), s, o))
        frame = pd.DataFrame(rows, columns=["subject", "predicate", "object", "family", "cameo",
                                            "goldstein", "confidence", "sentences", "documents",
                                            "subject_iri", "object_iri"])
        return frame.sort_values(["subject", "predicate", "object"], ignore_index=True)

    def evidence(self, subject: str | None = None, predicate: str | None = None,
                 object: str | None = None) -> pd.DataFrame:
        """One row per sentence that states a relation of ``subject`` (a name, an alias
        or an IRI; None: anyone), ``predicate`` ("leads", "ag:leads"; None: any) and
        ``object``, with its confidence, the rule that read it, the document's title,
        publisher, date and URL, the file and the character offsets of the sentence.
        A symmetric relation (negotiation, cooperation) is found either way round.

        Raises
        ------
        QueryError
            No actor is called ``subject`` or ``object``, or ``predicate`` is unknown.

        Examples
        --------
        >>> rows = g.evidence("Khamenei", "appointed", "Solemaini")
        >>> rows[["file", "start", "end"]].values.tolist()
        [['003_cc976cd41615b2db.txt', 2960, 3076]]
        >>> g.evidence("Ali Khamenei", "leads", "Iran")["publisher"].tolist()[:2]
        ['The Washington Institute', 'Al Jazeera']
        """
        import pandas as pd

        specs = relation_specs()
        wanted = predicate.split(":", 1)[-1] if predicate else None
        if wanted is not None and wanted not in specs:
            raise QueryError(f"no relation {predicate!r}{did_you_mean(wanted, specs)}")
        who = self._iri(subject) if subject else None
        whom = self._iri(object) if object else None
        rows = []
        table = self.store.query(_EVIDENCE, inferred=False)
        for s, p, o, sentence, conf, rule, title, publisher, published, file, url, start, end \
                in table.rows:
            name = str(p).rsplit("#", 1)[-1]
            if wanted is not None and name != wanted:
                continue
            ends = [(s, o), (o, s)] if name in specs and specs[name].symmetric else [(s, o)]
            for first, second in ends:
                if (who is None or first == who) and (whom is None or second == whom):
                    rows.append((self._labels.get(first, first), name,
                                 self._labels.get(second, second), sentence, float(conf),
                                 str(rule), title or "", publisher or "", published,
                                 file, url or "", int(start), int(end)))
                    break
        frame = pd.DataFrame(rows, columns=["subject", "predicate", "object", "sentence",
                                            "confidence", "rule", "title", "publisher",
                                            "published", "file", "url", "start", "end"])
        frame["published"] = pd.to_datetime(frame["published"], format="ISO8601")
        return frame.sort_values(["subject", "predicate", "object", "confidence", "file", "start"],
                                 ascending=[True, True, True, False, True, True],
                                 ignore_index=True)

    def timeline(self) -> pd.DataFrame:
        """One row per dated event (relations told with a date, and named events such as
        revolutions), in date order: the date (a datetime; ``precision`` says whether the
        text gave a day, a month or a year), the event, its most specific kind, agents,
        targets, how many documents tell it, and its IRI.

        Examples
        --------
        >>> timeline = g.timeline()
        >>> withdrawal = timeline[timeline.kind == "Withdrawal"]
        >>> withdrawal[["date", "precision", "agents"]].astype(str).values.tolist()
        [['2018-05-08', 'day', 'United States, Donald Trump']]
        """
        table = self.store.query(_TIMELINE, inferred=True)
        frame = table.to_dataframe(self._labels)
        frame.insert(1, "precision", [{4: "year", 7: "month"}.get(len(str(d)), "day")
                                      for _i, d, *_rest in table.rows])
        frame = frame.rename(columns={"iri": "event_iri"})
        frame["event_iri"] = [row[0] for row in table.rows]
        frame["documents"] = frame["documents"].astype(int)
        frame[["agents", "targets"]] = frame[["agents", "targets"]].fillna("")
        return frame[["date", "precision", "event", "kind", "agents", "targets", "documents",
                      "event_iri"]].sort_values(["date", "event"], ignore_index=True)

    def centrality(self, top: int | None = None) -> pd.DataFrame:
        """Who matters, by measures named for what they measure: ``influence_pagerank``
        (PageRank along the direction influence flows, from who is led, appointed or
        advised to who leads, appoints or advises), ``conflict_goldstein`` and
        ``cooperation_goldstein`` (the Goldstein weights of the actor's conflict and
        cooperation relations, summed, either way round), and ``relations`` (how many
        distinct relations it takes part in). Sorted by influence.

        Examples
        --------
        >>> top = g.centrality(top=5).set_index("actor")
        >>> bool(top.loc["Ali Khamenei", "influence_pagerank"]
        ...      > top.loc["United States", "influence_pagerank"])
        True
        >>> bool(top.loc["United States", "conflict_goldstein"] < 0)
        True
        """
        import pandas as pd

        network = self.to_networkx()
        influence = graphs.influence_rank(network)
        signed = graphs.signed_degree(network)
        rows = [(d["label"], d["cls"], influence.get(n, 0.0), signed[n][0], signed[n][1],
                 network.degree(n), n)
                for n, d in network.nodes(data=True) if d.get("cls") in ACTOR_CLASSES]
        frame = pd.DataFrame(rows, columns=["actor", "class", "influence_pagerank",
                                            "conflict_goldstein", "cooperation_goldstein",
                                            "relations", "iri"])
        frame = frame.sort_values(["influence_pagerank", "relations", "actor"],
                                  ascending=[False, False, True], ignore_index=True)
        return frame if top is None else frame.head(top)

    # -- networks -------------------------------------------------------------

    @cached_property
    def graph(self) -> Graph:
        """The whole graph as an rdflib ``Graph`` (parsed from ``graph.ttl`` on first use)."""
        return graphs.read_graph(self.path)

    def to_networkx(self, view: str = "all", at: str | None = None, start: str | None = None,
                    end: str | None = None) -> nx.MultiDiGraph:
        """The NetworkX ``MultiDiGraph`` of ``view`` (see :func:`graphs.to_networkx`); with
        ``at`` ("2019-06"), or ``start`` and ``end``, only the relations dated in that period.

        >>> len(g.to_networkx(at="2014").edges) < len(g.to_networkx().edges)
        True

        >>> network = g.to_networkx("influence")
        >>> network.has_edge("https://w3id.org/actorgraph/id/Ali_Khamenei",
        ...                  "https://w3id.org/actorgraph/id/Qasem_Soleimani")
        True
        """
        if at is not None:
            start = end = at
        return graphs.to_networkx(self.graph, view=view, start=start, end=end)

    def show(self, view: str = "all", focus: str | None = None, depth: int = 2,
             max_nodes: int | None = None, height: int = 640) -> Shown:
        """The interactive page of ``view`` (around ``focus``, ``depth`` relations deep),
        shown inline by a notebook; it loads nothing from the network.

        >>> page = g.show(view="influence", focus="Solemaini", depth=1)
        >>> page.title, 'src="http' in page.html, page._repr_html_().startswith("<iframe")
        ('actorgraph · influence network around Qasem Soleimani', False, True)
        """
        network = self.to_networkx(view)
        label = None
        if focus:
            network = graphs.ego_network(network, focus, depth)
            label = network.nodes[network.graph["focus"]]["label"]
        title = api.page_title(view, label)
        page = graphs.render_html(network, title,
                                  graphs.MAX_NODES if max_nodes is None else max_nodes)
        return Shown(page, title, height)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def open(path: str | Path = "out") -> ActorGraph:
    """The graph built in ``path`` (a build folder or a ``.ttl`` file) as an
    :class:`ActorGraph`.

    Raises
    ------
    GraphError
        There is no graph at ``path``.

    Examples
    --------
    >>> open(g.path).actors()["actor"].head(3).tolist()
    ['Iran', 'United States', 'Ali Khamenei']
    """
    return ActorGraph(path)


def build(inputs: Iterable[str | Path], out: str | Path = "out",
          config: ExtractConfig | None = None, progress: Progress | None = None,
          focus: str | None = None, depth: int = 2, cache: bool = True,
          **settings: object) -> ActorGraph:
    """Build ``inputs`` (files and folders) into ``out`` (see :func:`actorgraph.api.build`)
    and open it; ``summary`` on the result tells what the build did.

    Settings of :class:`extract.ExtractConfig` may be given by name:
    ``build(["articles"], out="out", aliases=["my_aliases.tsv"], cues=["my_cues.tsv"])``.

    Raises
    ------
    InputError
        No input could be read, or another build holds ``out``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "strike.txt").write_text(
    ...     "A US drone strike killed Qasem Soleimani in Baghdad on January 3, 2020. "
    ...     "Ali Khamenei vowed revenge.", encoding="utf-8")
    >>> g = build([folder], out=folder / "out")
    >>> g.summary.documents, g.relations()[["subject", "predicate", "object"]].values.tolist()
    (1, [['United States', 'killed', 'Qasem Soleimani']])
    """
    if settings:
        import dataclasses

        fields = {f.name for f in dataclasses.fields(ExtractConfig)}
        unknown = sorted(set(settings) - fields)
        if unknown:
            raise TypeError(f"unknown setting {unknown[0]!r}; expected one of "
                            f"{', '.join(sorted(fields))}")
        given: Mapping[str, object] = {k: tuple(Path(p) for p in v)  # type: ignore[attr-defined]
                                       if k in ("aliases", "cues") else v
                                       for k, v in settings.items()}
        config = dataclasses.replace(config or ExtractConfig(), **given)  # type: ignore[arg-type]
    summary = api.build(inputs, out, config, progress, focus, depth, cache)
    return ActorGraph(out, summary)
