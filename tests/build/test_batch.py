"""Batch builds: several briefs, worker processes, output identical to a one-process build."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.audience.profiles import resolve_many, search_path
from briefgen.build.batch import BuildRequest, complete, plan, prepare, run_tasks
from briefgen.build.workers import default_jobs, results_in_order, stop, worker_pool
from briefgen.cli import main
from briefgen.errors import BuildError, InputError
from conftest import ESSAY_BRIEF
from edits import edited

AUDIENCES = "executive,donor"


def two_briefs(tmp_path: Path) -> list[Path]:
    """The essay brief and a copy with another title, under different names."""
    first = tmp_path / "briefs" / "essay.yaml"
    first.parent.mkdir()
    shutil.copy(ESSAY_BRIEF, first)
    second = edited(ESSAY_BRIEF, tmp_path / "briefs" / "retitled.yaml",
                    ("what the essay proposes", "what the essay argues"))  # fmt: skip
    return [first, second]


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_parallel_build_writes_the_same_bytes_as_one_process(
    tmp_path: Path, fixed_time: None
) -> None:
    briefs = [str(p) for p in two_briefs(tmp_path)]
    runner = CliRunner()
    outputs = {}
    for jobs in ("1", "3"):
        out = tmp_path / f"out-{jobs}"
        args = ["build", *briefs, "-a", AUDIENCES, "-f", "pdf,docx,md", "-o", str(out), "-j", jobs]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        printed = result.output.replace(str(out), "OUT")
        printed = re.sub(r" in [0-9]+\.[0-9] s ", " in T s ", printed)  # the time varies
        outputs[jobs] = (files_of(out), printed)
    assert outputs["1"] == outputs["3"]
    files, printed = outputs["3"]
    assert sorted(files) == sorted(
        f"{stem}/{name}"
        for stem in ("essay", "retitled")
        for name in ("manifest.json", *(f"{a}.{f}" for a in AUDIENCES.split(",")
                                         for f in ("pdf", "docx", "md")))
    )  # fmt: skip
    assert files["essay/executive.pdf"] != files["retitled/executive.pdf"]  # its own brief
    # One line per file, brief by brief, audience by audience, format by format.
    lines = [line.split()[-1] for line in printed.splitlines()]
    assert lines[:3] == ["OUT/essay/executive.pdf", "OUT/essay/executive.docx",
                         "OUT/essay/executive.md"]  # fmt: skip
    assert lines[6] == "OUT/essay/manifest.json" and lines[-2] == "OUT/retitled/manifest.json"
    assert printed.splitlines()[-1] == "built 12 files for 2 briefs in T s (OUT/)"


def test_bad_input_in_several_briefs_is_reported_together_and_nothing_runs(
    tmp_path: Path,
) -> None:
    good, _ = two_briefs(tmp_path)
    bad_one = edited(ESSAY_BRIEF, tmp_path / "bad-one.yaml", ("priority: high", "priority: urgent"))
    bad_two = edited(ESSAY_BRIEF, tmp_path / "bad-two.yaml", ("horizon: short-term", "horizon: 1"))
    audiences = resolve_many(AUDIENCES, search_path(None))
    with pytest.raises(InputError) as info:
        plan([good, bad_one, bad_two], audiences, ["pdf"], tmp_path / "out")
    files = {problem.file for problem in info.value.problems}
    assert files == {str(bad_one), str(bad_two)}
    result = CliRunner().invoke(main, ["build", str(good), str(bad_one), str(bad_two),
                                       "-o", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 2
    assert f"{bad_one}:" in result.output and f"{bad_two}:" in result.output
    assert not (tmp_path / "out").exists()


def test_two_briefs_building_into_one_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "memo.yaml", tmp_path / "b" / "memo.yaml"
    shutil.copy(ESSAY_BRIEF, first)
    shutil.copy(ESSAY_BRIEF, second)
    audiences = resolve_many("executive", search_path(None))
    with pytest.raises(InputError) as info:
        plan([first, second], audiences, ["pdf"], tmp_path / "out")
    assert f"builds into {tmp_path / 'out' / 'memo'}, as {first} does" in str(info.value)


def test_over_budget_in_a_batch_names_the_brief_and_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "tight"
    templates.mkdir(parents=True)
    (templates / "audience.yaml").write_text(
        "name: tight\nextends: executive\ndescription: Too short on purpose\n"
        "budget: {words: {max: 50}}\n",
        encoding="utf-8",
    )
    first, second = two_briefs(tmp_path)
    request = BuildRequest((first, second), "tight", ["pdf"], tmp_path / "out",
                           tmp_path / "templates", False, None, 2)  # fmt: skip
    builds, tasks = prepare(request)
    with pytest.raises(BuildError) as info:
        complete(request, builds, tasks)
    message = str(info.value)
    assert f"{first}: tight: " in message and f"{second}: tight: " in message
    assert not (tmp_path / "out").exists()


def test_short_memos_in_a_batch_are_written_with_notes_naming_the_brief(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "roomy"
    templates.mkdir(parents=True)
    (templates / "audience.yaml").write_text(
        "name: roomy\nextends: executive\ndescription: Wants more than it gets\n"
        "budget: {words: {min: 5000, max: 9000}}\n",
        encoding="utf-8",
    )
    first, second = two_briefs(tmp_path)
    request = BuildRequest((first, second), "roomy", ["md"], tmp_path / "out",
                           tmp_path / "templates", False, None, 2)  # fmt: skip
    builds, tasks = prepare(request)
    done = complete(request, builds, tasks)
    for build, brief in zip(done, (first, second), strict=True):
        assert build.over == [] and len(build.notes) == 1
        assert build.notes[0].startswith(f"{brief}: roomy: ")
        assert build.notes[0].endswith("words, under its budget of 5000-9000 words")
        assert build.manifest is not None and build.manifest.is_file()


def test_a_failing_task_in_a_worker_is_raised_here_as_its_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "broken"
    templates.mkdir(parents=True)
    (templates / "audience.yaml").write_text(
        "name: broken\nextends: executive\ndescription: fails at render time\n",
        encoding="utf-8",
    )
    (templates / "memo.html.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    first, second = two_briefs(tmp_path)
    request = BuildRequest((first, second), "broken", ["pdf"], tmp_path / "out",
                           tmp_path / "templates", False, None, 2)  # fmt: skip
    _builds, tasks = prepare(request)
    with pytest.raises(InputError) as info:
        run_tasks(tasks, jobs=2)
    assert f"{templates / 'memo.html.j2'}:1:1: template error: 'no_such_name' is undefined" in (
        info.value.lines()
    )
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-a", "broken",
                                       "--templates", str(tmp_path / "templates"),
                                       "-o", str(tmp_path / "out"), "-j", "2"])  # fmt: skip
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_progress_is_reported_once_a_task(tmp_path: Path) -> None:
    first, second = two_briefs(tmp_path)
    audiences = resolve_many(AUDIENCES, search_path(None))
    _builds, tasks = plan([first, second], audiences, ["md"], tmp_path / "out")
    ticks: list[int] = []
    results = run_tasks(tasks, jobs=2, progress=lambda: ticks.append(1))
    assert len(ticks) == len(tasks) == len(results) == 4
    assert [memos[0].path.name for memos, _over in results] == [
        "executive.md",
        "donor.md",
        "executive.md",
        "donor.md",
    ]


def test_no_progress_bar_in_a_pipe_or_in_ci(tmp_path: Path) -> None:
    first, second = two_briefs(tmp_path)
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-a", AUDIENCES,
                                       "-f", "md", "-o", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 0
    assert "building" not in result.output and "%" not in result.output


def test_jobs_must_be_positive_and_default_to_the_usable_cores() -> None:
    result = CliRunner().invoke(main, ["build", str(ESSAY_BRIEF), "-j", "0"])
    assert result.exit_code == 2 and "0 is not in the range x>=1" in result.output
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)


def test_a_brief_named_twice_is_built_once(tmp_path: Path) -> None:
    first, _second = two_briefs(tmp_path)
    again = first.parent / ".." / first.parent.name / first.name  # the same file, another path
    audiences = resolve_many("executive", search_path(None))
    builds, tasks = plan([first, again], audiences, ["md"], tmp_path / "out")
    assert [build.path for build in builds] == [first] and len(tasks) == 1


def _die_on_one(item: int) -> int:
    if item == 1:
        os._exit(9)  # as the kernel's out-of-memory killer would end it
    return item


def _fail(item: tuple[int, float]) -> int:
    index, delay = item
    time.sleep(delay)
    raise InputError(f"task {index} failed")


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    pool = worker_pool(2)
    try:
        with pytest.raises(BuildError, match="a worker process died"):
            results_in_order(pool, _die_on_one, [0, 1, 2, 3], lambda index, result: None)
    finally:
        stop(pool)


def test_the_error_raised_is_the_first_failing_tasks_whatever_finishes_first() -> None:
    pool = worker_pool(2)
    try:
        with pytest.raises(InputError, match="task 0 failed"):  # task 1 fails long before
            results_in_order(pool, _fail, [(0, 0.5), (1, 0.0)], lambda index, result: None)
    finally:
        stop(pool)
