"""Writing one file atomically: a reader sees the old file or the new one, never half.

The data goes to a temporary file in the target's folder, flushed and fsynced, which is then
renamed over the target; on any failure (Ctrl-C included) the temporary file is removed. The
new file keeps the mode of the file it replaces (a new file gets the umask's), and a target
that is a symbolic link stays one: the file it points to is replaced, in its own folder.
Builds, which write several files together, use :func:`briefgen.files.transaction.transaction`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from briefgen.files.durable import cannot_write, new_file_mode, write_file
from briefgen.files.transaction import interrupts_deferred


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (through a link, to its target) via a temporary file in the
    same folder, fsync, rename."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        write_file(temporary, data, new_file_mode(target))
        with interrupts_deferred():
            os.replace(temporary, target)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone already once renamed
