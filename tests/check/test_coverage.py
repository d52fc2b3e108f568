"""Coverage: the paragraphs the brief leaves out and whom its recommendations address."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.brief.load import load_brief
from briefgen.brief.sourced_items import brief_items
from briefgen.check.coverage import Coverage, coverage
from briefgen.check.source_text import read_source
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")


def essay_coverage(brief: Path = ESSAY_BRIEF) -> Coverage:
    loaded = load_brief(brief)
    return coverage(loaded, list(brief_items(loaded)), {"essay": read_source(SOURCE)})


def test_the_essay_brief_leaves_out_only_the_publishers_boilerplate() -> None:
    (report,) = essay_coverage().sources
    assert list(report.uncited) == [17, 18, 19, 20, 21]
    assert report.uncited[18] == "Please Consider Donating"
    assert report.uncited[19].endswith("...") and len(report.uncited[19]) <= 60
    assert set(report.cited) == set(range(1, 17))
    assert report.cited[15] == max(report.cited.values())


def test_addressees_are_counted_most_first() -> None:
    report = essay_coverage()
    assert report.recommendations == 13
    assert list(report.addressees.items())[:3] == [
        ("armenia", 8),
        ("azerbaijan", 8),
        ("turkey", 5),
    ]
    assert sum(report.addressees.values()) == sum(
        len(r.addressed_to) for r in load_brief(ESSAY_BRIEF).recommendations
    )
    assert "china" in report.not_addressed and "armenia" not in report.not_addressed


def test_counts_follow_the_refs(tmp_path: Path) -> None:
    assert essay_coverage().sources[0].cited[11] == 3
    brief = brief_copy(tmp_path, ("refs: [5, 6, 9, 11]", "refs: [5, 6, 9]"))
    assert essay_coverage(brief).sources[0].cited[11] == 2  # the refugee recommendation, a figure


def test_text_and_json_forms() -> None:
    report = essay_coverage()
    lines = report.lines()
    assert lines[0].startswith(
        "coverage: 16 of 21 source paragraphs cited (items citing each: ¶1 1,"
    )
    assert lines[1] == "  not cited: ¶17, ¶18, ¶19, ¶20, ¶21"
    assert any(
        line.startswith("recommendations: 13, addressed to 9 actors: armenia 8,") for line in lines
    )
    data = report.as_json()["sources"][0]
    assert data["source"] == "essay" and data["uncited"] == [17, 18, 19, 20, 21]
    assert data["cited"]["15"] == report.sources[0].cited[15]
