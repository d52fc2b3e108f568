"""Writing a build's folder as one transaction: staged beside it, swapped in at once.

A build's new folder is staged complete beside the old one (``OUT/.NAME.briefgen-…``): files
of the old folder that the build does not rewrite are hard-linked (copied where links are
refused), new files are written there, each fsynced. The two folders are then swapped in one
step (Linux ``renameat2(RENAME_EXCHANGE)``) and the old one deleted. A kill at any instant
(SIGKILL included) leaves ``OUT/NAME`` wholly old or wholly new, its manifest with it; what a
killed build left beside it is removed by the next build of that folder.

Where the folders cannot be exchanged (another system, a file system without it), the new
folder is first renamed to a *ready* name, the old one moved aside, and the ready one into
place; a kill between the last two leaves no ``NAME`` and a ready folder, which the next build
moves into place (rolls forward) before anything else.

Builds writing to the same folder at once take turns: the folder is locked (``flock`` on the
folder itself on POSIX systems; a ``.briefgen.lock`` file on Windows) from staging to the swap.
A build that waited for the lock checks that the folder it locked is still the one in place
(the other build swapped it) and locks the new one if not.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from briefgen.errors import WriteError
from briefgen.files import durable
from briefgen.files.durable import (
    cannot_write,
    fsync_folder,
    link_or_copy,
    new_file_mode,
    write_file,
)

LOCK_FILE = ".briefgen.lock"  # Windows only: POSIX systems lock the folder itself
_SIDE = ".briefgen-"  # OUT/.NAME.briefgen-{new,ready,old}-<random>: a build's side folders
_DEFERRED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def fault_point(step: str) -> None:
    """Called at each step of a commit; tests replace it to kill the process there."""


def _lock(folder: Path) -> int:
    """Open ``folder`` and take its exclusive lock; returns the descriptor."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        return fd
    import fcntl

    while True:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except FileNotFoundError:  # moved aside by a build mid-swap (or killed there)
            recover(folder)
            folder.mkdir(exist_ok=True)
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.fstat(fd), os.stat(folder)):
                return fd
        os.close(fd)  # the folder was swapped while this build waited: lock the new one


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[int | None]:
    """Create ``folder`` if needed and hold an exclusive lock on it; yields its descriptor
    (POSIX), or None."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(f"cannot write into {folder}: it is a file, not a folder")
    created = [p for p in (folder, *folder.parents) if not p.exists()]  # deepest first
    try:
        recover(folder)
        folder.mkdir(parents=True, exist_ok=True)
        fd = _lock(folder)
        remove_leftovers(folder)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    try:
        yield None if os.name == "nt" else fd
    except BaseException:
        for made in created:  # a failed first build leaves no empty folders behind
            with contextlib.suppress(OSError):
                made.rmdir()  # refused unless empty
        raise
    finally:
        os.close(fd)  # closing releases the lock


def _side_folders(folder: Path) -> list[Path]:
    """What builds of ``folder`` left beside it (killed before they cleaned up)."""
    prefix = f".{folder.name}{_SIDE}"
    try:
        return sorted(p for p in folder.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def recover(folder: Path) -> None:
    """Finish the swap a killed build of ``folder`` left half done: if ``folder`` is missing
    and a ready folder (complete, about to be moved in) is there, move it in (roll forward).
    The other side folders are removed once the lock is held (:func:`remove_leftovers`)."""
    sides = _side_folders(folder)
    ready = [p for p in sides if p.name.split(_SIDE, 1)[1].startswith("ready-")]
    if ready and not folder.exists():
        with contextlib.suppress(OSError):
            os.rename(ready[0], folder)


def remove_leftovers(folder: Path) -> None:
    """Remove the side folders of ``folder`` (call with its lock held)."""
    for side in _side_folders(folder):
        shutil.rmtree(side, ignore_errors=True)


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP inside the block; deliver them once it is done."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread
        return
    received: list[int] = []

    def note(signum: int, _frame: FrameType | None) -> None:
        """Remember the signal instead of acting on it now."""
        received.append(signum)

    previous = {signum: signal.signal(signum, note) for signum in _DEFERRED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(received):
            _deliver(signum, previous[signum])


def _deliver(signum: int, handler: object) -> None:
    """Act on a signal held back, as its handler would have."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        os.kill(os.getpid(), signum)


# Files the per-file transactions of earlier versions left when killed: .NAME.XXXXXXXX.tmp
_OLD_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class Transaction:
    """The new version of one folder, staged beside it and swapped in by :meth:`commit`."""

    def __init__(self, folder: Path) -> None:
        """Nothing staged yet; the staging folder is made by the first :meth:`stage`."""
        self.folder = folder
        self.staging: Path | None = None
        self.written: set[str] = set()

    def _side(self, kind: str) -> Path:
        """A new side folder name of ``kind`` (new, ready, old) beside the folder."""
        name = f".{self.folder.name}{_SIDE}{kind}-{os.getpid()}-{secrets.token_hex(4)}"
        return self.folder.parent / name

    def _staging_folder(self) -> Path:
        """The staging folder, made on first use with the folder's mode."""
        if self.staging is None:
            if not os.access(self.folder, os.W_OK):  # a read-only folder stays as it is
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            staging = self._side("new")
            os.mkdir(staging, 0o700)
            self.staging = staging
            os.chmod(staging, stat.S_IMODE(os.stat(self.folder).st_mode))
        return self.staging

    def stage(self, path: Path, data: bytes) -> None:
        """Write ``data`` as ``path`` (a file of the folder) in the staging folder, fsynced,
        with the mode of the file it replaces (or the umask's, for a new file)."""
        try:
            target = self._staging_folder() / path.name
            write_file(target, data, new_file_mode(self.folder / path.name))
        except OSError as exc:
            raise cannot_write(path, exc) from None
        self.written.add(path.name)

    def _link_the_rest(self) -> None:
        """Give the staging folder every entry of the folder that this build does not write."""
        assert self.staging is not None
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name in self.written or entry.name == LOCK_FILE:
                    continue
                if _OLD_TEMPORARY.match(entry.name):  # left by a killed build of an old version
                    continue
                target = str(self.staging / entry.name)
                if entry.is_symlink():
                    os.symlink(os.readlink(entry.path), target)
                elif entry.is_dir():
                    shutil.copytree(entry.path, target, symlinks=True, copy_function=link_or_copy)
                else:
                    link_or_copy(entry.path, target)

    def commit(self) -> None:
        """Swap the staged folder in for the old one; Ctrl-C and SIGTERM held back meanwhile."""
        if self.staging is None:
            return
        try:
            self._link_the_rest()
            fsync_folder(self.staging)
        except OSError as exc:
            raise cannot_write(self.folder, exc) from None
        with interrupts_deferred():
            fault_point("staged")
            try:
                old = self._swap()
            except OSError as exc:
                raise cannot_write(self.folder, exc) from None
            self.staging = None
            fault_point("swapped")
            fsync_folder(self.folder.parent)
            shutil.rmtree(old, ignore_errors=True)

    def _swap(self) -> Path:
        """Put the staging folder in the folder's place; returns where the old one is now."""
        assert self.staging is not None
        if durable.exchange(self.staging, self.folder):
            return self.staging
        ready, old = self._side("ready"), self._side("old")
        os.rename(self.staging, ready)
        self.staging = ready
        fault_point("ready")
        os.rename(self.folder, old)
        fault_point("moved-aside")
        with contextlib.suppress(FileNotFoundError):  # another build's recovery moved it in
            os.rename(ready, self.folder)
        return old

    def discard(self) -> None:
        """Remove the staging folder, if it was not committed."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


@contextlib.contextmanager
def transaction(folder: Path) -> Iterator[Transaction]:
    """Lock ``folder``, let the block stage files, then swap them in (or drop them on error).

    A ``folder`` that is a link to a folder stays a link: the folder it points to is swapped.
    """
    if folder.is_symlink() and folder.is_dir():
        folder = Path(os.path.realpath(folder))
    with folder_lock(folder):
        staged = Transaction(folder)
        try:
            yield staged
            staged.commit()
        finally:
            staged.discard()
