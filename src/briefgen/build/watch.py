"""``briefgen build --watch``: build, then rebuild what an edit affects, until Ctrl-C.

The watcher polls the briefs every :data:`POLL_SECONDS`, and the audience folders on the search
path (templates, macros, ``audience.yaml``, reference DOCX files) and ``--reference-doc`` every
:data:`AUDIENCE_TICKS` polls.
Polling needs no platform file-event API, works on network and container mounts, and costs
a few hundred ``stat`` calls a second.

After a change, every memo of the changed briefs (or of every brief, when a template or an
audience changed) is rendered again, in the warm worker processes; a memo whose document and
style are the same as last time is not exported again. Only the memos that changed are
written (each brief's folder as one transaction, with its manifest). An error is printed
and the watcher waits for the next edit, the earlier files untouched; Ctrl-C stops it.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import pickle
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.audience.profiles import Audience, search_path
from briefgen.brief.load import brief_from_yaml, read_file
from briefgen.brief.located_yaml import read_yaml
from briefgen.brief.model import Brief
from briefgen.build.batch import (
    BriefBuild,
    BuildRequest,
    Task,
    file_results,
    plan,
    resolve_audiences,
)
from briefgen.build.memos import Exported, Memo, export_audience, graded, write_memos
from briefgen.build.workers import results_in_order, stop, worker_pool
from briefgen.errors import BriefgenError, WriteError
from briefgen.render.assemble import render

POLL_SECONDS = 0.01  # the briefs' files, a few stat calls
AUDIENCE_TICKS = 10  # the audience folders: every tenth tick, a tenth of a second
RETRY_SECONDS = 2.0  # after the output could not be written (the input may be unchanged)
MAX_WATCHED_FILES = 2_000  # per folder on the search path: an audience has a handful

Signature = tuple[tuple[str, int, int, int, int], ...]


def watched_files(
    request: BuildRequest, audiences: Sequence[Audience] = (), notes: list[str] | None = None
) -> list[Path]:
    """Every file whose change can change a memo: the briefs, then the audience files (see
    :func:`audience_files`; what it did not watch is said in ``notes``)."""
    return [*request.briefs, *audience_files(request, audiences, notes)]


def audience_files(
    request: BuildRequest, audiences: Sequence[Audience] = (), notes: list[str] | None = None
) -> list[Path]:
    """Each file of the audience folders on the search path (through links to folders inside
    the folder searched, never out of it), each reference DOCX ``audiences`` name wherever it
    is, and ``--reference-doc``. A link not followed, or a walk cut at
    :data:`MAX_WATCHED_FILES`, is said in ``notes``."""
    files: list[Path] = []
    try:
        roots = search_path(request.templates)
    except BriefgenError:  # --templates removed: the build reports it; watch for its return
        roots = (request.templates,) if request.templates else ()
    seen: set[str] = set()
    for root in roots:
        files.extend(_folder_files(Path(root), seen, notes if notes is not None else []))
    for audience in audiences:
        if audience.config.style.reference_docx:
            files.append(Path(audience.config.style.reference_docx))
    if request.reference_doc is not None:
        files.append(request.reference_doc)
    return list(dict.fromkeys(files))


def _folder_files(root: Path, seen: set[str], notes: list[str]) -> list[Path]:
    """The files under ``root``: an audience folder may be a link (to a shared folder), but
    inside an audience folder a link to a folder outside it is not followed
    (``templates/evil/usr -> /usr`` would have the watcher stat the whole system)."""
    files: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen or "__pycache__" in folder:  # a link back up: walked already
            dirs[:] = []
            continue
        seen.add(real)
        relative = Path(folder).relative_to(root).parts
        if relative:  # inside an audience folder: links stay inside it
            inside = os.path.realpath(root / relative[0]) + os.sep
            for name in [n for n in dirs if os.path.islink(os.path.join(folder, n))]:
                link = os.path.join(folder, name)
                if not (os.path.realpath(link) + os.sep).startswith(inside):
                    dirs.remove(name)
                    notes.append(f"not watching {link}: a link to a folder outside its audience")
        dirs.sort()
        files.extend(Path(folder) / name for name in sorted(names))
        if len(files) > MAX_WATCHED_FILES:
            notes.append(f"watching only the first {MAX_WATCHED_FILES:,} files under {root}")
            return files[:MAX_WATCHED_FILES]
    return files


def signature(files: list[Path]) -> Signature:
    """What tells one version of each file from another: its modification and change times
    (a save within one tick of a coarse clock still changes one of them, or the size or
    inode), size and inode (an editor's save by renaming); a missing file is all -1."""
    out = []
    for path in files:
        try:
            info = path.stat()
            out.append((str(path), info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
        except OSError:
            out.append((str(path), -1, -1, -1, -1))
    return tuple(out)


def memo_digest(task: Task, document: Any) -> str:
    """What decides a memo's files and report: its document, its audience's configuration
    (style, budgets, reading-grade target), the formats, the folder, the reference DOCX bytes."""
    style = task.audience.config.style
    reference = b""
    if style.reference_docx:
        try:
            reference = Path(style.reference_docx).read_bytes()
        except OSError:
            reference = b"unreadable"  # the export reports it
    payload = pickle.dumps((document, task.audience.config, task.formats, task.target), protocol=5)
    return hashlib.sha256(payload + reference).hexdigest()


def rebuild_task(item: tuple[int, Task, str | None]) -> tuple[int, str, Exported | None]:
    """Render task ``item``; export it only if its digest differs from the one given.

    Returns (index, digest, the exported memo or None when unchanged); the memo is graded by
    the watcher (:func:`briefgen.build.memos.graded`). Runs in a worker process.
    """
    index, task, previous = item
    document = render(task.brief, task.audience, str(task.brief_path)).document
    digest = memo_digest(task, document)
    if digest == previous:
        return index, digest, None
    exported = export_audience(
        task.brief, task.brief_path, task.audience, list(task.formats), task.target, document
    )
    return index, digest, exported


@dataclass
class _Known:
    """What the watcher loaded and built last: briefs by their bytes, the audiences by their
    files' signature, and per (brief path, audience name) the memo's digest and files."""

    briefs: dict[Path, tuple[bytes, Brief]] = field(default_factory=dict)
    audiences: tuple[Signature, list[Audience]] | None = None
    digests: dict[tuple[Path, str], str] = field(default_factory=dict)
    results: dict[tuple[Path, str], tuple[list[Memo], list[str]]] = field(default_factory=dict)


class Watcher:
    """Rebuilds ``request`` on every change; one instance per ``--watch`` session."""

    def __init__(
        self,
        request: BuildRequest,
        report: Callable[[list[BriefBuild]], None],
        echo: Callable[..., Any],
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.request, self.report, self.echo, self.pool = request, report, echo, pool
        self.known = _Known()
        self.write_failed: str | None = None  # the last failure to write, retried until gone

    def cycle(self) -> int:
        """Build what changed since the last cycle; returns how many memos were rebuilt.

        Raises BriefgenError (nothing written) when the input is bad or a memo fails.
        """
        builds, tasks = plan(self.request.briefs, self._audiences(), self.request.formats,
                             self.request.out_dir, load=self._load)  # fmt: skip
        items = [(i, t, self.known.digests.get(_key(t))) for i, t in enumerate(tasks)]
        results = self._run(items)
        rebuilt: dict[Path, list[Memo]] = {}
        digests, fresh = {}, {}
        for (_i, task, _previous), (digest, result) in zip(items, results, strict=True):
            key = _key(task)
            digests[key] = digest
            if result is None:
                result = self.known.results[key]
            else:
                rebuilt.setdefault(task.brief_path, []).extend(result[0])
            fresh[key] = result
        file_results(builds, tasks, [fresh[_key(task)] for task in tasks],
                     self.request.allow_over_budget)  # fmt: skip
        written = []
        for build in builds:
            if build.path in rebuilt:  # only changed files; the manifest keeps the others
                build.memos = rebuilt[build.path]
                build.manifest = write_memos(build.path, build.brief, build.memos)
                written.append(build)
        self.known.digests, self.known.results = digests, fresh
        self.report(written)
        return sum(len(memos) for memos in rebuilt.values())

    def _load(self, path: Path) -> Brief:
        """``path``'s brief, loaded again only if its bytes changed."""
        data = read_file(path)
        known = self.known.briefs.get(path)
        if known is not None and known[0] == data:
            return known[1]
        brief = brief_from_yaml(read_yaml(data, str(path)))  # the very bytes compared
        self.known.briefs[path] = (data, brief)
        return brief

    def _audiences(self) -> list[Audience]:
        """The request's audiences, resolved again only if an audience file changed."""
        known = self.known.audiences[1] if self.known.audiences else []
        now = signature(audience_files(self.request, known))
        if self.known.audiences is None or self.known.audiences[0] != now:
            audiences = resolve_audiences(self.request)
            now = signature(audience_files(self.request, audiences))
            self.known.audiences = (now, audiences)
        return self.known.audiences[1]

    @property
    def audiences(self) -> list[Audience]:
        """The audiences as last resolved (none before the first cycle)."""
        return self.known.audiences[1] if self.known.audiences else []

    def _run(self, items: list[tuple[int, Task, str | None]]) -> list[tuple[str, Any]]:
        """(digest, graded memos or None when unchanged) of each item, in item order."""
        results: dict[int, tuple[str, Any]] = {}

        def finished(index: int, outcome: tuple[int, str, Exported | None]) -> None:
            _index, digest, exported = outcome  # graded here as the workers finish
            results[index] = (digest, exported and graded(items[index][1].audience, exported))

        pool = self._pool(len(items))
        if pool is None:
            for index, item in enumerate(items):
                finished(index, rebuild_task(item))
        else:
            results_in_order(pool, rebuild_task, items, finished)
        return [results[index] for index in range(len(items))]

    def _pool(self, tasks: int) -> ProcessPoolExecutor | None:
        """The warm workers, started on the first cycle: as many as --jobs and the tasks allow
        (none for one)."""
        if self.pool is None and min(self.request.jobs, tasks) > 1:
            self.pool = worker_pool(min(self.request.jobs, tasks), tuple(self.request.formats))
        return self.pool


def _key(task: Task) -> tuple[Path, str]:
    return task.brief_path, task.audience.name


def watch(
    request: BuildRequest,
    report: Callable[[list[BriefBuild]], None],
    echo: Callable[..., Any],
    error_lines: Callable[[BriefgenError], list[str]],
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Build ``request``, then rebuild on every change until Ctrl-C (or ``should_stop``).

    Errors are printed (``error_lines``) and the watcher goes on; returns the exit status, 0.
    """
    from briefgen.export.pdf import writer as pdf_export

    kept_layouts = pdf_export.KEEP_LAYOUTS
    pdf_export.KEEP_LAYOUTS = True  # rebuilds set mostly the same paragraphs (workers inherit it)
    watcher = Watcher(request, report, echo)
    stopping: list[int] = []
    # SIGTERM (`kill`) stops the watcher as Ctrl-C does, but only between two steps: raised
    # mid-write, it could leave a folder half renamed (Ctrl-C is held back there).
    previous = signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    try:
        seen, retry_at = None, 0.0
        said: list[str] = []
        for tick in itertools.count():
            if should_stop() or stopping:
                break
            # The briefs, the files people edit most, are looked at every tick; the audience
            # folders, walked and looked at, every AUDIENCE_TICKS ticks.
            if seen is None or tick % AUDIENCE_TICKS == 0:
                notes: list[str] = []
                files = watched_files(request, watcher.audiences, notes)
                if notes != said:  # each warning once, until the folders change
                    for note in notes:
                        echo(f"briefgen: warning: {note}", err=True)
                    said = notes
                now = signature(files)
            else:
                now = signature(list(request.briefs)) + now[len(request.briefs) :]
            retry = watcher.write_failed is not None and time.monotonic() >= retry_at
            if now != seen or retry:
                first = seen is None
                seen = now = _build(watcher, request, now, echo, error_lines)
                gc.collect()  # the program's collector is set to run seldom; a watcher runs long
                if first:
                    echo(f"watching {len(files)} files for changes (Ctrl-C stops)")
                retry_at = time.monotonic() + RETRY_SECONDS  # after a failed write, if any
            time.sleep(POLL_SECONDS)
        echo("briefgen: stopped watching", err=True)
    except KeyboardInterrupt:
        echo("briefgen: stopped watching", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        pdf_export.KEEP_LAYOUTS = kept_layouts
        if watcher.pool is not None:
            stop(watcher.pool)
    return 0


def _build(
    watcher: Watcher,
    request: BuildRequest,
    before: Signature,
    echo: Callable[..., Any],
    error_lines: Callable[[BriefgenError], list[str]],
) -> Signature:
    """One build cycle, timed; returns the signature it built (a file that changed again
    while it ran is built again at once, its errors from the half-saved file unprinted)."""
    while True:
        started = time.perf_counter()
        previous, watcher.write_failed = watcher.write_failed, None
        try:
            count = watcher.cycle()
        except BriefgenError as exc:
            after = signature(watched_files(request, watcher.audiences))
            if after != before:  # saved again meanwhile: what failed is already stale
                before = after
                continue
            if isinstance(exc, WriteError):  # the input is fine: tried again every little while
                watcher.write_failed = str(exc)
                if watcher.write_failed == previous:
                    return before  # the same failure as last time: said already
            for line in error_lines(exc):
                echo(line, err=True)
            echo("build failed; the files are as they were", err=True)
            return before
        echo(f"rebuilt {count} file{'s' * (count != 1)} in {time.perf_counter() - started:.2f} s")
        return before
