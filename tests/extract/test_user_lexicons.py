"""An analyst's own cue file extends the shipped lexicon: a new verb, a changed one."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractConfig, Extractor
from ontology import DataFileError
from tests.extract.test_relations import _triples

HEADER = "cue\tpos\tobject\tpredicate\tconfidence\tnegated\tobjects\trequires\tdirection\tevent\n"

CASES = [
    # (what, the analyst's cue lines, text, triples without the file, triples with it)
    ("a verb the lexicon lacks", ["court\tVERB\tobj\tsupports\t0.8\t\t\t\t->\t"],
     "Iran courted Russia.", set(), {("Iran", "supports", "Russia")}),
    ("a verb read otherwise", ["snub\tVERB\tobj\topposes\t0.8\t\t\t\t->\t"],
     "Iran snubbed Russia.", {("Iran", "criticizes", "Russia")}, {("Iran", "opposes", "Russia")}),
    ("a noun the lexicon lacks", ["rapprochement\tNOUN\tprep:with\tcooperatesWith\t0.8\t\t\t\t->\t"],
     "Iran's rapprochement with Russia worried Israel.", set(),
     {("Iran", "cooperatesWith", "Russia")}),
]


@pytest.mark.parametrize(("what", "lines", "text", "before", "after"), CASES,
                         ids=[c[0] for c in CASES])
def test_an_analysts_cue_file_extends_the_lexicon(extractor: Extractor, tmp_path: Path, what: str,
                                                  lines: list[str], text: str, before: set,
                                                  after: set) -> None:
    cues = tmp_path / "my_cues.tsv"
    cues.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    assert _triples(extractor, text, tmp_path) == before
    assert _triples(Extractor(ExtractConfig(cues=(cues,))), text, tmp_path) == after


def test_a_broken_cue_file_is_named_with_its_line(tmp_path: Path) -> None:
    cues = tmp_path / "my_cues.tsv"
    cues.write_text(HEADER + "court\tVERB\tobj\tadores\t0.8\t\t\t\t->\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"my_cues.tsv:2"):
        Extractor(ExtractConfig(cues=(cues,)))
