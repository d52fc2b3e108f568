"""--watch: rebuild what an edit changes, report errors and go on, stop cleanly on Ctrl-C."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen.build import watch as watch_module
from briefgen.build.batch import BriefBuild, BuildRequest
from briefgen.build.watch import Watcher, audience_files, signature, watched_files
from briefgen.errors import BuildError, InputError
from conftest import ESSAY_BRIEF, REPO

TITLE = "what the essay proposes for Azerbaijan and Armenia"
# The first recommendation's plain-language text: only the public memo prints it.
PLAIN = "That would give the Pashinyan government"


@pytest.fixture
def brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)  # no ./templates but the test's own
    path = tmp_path / "essay.yaml"
    shutil.copy(ESSAY_BRIEF, path)
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stamps(folder: Path) -> dict[str, int]:
    """Each file's modification time: a file written again gets a new one."""
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.iterdir())}


class Recorder:
    """The watcher's report and echo, kept for the test."""

    def __init__(self) -> None:
        self.reports: list[list[str]] = []

    def report(self, builds: list[BriefBuild]) -> None:
        self.reports.append([m.path.name for b in builds for m in b.memos])


def watcher(brief: Path, audiences: str, templates: Path | None = None) -> tuple[Watcher, Path]:
    out = brief.parent / "out"
    request = BuildRequest((brief,), audiences, ["pdf", "docx"], out, templates, False, None, 1)
    return Watcher(request, Recorder().report, print, None), out / brief.stem


def test_an_edit_rebuilds_only_the_memos_whose_document_changed(brief: Path) -> None:
    watch, folder = watcher(brief, "executive,public")
    assert watch.cycle() == 4
    before = stamps(folder)
    time.sleep(0.01)  # a coarse file-system clock must still tell the writes apart
    replace_in(brief, PLAIN, PLAIN + " clearly")
    assert watch.cycle() == 2
    after = stamps(folder)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"public.pdf", "public.docx", "manifest.json"}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    assert listed == {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
                      for name in before if name != "manifest.json"}  # fmt: skip
    assert watch.cycle() == 0  # nothing changed since: nothing exported, nothing written
    assert stamps(folder) == after


def test_a_template_edit_rebuilds_that_audiences_memos(brief: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    own = templates / "mine"
    own.mkdir(parents=True)
    (own / "audience.yaml").write_text(
        "name: mine\nextends: executive\ndescription: a copy to edit\n", encoding="utf-8"
    )
    shutil.copy(REPO / "src/briefgen/audiences/executive/memo.html.j2", own / "memo.html.j2")
    watch, folder = watcher(brief, "mine,donor", templates)
    assert watch.cycle() == 4
    before = stamps(folder)
    assert own / "memo.html.j2" in watched_files(watch.request)
    time.sleep(0.01)
    template = own / "memo.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "<p>Edited.</p>\n", "utf-8")
    assert watch.cycle() == 2
    after = stamps(folder)
    assert {n for n in before if before[n] != after[n]} == {"mine.pdf", "mine.docx",
                                                             "manifest.json"}  # fmt: skip


def test_a_bad_edit_raises_and_leaves_the_files_then_the_fix_rebuilds(brief: Path) -> None:
    watch, folder = watcher(brief, "executive")
    watch.cycle()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    replace_in(brief, "priority: high", "priority: urgent")
    with pytest.raises(InputError) as info:
        watch.cycle()
    assert f"{brief}:" in info.value.lines()[0]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    replace_in(brief, "priority: urgent", "priority: high")
    assert watch.cycle() == 0  # back as it was: nothing to rebuild
    replace_in(brief, TITLE, TITLE + ", edited")
    assert watch.cycle() == 2


def test_signature_notices_edits_and_removals(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("one", encoding="utf-8")
    first = signature([path])
    path.write_text("three", encoding="utf-8")
    assert signature([path]) != first
    path.unlink()
    assert signature([path]) == ((str(path), -1, -1, -1, -1),)


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def _wait_for(lines: queue.Queue[str], text: str, seen: list[str]) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"no {text!r} in {seen}")


def start_watching(brief: Path, formats: str) -> subprocess.Popen[str]:
    """``briefgen build BRIEF --watch`` with two workers, in a session of its own."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(brief), "-a", "executive,donor",
         "-f", formats, "-o", str(brief.parent / "out"), "--watch", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=brief.parent,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_cli_watch_rebuilds_reports_errors_and_stops_on_ctrl_c(brief: Path) -> None:
    process = start_watching(brief, "pdf")
    out: queue.Queue[str] = queue.Queue()
    err: queue.Queue[str] = queue.Queue()
    for stream, into in ((process.stdout, out), (process.stderr, err)):
        threading.Thread(target=_lines, args=(stream, into), daemon=True).start()
    seen: list[str] = []
    try:
        _wait_for(out, "watching", seen)
        replace_in(brief, TITLE, TITLE + ", edited")
        assert _wait_for(out, "rebuilt", seen).startswith("rebuilt 2 files in ")
        replace_in(brief, "priority: high", "priority: urgent")
        _wait_for(err, "priority", seen)
        _wait_for(err, "build failed; the files are as they were", seen)
        assert process.poll() is None  # still watching
        replace_in(brief, "priority: urgent", "priority: high")
        assert _wait_for(out, "rebuilt", seen).startswith("rebuilt 0 files")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        _wait_for(err, "briefgen: stopped watching", seen)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.2)  # let the reader threads drain what is left
    rest = []
    for into in (out, err):
        while not into.empty():
            rest.append(into.get())
    assert not any("Traceback" in line for line in seen + rest)


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGTERM")
def test_cli_watch_stops_cleanly_on_sigterm_and_leaves_no_workers(brief: Path) -> None:
    process = start_watching(brief, "md")
    out: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, out), daemon=True).start()
    try:
        _wait_for(out, "watching", [])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        assert "briefgen: stopped watching" in (process.stderr.read() if process.stderr else "")
        time.sleep(0.5)
        with pytest.raises(ProcessLookupError):  # the workers went with it
            os.killpg(process.pid, 0)
    finally:
        if process.poll() is None:
            process.kill()


def test_a_budget_changed_in_audience_yaml_is_checked_again(brief: Path, tmp_path: Path) -> None:
    own = tmp_path / "templates" / "brass"
    own.mkdir(parents=True)
    settings = own / "audience.yaml"
    settings.write_text("name: brass\nextends: executive\ndescription: d\n"
                        "budget: {words: {max: 700}}\n", encoding="utf-8")  # fmt: skip
    watch, _folder = watcher(brief, "brass", tmp_path / "templates")
    assert watch.cycle() == 2
    settings.write_text(settings.read_text(encoding="utf-8").replace("700", "300"), "utf-8")
    with pytest.raises(BuildError, match="brass: 414 words, budget at most 300 words"):
        watch.cycle()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_linked_audience_folders_and_outside_reference_files_are_watched(
    brief: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "shared-audiences" / "linked"
    elsewhere.mkdir(parents=True)
    # The reference lives in the linked folder, outside templates/ (an audience's reference
    # must be inside its own folder; --reference-doc may be anywhere).
    shutil.copy(REPO / "templates" / "legislative" / "reference.docx", elsewhere / "letter.docx")
    (elsewhere / "audience.yaml").write_text(
        "name: linked\nextends: executive\ndescription: d\nstyle: {reference_docx: letter.docx}\n",
        encoding="utf-8",
    )
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "linked").symlink_to(elsewhere, target_is_directory=True)
    watch, _folder = watcher(brief, "linked", templates)
    watch.cycle()
    files = watched_files(watch.request, watch.audiences)
    assert templates / "linked" / "audience.yaml" in files
    assert templates / "linked" / "letter.docx" in files


def test_sigterm_during_a_build_lets_the_build_finish_then_stops(
    brief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.build import watch as watch_module

    request = BuildRequest((brief,), "executive", ["md"], brief.parent / "out", None, False,
                           None, 1)  # fmt: skip
    original_cycle = Watcher.cycle

    def cycle_interrupted(self: Watcher) -> int:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives mid-build, before anything is written
        return original_cycle(self)

    monkeypatch.setattr(Watcher, "cycle", cycle_interrupted)
    lines: list[str] = []

    def echo(line: str, err: bool = False) -> None:
        lines.append(line)

    status = watch_module.watch(request, lambda builds: None, echo, lambda exc: [])
    assert status == 0
    assert (brief.parent / "out" / brief.stem / "executive.md").is_file()  # the build finished
    assert lines[-1] == "briefgen: stopped watching"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back


def test_the_watchers_pool_is_no_larger_than_the_work(brief: Path) -> None:
    request = BuildRequest((brief,), "executive", ["md"], brief.parent / "out", None, False,
                           None, 8)  # fmt: skip
    watcher = Watcher(request, lambda builds: None, print)
    watcher.cycle()
    assert watcher.pool is None  # one memo: built here, no worker forked


def test_a_failed_write_is_tried_again_until_it_succeeds_and_said_once(
    brief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.build import watch as watch_module

    monkeypatch.setattr(watch_module, "RETRY_SECONDS", 0.05)
    out = brief.parent / "out"
    out.mkdir()
    blocker = out / brief.stem  # a file where the output folder must go
    blocker.write_text("in the way", encoding="utf-8")
    request = BuildRequest((brief,), "executive", ["md"], out, None, False, None, 1)
    lines: list[str] = []
    polls = [0]

    def echo(line: str, err: bool = False) -> None:
        lines.append(line)

    def should_stop() -> bool:
        polls[0] += 1
        failures = [line for line in lines if "cannot write into" in line]
        if failures and polls[0] == 40:  # the failure said, and retried a few times since
            blocker.unlink()  # the user moves the file away; no brief or template changed
        return (blocker / "executive.md").is_file() or polls[0] > 3000

    assert watch_module.watch(request, lambda builds: None, echo,
                              lambda exc: exc.lines(), should_stop=should_stop) == 0  # fmt: skip
    assert (blocker / "executive.md").is_file()
    assert sum("cannot write into" in line for line in lines) == 1  # said once, not each retry


def test_links_out_of_an_audience_folder_are_not_followed_and_said(
    brief: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    evil = templates / "evil"
    evil.mkdir(parents=True)
    (evil / "audience.yaml").write_text("name: evil\nextends: executive\ndescription: d\n")
    outside = tmp_path / "big-tree"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "file.txt").write_text("x")
    (evil / "usr").symlink_to(outside, target_is_directory=True)
    (evil / "parts").mkdir()
    (evil / "same").symlink_to(evil / "parts", target_is_directory=True)  # inside: followed
    (evil / "parts" / "part.html.j2").write_text("<p>x</p>")
    watch, _folder = watcher(brief, "evil", templates)
    notes: list[str] = []
    files = watched_files(watch.request, (), notes)
    assert evil / "audience.yaml" in files
    assert not [f for f in files if "usr" in f.parts]
    assert evil / "parts" / "part.html.j2" in files
    assert notes == [f"not watching {evil / 'usr'}: a link to a folder outside its audience"]


def test_the_walk_of_a_folder_on_the_search_path_is_bounded(
    brief: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "MAX_WATCHED_FILES", 5)
    templates = tmp_path / "templates"
    (templates / "many").mkdir(parents=True)
    for index in range(20):
        (templates / "many" / f"{index:02}.txt").write_text("x")
    watch, _folder = watcher(brief, "executive", templates)
    notes: list[str] = []
    files = audience_files(watch.request, (), notes)
    assert len([f for f in files if templates in f.parents]) == 5
    assert notes[0] == f"watching only the first 5 files under {templates}"
