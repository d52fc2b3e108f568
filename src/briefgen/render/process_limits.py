"""Running a render in a child process with its own limits on memory and time.

Jinja's sandbox counts nothing inside a filter: ``range(5000)|map('center', 1999999)|...``
runs for minutes and takes gigabytes in one expression, beyond what
:mod:`briefgen.render.template_limits` can count. Only a process with its own limits bounds
that, so on Linux every render runs in a forked child (a fork of a warm process, and its
result sent back, cost a few milliseconds): its address space is capped (``RLIMIT_AS``, so an
allocation past the cap is a ``MemoryError`` raised where the template asked for it), a timer
(``SIGALRM``) raises inside the template code after :data:`MAX_RENDER_SECONDS`, and the parent
kills the child outright if it is still running :data:`KILL_GRACE_SECONDS` later (a loop in C
that no signal reaches).
The child sends its result, or its error, back through a pipe, pickled.

Where processes cannot be forked the render runs in this process, bounded by the counting
limits only.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from briefgen.errors import BriefgenError, BuildError, InputError
from briefgen.render.template_limits import (
    MAX_RENDER_MEMORY,
    MAX_RENDER_SECONDS,
    LimitExceeded,
    OutOfTime,
)

T = TypeVar("T")

KILL_GRACE_SECONDS = 3.0  # after the timer, before the child is killed
_PR_SET_PDEATHSIG = 1
_in_child = False  # a render never forks again from its own child


def forks() -> bool:
    """Whether renders run in a child process here (Linux: fork and rlimits are reliable)."""
    return sys.platform == "linux" and not _in_child


def die_with_parent() -> None:
    """Ask Linux to kill this process (SIGKILL) when the thread that started it exits."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _address_space() -> int:
    """This process's virtual memory size in bytes (what ``RLIMIT_AS`` compares with)."""
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _out_of_time(_signum: int, _frame: FrameType | None) -> None:
    """SIGALRM in the child: stop the render where it is (the traceback locates the line)."""
    raise OutOfTime(
        f"rendering took over {MAX_RENDER_SECONDS:.0f} s, the limit; the template does too much "
        "work here"
    )


def _limit_this_process(parent: int) -> None:
    """Cap the child's memory and time; it dies with ``parent`` and ignores Ctrl-C (the
    parent reports it)."""
    global _in_child
    _in_child = True
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    gc.freeze()  # the inherited objects are never scanned (nor copied by the scan)
    import resource

    with contextlib.suppress(OSError, ValueError):  # no /proc: the timer still holds
        cap = _address_space() + MAX_RENDER_MEMORY
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)


def _lift_limits() -> None:
    """After the render: no timer, and room to pickle the result."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (resource.getrlimit(resource.RLIMIT_AS)[1],) * 2)


def _outcome(function: Callable[..., T], args: tuple[Any, ...], what: str, parent: int) -> bytes:
    """Run ``function`` under the limits; its result or error, pickled."""
    try:
        try:
            _limit_this_process(parent)
            outcome: tuple[str, Any] = ("ok", function(*args))
        finally:  # a timer firing in here is caught below, never after
            _lift_limits()
    except BriefgenError as exc:
        outcome = ("error", exc)
    except MemoryError:
        outcome = (
            "error",
            InputError(f"{what}: rendering ran out of memory ({_mib()} MiB, the limit)"),
        )
    except LimitExceeded as exc:  # the timer fired outside the template's own code
        outcome = ("error", InputError(f"{what}: {exc.message}"))
    except BaseException as exc:  # a bug: still one line, in the parent
        message = f"{what}: internal error: {type(exc).__name__}: {exc}"
        if os.environ.get("BRIEFGEN_TRACEBACK") == "1":  # where, for whoever debugs it
            message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
        outcome = ("error", BuildError(message))
    try:
        return pickle.dumps(outcome, protocol=5)
    except Exception as exc:  # an error that cannot be pickled
        message = f"{what}: {type(outcome[1]).__name__}: {outcome[1]} ({exc})"
        return pickle.dumps(("error", BuildError(message)), protocol=5)


def _mib() -> int:
    return MAX_RENDER_MEMORY // (1024 * 1024)


def _child(
    function: Callable[..., T], args: tuple[Any, ...], what: str, fd: int, parent: int
) -> None:
    """The child's whole life: render, write the outcome to ``fd``, exit without cleanup."""
    code = 0
    try:
        data = _outcome(function, args, what, parent)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _read_all(fd: int, pid: int, what: str) -> bytes:
    """Everything the child writes to ``fd``; the child is killed at its deadline."""
    deadline = time.monotonic() + MAX_RENDER_SECONDS + KILL_GRACE_SECONDS
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            raise InputError(
                f"{what}: rendering took over {MAX_RENDER_SECONDS:.0f} s, the limit, "
                "and was stopped"
            )
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def run_limited(function: Callable[..., T], *args: Any, what: str) -> T:
    """``function(*args)``, run in a child process under the memory and time limits.

    ``what`` names the work in messages (the brief and the audience). Errors the child raises
    are raised here; a child that dies or runs past its deadline is a one-line error.
    """
    if not forks():
        return function(*args)
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(function, args, what, write_fd, parent)
    os.close(write_fd)
    try:
        data = _read_all(read_fd, pid, what)
    finally:
        os.close(read_fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # gone already unless interrupted or late
        _, status = os.waitpid(pid, 0)
    if not data:
        died = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        why = (
            f"killed by signal {died}"
            if died
            else f"exit status {os.waitstatus_to_exitcode(status)}"
        )
        raise BuildError(f"{what}: the rendering process died ({why}); nothing was written")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value
