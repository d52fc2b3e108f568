"""Markdown exporter, from hand-built Documents."""

from __future__ import annotations

from markdown_it import MarkdownIt

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.markdown import export
from conftest import para


def test_markdown_structure(sample_document: d.Document, default_style: Style) -> None:
    md = export(sample_document, default_style).decode("utf-8")
    assert md.startswith("**DRAFT**\n\n# Sample memo")
    assert "# Obstacles \\& positions \\<not a tag\\>" in md
    assert "1. First\n2. Second" in md
    assert "- Nested\n\n  1. Restarted at one" in md
    assert "| Party | Position |\n| --- | --- |" in md
    assert "[link](https://www.e-ir.info/)" in md
    assert "[^1]: Source, ¶3." in md
    assert "> **Editorial note**" in md


def test_hostile_text_stays_text(default_style: Style) -> None:
    hostile = "<script>alert(1)</script> *not em* [x](javascript:y) 1. @cite $x$ ~s~ ^s^"
    doc = d.Document(d.Metadata("T"), (para(hostile), para("1. not a list")))
    md = export(doc, default_style).decode("utf-8")
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "<ol" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not em* [x](javascript:y)" in html


def test_table_cells_with_line_breaks_stay_on_one_row(default_style: Style) -> None:
    cell = d.Cell((d.Paragraph((d.Text("a"), d.LineBreak(), d.Text("b|c"))),))
    doc = d.Document(d.Metadata("T"), (d.Table((d.Cell((para("H"),)),), ((cell,),)),))
    assert "| a b\\|c |" in export(doc, default_style).decode("utf-8")


def test_timeline_is_written_as_a_list(default_style: Style) -> None:
    events = (
        d.TimelineEntry("1994", "First war *won*"),  # no date as shown: the ISO date
        d.TimelineEntry("2020-11", "Truce", "Nov 2020"),
    )
    doc = d.Document(d.Metadata("T"), (d.TimelineChart(events, (d.Text("Drawing only"),)),))
    md = export(doc, default_style).decode("utf-8")
    assert "- **1994** First war \\*won\\*\n- **Nov 2020** Truce" in md
    assert "Drawing only" not in md  # the caption describes the drawing
