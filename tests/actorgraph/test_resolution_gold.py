"""Issue 4's bar on the gold: one node per gold actor, and the merges explained."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from actorgraph import evaluate
from graphs import query
from tests.conftest import CORPUS, GOLD


def test_every_gold_actor_is_exactly_one_node() -> None:
    report = evaluate(GOLD, CORPUS)
    assert report.splits == [] and report.over_merges == []
    assert report.entities.f1 >= 0.90


def test_every_merge_says_which_rule_made_it(demo_out: Path) -> None:
    graph = Graph().parse(demo_out / "graph.ttl")
    rows = query(graph, """
        SELECT ?form ?rule ?confidence WHERE {
          agr:Qasem_Soleimani ag:resolution ?r .
          ?r ag:surfaceForm ?form ; ag:rule ?rule ; ag:confidence ?confidence }""").rows
    found = {(form, rule) for form, rule, _c in rows}
    assert {("Qsem Solemaini", "fuzzy"), ("Solemaini", "short-form"), ("Soleimani", "registry"),
            ("slain general", "title")} <= found
    assert all(0 < confidence <= 1 for _f, _r, confidence in rows)
    unexplained = query(graph, """
        SELECT ?node WHERE { ?node skos:altLabel ?form .
          FILTER NOT EXISTS { ?node ag:resolution/ag:surfaceForm ?form } }""").rows
    assert unexplained == []
