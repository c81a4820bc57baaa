"""Each stage's door (its ``__init__``) names its API without loading what it does not need:
the command line starts without spaCy, and no public name is hidden by a submodule."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("package", ["extract", "graphs"])
def test_every_public_name_resolves_and_none_is_a_submodule(package: str) -> None:
    module = importlib.import_module(package)
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    assert not set(module.__all__) & submodules
    for name in module.__all__:
        assert getattr(module, name) is not None, name
        assert not isinstance(getattr(module, name), type(module)), name


@pytest.mark.parametrize(("code", "absent"), [
    ("import actorgraph.cli", "spacy"),
    ("import actorgraph.cli", "pyvis"),
    ("import actorgraph.cli", "networkx"),  # a query needs neither of these
    ("import actorgraph.cli", "pyshacl"),
    ("from extract import read_document, shown", "spacy"),
    ("from graphs import named_queries", "pyshacl"),
])
def test_importing_a_light_part_loads_no_heavy_one(code: str, absent: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import sys; {code}; print({absent!r} in "
                           f"sys.modules)"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
