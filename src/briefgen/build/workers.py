"""Worker processes for builds, started warm.

This process warms up first (imports reportlab and python-docx, reads the fonts and
python-docx's template) and then forks the workers, which start with all of it in memory
(shared until written): a worker costs milliseconds, and that start-up work is done once,
not once per worker, which on a machine with few cores is what decides the time.
Where processes cannot be forked (Windows, macOS), each worker warms up itself.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from briefgen.errors import BuildError
from briefgen.render.process_limits import die_with_parent

# What a worker needs before its first memo: the renderer and the exporters.
_WARM_MODULES = (
    "briefgen.render.assemble",
    "briefgen.export.pdf.writer",
    "briefgen.export.docx.writer",
)


def default_jobs() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def warm_up(formats: tuple[str, ...] = ()) -> None:
    """Import the renderer and the PDF and DOCX exporters (and those of ``formats``), register
    the PDF fonts, read python-docx's template and the English labels, once a process. (The
    hyphenation dictionary the reading grade needs is loaded by the process that grades, while
    the workers export.)
    """
    from briefgen.export import FORMATS

    for name in (*_WARM_MODULES, *(FORMATS[f] for f in formats if f in FORMATS)):
        importlib.import_module(name)
    from briefgen.export.docx.styles import template
    from briefgen.export.pdf.writer import register_fonts
    from briefgen.i18n.builtin import warm

    register_fonts()
    template()
    warm("en")  # the English labels and their CLDR data (render warms a memo's language)


def _start_worker(formats: tuple[str, ...], forked: bool, parent: int) -> None:
    # A worker dies with the process that started it, however that one ends (SIGKILL too):
    # orphaned, it would go on, blocked writing to a pipe no one reads.
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    # Ctrl-C reaches every process of the terminal's group: the parent alone reports it and
    # stops the workers, which would otherwise each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):  # a fork inherits the parent's handlers
        signal.signal(signum, signal.SIG_DFL)
    if not forked:
        with contextlib.suppress(Exception):  # the first task meets the fault and reports it
            warm_up(formats)


def worker_pool(jobs: int, formats: tuple[str, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, warm, that leave Ctrl-C to this process.

    Forked where the system allows it (Linux), after warming this process up; elsewhere
    each worker warms itself up as it starts. A worker that dies (killed for memory, a crash
    in a C library) fails the tasks it held with ``BrokenProcessPool``, never a hang.
    """
    forked = "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
    if not forked:
        return ProcessPoolExecutor(
            jobs, initializer=_start_worker, initargs=(formats, False, os.getpid())
        )
    warm_up(formats)
    # Frozen, the objects the workers inherit are never scanned by their garbage collector,
    # which would otherwise touch, and so copy, every page of memory they share with this one.
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker, initargs=(formats, True, os.getpid()),
        )  # fmt: skip
        pool.submit(int)  # with fork, the first task forks every worker: now, while frozen
        return pool
    finally:
        gc.unfreeze()


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` at once: queued tasks dropped, running ones killed (a failed or
    interrupted build must not wait for the rest)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(5)


def results_in_order(
    pool: ProcessPoolExecutor,
    function: Callable[[Any], Any],
    items: list[Any],
    done: Callable[[int, Any], None],
) -> None:
    """Run ``function`` on every item in ``pool``; call ``done(index, result)`` as each finishes.

    When tasks fail, the error of the first failing item (in ``items``' order) is raised, as a
    one-process run would raise it, once every earlier item has finished: which error a user
    sees never depends on timing. A worker that died is a :class:`BuildError`.
    """
    futures = {pool.submit(function, item): index for index, item in enumerate(items)}
    failed: dict[int, BaseException] = {}
    for future in as_completed(futures):
        index = futures[future]
        try:
            result = future.result()
        except BrokenProcessPool:
            failed[index] = BuildError(
                "a worker process died (killed for lack of memory, or a crash in a library); "
                "nothing was written"
            )
        except Exception as exc:
            failed[index] = exc
        else:
            if not failed or index < min(failed):
                done(index, result)
        if failed and all(f.done() for f, i in futures.items() if i < min(failed)):
            break
    if failed:
        for future in futures:  # what has not started is not wanted any more
            future.cancel()
        raise failed[min(failed)]
