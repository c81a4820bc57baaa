"""Work that runs beside a build, in a process forked from it.

Once a build holds its graph, writing the files of RDF needs only the serialized graphs,
while the pages, validation and the store need the graph or the build's own process: the
two can run at once on two CPUs. :func:`start` forks a child that sees the build's memory
as it is (nothing is copied or pickled on the way in; only the task's result comes back,
pickled, through a pipe), and the child dies with its parent, so a build killed at any
moment leaves no writer behind. Elsewhere than on Linux, or with one CPU, the task runs
in this process when its result is asked for.

A task must not use what runs threads of its own in the parent: an on-disk Oxigraph
store (RocksDB's background threads are not in the child, and its flush waits for them
for ever), a Dask client, a progress bar. Parsing and serializing RDF in memory is safe.

Examples
--------
>>> job = start(lambda: sum(range(10)))
>>> job.result()
45
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable
from typing import Generic, TypeVar

from ontology import GraphError

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
#: How much a child yields the CPUs to the build's process: the build goes on to the
#: store and the pages while its children work, and waits for them only at the end, so
#: what they do is best done in the time the build leaves free.
NICENESS = 10
#: What a child does, as its error says when it dies and its task gives no other words.
WORK = "doing a build's work"


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (and leave if it already has)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def forks() -> bool:
    """True where :func:`start` runs its task in a second process: on Linux (where a
    child can be made to die with its parent; macOS frameworks may abort a forked
    child) with more than one CPU."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


class Job(Generic[T]):
    """A task started by :func:`start`: :meth:`result` waits for it, :meth:`cancel` ends it."""

    def __init__(self, task: Callable[[], T], fork: bool, doing: str = WORK) -> None:
        self._task: Callable[[], T] | None = task
        self.doing = doing  # what the process does, for the error if it dies
        self._pid = 0
        self._read = -1
        if fork:
            self._fork(task)

    def _fork(self, task: Callable[[], T]) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        with warnings.catch_warnings():  # (3.12 warns of forking a process with threads: the
            warnings.simplefilter("ignore", DeprecationWarning)  # child takes no lock of theirs)
            pid = os.fork()
        if pid == 0:  # the child: run the task, send what came of it, leave without cleanup
            os.close(read)
            gc.disable()  # a collection would touch, and so copy, every page of the parent
            try:
                _die_with(parent)
                with contextlib.suppress(OSError):
                    os.nice(NICENESS)  # the build's own process first (see NICENESS)
                try:
                    payload = pickle.dumps((True, task()))
                except BaseException as exc:
                    try:
                        payload = pickle.dumps((False, exc))
                    except Exception:
                        payload = pickle.dumps((False, GraphError(f"{type(exc).__name__}: {exc}")))
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read, self._task = pid, read, None

    def result(self) -> T:
        """The task's result, once it is done; its error, raised here, if it failed.

        Raises
        ------
        GraphError
            The child process died without an answer (killed, out of memory).
        """
        if self._task is not None:  # not forked: run it now
            task, self._task = self._task, None
            return task()
        with os.fdopen(self._read, "rb") as answer:
            payload = answer.read()
        _pid, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not payload:
            code = os.waitstatus_to_exitcode(status)
            how = f"signal {-code}" if code < 0 else f"exit status {code}"
            raise GraphError(f"the process {self.doing} died ({how})")
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """End the task if it still runs (the build failed beside it)."""
        self._task = None
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = 0


def start(task: Callable[[], T], doing: str = WORK) -> Job[T]:
    """Start ``task`` in a forked child (see the module's notes); returns its :class:`Job`.
    ``doing`` says what it does ("writing the files of RDF"), for the error if it dies."""
    return Job(task, forks(), doing)
