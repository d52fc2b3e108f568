"""Writing a build's files together: staged, then renamed into place under a lock.

Every file is first written to a temporary file in its own folder, flushed and fsynced
(:meth:`Transaction.stage`); a failure or a Ctrl-C there removes the temporary files and leaves
the folder exactly as it was. Only when everything is staged are the temporary files renamed
over the real ones, with Ctrl-C held back until the last rename, so an interrupted build leaves
either the old files or the new ones, never a mix.

Builds writing to the same folder at once take turns: the folder is locked (``flock`` on the
folder itself on POSIX systems; a ``.briefgen.lock`` file on Windows) from staging to the last
rename, so the files and the manifest that describes them always come from the same build.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from briefgen.errors import WriteError

LOCK_FILE = ".briefgen.lock"  # Windows only: POSIX systems lock the folder itself


def _cannot(path: Path, exc: OSError) -> WriteError:
    """The one-line error for an OS error while writing ``path``."""
    return WriteError(f"cannot write {path}: {exc.strerror or exc}")


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[int | None]:
    """Create ``folder`` if needed and hold an exclusive lock on it; yields its descriptor
    (POSIX) for fsyncing the renames, or None."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(f"cannot write into {folder}: it is a file, not a folder")
    created = [p for p in (folder, *folder.parents) if not p.exists()]  # deepest first
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "nt":  # pragma: no cover - exercised on Windows only
            import msvcrt

            fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fd = os.open(folder, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        raise _cannot(folder, exc) from None
    try:
        yield None if os.name == "nt" else fd
    except BaseException:
        for made in created:  # a failed first build leaves no empty folders behind
            with contextlib.suppress(OSError):
                made.rmdir()  # refused unless empty
        raise
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) inside the block; raise it once the block is done."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread
        return
    received: list[int] = []

    def note(signum: int, _frame: FrameType | None) -> None:
        """Remember the signal instead of raising KeyboardInterrupt now."""
        received.append(signum)

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt


class Transaction:
    """Files staged next to their targets, renamed into place together by :meth:`commit`."""

    def __init__(self, folder_fd: int | None = None) -> None:
        """Nothing staged yet; ``folder_fd`` (the locked folder) is fsynced after renames."""
        self.folder_fd = folder_fd
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, target)

    def stage(self, path: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path`` (flushed and fsynced)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise _cannot(path, exc) from None
        tmp = Path(name)
        self.staged.append((tmp, path))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
        except OSError as exc:
            raise _cannot(path, exc) from None

    def commit(self) -> None:
        """Rename every staged file over its target, Ctrl-C held back until the last."""
        with interrupts_deferred():
            while self.staged:
                tmp, path = self.staged[0]
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise _cannot(path, exc) from None
                self.staged.pop(0)
            if self.folder_fd is not None:
                with contextlib.suppress(OSError):  # durability of the renames, where supported
                    os.fsync(self.folder_fd)

    def discard(self) -> None:
        """Remove the temporary files not committed."""
        for tmp, _path in self.staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.staged.clear()


@contextlib.contextmanager
def transaction(folder: Path) -> Iterator[Transaction]:
    """Lock ``folder``, let the block stage files, then commit them all (or none, on error)."""
    with folder_lock(folder) as fd:
        staged = Transaction(fd)
        try:
            yield staged
            staged.commit()
        finally:
            staged.discard()
