"""File operations the atomic writes are made of: a file created durably with a chosen mode,
the mode a replacing file gets, hard links with a copy as fallback, two paths swapped in one
step, a folder's renames made durable."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import sys
from pathlib import Path

from briefgen.errors import WriteError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """The one-line error for an OS error while writing ``path``."""
    return WriteError(f"cannot write {path}: {exc.strerror or exc}")


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system
    or the file system cannot."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]  # fmt: skip
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)  # fmt: skip
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def fsync_folder(path: Path) -> None:
    """fsync a folder (durability of the renames in it, where supported)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    """The process's umask (read by setting it, then set back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(existing: Path) -> int:
    """The mode for a file replacing ``existing``: its mode if it is a file, else the umask's."""
    try:
        info = os.lstat(existing)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    return 0o666 & ~_umask()


def write_file(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (it must not exist) with ``data`` and ``mode``, flushed and fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def link_or_copy(source: str, target: str) -> None:
    """Hard-link ``source`` as ``target``; copy it where links are refused."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)
