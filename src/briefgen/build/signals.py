"""SIGTERM and SIGHUP handled as Ctrl-C is: the build stops its workers, removes what it
staged, and the program exits with 128 + the signal's number.

Left to their default, these signals kill the main process at once: its workers outlived it
(blocked writing to a pipe no one reads) and its staged files stayed. Raised as an interrupt,
they go through the same clean-up as Ctrl-C; during the swap of a folder they are held back
like Ctrl-C (see :func:`briefgen.files.transaction.interrupts_deferred`).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


class Terminated(KeyboardInterrupt):
    """The program was asked to stop by ``signum`` (SIGTERM, SIGHUP)."""

    def __init__(self, signum: int) -> None:
        """Remember the signal, for the exit status (128 + ``signum``)."""
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    """The handler: stop whatever runs, as Ctrl-C would."""
    raise Terminated(signum)


@contextlib.contextmanager
def terminations_as_interrupts() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP raise :class:`Terminated` (a KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
