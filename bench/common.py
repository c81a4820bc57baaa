"""What every benchmark shares: where and how results are written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(result: dict, path: Path) -> None:
    """Write ``result`` as JSON (with the versions it carries) and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {path}")


def run_build(path: Path | list[Path], out: Path, *options: str) -> dict:
    """Build ``path`` into ``out`` with the real CLI in a child process: seconds, peak RSS
    (of the build's own process, from ``wait4``), exit status, cache size, last messages."""
    paths = [path] if isinstance(path, Path) else path
    command = [sys.executable, "-m", "actorgraph", "build", *map(str, paths), "--out", str(out),
               *options]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    cache = out / ".actorgraph" / "cache"
    cache_bytes = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) if cache.exists() else 0
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "exit": child.returncode, "cache_mb": round(cache_bytes / 1e6, 2),
            "messages": [line for line in stderr.splitlines() if line.strip()][-5:]}
