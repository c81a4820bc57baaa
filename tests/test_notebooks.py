"""Notebooks run top to bottom on a real kernel (their cells assert what they show), and are
stored without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") and not cell.get("execution_count")
               for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, demo_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_OUT", str(demo_out))  # the kernel reads the demo build
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    rendered = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<table" in rendered  # DataFrames shown as tables
    assert "<iframe" in rendered and "srcdoc=" in rendered  # and a network inline
    figures = sum(cell.source.count("plt.subplots(") for cell in notebook.cells
                  if cell.cell_type == "code")
    assert sum("image/png" in o.get("data", {}) for o in outputs) == figures  # every plot drawn


def test_the_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_influence_and_conflict.ipynb",
                                           "03_your_own_articles.ipynb"]
