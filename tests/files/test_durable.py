"""The file operations atomic writes are made of."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefgen.files.durable import exchange, link_or_copy


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "from-b").write_text("b")
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot exchange")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]


def test_exchange_of_a_missing_path_is_an_os_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    if sys.platform == "linux":
        with pytest.raises(FileNotFoundError):
            exchange(tmp_path / "a", tmp_path / "missing")


def test_link_or_copy_shares_the_file(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x")
    link_or_copy(str(tmp_path / "a"), str(tmp_path / "b"))
    assert (tmp_path / "b").read_text() == "x"
