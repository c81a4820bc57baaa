"""The benchmark scripts run as a user runs them (``python bench/NAME.py``), at small sizes.

They are not tests of speed (their figures are reported by the scripts); this checks that
they run and report, e.g. that ``bench/html.py`` does not shadow the standard ``html``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("script", "args", "key"), [
    ("accuracy.py", [], "sets"),
    ("store.py", ["--documents", "40", "--repeats", "1"], "load_ratio"),
    ("extract.py", ["--documents", "4", "--large", "8"], "rebuild"),
    ("html.py", ["--nodes", "120", "--baseline", "40"], "nodes"),
    ("reliability.py", ["--scale", "0.002"], "cases"),
    ("startup.py", ["--repeats", "1"], "commands"),
])
def test_bench_script_runs(tmp_path: Path, script: str, args: list[str], key: str) -> None:
    out = tmp_path / "result.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args, "--json", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert key in result and "versions" in result
