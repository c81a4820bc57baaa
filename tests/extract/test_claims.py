"""Reported speech: a claim is its claimant's, a denial says the opposite, and neither is
stored as the article's own fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extractor, read_document

CASES = [
    # (text, (subject, predicate, object), stance, claimant, reporting verb)
    ("Turkey says Saudi agents killed Jamal Khashoggi.",
     ("Saudi Arabia", "killed", "Jamal Khashoggi"), "claimed", "Turkey", "say"),
    ("Iran accused Israel of attacking the Natanz facility.",
     ("Israel", "attacks", "Natanz"), "claimed", "Iran", "accuse"),
    ("The United States blamed Iran for attacking Saudi Arabia.",
     ("Iran", "attacks", "Saudi Arabia"), "claimed", "United States", "blame"),
    ("Israel struck Syria, Iran said.", ("Israel", "attacks", "Syria"), "claimed", "Iran", "say"),
    ("According to the Pentagon, Iran attacked the United States embassy in Baghdad.",
     ("Iran", "attacks", "United States"), "claimed", "United States Department of Defense",
     "according to"),
    ("Iran denied that it attacked Saudi Arabia.",
     ("Iran", "attacks", "Saudi Arabia"), "denied", "Iran", "deny"),
    ("Iran denied negotiating with the United States.",
     ("Iran", "negotiatesWith", "United States"), "denied", "Iran", "deny"),
    # quotes are their speaker's
    ("“Israel attacked Syria,” Khamenei said.", ("Israel", "attacks", "Syria"), "claimed",
     "Ali Khamenei", "say"),
    ("Khamenei said: “Israel attacked Syria and killed Qasem Soleimani.”",
     ("Israel", "killed", "Qasem Soleimani"), "claimed", "Ali Khamenei", "say"),
    ("“Iran will not negotiate with Donald Trump,” Hassan Rouhani told reporters.",
     ("Iran", "opposes", "Donald Trump"), "claimed", "Hassan Rouhani", "tell"),
    # the text's own statements stay the text's
    ("Russia attacked Ukraine.", ("Russia", "attacks", "Ukraine"), "", "", ""),
    ("Turkey has dismissed regional objection to the deal and reiterated its support for Libya.",
     ("Turkey", "supports", "Libya"), "", "", ""),
    ("In response to the US president Donald Trump’s threats, Khamenei said that Iran would "
     "not back down.", ("Donald Trump", "leads", "United States"), "", "", ""),
]


@pytest.mark.parametrize(("text", "triple", "stance", "claimant", "verb"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_reported_speech_keeps_its_claimant_and_stance(extractor: Extractor, tmp_path: Path,
                                                       text: str, triple: tuple, stance: str,
                                                       claimant: str, verb: str) -> None:
    path = tmp_path / "claim.txt"
    path.write_text(text, encoding="utf-8")
    result = extractor.extract(read_document(path))
    labels = {a.key: a.label for a in result.actors}
    [found] = [a for a in result.assertions
               if (labels[a.subject], a.predicate, labels[a.object]) == triple]
    assert (found.stance, labels.get(found.claimant, ""), found.reporting) == (stance, claimant, verb)


def test_a_question_does_not_hedge_the_next_document(extractor: Extractor, tmp_path: Path) -> None:
    """A document's answers are its own: a freed document's id, given to the next one,
    once made a statement at the same offsets read as the old text's question."""
    import gc

    asked = "Khamenei asked: “Israel attacked Syria and killed Qasem Soleimani?”"
    said = "Khamenei said: “Israel attacked Syria and killed Qasem Soleimani.”"
    found = []
    for number in range(10):
        for text in (asked, said):
            path = tmp_path / f"{number}-{text.split()[1]}.txt"
            path.write_text(text, encoding="utf-8")
            result = extractor.extract(read_document(path))
            if text == said:
                found.append(sorted(a.predicate for a in result.assertions))
            del result
            gc.collect()
    assert found == [["attacks", "killed"]] * 10


def test_a_denial_asserts_no_relation_and_tells_no_event(tmp_path: Path) -> None:
    from actorgraph import build_graph
    from ontology import AG, AGR

    (tmp_path / "d.txt").write_text("Iran denied that it attacked Saudi Arabia.", encoding="utf-8")
    graph, _skipped = build_graph([tmp_path / "d.txt"])
    assert (AGR.Iran, AG.attacks, AGR.Saudi_Arabia) not in graph
    [assertion] = graph.subjects(AG.stance, None)
    assert str(graph.value(assertion, AG.stance)) == "denied"
    assert graph.value(assertion, AG.claimedBy) == AGR.Iran
    assert not list(graph.subjects(AG.target, AGR.Saudi_Arabia))


def test_claims_and_contradictions_are_queries(tmp_path: Path) -> None:
    from actorgraph import api

    (tmp_path / "a.txt").write_text("Iran accused Israel of attacking Syria.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Israel attacked Syria on Monday.\n\n"
                                    "Israel denied that it attacked Syria.", encoding="utf-8")
    out = tmp_path / "out"
    api.build([tmp_path / "a.txt", tmp_path / "b.txt"], out)
    claims = api.named_query("claims", ["Israel"], out)
    assert {(r[0], r[1], r[2], r[3], r[4]) for r in claims.rows} == {
        ("Iran", "claimed", "Israel", "attacks", "Syria"),
        ("Israel", "denied", "Israel", "attacks", "Syria")}
    contradictions = api.named_query("contradictions", [], out)
    assert {(r[3], r[4]) for r in contradictions.rows} == {("Iran", "Israel"), ("b.txt", "Israel")}


def test_a_page_says_whose_claim_a_relation_is(tmp_path: Path) -> None:
    from actorgraph import build_graph
    from graphs import render_html, to_networkx

    (tmp_path / "c.txt").write_text("Iran accused Israel of attacking Syria.", encoding="utf-8")
    graph, _skipped = build_graph([tmp_path / "c.txt"])
    [edge] = [d for _u, _v, k, d in to_networkx(graph).edges(keys=True, data=True) if k == "attacks"]
    [evidence] = edge["evidence"]
    assert (evidence["stance"], evidence["claimant"]) == ("claimed", "Iran")
    assert '"claimant": "Iran"' in render_html(to_networkx(graph), "t")
