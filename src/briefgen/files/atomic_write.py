"""Writing one output file atomically: a reader sees the old file or the new one, never half.

A single-file :class:`~briefgen.files.transaction.Transaction`: a temporary file in the same folder,
flushed and fsynced, then renamed over the target; on any failure (Ctrl-C included) the
temporary file is removed. Builds, which write several files together, use
:func:`briefgen.files.transaction.transaction` directly.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.files.transaction import Transaction


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename."""
    staged = Transaction()
    try:
        staged.stage(path, data)
        staged.commit()
    finally:
        staged.discard()
