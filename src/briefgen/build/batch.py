"""Batch builds: several briefs x audiences at once, in worker processes.

A build is planned in this process (every brief loaded and checked, so bad input is reported
for all briefs together before any work starts), then each (brief, audience) pair is rendered
and exported as one task, in ``jobs`` worker processes. Results are put back in plan order, so
the files, the manifest and what is printed are exactly those of a serial build; writing stays
with the caller (:func:`briefgen.build.memos.write_memos`), once every task has succeeded.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.audience.profiles import Audience, resolve_many, search_path, with_reference_docx
from briefgen.brief.load import load_brief
from briefgen.brief.model import Brief
from briefgen.build.memos import (
    Budgets,
    Exported,
    Memo,
    export_audience,
    graded,
    output_name,
    over_budget_error,
    write_memos,
)
from briefgen.build.workers import results_in_order, stop, worker_pool
from briefgen.check.style_rules import style_warnings
from briefgen.errors import InputError, Problem


@dataclass(frozen=True)
class Task:
    """One unit of work: one audience's memo of one brief, in every format."""

    brief_path: Path
    brief: Brief
    audience: Audience
    formats: tuple[str, ...]
    target: Path


@dataclass
class BriefBuild:
    """What a build made of one brief: its memos in plan order, its budget problems and its
    budget notes (under a minimum, a grade not checked), printed as warnings."""

    path: Path
    brief: Brief
    memos: list[Memo] = field(default_factory=list)
    over: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    manifest: Path | None = None  # once written


def plan(
    brief_paths: Iterable[Path],
    audiences: list[Audience],
    formats: list[str],
    out_dir: Path,
    load: Callable[[Path], Brief] = load_brief,
) -> tuple[list[BriefBuild], list[Task]]:
    """Load every brief (with ``load``) and list the tasks, brief by brief, audience by
    audience.

    Raises one :class:`InputError` with the problems of every brief, or when two briefs would
    build into the same folder (their file names' stems are equal).
    """
    builds: list[BriefBuild] = []
    tasks: list[Task] = []
    problems: list[Problem] = []
    folders: dict[Path, Path] = {}
    unique: dict[Path, Path] = {}  # a brief named twice is built once, as first named
    for path in brief_paths:
        unique.setdefault(path.resolve(), path)
    for path in unique.values():
        try:
            brief = load(path)
            target = out_dir / output_name(path, audiences)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if target in folders:
            problems.append(
                Problem(str(path), 0, 0, "", f"builds into {target}, as {folders[target]} does: "
                        "rename one of the briefs")
            )  # fmt: skip
            continue
        folders[target] = path
        builds.append(BriefBuild(path, brief))
        tasks.extend(Task(path, brief, a, tuple(formats), target) for a in audiences)
    if problems:
        raise InputError(problems)
    return builds, tasks


def run_task(task: Task) -> tuple[list[Memo], Budgets]:
    """Render, export and grade ``task``'s memo in every format (in memory), in this process;
    what its budgets found too."""
    return graded(task.audience, export_task(task))


def export_task(task: Task) -> Exported:
    """Render and export ``task``'s memo in every format: the part worker processes do."""
    return export_audience(task.brief, task.brief_path, task.audience, list(task.formats),
                           task.target)  # fmt: skip


def run_tasks(
    tasks: list[Task], jobs: int, progress: Callable[[], None] | None = None
) -> list[tuple[list[Memo], Budgets]]:
    """Every task's result, in task order; ``progress`` is called as each one finishes.

    With ``jobs`` > 1 and more than one task the tasks are exported in worker processes
    (a pool made and closed here) and graded here, while they work. A failure
    raises the error of the first failing task in ``tasks``' order, as one process would.
    """
    if not tasks:
        return []
    if jobs <= 1 or len(tasks) == 1:
        results = []
        for task in tasks:
            results.append(run_task(task))
            if progress:
                progress()
        return results
    pool = worker_pool(min(jobs, len(tasks)), tasks[0].formats)
    done: dict[int, tuple[list[Memo], Budgets]] = {}

    def finished(index: int, exported: Exported) -> None:
        done[index] = graded(tasks[index].audience, exported)
        if progress:
            progress()

    try:
        results_in_order(pool, export_task, tasks, finished)
    except BaseException:
        stop(pool)  # a failed or interrupted build stops the other tasks at once
        raise
    pool.shutdown()
    return [done[index] for index in range(len(tasks))]


def build_all(
    builds: list[BriefBuild],
    tasks: list[Task],
    jobs: int,
    *,
    allow_over_budget: bool = False,
    progress: Callable[[], None] | None = None,
) -> list[BriefBuild]:
    """Run ``tasks`` and file their memos under their briefs' builds (see :func:`file_results`);
    nothing is written here."""
    return file_results(builds, tasks, run_tasks(tasks, jobs, progress), allow_over_budget)


def file_results(
    builds: list[BriefBuild],
    tasks: list[Task],
    results: list[tuple[list[Memo], Budgets]],
    allow_over_budget: bool,
) -> list[BriefBuild]:
    """File each task's memos, budget problems and notes under its brief's build, in plan
    order.

    Raises :class:`BuildError` listing every budget problem of every brief (each naming its
    brief when there are several) unless ``allow_over_budget``; notes are never an error.
    """
    by_path = {build.path: build for build in builds}
    for build in builds:
        build.memos, build.over, build.notes = [], [], []
    for task, (memos, budgets) in zip(tasks, results, strict=True):
        over, notes = budgets.over, budgets.notes
        if len(builds) > 1:  # say which brief's memo it is
            over = [f"{task.brief_path}: {problem}" for problem in over]
            notes = [f"{task.brief_path}: {note}" for note in notes]
        by_path[task.brief_path].memos.extend(memos)
        by_path[task.brief_path].over.extend(over)
        by_path[task.brief_path].notes.extend(notes)
    over_all = [problem for build in builds for problem in build.over]
    if over_all and not allow_over_budget:
        raise over_budget_error(over_all)
    return builds


@dataclass(frozen=True)
class BuildRequest:
    """What ``briefgen build`` is asked for (kept whole for --watch, which builds it again)."""

    briefs: tuple[Path, ...]
    audience_spec: str
    formats: list[str]
    out_dir: Path
    templates: Path | None
    allow_over_budget: bool
    reference_doc: Path | None
    jobs: int


def resolve_audiences(request: BuildRequest) -> list[Audience]:
    """The request's audiences, found on its search path, with --reference-doc applied."""
    audiences = resolve_many(request.audience_spec, search_path(request.templates))
    if request.reference_doc is not None:
        audiences = with_reference_docx(audiences, request.reference_doc)
    for line in style_warnings(audiences):  # sizes and contrast (check's T001-T004)
        sys.stderr.write(f"briefgen: warning: {line}\n")
    return audiences


def prepare(request: BuildRequest) -> tuple[list[BriefBuild], list[Task]]:
    """Resolve the audiences and load the briefs (all problems at once); list the tasks."""
    return plan(request.briefs, resolve_audiences(request), request.formats, request.out_dir)


def complete(
    request: BuildRequest,
    builds: list[BriefBuild],
    tasks: list[Task],
    *,
    progress: Callable[[], None] | None = None,
) -> list[BriefBuild]:
    """Build every task, then write each brief's files and manifest (each brief's folder as
    one transaction); nothing is written if any memo failed or is over budget."""
    build_all(builds, tasks, request.jobs, allow_over_budget=request.allow_over_budget,
              progress=progress)  # fmt: skip
    for done in builds:
        done.manifest = write_memos(done.path, done.brief, done.memos)
    return builds


def build_memos(
    brief_path: Path,
    audiences: list[Audience],
    formats: list[str],
    out_dir: Path,
    *,
    allow_over_budget: bool = False,
) -> tuple[list[Memo], list[str], Brief]:
    """One brief's memos, built in this process and not written: the memos, the budget
    problems allowed with ``allow_over_budget`` (else :class:`BuildError` lists them all),
    and the loaded brief."""
    builds, tasks = plan([brief_path], audiences, formats, out_dir)
    (built,) = build_all(builds, tasks, 1, allow_over_budget=allow_over_budget)
    return built.memos, built.over, built.brief
