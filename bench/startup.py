"""Start-up benchmark: how long the commands that need no model take to answer.

Times, in the same run, ``python -c pass`` (the floor) and ``actorgraph --help``,
``actorgraph query --list`` and ``actorgraph --version`` (each a fresh process, median of
``--repeats``), and reports each as seconds and as a ratio to the floor. Target: under
1 s each. Usage::

    python bench/startup.py [--repeats 7] [--json bench/results/startup.json]
"""

from __future__ import annotations

import _bootstrap  # noqa: F401  (first: the root on sys.path)

# isort: split

import argparse
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from bench.common import RESULTS, save

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "actorgraph --help": [sys.executable, "-m", "actorgraph", "--help"],
    "actorgraph query --list": [sys.executable, "-m", "actorgraph", "query", "--list"],
    "actorgraph --version": [sys.executable, "-m", "actorgraph", "--version"],
}


def seconds(command: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", type=Path, default=RESULTS / "startup.json")
    args = parser.parse_args()
    timed = {name: seconds(command, args.repeats) for name, command in COMMANDS.items()}
    floor = timed["python -c pass"]
    report = {"versions": {"python": platform.python_version(), "typer": version("typer"),
                           "rich": version("rich")},
              "repeats": args.repeats, "commands": {}}
    for name, value in timed.items():
        report["commands"][name] = {"seconds": round(value, 3), "ratio": round(value / floor, 1),
                                    "under_1s": value < 1.0}
        print(f"{name:26s} {value:6.3f} s  {value / floor:5.1f} x python -c pass")
    save(report, args.json)


if __name__ == "__main__":
    main()
