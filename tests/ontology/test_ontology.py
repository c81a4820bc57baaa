"""The ontology implements the vocabulary contract exactly."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS

from ontology import AG, ONTOLOGY_PATH, SHAPES_PATH, load_ontology, relation_specs
from ontology.namespace import AG as NamespaceAG

VOCABULARY = Path(__file__).resolve().parents[2] / "ontology" / "vocabulary.md"


def _table(heading: str) -> list[list[str]]:
    text = VOCABULARY.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


CLASSES = [row[0].strip("`") for row in _table("Classes")]
RELATIONS = [(r[0].strip("`"), r[1], r[2], r[3]) for r in _table("Relations")]


def test_vocabulary_tables_were_read() -> None:
    assert len(CLASSES) == 8 and len(RELATIONS) == 18


@pytest.mark.parametrize("name", CLASSES)
def test_every_class_is_declared_with_label_and_comment(name: str) -> None:
    onto = load_ontology()
    assert (AG[name], RDF.type, OWL.Class) in onto
    assert onto.value(AG[name], RDFS.label) and onto.value(AG[name], RDFS.comment)


@pytest.mark.parametrize(("name", "family", "cameo", "goldstein"), RELATIONS)
def test_every_predicate_has_its_family_cameo_and_goldstein(
        name: str, family: str, cameo: str, goldstein: str) -> None:
    spec = relation_specs()[name]
    assert (spec.iri, RDF.type, OWL.ObjectProperty) in load_ontology()
    assert spec.family_label == family
    assert spec.cameo == (None if cameo == "-" else cameo)
    assert spec.goldstein == (None if goldstein == "-" else float(goldstein))
    assert load_ontology().value(spec.iri, RDFS.comment)


@pytest.mark.parametrize(("child", "parent"), [
    ("killed", "attacks"), ("leads", "influences"), ("appointed", "influences"),
    ("advises", "influences"),
])
def test_sub_properties(child: str, parent: str) -> None:
    assert (AG[child], RDFS.subPropertyOf, AG[parent]) in load_ontology()


@pytest.mark.parametrize(("name", "symmetric"), [
    ("cooperatesWith", True), ("negotiatesWith", True), ("opposes", False), ("leads", False),
])
def test_symmetry(name: str, symmetric: bool) -> None:
    assert relation_specs()[name].symmetric is symmetric


def test_no_predicate_beyond_the_vocabulary_has_a_family() -> None:
    assert set(relation_specs()) == {r[0] for r in RELATIONS}


def test_namespace_module_matches_the_turtle() -> None:
    declared = set(re.findall(r"^ag:(\w+)", ONTOLOGY_PATH.read_text(encoding="utf-8"), re.M))
    in_module = {name for name in NamespaceAG.__annotations__ if not name.startswith("_")}
    assert declared == in_module


def test_namespace_raises_on_a_typo() -> None:
    with pytest.raises(AttributeError):
        _ = AG.leadz


@pytest.mark.parametrize("path", [ONTOLOGY_PATH, SHAPES_PATH])
def test_rapper_accepts(path: Path, rapper: str) -> None:
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_no_axiom_reasons_from_literals() -> None:
    """graphs.inference leaves literal-valued triples out of OWL-RL: that holds while the
    ontology has no keys, value, cardinality or functional-property axioms."""
    graph = load_ontology()
    for predicate in (OWL.hasKey, OWL.hasValue, OWL.cardinality, OWL.maxCardinality,
                      OWL.qualifiedCardinality, OWL.maxQualifiedCardinality):
        assert not list(graph.triples((None, predicate, None))), predicate
    for kind in (OWL.FunctionalProperty, OWL.InverseFunctionalProperty):
        assert not list(graph.subjects(RDF.type, kind)), kind
