"""A rebuild costs what changed: with nothing changed it loads no model and writes nothing;
any change of an input, a setting or a lexicon builds again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

_BUILD = """
import sys
from actorgraph import api
from extract import ExtractConfig
summary = api.build([sys.argv[1]], sys.argv[2], ExtractConfig(cues=tuple(sys.argv[4:])),
                    focus=sys.argv[3] or None)
print(summary.generation, summary.unchanged, len(summary.extracted), "spacy" in sys.modules)
"""


def _build(corpus: Path, out: Path, focus: str = "", cues: tuple[str, ...] = ()) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _BUILD, str(corpus), str(out), focus, *cues],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout.split()


def _tree(out: Path) -> dict[str, int]:
    """Every file of the folder and its modification time, links not followed (but the
    lock, which every build takes)."""
    found = {}
    for folder, _dirs, files in os.walk(out):
        for name in files:
            path = Path(folder) / name
            found[str(path.relative_to(out))] = path.lstat().st_mtime_ns
    found.pop(".actorgraph/lock")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("incremental") / "out"
    assert _build(corpus, out) == ["1", "False", "2", "True"]
    return corpus, out


def test_an_unchanged_rebuild_loads_no_model_and_writes_nothing(built: tuple[Path, Path]) -> None:
    corpus, out = built
    before = _tree(out)
    assert _build(corpus, out) == ["1", "True", "0", "False"]
    assert _tree(out) == before


@pytest.mark.parametrize("change", ["edit", "focus", "cues"])
def test_any_change_builds_again(built: tuple[Path, Path], tmp_path: Path, change: str) -> None:
    corpus, out = built
    copy, folder = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(corpus, copy)
    shutil.copytree(out, folder, symlinks=True)
    focus, cues = "", ()
    if change == "edit":
        first = sorted(copy.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nIran criticized Israel.\n",
                         encoding="utf-8")
    elif change == "focus":
        focus = "Ali Khamenei"
    else:
        extra = tmp_path / "my_cues.tsv"
        extra.write_text("cue\tpos\tobject\tpredicate\tconfidence\tnegated\tobjects\trequires\t"
                         "direction\tevent\ncourt\tVERB\tobj\tsupports\t0.8\t\t\t\t->\t\n",
                         encoding="utf-8")
        cues = (str(extra),)
    generation, unchanged, extracted, _model = _build(copy, folder, focus, cues)
    assert (generation, unchanged) == ("2", "False")
    assert int(extracted) == {"edit": 1, "focus": 0, "cues": 2}[change]


_A, _B, _C = ("<urn:a> <urn:p> \"one\u2028line\" .", "<urn:b> <urn:p> <urn:o> .",
              "<urn:c> <urn:p> \"x\" .")


@pytest.mark.parametrize(("before", "after", "most", "expected"), [
    ([_A, _B, _C], [_A, _B, _C], 10, []),              # nothing changed
    ([_A, _C], [_A, _B, _C], 10, [_B]),                # a triple added
    ([_A, _B, _C], [_A, _C], 10, [_B]),                # a triple removed
    ([_B], [_A, _C], 10, [_A, _B, _C]),                # all of it
    ([_A, _B], [_B, _C], 1, None),                     # more changed than asked for
    ([_C, _A], [_A, _C], 10, None),                    # an unsorted file: validate it all
    ([], [_A], 10, [_A]),                              # an empty file
])
def test_the_lines_a_rebuild_changed_are_found_walking_both_files(
        tmp_path: Path, before: list[str], after: list[str], most: int, expected) -> None:
    from actorgraph.api import _changed_lines

    path = tmp_path / "graph.nt"
    path.write_text("".join(line + "\n" for line in before), encoding="utf-8")
    found = _changed_lines("".join(line + "\n" for line in after), path, most)
    assert (None if found is None else sorted(found)) == expected
