"""Every assertion carries the date it refers to (its clause's, else the publication's),
and a network can be drawn for a period."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import actorgraph
from actorgraph.cli import app

runner = CliRunner()
DOCUMENTS = {
    "a.md": "# Tensions\n\nBy A. Reporter\n\nMarch 3, 2018\n\nIran criticized Israel.\n",
    "b.md": ("# War\n\nBy B. Reporter\n\nJune 9, 2020\n\nRussia attacked Ukraine. In 2015, Iran "
             "negotiated with the United States.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("dated")
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = corpus / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _pairs(network) -> set[tuple[str, str, str]]:
    return {(network.nodes[u]["label"], k, network.nodes[v]["label"])
            for u, v, k in network.edges(keys=True)}


@pytest.mark.parametrize(("period", "expected"), [
    ({"end": "2018"}, {("Iran", "criticizes", "Israel"), ("Iran", "negotiatesWith", "United States")}),
    ({"start": "2020"}, {("Russia", "attacks", "Ukraine")}),
    ({"at": "2015"}, {("Iran", "negotiatesWith", "United States")}),
    ({}, {("Iran", "criticizes", "Israel"), ("Iran", "negotiatesWith", "United States"),
          ("Russia", "attacks", "Ukraine")}),
])
def test_the_network_of_a_period(built: Path, period: dict, expected: set) -> None:
    assert _pairs(actorgraph.open(built).to_networkx(**period)) == expected


def test_assertions_say_where_their_date_comes_from(built: Path) -> None:
    rows = actorgraph.open(built).query(
        "SELECT ?p ?when ?source WHERE { ?a a ag:Assertion ; rdf:predicate ?p ; "
        "ag:refersTo ?when ; ag:dateSource ?source }", labels=False)
    found = {(p.rsplit("#", 1)[-1], str(w.date()), s) for p, w, s in rows.itertuples(index=False)}
    assert found == {("criticizes", "2018-03-03", "publication"),
                     ("attacks", "2020-06-09", "publication"),
                     ("negotiatesWith", "2015-01-01", "text")}


def test_network_from_to_writes_the_page_of_the_period(built: Path) -> None:
    result = runner.invoke(app, ["network", str(built), "--to", "2018"])
    assert result.exit_code == 0, result.output
    page = built / "network-start-to-2018.html"
    drawn = page.read_text(encoding="utf-8")
    assert '"predicate": "criticizes"' in drawn and '"predicate": "attacks"' not in drawn
    assert "2018" in drawn.split("<title>", 1)[1].split("</title>", 1)[0]  # the title says when
    bad = runner.invoke(app, ["network", str(built), "--from", "June"])
    assert bad.exit_code == 1 and "'June' is not a date" in bad.output
