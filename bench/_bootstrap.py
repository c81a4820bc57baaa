"""Imported first by every benchmark script: the project root on sys.path, bench/ off it.

Run as ``python bench/NAME.py``, a script's folder comes first on sys.path, and
``bench/html.py`` would then stand in for the standard library's ``html`` package.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
