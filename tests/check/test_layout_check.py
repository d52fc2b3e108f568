"""The layout section of ``briefgen check``: the rules judged on a recorded layout, the
findings they become, and the section as the command line prints it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefgen.check import rendered_memos
from briefgen.check.findings import CODES
from briefgen.check.layout import RULE_CODES, MemoLayout, layout_findings
from briefgen.cli import main
from briefgen.export.pdf.layout import Fault, Placed, Recorder
from conftest import REPO

HORMUZ = REPO / "briefs" / "strait-of-hormuz.yaml"


def _recorded(placed: list[Placed], fill: list[float]) -> Recorder:
    """A recorder that saw ``placed`` on pages filled as ``fill`` says (a frame 700 pt tall)."""
    recorder = Recorder(top=780.0, height=700.0, width=450.0)
    recorder.placed.extend(placed)
    recorder.fill.update(enumerate(fill, start=1))
    return recorder


def _rules(recorder: Recorder) -> list[tuple[str, int]]:
    return [(fault.rule, fault.page) for fault in recorder.layout().faults]


def test_a_heading_with_one_line_under_it_is_stranded() -> None:
    placed = [
        Placed(1, "heading", "4. The Karabakh issue", level=2),
        Placed(1, "paragraph", "Whether the treaty should say anything.", lines=1),
        Placed(2, "table", "Party"),
    ]
    faults = _recorded(placed, [1.0, 0.5]).layout().faults
    assert [(f.rule, f.page, f.text) for f in faults] == [
        ("stranded-heading", 1, "4. The Karabakh issue")
    ]
    assert "1 line of its text" in faults[0].detail


def test_a_heading_last_on_its_page_is_stranded_and_one_with_two_lines_is_not() -> None:
    stranded = [Placed(1, "heading", "Sources", level=1), Placed(2, "paragraph", "x", lines=4)]
    kept = [
        Placed(1, "heading", "Sources", level=1),
        Placed(1, "heading", "Sub", level=2),  # a heading right under it shares its text
        Placed(1, "paragraph", "x", lines=2),
        Placed(2, "paragraph", "y", lines=4),
    ]
    short_section = [Placed(1, "heading", "End", level=1), Placed(1, "paragraph", "x", lines=1)]
    assert _rules(_recorded(stranded, [1.0, 0.5])) == [("stranded-heading", 1)]
    assert _rules(_recorded(kept, [1.0, 0.5])) == []
    assert _rules(_recorded(short_section, [0.5])) == []


def test_split_callouts_are_reported_unless_taller_than_a_page_and_continued() -> None:
    split = [
        Placed(2, "box", "Contested", part="head", whole=300.0),
        Placed(3, "box", "Contested", part="tail"),
    ]
    tall = [
        Placed(2, "box", "Long", part="head", whole=1500.0),
        Placed(3, "box", "Long", part="tail", continued=True),
    ]
    filling = [
        Placed(2, "box", "Big", part="head", whole=600.0, fills=True),
        Placed(3, "box", "Big", part="tail", continued=True),
    ]
    assert _rules(_recorded(split, [1.0, 1.0, 1.0])) == [
        ("split-callout", 2), ("split-callout", 3),
    ]  # fmt: skip
    assert _rules(_recorded(tall, [1.0, 1.0, 1.0])) == []
    assert _rules(_recorded(filling, [1.0, 1.0, 1.0])) == []


def test_short_pages_but_the_last_are_reported_unless_a_part_follows() -> None:
    placed = [
        Placed(1, "paragraph", "a", lines=3),
        Placed(2, "paragraph", "b", lines=2),
        Placed(3, "heading", "Part two", level=1),
        Placed(3, "paragraph", "c", lines=2),
        Placed(4, "paragraph", "d", lines=2),
        Placed(5, "paragraph", "e", lines=1),
    ]
    # page 1 is short and page 2 starts no part; page 2 is short but a part follows;
    # page 5 is the last
    assert _rules(_recorded(placed, [0.1, 0.1, 0.9, 0.9, 0.05])) == [("short-page", 1)]


def test_every_rule_has_a_documented_code() -> None:
    assert set(RULE_CODES.values()) == {code for code in CODES if code.startswith("L")}


def test_faults_become_findings_naming_memo_page_and_text() -> None:
    memo = MemoLayout(
        "negotiator",
        (1.0, 0.9, 1.0),
        (Fault("stranded-heading", 3, "4. The Karabakh issue", "heading at the foot"),),
    )
    (finding,) = layout_findings(memo, "briefs/x.yaml")
    assert finding.code == "L001" and finding.severity == "warning"
    assert str(finding) == (
        "briefs/x.yaml: L001 warning: negotiator memo: page 3: heading at the foot at "
        "“4. The Karabakh issue”"
    )
    assert memo.summary() == "negotiator 3 pages (1 problem)"


def test_check_prints_the_layout_section_clean() -> None:
    result = CliRunner().invoke(main, ["check", str(HORMUZ), "-a", "executive,donor"])
    assert result.exit_code == 0, result.output
    assert "layout: executive 1 page, donor 3 pages: no problems" in result.output.split("\n")


def test_check_reports_a_layout_fault_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    fault = Fault("split-callout", 2, "Contested", "callout split across pages")

    def faulty(_document: object, _style: object, audience: str) -> MemoLayout:
        return MemoLayout(audience, (1.0, 1.0), (fault,))

    monkeypatch.setattr(rendered_memos, "lay_out", faulty)
    result = CliRunner().invoke(main, ["check", str(HORMUZ), "-a", "donor"])
    assert result.exit_code == 1
    lines = result.output.split("\n")
    where = "donor memo: page 2: callout split across pages at “Contested”"
    assert f"{HORMUZ}: L002 warning: {where}" in lines
    assert "layout: donor 2 pages (1 problem)" in lines
    report = json.loads(
        CliRunner().invoke(main, ["check", str(HORMUZ), "-a", "donor", "--json"]).output
    )
    assert report["layout"] == [
        {"audience": "donor", "pages": 2, "fill": [1.0, 1.0], "problems": 1}
    ]
    assert [f["code"] for f in report["findings"]] == ["L002"]


def _placed_paragraph(markup: str, width: float, **style: float) -> Recorder:
    """A recorder that saw one reportlab paragraph of ``markup`` laid out ``width`` pt wide."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from briefgen.export.pdf.writer import register_fonts
    from briefgen.fonts.bundled import pdf_name

    register_fonts()
    paragraph = Paragraph(markup, ParagraphStyle("p", fontName=pdf_name("serif"), **style))
    paragraph.wrap(width, 1e6)
    recorder = Recorder(top=780.0, height=700.0, width=450.0)
    recorder.place(paragraph, 1, 700.0)
    return recorder


def test_a_line_broken_inside_a_number_range_is_reported() -> None:
    recorder = _placed_paragraph("killed 20,000-<br/>30,000 people", 400)
    assert _rules(recorder) == [("broken-range", 1)]
    assert _rules(_placed_paragraph("killed 20,000-30,000<br/>people", 400)) == []


def test_a_line_past_its_frame_is_reported() -> None:
    # reportlab's default space shrinkage lets a ragged line run up to 5% of its spaces over
    words = " ".join(["a", "bb", "ccc", "dddd", "eeeee", "ffffff"][i % 6] for i in range(200))
    overfull = [
        width
        for width in range(300, 450, 5)
        if ("overfull", 1) in _rules(_placed_paragraph(words, width, spaceShrinkage=0.05))
    ]
    assert overfull  # some measures run over...
    assert not any(_rules(_placed_paragraph(words, width, spaceShrinkage=0)) for width in overfull)
