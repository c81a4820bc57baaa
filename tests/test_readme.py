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
    assert languages.count("python") >= 1  # a notebook session
    assert blocks()[0][1].startswith("actorgraph build corpus --out out")  # first, the build


#: Runs a ``python`` block as a notebook session would: each expression's value is shown.
_SESSION = """
import ast, sys
tree = ast.parse(sys.stdin.read())
scope = {"__name__": "__main__"}
for node in tree.body:
    if isinstance(node, ast.Expr):
        value = eval(compile(ast.Expression(node.value), "<readme>", "eval"), scope)
        if value is not None:
            print(repr(value))
    else:
        exec(compile(ast.Module([node], []), "<readme>", "exec"), scope)
"""


@pytest.mark.parametrize("index", range(len(blocks())))
def test_every_readme_block_runs_as_shown(workspace: Path, index: int) -> None:
    language, code, expected = blocks()[index]
    stdin = None
    if language == "python":
        command = [sys.executable, "-c", _SESSION]
        stdin = code
    elif language == "sparql":
        command = [sys.executable, "-m", "actorgraph", "query", code, "--graph", "out"]
    else:
        words = shlex.split(code, comments=True)
        assert words[0] == "actorgraph", code
        command = [sys.executable, "-m", "actorgraph", *words[1:]]
    done = subprocess.run(command, cwd=workspace, input=stdin,
                          capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr[-2000:]
    if expected is not None:
        printed = [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()]
        assert printed == [line.rstrip() for line in expected.rstrip("\n").splitlines()]
