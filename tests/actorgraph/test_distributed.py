"""A build parsed on a real Dask cluster (a LocalCluster of worker processes) is the same
graph, byte for byte, as a local build."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


def test_a_dask_build_is_the_local_build(scheduler: str, demo_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "dask"
    result = CliRunner().invoke(app, ["build", str(ROOT / "corpus"), "--out", str(out),
                                      "--executor", "dask", "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld", "edges.csv"):
        assert (out / name).read_bytes() == (demo_out / name).read_bytes(), name


@pytest.mark.parametrize(("options", "message"), [
    (["--executor", "dask"], "needs --scheduler"),
    (["--scheduler", "tcp://127.0.0.1:1"], "needs --executor dask"),
    (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"], "no Dask scheduler answers"),
])
def test_a_wrong_cluster_is_one_line(tmp_path: Path, options: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["build", str(ROOT / "corpus"), "--out", str(tmp_path / "o"),
                                      *options])
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()
