"""Faults during a build: one clear line each, the right exit status, nothing half-written.

Every case first builds the essay's memos into a folder, then runs a second build of a
*changed* brief with the same file name into the same folder and makes it fail (Ctrl-C, a full
disk, a crashing exporter, ...): the folder must hold exactly the first build's bytes and no
temporary file. Ctrl-C is tested both for real (a process sent SIGINT while it writes) and
in-process.
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
from briefgen.files import transaction
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


def test_ctrl_c_during_the_renames_is_held_until_the_last(
    tmp_path: Path, earlier: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _before = earlier
    real_replace = os.replace
    renamed: list[str] = []

    def replace(source: str, target: str) -> None:
        if not renamed:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C just as the first rename starts
        renamed.append(Path(target).name)
        real_replace(source, target)

    monkeypatch.setattr(transaction.os, "replace", replace)
    result = build(changed_brief(tmp_path), out)
    assert (result.exit_code, result.output) == (130, "briefgen: interrupted\n")
    assert renamed == [f"negotiator.{f}" for f in ("md", "html")] + ["manifest.json"]
    assert_consistent(out / STEM)
    assert b"Changed." in (out / STEM / "negotiator.md").read_bytes()  # all new, none old


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

    def mkstemp(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    # chmod alone does not stop root (CI runs tests as root), so refuse as the OS would.
    monkeypatch.setattr(transaction.tempfile, "mkstemp", mkstemp)
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
        assert "matplotlib" in lines[0]
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
