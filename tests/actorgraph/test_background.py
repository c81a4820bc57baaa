"""The work a build runs beside itself in a forked process: results, errors, deaths."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from actorgraph import background
from ontology import GraphError, InputError

pytestmark = pytest.mark.skipif(not background.forks(), reason="needs fork and two CPUs")


def _fails(error: BaseException):
    def task():
        raise error
    return task


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not (state.exists() and state.read_text().split()[2] == "Z")


def test_the_task_runs_in_another_process_and_its_result_comes_back():
    job = background.start(lambda: (os.getpid(), {"graph.nt": Path("x")}))
    pid, written = job.result()
    assert pid != os.getpid()
    assert written == {"graph.nt": Path("x")}


@pytest.mark.parametrize("task, expected", [
    (lambda: 45, 45),
    (_fails(GraphError("graph.ttl: disk full")), GraphError),
])
def test_without_fork_the_task_runs_here_when_its_result_is_asked_for(task, expected):
    ran = []
    job = background.Job(lambda: ran.append(os.getpid()) or task(), fork=False)
    assert ran == []  # not yet
    if isinstance(expected, type):
        with pytest.raises(expected):
            job.result()
    else:
        assert job.result() == expected
    assert ran == [os.getpid()]


def test_the_child_sees_the_parents_memory_as_it_was():
    big = ["line"] * 100_000
    job = background.start(lambda: len(big))
    big.clear()  # the child forked before this
    assert job.result() == 100_000


@pytest.mark.parametrize(("error", "kind", "message"), [
    (GraphError("graph.jsonld: disk full"), GraphError, "graph.jsonld: disk full"),
    (InputError("no such file"), InputError, "no such file"),
    (OSError(28, "No space left on device"), OSError, "No space left on device"),
    (_Unpicklable("odd"), GraphError, "_Unpicklable: odd"),
])
def test_an_error_in_the_child_is_raised_in_the_parent(error, kind, message):
    with pytest.raises(kind, match=message):
        background.start(_fails(error)).result()


def test_a_child_that_dies_gives_a_clear_error():
    job = background.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(GraphError, match=r"died \(signal 9\)"):
        job.result()


def test_cancel_ends_the_child_at_once():
    job = background.start(lambda: time.sleep(60))
    pid = job._pid
    started = time.perf_counter()
    job.cancel()
    assert time.perf_counter() - started < 5
    assert not _alive(pid)


def test_the_child_dies_with_its_parent(tmp_path):
    marker = tmp_path / "child.pid"
    script = textwrap.dedent(f"""
        import os, time
        from actorgraph import background
        job = background.start(lambda: time.sleep(60))
        open({str(marker)!r}, "w").write(str(job._pid))
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    try:
        for _ in range(200):
            if marker.exists() and marker.read_text():
                break
            time.sleep(0.05)
        child = int(marker.read_text())
        assert _alive(child)
    finally:
        parent.kill()
        parent.wait()
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child)


def test_a_build_that_fails_beside_its_second_process_says_so_in_one_line(tmp_path):
    """A build that fails while its second process writes the files (here: the last
    build's store is damaged) gives one line naming the problem, leaves the last build
    whole and leaves no process behind."""
    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(CORPUS.glob("*.txt"))[0]
    (corpus / first.name).write_bytes(first.read_bytes())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "actorgraph", "build", str(corpus), "--out", str(out)]
    root = Path(__file__).parents[2]
    assert subprocess.run(command, cwd=root, capture_output=True).returncode == 0
    before = (out / "graph.ttl").read_bytes()
    (out / "current" / "store" / "CURRENT").unlink()
    with (corpus / first.name).open("a", encoding="utf-8") as text:
        text.write("\nIran criticized Israel.\n")
    failed = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert failed.returncode == 1
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "store" in lines[0], lines
    assert "Traceback" not in failed.stderr
    assert (out / "graph.ttl").read_bytes() == before
    left = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True)
    assert left.stdout == "", f"processes left: {left.stdout}"


def test_a_build_in_a_process_that_used_a_store_before_completes(tmp_path):
    """A notebook queries a build, then builds again in the same process: the second
    process of the build must not touch the store (RocksDB's threads do not survive a
    fork; a flush in the child waited for them for ever)."""
    from tests.conftest import CORPUS

    first = sorted(CORPUS.glob("*.txt"))[0]
    script = textwrap.dedent(f"""
        from pathlib import Path
        from actorgraph import api
        api.build([{str(first)!r}], {str(tmp_path / "a")!r})
        print(api.query("SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}", {str(tmp_path / "a")!r}).rows)
        api.build([{str(first)!r}], {str(tmp_path / "b")!r})
        print("built")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("built")
    assert (tmp_path / "b" / "graph.jsonld").read_bytes() == (tmp_path / "a" / "graph.jsonld").read_bytes()
    import json

    manifest = json.loads((tmp_path / "b" / "current" / "build.json").read_text())
    seconds = manifest["seconds"]
    assert {"exports", "pages", "validation", "store", "wait"} <= set(seconds)
    assert seconds["exports"] > 0  # measured in the child, reported by the build
    peaks = manifest["peak_mb"]  # the process's peak memory when each phase ended
    order = ["parse", "merge", "rdf", "inference", "store", "pages", "validation", "wait"]
    assert set(peaks) == set(order)
    assert 100 < peaks["parse"] <= peaks["wait"] < 4000
    assert [peaks[p] for p in order] == sorted(peaks[p] for p in order)
