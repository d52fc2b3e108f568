"""The source text: one paragraph rule, normalisation, fingerprints, quoted phrases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.check.source_text import (
    fingerprint,
    normalise,
    quoted_phrases,
    read_source,
    source_from_bytes,
    split_paragraphs,
)
from briefgen.errors import InputError
from conftest import ESSAY_BRIEF, REPO, SOURCE


def test_paragraphs_are_blank_line_separated_blocks_title_first() -> None:
    text = "Title\n\nFirst paragraph,\nwrapped.\n   \n\n\nSecond.\n  1. item\n  2. item\n"
    assert split_paragraphs(text) == [
        "Title",
        "First paragraph,\nwrapped.",
        "Second.\n  1. item\n  2. item",
    ]


def test_windows_line_endings_split_the_same() -> None:
    assert split_paragraphs("A\r\n\r\nB\r\nc\r\n") == ["A", "B\nc"]
    assert split_paragraphs("  \n\n ") == []


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")
def test_the_essay_has_21_paragraphs_and_the_obstacles_are_one() -> None:
    source = read_source(SOURCE)
    assert len(source.paragraphs) == 21
    assert source.paragraphs[0].startswith("Triumph in Defeat")
    assert source.paragraphs[14].startswith("  1. External Guarantors")
    assert "5. Reparations and Compensation" in source.paragraphs[14]


def test_normalise_folds_quotes_apostrophes_and_whitespace_only() -> None:
    assert normalise("“Karabakh  is\nArmenia”") == '"Karabakh is Armenia"'
    assert normalise("Armenia’s\u00a0fears") == "Armenia's fears"
    assert normalise("A–B") == "A–B"  # dashes are words' business
    assert normalise("Peace") != normalise("peace")


def test_fingerprint_ignores_reflowing_and_quote_style_but_not_words() -> None:
    paragraph = "Azerbaijan’s “framework agreement”\nas a stepping stone."
    assert len(fingerprint(paragraph)) == 12
    assert fingerprint(paragraph) == fingerprint(
        'Azerbaijan\'s "framework agreement" as a stepping stone.'
    )
    assert fingerprint(paragraph) != fingerprint(paragraph.replace("stepping", "first"))


def test_quoted_phrases_respect_nesting_and_ignore_strays() -> None:
    assert quoted_phrases("the “Karabakh Wound”, and “Karabakh is Armenia”") == [
        "Karabakh Wound",
        "Karabakh is Armenia",
    ]
    assert quoted_phrases("unjustly framed as “a “genocidal Turks” b”") == ["a “genocidal Turks” b"]
    assert quoted_phrases("a stray “ quote") == []
    assert quoted_phrases('straight "quotes" are not quotations') == []


@given(st.lists(st.text(alphabet="ab c.’“”", min_size=1), min_size=1, max_size=6))
def test_splitting_joined_paragraphs_gives_them_back(blocks: list[str]) -> None:
    blocks = [b.strip() for b in blocks if b.strip()]
    assert split_paragraphs("\n\n".join(blocks)) == blocks


def test_find_reports_every_paragraph_holding_a_phrase() -> None:
    source = source_from_bytes("Title\n\nOne “two” three.\n\nTwo ‘two’.".encode(), "s.txt")
    assert source.find('one "two" three') == []  # case counts
    assert source.find('One "two"\nthree') == [2]
    assert source.find("two") == [2, 3]
    assert source.find("Two 'two'") == [3]


def test_unreadable_sources_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.txt")
    (tmp_path / "bad.txt").write_bytes(b"Title\n\n\xff\xfe")
    with pytest.raises(InputError, match="not valid UTF-8: byte 0xFF at offset 7"):
        read_source(tmp_path / "bad.txt")
    (tmp_path / "empty.txt").write_text("\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match="the source text is empty"):
        read_source(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: os.mkfifo(p), "a named pipe (FIFO)"),
        (lambda p: p.mkdir(), "a directory"),
        (None, "a character device"),
    ],
    ids=["fifo", "directory", "device"],
)
def test_check_on_a_pipe_a_folder_or_a_device_is_one_located_line(
    tmp_path: Path, make: Any, kind: str
) -> None:
    source = Path("/dev/null")
    if make is not None:
        source = tmp_path / "source.txt"
        make(source)
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "check", str(ESSAY_BRIEF), "--source", str(source)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip  # a pipe with no writer would block for ever: the timeout is the bound
    assert (result.returncode, result.stderr) == (
        2,
        f"briefgen: {source}: is {kind}, not a source text file\n",
    )
