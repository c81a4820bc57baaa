"""A build folder: one lock, generations of outputs, and a switch in one rename.

Every build writes its outputs and its store into a new *generation*
(``.actorgraph/builds/NNNNNN/``) and then points ``current`` at it with one
atomic rename. The names an analyst opens (``graph.ttl``, ``network.html``,
``store`` ...) are links through ``current``, so whatever moment a build is
killed at, they all answer for the same build: the old one whole, or the new
one whole. A lock taken before anything is written keeps a second build out::

    out/
      current -> .actorgraph/builds/000002
      graph.ttl -> current/graph.ttl          (and every other output)
      store -> current/store
      .actorgraph/lock  .actorgraph/cache/  .actorgraph/builds/000001/  000002/

A serve started on the folder watches ``current`` and follows each switch.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graphs import write_text
from ontology import InputError

META = ".actorgraph"
CURRENT = "current"
MANIFEST = "build.json"
#: Generations kept besides the current one (a serve may still be answering from it).
KEEP = 1


@dataclass(frozen=True)
class Generation:
    """One build's outputs: ``path`` holds them, ``number`` orders them."""

    number: int
    path: Path

    def manifest(self) -> dict:
        """What ``build.json`` says of this build (empty if it has none)."""
        try:
            return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}


class BuildFolder:
    """The output folder of builds.

    Examples
    --------
    >>> import tempfile
    >>> folder = BuildFolder(Path(tempfile.mkdtemp()) / "out")
    >>> with folder.lock():
    ...     gen = folder.new_generation()
    ...     _ = (gen.path / "graph.ttl").write_text("")
    ...     _ = folder.switch(gen, ["graph.ttl"], {"documents": 0})
    >>> folder.current().number, (folder.root / "graph.ttl").is_file()
    (1, True)
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.meta = self.root / META
        self.builds = self.meta / "builds"

    # -- the lock ---------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's build lock, or raise :class:`InputError` naming the holder."""
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"{self.root}: not a folder; give --out a folder to build into")
        created = not self.root.exists()
        try:
            self.meta.mkdir(parents=True, exist_ok=True)
            handle = open(self.meta / "lock", "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"{self.root}: cannot write here ({exc.strerror or exc}); "
                             f"choose another --out") from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise InputError(f"{self.root}: another build is writing here ({holder}); wait "
                                 f"for it to end, or build into another --out") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}")
            handle.flush()
            try:
                yield
            except BaseException:
                if created and not self.generations():  # a failed first build leaves nothing
                    shutil.rmtree(self.root, ignore_errors=True)
                raise
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- generations --------------------------------------------------------------

    def generations(self) -> list[Generation]:
        """The finished generations, oldest first."""
        found = []
        for path in self.builds.iterdir() if self.builds.is_dir() else ():
            if path.name.isdigit() and path.is_dir():
                found.append(Generation(int(path.name), path))
        return sorted(found, key=lambda g: g.number)

    def current(self) -> Generation | None:
        """The generation ``current`` points at, if any."""
        link = self.root / CURRENT
        if not link.is_symlink():
            return None
        target = (self.root / os.readlink(link)).resolve()
        return Generation(int(target.name), target) if target.name.isdigit() else None

    def store(self) -> tuple[Path, Generation | None] | None:
        """The store of the current build and its generation: the current generation's,
        or (generation None) the plain ``store/`` of a folder made before generations or
        copied with its links followed; None before the first build."""
        now = self.current()
        if now is not None and (now.path / "store").is_dir():
            return now.path / "store", now
        plain = self.root / "store"
        return (plain, None) if plain.is_dir() else None

    def adopt(self, names: Iterable[str]) -> None:
        """Bring a folder built before generations (plain files, a plain ``store/``) under
        them, so that at no moment do its names answer for two builds: ``current`` first
        points at an empty generation 0, then each name moves into it (a hard link, or a
        rename for the store) and becomes a link through ``current``, its content the same
        throughout (while the store moves, readers build one from ``graph.ttl``)."""
        if self.current() is not None:
            return
        plain = [name for name in names
                 if (self.root / name).exists() and not (self.root / name).is_symlink()]
        if not plain:
            return
        zero = self.builds / f"{0:06d}"
        zero.mkdir(parents=True, exist_ok=True)
        _relink(self.root / CURRENT, os.path.relpath(zero, self.root))
        for name in plain:
            source, kept = self.root / name, zero / name
            if source.is_dir():
                if kept.exists():
                    shutil.rmtree(kept)
                os.rename(source, kept)
            elif not kept.exists():
                try:
                    os.link(source, kept)
                except OSError:  # a file system without hard links
                    shutil.copy2(source, kept)
            _relink(source, f"{CURRENT}/{name}")
        _sync(zero)
        _sync(self.root)

    def new_generation(self) -> Generation:
        """A fresh, empty generation folder (numbered after every existing one). Folders
        a killed build left half-written are removed first."""
        self.builds.mkdir(parents=True, exist_ok=True)
        for path in self.builds.iterdir():
            if path.name.endswith(".tmp"):
                shutil.rmtree(path, ignore_errors=True)
        numbers = [g.number for g in self.generations()]
        now = self.current()
        number = max([*numbers, now.number if now else 0, 0]) + 1
        path = self.builds / f"{number:06d}.tmp"
        path.mkdir()
        return Generation(number, path)

    def switch(self, generation: Generation, names: Iterable[str], manifest: dict) -> Generation:
        """Make ``generation`` the current build in one rename; link ``names`` through it.

        The generation's files are synced first, so a crash after the rename still finds
        them; the names of the build before that this one lacks are unlinked.
        """
        names = sorted(set(names))
        write_text(generation.path / MANIFEST,
                   json.dumps({"generation": generation.number, **manifest}, indent=1,
                              sort_keys=True) + "\n")  # ASCII: a file name may not be UTF-8
        final = self.builds / f"{generation.number:06d}"
        _sync_tree(generation.path)
        os.replace(generation.path, final)
        _sync(self.builds)
        before = self.current()
        old_names = set(os.listdir(before.path)) if before else set()
        _relink(self.root / CURRENT, os.path.relpath(final, self.root))
        for name in names:
            link = self.root / name
            if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
                _relink(link, f"{CURRENT}/{name}")
        for name in old_names - set(names) - {MANIFEST}:
            link = self.root / name
            if link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}":
                link.unlink()
        _sync(self.root)
        self._prune(final)
        return Generation(generation.number, final)

    def _prune(self, keep: Path) -> None:
        kept = [g for g in self.generations() if g.path != keep][-KEEP:] if KEEP else []
        for generation in self.generations():
            if generation.path != keep and generation not in kept:
                shutil.rmtree(generation.path, ignore_errors=True)


def _relink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one rename (a link or file there is replaced, and a
    folder there, as a copy that followed the links leaves, removed first)."""
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    temporary = link.with_name(f".{link.name}.link.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _sync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            _sync(path)
    _sync(folder)
