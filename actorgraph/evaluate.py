"""``actorgraph eval``: the built graph against hand annotations (see ``gold/README.md``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from extract import SUFFIXES, ExtractConfig
from extract.lexicon import read_tsv
from extract.text import normalize_name
from ontology import AG, InputError, relation_specs

SCORED_TYPES = ("Person", "Organization", "Country", "Policy")
#: A more specific predicate implies these on the same pair.
IMPLIED_BY = {"influences": ("leads", "appointed", "advises"), "attacks": ("killed",)}


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    forms: frozenset[str]  # normalised name and aliases


@dataclass(frozen=True)
class GoldRelation:
    subjects: tuple[str, ...]
    predicate: str
    objects: tuple[str, ...]
    required: bool
    evidence: str
    doc: str


@dataclass(frozen=True)
class Gold:
    entities: dict[str, GoldEntity]
    relations: tuple[GoldRelation, ...]
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    """Entity and relation scores, with what was missed and what was wrong."""

    entities: Score
    strict: Score
    lenient: Score
    splits: list[str] = field(default_factory=list)
    over_merges: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    extra_nodes: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    per_predicate: dict[str, dict[str, int]] = field(default_factory=dict)


def load_gold(gold_dir: Path) -> Gold:
    """Read every ``D.entities.tsv`` / ``D.relations.tsv`` pair of a gold folder."""
    entity_files = sorted(gold_dir.glob("*.entities.tsv"))
    if not entity_files:
        raise InputError(f"{gold_dir}: no *.entities.tsv gold files")
    entities: dict[str, GoldEntity] = {}
    relations: list[GoldRelation] = []
    for path in entity_files:
        doc = path.name[: -len(".entities.tsv")]
        for _n, row in read_tsv(path, ("name", "type", "aliases")):
            forms = {normalize_name(row["name"])} | {
                normalize_name(a) for a in row["aliases"].split("|") if a.strip()}
            old = entities.get(row["name"])
            entities[row["name"]] = GoldEntity(row["name"], row["type"],
                                               frozenset(forms | (old.forms if old else set())))
        rel_path = gold_dir / f"{doc}.relations.tsv"
        if rel_path.exists():
            for _n, row in read_tsv(rel_path, ("subject", "predicate", "object", "required",
                                               "evidence")):
                relations.append(GoldRelation(tuple(row["subject"].split("|")), row["predicate"],
                                              tuple(row["object"].split("|")),
                                              row["required"] == "1", row["evidence"], doc))
    doc_ids = tuple(p.name[: -len(".entities.tsv")] for p in entity_files)
    return Gold(entities, tuple(relations), doc_ids)


def gold_documents(gold: Gold, corpus_dir: Path) -> list[Path]:
    """The corpus files whose ids have gold annotations (exactly those)."""
    found = []
    for doc_id in gold.doc_ids:
        matches = [p for p in sorted(corpus_dir.glob(f"{doc_id}.*"))
                   if p.suffix.lower() in SUFFIXES]
        if not matches:
            raise InputError(f"{corpus_dir}: no document {doc_id} for gold file "
                             f"{doc_id}.entities.tsv")
        found.append(matches[0])
    return found


def _node_forms(graph: Graph) -> dict[URIRef, tuple[str, frozenset[str]]]:
    nodes = {}
    for cls in ("Person", "Organization", "Country", "Group", "Policy", "Event", "Place"):
        for node in graph.subjects(RDF.type, AG[cls]):
            labels = [*graph.objects(node, RDFS.label), *graph.objects(node, SKOS.prefLabel),
                      *graph.objects(node, SKOS.altLabel)]
            forms = frozenset(normalize_name(str(label)) for label in labels)
            if node not in nodes or cls in SCORED_TYPES:
                nodes[node] = (cls, forms)  # type: ignore[index]
    return nodes


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(graph: Graph, gold: Gold) -> Report:
    """Score a built graph against gold annotations."""
    nodes = _node_forms(graph)
    matches = {node: {name for name, ent in gold.entities.items() if forms & ent.forms}
               for node, (_cls, forms) in nodes.items()}
    scored = {n for n, e in gold.entities.items() if e.type in SCORED_TYPES}
    scored_nodes = [n for n, (cls, _f) in nodes.items() if cls in SCORED_TYPES]
    matched_gold = {name for node in nodes for name in matches[node]}
    report = Report(
        entities=Score(_ratio(sum(1 for n in scored_nodes if matches[n]), len(scored_nodes)),
                       _ratio(len(scored & matched_gold), len(scored))),
        strict=Score(0, 0), lenient=Score(0, 0),
    )
    for name in sorted(scored):
        owners = [n for n in scored_nodes if name in matches[n]]
        if len(owners) > 1:
            report.splits.append(f"{name}: {', '.join(sorted(str(o) for o in owners))}")
        if not owners:
            report.missed_entities.append(f"{name} ({gold.entities[name].type})")
    for node in scored_nodes:
        hits = matches[node] & scored
        if len(hits) > 1:
            report.over_merges.append(f"{node}: {', '.join(sorted(hits))}")
        if not matches[node]:
            report.extra_nodes.append(f"{node} ({nodes[node][0]})")
    _score_relations(graph, gold, matches, report)
    return report


def _triples(graph: Graph, matches: dict[URIRef, set[str]]) -> list[tuple[URIRef, str, URIRef]]:
    specs = relation_specs()
    found = set()
    for name, spec in specs.items():
        for s, _p, o in graph.triples((None, spec.iri, None)):
            if matches.get(s) and matches.get(o):  # type: ignore[call-overload]
                pair = tuple(sorted((s, o))) if spec.symmetric else (s, o)
                found.add((pair[0], name, pair[1]))
    return sorted(t for t in found if not any(  # type: ignore[misc]
        (t[0], specific, t[2]) in found for specific in IMPLIED_BY.get(t[1], ())))


def _hits(triple: tuple[URIRef, str, URIRef], relation: GoldRelation,
          matches: dict[URIRef, set[str]], strict: bool) -> bool:
    specs = relation_specs()
    predicate = triple[1]
    if strict and predicate != relation.predicate:
        return False
    if not strict and specs[predicate].family != specs[relation.predicate].family:
        return False
    ends = [(triple[0], triple[2])]
    if specs[predicate].symmetric or specs[relation.predicate].symmetric:
        ends.append((triple[2], triple[0]))
    return any(any(s in matches[a] and o in matches[b]
                   for s, o in product(relation.subjects, relation.objects)) for a, b in ends)


def _score_relations(graph: Graph, gold: Gold, matches: dict[URIRef, set[str]],
                     report: Report) -> None:
    triples = _triples(graph, matches)
    required = [r for r in gold.relations if r.required]
    for strict in (True, False):
        hit_triples = [t for t in triples if any(_hits(t, r, matches, strict)
                                                 for r in gold.relations)]
        found = [r for r in required if any(_hits(t, r, matches, strict) for t in triples)]
        result = Score(_ratio(len(hit_triples), len(triples)), _ratio(len(found), len(required)))
        if strict:
            report.strict = result
            _per_predicate(triples, hit_triples, required, found, report)
        else:
            report.lenient = result
            report.missed_relations = [
                f"{'|'.join(r.subjects)} {r.predicate} {'|'.join(r.objects)}  [{r.doc}] "
                f"“{r.evidence}”" for r in required if r not in found]
            report.false_positives = [_describe(graph, t) for t in triples
                                      if t not in hit_triples]
    report.counts = {"triples": len(triples), "required": len(required),
                     "gold_relations": len(gold.relations)}


def _per_predicate(triples: list[tuple[URIRef, str, URIRef]], hits: list[tuple[URIRef, str, URIRef]],
                   required: list[GoldRelation], found: list[GoldRelation], report: Report) -> None:
    table: dict[str, dict[str, int]] = {}
    for name in relation_specs():
        table[name] = {
            "triples": sum(1 for t in triples if t[1] == name),
            "hits": sum(1 for t in hits if t[1] == name),
            "required": sum(1 for r in required if r.predicate == name),
            "found": sum(1 for r in found if r.predicate == name),
        }
    report.per_predicate = {k: v for k, v in table.items() if any(v.values())}


def _describe(graph: Graph, triple: tuple[URIRef, str, URIRef]) -> str:
    s, p, o = triple
    label = lambda n: str(graph.value(n, RDFS.label) or n)  # noqa: E731
    sentences = sorted({str(graph.value(a, AG.sentence))
                        for a in graph.subjects(RDF.subject, s)
                        if graph.value(a, RDF.predicate) == AG[p]
                        and graph.value(a, RDF.object) == o})
    quote = f"  “{sentences[0][:160]}”" if sentences else ""
    return f"{label(s)} {p} {label(o)}{quote}"


def evaluate(gold_dir: str | Path, corpus_dir: str | Path, config: ExtractConfig | None = None,
             progress: object = None) -> Report:
    """Build exactly the documents that have gold files and score the graph.

    Examples
    --------
    >>> report = evaluate("gold", "corpus")  # doctest: +SKIP
    >>> round(report.entities.f1, 2)  # doctest: +SKIP
    """
    from actorgraph.api import build_graph

    gold = load_gold(Path(gold_dir))
    paths: Iterable[Path] = gold_documents(gold, Path(corpus_dir))
    graph, _skipped = build_graph(paths, config, progress)  # type: ignore[arg-type]
    return score(graph, gold)
