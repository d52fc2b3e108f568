"""A private folder of work briefgen keeps between runs: compiled templates, parsed dictionaries.

Both cost tens of milliseconds a run and depend only on files that rarely change, so they are
kept, each entry under a name that digests everything its content depends on (briefgen's
version, the library's version, the source itself): a stale entry is never found, only left
behind. The folder is ``$BRIEFGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefgen``, else
``~/.cache/briefgen``; ``BRIEFGEN_CACHE_DIR=`` (empty) turns the cache off.

Compiled templates are code, so the folder must be this user's alone: it is created private
(0700), and one that another user owns, that others may write to, or that is a symbolic link
is not used. Entries are written to a temporary file and renamed, so a reader never sees half
of one. Nothing here is ever an error: a folder that cannot be used means no cache.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from functools import cache
from pathlib import Path

from briefgen import __version__


@cache
def folder() -> Path | None:
    """The cache folder for this version of briefgen, made if needed; None if unusable."""
    configured = os.environ.get("BRIEFGEN_CACHE_DIR")
    if configured is not None:
        if not configured:
            return None
        root = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        root = Path(base) / "briefgen"
    path = root / __version__
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        for checked in (root, path):
            if not _private(checked):
                return None
    except (OSError, RuntimeError):  # RuntimeError: no home directory to expand
        return None
    return path


def _private(path: Path) -> bool:
    """True when ``path`` is a real folder of this user's that no one else may write to."""
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode):  # a symbolic link, or a file
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(name: str) -> bytes | None:
    """The entry ``name``, or None when there is none (or no cache)."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep ``data`` as entry ``name`` (atomically; silently not, if the folder refuses)."""
    where = folder()
    if where is None:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, where / name)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
