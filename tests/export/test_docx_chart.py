"""The timeline graphic in a DOCX: a PNG picture as wide as the text, with alt text."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.shape import WD_INLINE_SHAPE
from docx.enum.text import WD_LINE_SPACING

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.docx.writer import export

EVENTS = (
    d.TimelineEntry("1994", "First Karabakh War: Armenian victory"),
    d.TimelineEntry("2020", "Second Karabakh War"),
    d.TimelineEntry("2020", "Ceasefire; Russian peacekeepers deployed"),
)


def _document(*blocks: d.Block) -> d.Document:
    return d.Document(d.Metadata("Chart memo"), blocks)


@pytest.fixture(scope="module")
def opened() -> docx.document.Document:
    chart = d.TimelineChart(EVENTS, (d.Text("Dates the essay gives"),))
    data = export(_document(d.Heading(2, (d.Text("Timeline"),)), chart), Style())
    return docx.Document(io.BytesIO(data))


def test_picture_as_wide_as_the_text(opened: docx.document.Document) -> None:
    (shape,) = opened.inline_shapes
    assert shape.type == WD_INLINE_SHAPE.PICTURE
    section = opened.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(shape.width - text_width) < 12700  # within a point
    image = opened.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image.content_type == "image/png"


def test_caption_above_and_alt_text_with_every_word(opened: docx.document.Document) -> None:
    texts = [p.text for p in opened.paragraphs]
    caption = texts.index("Dates the essay gives")
    assert opened.paragraphs[caption].style.name == "Caption"
    assert opened.paragraphs[caption + 1]._p.xpath(".//pic:pic")  # the picture follows it
    alt = opened.inline_shapes[0]._inline.docPr.get("descr")
    assert alt.splitlines() == [
        "1994 First Karabakh War: Armenian victory",
        "2020 Second Karabakh War",
        "Ceasefire; Russian peacekeepers deployed",  # stacked under the same date
    ]


def test_picture_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    document = _document(d.TimelineChart(EVENTS))
    assert export(document, Style()) == export(document, Style())


def test_a_chart_in_a_table_cell_and_an_empty_one() -> None:
    chart = d.TimelineChart(EVENTS)
    table = d.Table(None, ((d.Cell((chart,)), d.Cell((d.Paragraph((d.Text("x"),)),))),))
    empty = d.TimelineChart((), (d.Text("No events"),))
    opened = docx.Document(io.BytesIO(export(_document(table, empty), Style())))
    assert len(opened.inline_shapes) == 1
    assert "No events" not in [p.text for p in opened.paragraphs]


def test_the_picture_keeps_its_height_where_body_lines_are_exact() -> None:
    """A memo in its own script's family (Arabic) sets body lines at an exact height; the
    picture's paragraph is single-spaced, or Word and LibreOffice cut it to one line."""
    meta = d.Metadata("مذكرة", language="ar")
    data = export(d.Document(meta, (d.TimelineChart(EVENTS),)), Style())
    opened = docx.Document(io.BytesIO(data))
    assert opened.styles["Normal"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    (holder,) = [p for p in opened.paragraphs if p._p.xpath(".//pic:pic")]
    assert holder.paragraph_format.line_spacing == 1.0
    assert holder.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
