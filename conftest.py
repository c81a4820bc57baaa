"""Doctest set-up: the examples of :mod:`actorgraph.workbench` read a real build of
the demo corpus as ``g`` (built once, on the first such example)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent


@cache
def _demo_graph(folder: Path) -> object:
    import actorgraph

    return actorgraph.build([ROOT / "corpus"], out=folder / "out")  # a folder of its own


@pytest.fixture(autouse=True)
def _workbench_examples(request: pytest.FixtureRequest,
                        tmp_path_factory: pytest.TempPathFactory) -> None:
    if isinstance(request.node, DoctestItem) and request.node.name.startswith(
            "actorgraph.workbench"):
        namespace = request.getfixturevalue("doctest_namespace")
        namespace["g"] = _demo_graph(tmp_path_factory.getbasetemp() / "workbench-examples")
