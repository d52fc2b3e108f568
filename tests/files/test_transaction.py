"""A folder written as one transaction: modes of new and replaced files, and what is kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefgen.files.transaction import transaction

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_new_files_follow_the_umask_and_replaced_ones_keep_their_mode(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    previous = os.umask(0o077)
    try:
        with transaction(folder) as staged:
            staged.stage(folder / "a.md", b"a")
            staged.stage(folder / "b.md", b"b")
    finally:
        os.umask(previous)
    assert (mode(folder / "a.md"), mode(folder / "b.md")) == (0o600, 0o600)
    (folder / "a.md").chmod(0o640)
    with transaction(folder) as staged:
        staged.stage(folder / "a.md", b"a2")
    assert ((folder / "a.md").read_bytes(), mode(folder / "a.md")) == (b"a2", 0o640)


def test_files_not_rewritten_are_kept_links_included(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_bytes(b"mine")
    (folder / "sub").mkdir()
    (folder / "sub" / "x").write_bytes(b"x")
    (folder / "link").symlink_to("notes.txt")
    folder.chmod(0o750)
    with transaction(folder) as staged:
        staged.stage(folder / "a.md", b"a")
    assert (folder / "notes.txt").read_bytes() == b"mine"
    assert (folder / "sub" / "x").read_bytes() == b"x"
    assert os.readlink(folder / "link") == "notes.txt"
    assert mode(folder) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_error_while_staging_leaves_the_folder_and_no_staging(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"old")
    with pytest.raises(RuntimeError), transaction(folder) as staged:
        staged.stage(folder / "a.md", b"new")
        raise RuntimeError("a failure after staging")
    assert (folder / "a.md").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_that_is_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "out"
    real.mkdir(parents=True)
    (real / "a.md").write_bytes(b"old")
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    with transaction(link) as staged:
        staged.stage(link / "a.md", b"new")
    assert link.is_symlink() and (real / "a.md").read_bytes() == b"new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["out"]
