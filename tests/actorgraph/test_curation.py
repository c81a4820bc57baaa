"""Curation round trip: merge, split, reject and rename on the demo corpus survive a rebuild
with one more document, and SPARQL tells each correction (who, when, why) from machine output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph import api
from actorgraph.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("in")
    documents = sorted((ROOT / "corpus").glob("*.txt"))
    for path in documents[:4]:
        shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("curated") / "out"
    _ok("build", str(corpus), "--out", str(out))
    _ok("curate", "merge", "United States", "White House", "-g", str(out), "--why", "the seat")
    _ok("curate", "split", "Qasem Soleimani", "--alias", "Qsem Solemaini", "-g", str(out),
        "--by", "analyst")
    _ok("curate", "reject", "Donald Trump", "influences", "Ali Khamenei", "-g", str(out),
        "--why", "a wish, not influence")
    _ok("curate", "rename", "Instagram", "Instagram (platform)", "-g", str(out))
    shutil.copy(documents[4], corpus / documents[4].name)  # one more document
    said = _ok("build", str(corpus), "--out", str(out))
    assert "extracted 1 of 5 documents" in " ".join(said.split())
    return out


def _ask(out: Path, sparql: str, inferred: bool = True) -> bool:
    return bool(api.query(f"ASK WHERE {{ {sparql} }}", out, inferred=inferred).rows[0][0])


@pytest.mark.parametrize(("what", "sparql", "expected"), [
    ("the folded node is gone", "agr:White_House ?p ?o", False),
    ("its name is the kept node's alias", 'agr:United_States skos:altLabel "White House"', True),
    ("the split alias is a node of its own", '?x rdfs:label "Qsem Solemaini" ; a ag:Actor', True),
    ("... and no longer the whole's alias", 'agr:Qasem_Soleimani skos:altLabel "Qsem Solemaini"', False),
    ("the rejected relation is not asserted",
     "?a a ag:Assertion ; rdf:subject agr:Donald_Trump ; rdf:predicate ag:influences ; "
     "rdf:object agr:Ali_Khamenei",
     False),
    ("... nor its direct triple", "agr:Donald_Trump ag:influences agr:Ali_Khamenei", False),
    ("the renamed node has its label",
     '<https://w3id.org/actorgraph/id/entity/instagram> rdfs:label "Instagram (platform)"', True),
])
def test_every_correction_survives_a_rebuild(curated: Path, what: str, sparql: str,
                                             expected: bool) -> None:
    assert _ask(curated, sparql) is expected, what


def test_the_corrections_are_queryable_with_their_provenance(curated: Path) -> None:
    rows = api.query("SELECT ?action ?node ?who ?why ?when WHERE { ?c a ag:Curation ; "
                     "ag:action ?action ; ag:curates ?node ; ag:curator ?who ; "
                     "prov:endedAtTime ?when . OPTIONAL { ?c ag:why ?why } } ORDER BY ?action",
                     curated).rows
    assert [r[0] for r in rows] == ["merge", "reject", "rename", "split"]
    assert rows[1][3] == "a wish, not influence" and rows[3][2] == "analyst"
    assert _ask(curated, "agr:Qasem_Soleimani ag:curatedBy ?c . ?c ag:action 'split'")


def test_the_curated_graph_satisfies_the_shapes(curated: Path) -> None:
    assert api.validate(curated) == []


@pytest.mark.parametrize(("args", "message"), [
    (["merge", "United States", "Untied Staets"], "did you mean"),
    (["reject", "Iran", "atacks", "Israel"], "no relation 'atacks'"),
    (["merge", "Iran", "Iran"], "one node already"),
])
def test_a_wrong_curation_is_one_line_and_writes_nothing(curated: Path, tmp_path: Path,
                                                         args: list[str], message: str) -> None:
    target = tmp_path / "c.tsv"
    result = runner.invoke(app, ["curate", *args, "-g", str(curated), "--curation", str(target)])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert not target.exists()


def test_a_broken_curation_file_is_named_with_its_line(curated: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("action\tsubject\tpredicate\tobject\tvalue\twhy\tcurator\twhen\n"
                   "obliterate\thttps://w3id.org/actorgraph/id/Iran\t\t\t\t\t\t\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(ROOT / "corpus"), "--out", str(tmp_path / "o"),
                                 "--curation", str(bad)])
    assert result.exit_code == 1 and "bad.tsv:2: action 'obliterate'" in result.output
