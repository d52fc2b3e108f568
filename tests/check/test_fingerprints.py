"""``briefgen fingerprint``: the record printed, or written into the brief touching nothing else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.brief.load import load_brief
from briefgen.check.fingerprints import Record, fingerprint, rewrite
from briefgen.cli import main
from briefgen.errors import BuildError
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, source_copy

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

BLOCK_START = "    fingerprints:\n"


def without_fingerprints(tmp_path: Path) -> Path:
    """The essay brief with its fingerprints block (and the comment above it) removed."""
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    start = text.index("    # Written by `briefgen fingerprint")
    end = text.index("\n\n", start) + 1
    path = tmp_path / "brief.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_the_essay_brief_records_its_source_already() -> None:
    changes, block = fingerprint(ESSAY_BRIEF, [str(SOURCE)], write=False)
    assert changes == []
    assert block.split("\n")[:4] == [
        "# sources[0] (essay):",
        "    sha256: 05d522f44bc4b9cdde474ddef11fd551412ebc4f8e7a8f3deef924e9ffbf6b45",
        "    paragraphs: 21",
        "    fingerprints:",
    ]
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    comment = text[text.index("    # Written by `briefgen fingerprint") : text.index(BLOCK_START)]
    assert block.split("\n", 1)[1] in text.replace(comment, "")


def test_print_mode_writes_nothing(tmp_path: Path) -> None:
    brief = without_fingerprints(tmp_path)
    before = brief.read_bytes()
    result = CliRunner().invoke(main, ["fingerprint", str(brief), "--source", str(SOURCE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# sources[0] (essay):\n    sha256: 05d522f4")
    assert '      "16": "ef1781307861"' in result.stdout
    assert f"{brief}: ¶1: fingerprint added" in result.stderr
    assert brief.read_bytes() == before


def test_write_inserts_the_block_and_changes_nothing_else(tmp_path: Path) -> None:
    brief = without_fingerprints(tmp_path)
    before = brief.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["fingerprint", str(brief), "--source", str(SOURCE), "--write"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{brief}: sources rewritten (16 changes)\n"
    after = brief.read_text(encoding="utf-8")
    start = after.index(BLOCK_START)
    end = after.index("\n\n", start) + 1
    assert after[:start] + after[end:] == before  # every comment and byte elsewhere kept
    assert (
        load_brief(brief).sources[0].fingerprints == load_brief(ESSAY_BRIEF).sources[0].fingerprints
    )
    again = CliRunner().invoke(
        main, ["fingerprint", str(brief), "--source", str(SOURCE), "--write"]
    )
    assert again.stdout == f"{brief}: the sources' records are up to date\n"
    assert brief.read_text(encoding="utf-8") == after


def test_write_after_the_source_changed_updates_the_record(tmp_path: Path) -> None:
    source = source_copy(tmp_path, ("is imperative for securing", "is vital for securing"))
    brief = brief_copy(tmp_path)
    changes, _block = fingerprint(brief, [str(source)], write=True)
    assert changes[0].startswith("sha256: 05d522f44bc4... -> ")
    assert changes[1:] == ["¶12: fingerprint changed"]
    before = ESSAY_BRIEF.read_text(encoding="utf-8").splitlines()
    after = brief.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [a.split(":")[0].strip() for a, _b in changed] == ["sha256", '"12"']
    assert changed[1][1].startswith('      "12": "') and changed[1][1] != changed[1][0]


def test_a_flow_style_source_is_not_rewritten_and_the_block_is_offered(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    start = text.index("  - id: essay\n")
    end = text.index("\n\n", start)
    flow = (
        '  - {id: essay, kind: essay, title: "Triumph in Defeat: Inaugurating a New Era for '
        'Azerbaijan and Armenia", publisher: E-International Relations, names: [the essay],'
        " sha256: 05d522f44bc4b9cdde474ddef11fd551412ebc4f8e7a8f3deef924e9ffbf6b45, paragraphs: 21}"
    )
    brief = tmp_path / "brief.yaml"
    brief.write_text(text[:start] + flow + text[end:], encoding="utf-8")
    before = brief.read_bytes()
    result = CliRunner().invoke(
        main, ["fingerprint", str(brief), "--source", str(SOURCE), "--write"]
    )
    assert result.exit_code == 1
    assert "not rewritten (sources[0] is not a block mapping); paste this" in result.stderr
    assert '"15": "c187d315e0d0"' in result.stderr
    assert brief.read_bytes() == before


def test_rewrite_keeps_windows_line_endings_and_replaces_an_existing_block() -> None:
    text = (
        "sources:\r\n  - id: a\r\n    sha256: x # the hash\r\n    paragraphs: 3\r\n"
        "    fingerprints: {}\r\n"
    )
    record = Record("ab" * 32, 4, {2: "0123456789ab"})
    assert rewrite(text, 0, record) == (
        "sources:\r\n  - id: a\r\n    sha256: " + "ab" * 32 + " # the hash\r\n"
        '    paragraphs: 4\r\n    fingerprints:\r\n      "2": "0123456789ab"\r\n'
    )


def test_rewrite_adds_the_fields_a_source_does_not_record_yet() -> None:
    text = "sources:\n  - id: a\n    title: x # kept\n  - id: b\n    title: y\nbottom_line: z\n"
    record = Record("ab" * 32, 2, {1: "0123456789ab"})
    assert rewrite(text, 1, record) == (
        "sources:\n  - id: a\n    title: x # kept\n  - id: b\n    title: y\n"
        "    sha256: " + "ab" * 32 + '\n    paragraphs: 2\n    fingerprints:\n      "1": '
        '"0123456789ab"\nbottom_line: z\n'
    )


def test_a_number_like_hash_is_quoted() -> None:
    assert Record("1" * 64, 1, {}).lines("")[0] == f'sha256: "{"1" * 64}"'
    with pytest.raises(BuildError, match="sources\\[1\\] is not a block mapping"):
        rewrite("sources:\n  - id: x\n", 1, Record("ab" * 32, 1, {}))


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes and links")
def test_write_keeps_the_briefs_mode_and_its_link(tmp_path: Path) -> None:
    real = without_fingerprints(tmp_path)
    real.chmod(0o600)
    (tmp_path / "linked").mkdir()
    link = tmp_path / "linked" / "brief.yaml"
    link.symlink_to(real)
    result = CliRunner().invoke(
        main, ["fingerprint", str(link), "--source", str(SOURCE), "--write"]
    )
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert BLOCK_START in real.read_text(encoding="utf-8")  # the target itself was rewritten
