"""Provenance against edited copies of the essay: misquotes, stale items, refs out of range."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.brief.load import load_brief
from briefgen.brief.sourced_items import brief_items
from conftest import ESSAY_BRIEF, SOURCE
from edits import brief_copy, line_of, run, source_copy

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

NO_MEMOS: list = []


def citing(paragraph: int) -> set[str]:
    """Ids of the essay brief's items that cite ``paragraph``."""
    return {
        i.id
        for i in brief_items(load_brief(ESSAY_BRIEF))
        if paragraph in {r.paragraph for r in i.cited}
    }


def test_an_altered_quotation_in_the_essay_is_caught_with_its_paragraph(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path,
        (
            "address Armenia’s real or imagined threat perceptions",
            "address Armenia’s threat perceptions",
        ),
    )
    report = run(source=source, audiences=NO_MEMOS)
    [misquote] = [f for f in report.findings if f.code == "Q001"]
    assert (misquote.item, misquote.paragraph) == ("address-threat-perceptions", 8)
    assert misquote.line == line_of(ESSAY_BRIEF, 'text: "address Armenia’s real or imagined')
    assert misquote.path == "recommendations[0].quote.text"
    assert "quotation not found in ¶8" in str(misquote)
    assert str(misquote).startswith(f"{ESSAY_BRIEF}:{misquote.line}:")
    assert report.exit_code == 1


def test_a_misquote_in_the_brief_is_caught_where_it_is(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        (
            'text: "ended any hope of diplomatic settlement"',
            'text: "ended all hope of diplomatic settlement"',
        ),
    )
    report = run(brief, audiences=NO_MEMOS)
    assert [(f.code, f.item, f.paragraph, f.line) for f in report.findings] == [
        ("Q001", "cp-pashinyan-ended-hope", 4, line_of(brief, "ended all hope")),
    ]
    assert "(nor anywhere in the source)" in report.findings[0].message


def test_a_quotation_from_another_paragraph_says_where_it_is(tmp_path: Path) -> None:
    quote = 'text: "forge a path for mutual understanding and prosperity"\n      ref: '
    brief = brief_copy(
        tmp_path,
        (quote + "8\n    refs: [8]", quote + "9\n    refs: [8, 9]"),
    )
    report = run(brief, audiences=NO_MEMOS)
    assert [(f.code, f.item, f.paragraph) for f in report.findings] == [
        ("Q001", "build-on-prisoner-exchange", 9)
    ]
    assert report.findings[0].message.endswith("(it is in ¶8)")


def test_a_quoted_phrase_in_text_must_be_in_the_items_paragraphs(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path, ("“Karabakh Wound”, a collective", "“Karabakh Injury”, a collective")
    )
    report = run(brief, audiences=NO_MEMOS)
    [finding] = report.findings
    assert (finding.code, finding.item, finding.paragraph) == ("Q002", "bg-first-war", 3)
    assert "“Karabakh Injury” is not verbatim in ¶3 (nor anywhere in the source)" in finding.message
    assert finding.path == "context.background[0].text"


def test_a_changed_paragraph_makes_exactly_its_items_stale(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path,
        (
            "Peace between Armenia and Azerbaijan is imperative",
            "Peace between Armenia and Azerbaijan is essential",
        ),
    )
    report = run(source=source, audiences=NO_MEMOS)
    stale = [f for f in report.findings if f.code == "P003"]
    assert (
        {f.item for f in stale}
        == citing(12)
        == {"kj-fragile-opportunity", "tl-2024", "regional-integration", "en-source-and-refs"}
    )
    assert {f.paragraph for f in stale} == {12}
    assert {f.code for f in report.findings} == {"S001", "P003"}
    assert all("stale: cites ¶12, which changed" in f.message for f in stale)


def test_a_reflowed_or_requoted_source_makes_nothing_stale(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path,
        (
            "Azerbaijan is strategically advocating for a “framework agreement”",
            'Azerbaijan is strategically\nadvocating for a "framework agreement"',
        ),
    )
    report = run(source=source, audiences=NO_MEMOS)
    assert [f.code for f in report.findings] == ["S001"]  # the file changed, no paragraph did


def test_paragraphs_added_after_the_cited_ones_stay_quiet(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path, ("Further Reading on", "A new closing remark.\n\nFurther Reading on")
    )
    report = run(source=source, audiences=NO_MEMOS)
    assert [f.code for f in report.findings] == ["S001", "S002"]
    assert "the brief records 21 paragraphs" in report.findings[1].message


def test_a_paragraph_inserted_early_shifts_and_says_where_the_text_went(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path,
        ("\n\nThe Karabakh Conflict", "\n\nAn inserted paragraph.\n\nThe Karabakh Conflict"),
    )
    report = run(source=source, audiences=NO_MEMOS)
    stale = [f for f in report.findings if f.code == "P003"]
    shifted = {
        i.id for i in brief_items(load_brief(ESSAY_BRIEF)) if any(r.paragraph > 1 for r in i.cited)
    }
    assert {f.item for f in stale} == shifted
    kj = next(f for f in stale if f.item == "kj-opportunity-in-defeat" and f.paragraph == 7)
    assert kj.message.endswith("that text is now ¶8")


def test_refs_past_the_end_of_the_source(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    cut = text.index("Peace between Armenia and Azerbaijan is imperative")
    source = tmp_path / "short.txt"
    source.write_text(text[:cut], encoding="utf-8")
    report = run(source=source, audiences=NO_MEMOS)
    out_of_range = [f for f in report.findings if f.code == "R001"]
    assert {f.paragraph for f in out_of_range} == {12, 13, 14, 15, 16}
    assert {f.item for f in out_of_range} == citing(12) | citing(13) | citing(14) | citing(
        15
    ) | citing(16)
    assert "cites ¶16, but the source has 11 paragraphs" in {f.message for f in out_of_range}


def test_fingerprints_missing_or_wrong(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path,
        ('      "4": "1ae617e73d0d"\n', ""),
        ('"9": "428f8e924b7b"', '"9": "000000000000"'),
    )
    report = run(brief, audiences=NO_MEMOS)
    assert [(f.code, f.paragraph) for f in report.findings] == [("P001", 4), ("P002", 9)]
    brief = brief_copy(tmp_path, ("    fingerprints:\n", "    fingerprints: {}\n    old:\n"))
    text = brief.read_text(encoding="utf-8")
    start = text.index("    old:\n")
    brief.write_text(text[:start] + text[text.index("\n\n", start) :], encoding="utf-8")
    report = run(brief, audiences=NO_MEMOS)
    assert [f.code for f in report.findings] == ["P001"]
    assert (
        "no paragraph fingerprints recorded (the brief cites 16 paragraphs)"
        in report.findings[0].message
    )
