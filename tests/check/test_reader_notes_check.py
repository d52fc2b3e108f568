"""Rules on reader notes: no option built on an observation (A009), a short bottom line
(A010), and the note's prose held to the quotation and attribution rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.brief.load import load_brief
from briefgen.check.reader_notes import BOTTOM_LINE_WORDS
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, line_of, run

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

NO_MEMOS: list = []
OPTION = "        builds_on: [address-property-both-sides, build-on-prisoner-exchange]"
OBSERVED = (
    "  - id: build-on-prisoner-exchange\n",
    "  - id: build-on-prisoner-exchange\n    voice: observes\n",
)


def codes(brief: Path, code: str) -> list[tuple[str | None, str | None, int]]:
    return [
        (f.item, f.path, f.line) for f in run(brief, audiences=NO_MEMOS).findings if f.code == code
    ]


def test_the_worked_example_has_no_reader_note_findings() -> None:
    report = run(audiences=NO_MEMOS)
    assert not [f for f in report.findings if f.code in ("A009", "A010")]


def test_an_option_taking_up_an_observation_is_an_error(tmp_path: Path) -> None:
    # An observation worded as advice is A006 too; here only the option's use of it matters.
    brief = brief_copy(tmp_path, OBSERVED)
    found = codes(brief, "A009")
    assert found == [
        (
            "back-bilateral-track",
            "readers.executive.options[1].builds_on[1]",
            line_of(brief, OPTION),
        )
    ]


def test_a_long_bottom_line_is_a_warning(tmp_path: Path) -> None:
    start = "    bottom_line: >-\n      The essay sees"
    padding = " ".join(["more"] * BOTTOM_LINE_WORDS)
    brief = brief_copy(tmp_path, (start, f"    bottom_line: >-\n      {padding}. The essay sees"))
    report = run(brief, audiences=NO_MEMOS)
    [finding] = [f for f in report.findings if f.code == "A010"]
    assert finding.severity == "warning" and finding.path == "readers.executive.bottom_line"
    words = BOTTOM_LINE_WORDS + len(
        load_brief(ESSAY_BRIEF).readers["executive"].bottom_line.split()
    )
    assert f"runs to {words} words (at most {BOTTOM_LINE_WORDS})" in finding.message


def test_a_quoted_phrase_in_a_note_must_be_the_sources_words(tmp_path: Path) -> None:
    brief = brief_copy(tmp_path, ("“fragile but viable” chance", "“robust and certain” chance"))
    found = [f for f in run(brief, audiences=NO_MEMOS).findings if f.code == "Q002"]
    assert [(f.path, f.line) for f in found] == [
        ("readers.executive.bottom_line", line_of(brief, "    bottom_line: >-"))
    ]
