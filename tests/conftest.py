"""Shared fixtures: the real spaCy model, a real build of the demo corpus, a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract import Extractor

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One loaded pipeline for the whole session (loading takes about a second)."""
    return Extractor()


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus built once with the real CLI into a fresh folder."""
    from typer.testing import CliRunner

    from actorgraph.cli import app

    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(app, ["build", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        pytest.fail("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    return path
