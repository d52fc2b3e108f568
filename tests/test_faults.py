"""Faults during a build: one clear line each, the right exit status, nothing half-written.

Every case first builds the essay's memos into a folder, then runs a second build of a
*changed* brief with the same file name into the same folder and makes it fail (Ctrl-C, a full
disk, a crashing exporter, ...): the folder must hold exactly the first build's bytes and no
temporary file. Ctrl-C is tested both for real (a process sent SIGINT while it writes) and
in-process. Kills are tested for real: the process ended (``os._exit``) at each step of the
folder swap, and a build sent SIGTERM, SIGHUP or SIGKILL, whose workers must not survive it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.files import durable, transaction
from conftest import ESSAY_BRIEF, REPO

STEM = ESSAY_BRIEF.stem


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder``, by name (temporary files included)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def changed_brief(tmp_path: Path) -> Path:
    """A copy of the essay brief, same file name, with a different bottom line."""
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    brief = tmp_path / "changed" / ESSAY_BRIEF.name
    brief.parent.mkdir()
    brief.write_text(text.replace("bottom_line: >-\n", "bottom_line: >-\n  Changed.\n", 1))
    return brief


def build(brief: Path, out: Path, formats: str = "md,html") -> Any:
    """``briefgen build BRIEF -f FORMATS -o OUT`` through CliRunner."""
    return CliRunner().invoke(main, ["build", str(brief), "-f", formats, "-o", str(out)])


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a first build, and its bytes."""
    out = tmp_path / "out"
    result = build(ESSAY_BRIEF, out)
    assert result.exit_code == 0, result.output
    return out, snapshot(out / STEM)


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    """The output folder holds exactly ``before``: same files, same bytes, nothing more."""
    after = snapshot(out / STEM)
    assert [p.name for p in out.iterdir()] == [STEM], "a staging folder left behind"
    assert sorted(after) == sorted(before), "temporary files left behind or files lost"
    assert after == before, "earlier output changed"


# ---- Ctrl-C


_HANG_IN_FSYNC = """
import os, sys, time

def hang(fd):
    print("writing", flush=True)
    time.sleep(300)

os.fsync = hang
from briefgen.cli import main
main(sys.argv[1:], prog_name="briefgen")
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_ctrl_c_while_writing_exits_130_and_leaves_earlier_output(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]]
) -> None:
    out, before = earlier
    brief = changed_brief(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-c", _HANG_IN_FSYNC, "build", str(brief), "-f", "md,html",
         "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"  # it is writing its first file now
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert stderr.decode() == "briefgen: interrupted\n"
    assert_untouched(out, before)


def test_ctrl_c_in_an_exporter_exits_130_and_leaves_earlier_output(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = earlier
    real = __import__("briefgen.export", fromlist=["exporter"]).exporter

    def exporter(fmt: str) -> Callable[..., bytes]:
        if fmt == "html":

            def interrupted(*_args: object) -> bytes:
                raise KeyboardInterrupt

            return interrupted
        return real(fmt)

    monkeypatch.setattr("briefgen.build.memos.exporter", exporter)
    result = build(changed_brief(tmp_path), out)
    assert (result.exit_code, result.output) == (130, "briefgen: interrupted\n")
    assert_untouched(out, before)


def test_ctrl_c_during_the_swap_is_held_until_it_is_done(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _before = earlier
    real_exchange = durable.exchange
    swapped: list[str] = []

    def exchange(first: Path, second: Path) -> bool:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C just as the folders are swapped
        swapped.append(second.name)
        return real_exchange(first, second)

    monkeypatch.setattr(durable, "exchange", exchange)
    result = build(changed_brief(tmp_path), out)
    assert (result.exit_code, result.output) == (130, "briefgen: interrupted\n")
    assert swapped == [STEM]
    assert_consistent(out / STEM)
    assert b"Changed." in (out / STEM / "negotiator.md").read_bytes()  # all new, none old
    assert [p.name for p in out.iterdir()] == [STEM]  # the old folder removed


def assert_consistent(folder: Path) -> None:
    """The manifest describes exactly the files on disk, and nothing else is there."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (folder / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    names = {entry["path"] for entry in manifest["files"]} | {"manifest.json"}
    assert {p.name for p in folder.iterdir()} == names


# ---- failures while writing


def test_a_failed_first_build_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_on_fsync(monkeypatch)
    result = build(ESSAY_BRIEF, tmp_path / "new" / "out")
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def _full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writes to staged files fail with ENOSPC."""
    real = os.fdopen
    monkeypatch.setattr(transaction.os, "fdopen", lambda *a, **k: _FullDisk(real(*a, **k)))


def _full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync fails with ENOSPC (where a full disk often shows first)."""

    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(transaction.os, "fsync", fsync)


@pytest.mark.parametrize("fault", [_full_on_write, _full_on_fsync], ids=["write", "fsync"])
def test_a_full_disk_is_one_line_exit_1_and_leaves_earlier_output(
    tmp_path: Path,
    earlier: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    fault: Callable[[pytest.MonkeyPatch], None],
) -> None:
    out, before = earlier
    fault(monkeypatch)
    result = build(changed_brief(tmp_path), out)
    assert result.exit_code == 1
    target = out / STEM / "negotiator.md"
    assert result.output == f"briefgen: cannot write {target}: No space left on device\n"
    assert_untouched(out, before)


def test_a_crashing_exporter_is_one_line_exit_1(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = earlier

    def exporter(_fmt: str) -> Callable[..., bytes]:
        def crash(*_args: object) -> bytes:
            raise ValueError("boom")

        return crash

    monkeypatch.setattr("briefgen.build.memos.exporter", exporter)
    # (the PDF, always laid out for its budget and layout checks, comes with its layout)
    monkeypatch.setattr("briefgen.export.pdf.writer.export_with_layout", exporter("pdf"))
    result = build(changed_brief(tmp_path), out)
    assert result.exit_code == 1
    assert result.output == "briefgen: negotiator.pdf: export failed: ValueError: boom\n"
    assert_untouched(out, before)


def test_an_output_folder_under_a_file_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = build(ESSAY_BRIEF, blocker / "out")
    assert result.exit_code == 1
    assert result.output == f"briefgen: cannot write {blocker / 'out' / STEM}: Not a directory\n"


def test_an_output_folder_that_is_a_file_is_one_line_exit_1(tmp_path: Path) -> None:
    (tmp_path / STEM).write_text("not a folder")
    result = build(ESSAY_BRIEF, tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f"briefgen: cannot write into {tmp_path / STEM}: it is a file, not a folder\n"
    )


def test_a_folder_without_write_permission_is_one_line_exit_1(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = earlier

    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return mode != os.W_OK and real_access(path, mode, **kwargs)

    # chmod alone does not stop root (CI runs tests as root), so refuse as the OS would.
    monkeypatch.setattr(transaction.os, "access", access)
    result = build(changed_brief(tmp_path), out)
    assert result.exit_code == 1
    target = out / STEM / "negotiator.md"
    assert result.output == f"briefgen: cannot write {target}: Permission denied\n"
    assert_untouched(out, before)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_a_read_only_folder_for_real(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]]
) -> None:
    out, before = earlier
    (out / STEM).chmod(0o555)
    try:
        result = build(changed_brief(tmp_path), out)
    finally:
        (out / STEM).chmod(0o755)
    assert result.exit_code == 1
    assert result.output.startswith("briefgen: cannot write ") and "Permission denied" in (
        result.output
    )
    assert_untouched(out, before)


# ---- fonts


_NO_FONTS = """
import sys
from pathlib import Path
from briefgen.fonts import bundled as fonts
folder = Path(sys.argv.pop(1))
fonts.font_dir = lambda: folder
from briefgen.cli import main
main(sys.argv[1:], prog_name="briefgen")
"""


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_missing_or_damaged_fonts_are_one_line_exit_1(tmp_path: Path, damage: str) -> None:
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    if damage == "garbage":
        for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                     "DejaVuSans-BoldOblique", "DejaVuSerif", "DejaVuSerif-Bold",
                     "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"):  # fmt: skip
            (fonts_dir / f"{name}.ttf").write_bytes(b"not a font")
    commands = [
        ["validate", str(ESSAY_BRIEF)],
        ["build", str(ESSAY_BRIEF), "-f", "pdf", "-o", str(tmp_path / "out")],
    ]
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-c", _NO_FONTS, str(fonts_dir), *command],
            capture_output=True, text=True, cwd=REPO, timeout=120,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefgen: bundled font"), lines
        assert "pip install --force-reinstall briefgen" in lines[0]
    assert not (tmp_path / "out").exists()


# ---- concurrent builds


def test_the_folder_is_locked_while_files_are_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    real_commit = transaction.Transaction.commit
    probes: list[bool] = []

    def commit(self: transaction.Transaction) -> None:
        probe = os.open(tmp_path / STEM, os.O_RDONLY)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            probes.append(False)  # another build could have got in
        except BlockingIOError:
            probes.append(True)
        finally:
            os.close(probe)
        real_commit(self)

    monkeypatch.setattr(transaction.Transaction, "commit", commit)
    assert build(ESSAY_BRIEF, tmp_path).exit_code == 0
    assert probes == [True]
    probe = os.open(tmp_path / STEM, os.O_RDONLY)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after the build
    finally:
        os.close(probe)


def test_builds_of_the_same_brief_at_once_never_tear_or_mix_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefgen", "build", str(ESSAY_BRIEF), "-o", str(out)]
    processes = [
        subprocess.Popen(
            [*command, "-f", "md,html,pdf"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO,
            # Different build times, so each build's files differ from the others'.
            env={**os.environ, "SOURCE_DATE_EPOCH": str(1_700_000_000 + 86_400 * i)},
        )
        for i in range(4)
    ]
    for process in processes:
        _stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
    folder = out / STEM
    assert_consistent(folder)
    pdf = (folder / "negotiator.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    stamp = manifest["built"][:10].replace("-", "")  # the manifest's build and the PDF's agree
    assert f"/CreationDate (D:{stamp}".encode() in pdf


# ---- anything else


def test_an_unforeseen_error_is_one_line_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something no one foresaw")

    monkeypatch.setattr("briefgen.build.memos.render", broken)
    result = build(ESSAY_BRIEF, tmp_path)
    assert (result.exit_code, result.output) == (
        1,
        "briefgen: internal error: RuntimeError: something no one foresaw "
        "(please report it; BRIEFGEN_TRACEBACK=1 shows where)\n",
    )
    monkeypatch.setenv("BRIEFGEN_TRACEBACK", "1")
    result = build(ESSAY_BRIEF, tmp_path)
    assert isinstance(result.exception, RuntimeError)  # for whoever debugs it


# ---- kills: at each step of the commit, and of the main process


_KILL_AT = """
import os, sys
from briefgen.files import durable, transaction
step, exchange = sys.argv.pop(1), sys.argv.pop(1)
if exchange == "no":  # as on a system or a file system without renameat2's exchange
    durable.exchange = lambda first, second: False
def fault_point(name):
    if name == step:
        os._exit(137)  # as abrupt as SIGKILL: no clean-up of any kind
transaction.fault_point = fault_point
from briefgen.cli import main
main(sys.argv[1:], prog_name="briefgen")
"""


def _wholly_old_or_new(folder: Path, before: dict[str, bytes]) -> str:
    """ "old" or "new", after checking the folder is exactly one of them, manifest included."""
    if snapshot(folder) == before:
        return "old"
    assert_consistent(folder)
    assert b"Changed." in (folder / "negotiator.md").read_bytes()
    return "new"


@pytest.mark.skipif(os.name == "nt", reason="POSIX")
@pytest.mark.parametrize(
    ("step", "exchange", "expected"),
    [
        ("staged", "yes", "old"),
        ("swapped", "yes", "new"),
        ("staged", "no", "old"),
        ("ready", "no", "old"),
        ("moved-aside", "no", "new"),  # the next build rolls the ready folder forward
        ("swapped", "no", "new"),
    ],
)
def test_a_kill_at_any_step_of_the_commit_leaves_old_or_new_and_the_next_build_cleans(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], step: str, exchange: str,
    expected: str,
) -> None:  # fmt: skip
    out, before = earlier
    brief = changed_brief(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", _KILL_AT, step, exchange, "build", str(brief), "-f", "md,html",
         "-o", str(out), "-j", "1"],
        capture_output=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert killed.returncode == 137, killed.stderr.decode()
    assert len(list(out.iterdir())) > 1  # the kill left a staged or old folder beside it
    transaction.recover(out / STEM)  # what the next build does first (rolls a ready one in)
    assert _wholly_old_or_new(out / STEM, before) == expected
    again = build(ESSAY_BRIEF, out)  # the next build recovers first, then cleans
    assert again.exit_code == 0, again.output
    assert [p.name for p in out.iterdir()] == [STEM]
    assert_consistent(out / STEM)


def test_temporary_files_an_earlier_version_left_are_removed(
    earlier: tuple[Path, dict[str, bytes]],
) -> None:
    out, before = earlier
    for name in (".negotiator.md.abc_1234.tmp", ".manifest.json.zz9x8y7w.tmp"):
        (out / STEM / name).write_bytes(b"half")
    assert build(ESSAY_BRIEF, out).exit_code == 0
    assert sorted(snapshot(out / STEM)) == sorted(before)


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc), zombies not counted."""
    found = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass (a bound, not a measurement)."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["TERM", "HUP", "KILL"])  # fmt: skip
def test_workers_die_with_a_killed_build_and_nothing_is_half_written(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], signum: int
) -> None:
    out, before = earlier
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(changed_brief(tmp_path)), "-a", "all",
         "-f", "docx,pdf,html,md", "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )  # fmt: skip
    workers: set[int] = set()
    assert _wait_for(lambda: len(workers.update(_children(process.pid)) or workers) >= 2)
    process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=120)
    assert _wait_for(lambda: not any(_alive(pid) for pid in workers)), "a worker survived"
    if signum != signal.SIGKILL:
        assert process.returncode == 128 + signum
        assert stderr.decode() == f"briefgen: stopped by signal {signum}\n"
    if (out / STEM).exists() and snapshot(out / STEM) != before:
        assert_consistent(out / STEM)  # it got to swap the folders in: wholly new
    assert build(ESSAY_BRIEF, out).exit_code == 0
    assert [p.name for p in out.iterdir()] == [STEM]
