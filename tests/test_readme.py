"""The README as a newcomer follows it: every block marked ``readme`` runs, top to bottom, in a
fresh folder holding ``corpus/`` and ``gold/``, and prints the ``readme-output`` block under
it (when there is one) exactly."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(\S*)[ \t]*([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)


def blocks() -> list[tuple[str, str, str | None]]:
    """(language, code, expected output or None) of each block marked ``readme``."""
    found = [(m.group(1), m.group(2).split(), m.group(3)) for m in _BLOCK.finditer(
        README.read_text(encoding="utf-8"))]
    out = []
    for index, (language, tags, code) in enumerate(found):
        if "readme" not in tags:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        expected = following[2] if following and "readme-output" in following[1] else None
        out.append((language, code, expected))
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newcomer")
    for name in ("corpus", "gold"):
        (folder / name).symlink_to(ROOT / name)
    return folder


def test_the_readme_has_a_tour() -> None:
    languages = [language for language, _code, _out in blocks()]
    assert languages.count("sh") >= 5 and languages.count("sparql") >= 4
    assert blocks()[0][1].startswith("actorgraph build corpus --out out")  # first, the build


@pytest.mark.parametrize("index", range(len(blocks())))
def test_every_readme_block_runs_as_shown(workspace: Path, index: int) -> None:
    language, code, expected = blocks()[index]
    if language == "sparql":
        argv = ["query", code, "--graph", "out"]
    else:
        words = shlex.split(code, comments=True)
        assert words[0] == "actorgraph", code
        argv = words[1:]
    done = subprocess.run([sys.executable, "-m", "actorgraph", *argv], cwd=workspace,
                          capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr[-2000:]
    if expected is not None:
        printed = [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()]
        assert printed == [line.rstrip() for line in expected.rstrip("\n").splitlines()]
