"""One file written atomically: the umask for a new file, an existing file's mode kept, a link
kept as a link (its target rewritten)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.files.atomic_write import write_atomic

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes and links")


@pytest.fixture
def umask_077() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_follows_the_umask(tmp_path: Path, umask_077: None) -> None:
    write_atomic(tmp_path / "new.txt", b"data")
    assert mode(tmp_path / "new.txt") == 0o600


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "private.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert (path.read_bytes(), mode(path)) == (b"new", 0o640)


def test_a_link_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "brief.yaml"
    target.write_bytes(b"old")
    target.chmod(0o600)
    link = tmp_path / "brief.yaml"
    link.symlink_to(Path("real") / "brief.yaml")
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "brief.yaml")
    assert (target.read_bytes(), mode(target)) == (b"new", 0o600)
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["brief.yaml"]
