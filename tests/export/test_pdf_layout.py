"""The PDF's layout rules, kept by the writer and recorded in its Layout: headings with two
lines of their text, callouts whole (or continued under their title), no near-empty page,
no overfull line, balanced key figures, no break inside a number range."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.document.figure_rows import figure_rows
from briefgen.export.pdf.layout import Layout, Placed
from briefgen.export.pdf.writer import export_with_layout


def _t(text: str) -> tuple[d.Inline, ...]:
    return (d.Text(text),)


def _p(text: str) -> d.Paragraph:
    return d.Paragraph(_t(text))


def _laid(*blocks: d.Block, language: str = "en") -> tuple[bytes, Layout]:
    meta = d.Metadata(title="Layout memo", language=language)
    return export_with_layout(d.Document(meta, blocks), Style())


def _filler(lines: int) -> tuple[d.Block, ...]:
    return tuple(_p(f"line {i}") for i in range(lines))


def _rules(layout: Layout) -> set[str]:
    return {fault.rule for fault in layout.faults}


def _after(layout: Layout, heading: str) -> list[Placed]:
    """The flowables placed after the heading ``heading``, the heading first."""
    index = next(
        i for i, p in enumerate(layout.placed) if p.kind == "heading" and p.text == heading
    )
    return list(layout.placed[index:])


@pytest.mark.parametrize(
    "body",
    [
        # a one-line paragraph, then a table: the heading needs the table's first row too
        (
            _p("One line of introduction."),
            d.Table(None, tuple((d.Cell((_p(f"row {i}"),)),) for i in range(30))),
        ),
        # a one-line paragraph, then a long one: two lines under the heading at least
        (_p("One line of introduction."), _p("alpha " * 200)),
    ],
    ids=["line-then-table", "line-then-paragraph"],
)
def test_a_heading_keeps_two_lines_of_its_text_on_its_page(body: tuple[d.Block, ...]) -> None:
    for lines in range(30, 48):  # moves the heading across the page foot
        _data, layout = _laid(*_filler(lines), d.Heading(2, _t("Section")), *body)
        heading, first, second = _after(layout, "Section")[:3]
        assert first.page == heading.page and second.page == heading.page, lines
        assert "stranded-heading" not in _rules(layout), lines


def test_a_callout_is_never_split_across_pages() -> None:
    for lines in range(25, 45):  # moves the box across the page foot
        box = d.Callout("contested", _t("Boxed"), (_p("inside " * 120), _p("more " * 60)))
        _data, layout = _laid(*_filler(lines), box)
        boxes = [p for p in layout.placed if p.kind == "box"]
        assert len(boxes) == 1 and boxes[0].part is None, lines
        assert "split-callout" not in _rules(layout)


def test_a_callout_taller_than_a_page_repeats_its_title_marked_continued() -> None:
    box = d.Callout("note", _t("Long box"), tuple(_p(f"boxed {i} " * 30) for i in range(40)))
    data, layout = _laid(_p("Before."), box)
    parts = [p for p in layout.placed if p.kind == "box"]
    assert parts[0].part == "head" and len(parts) >= 2
    assert all(p.continued for p in parts[1:]) and "split-callout" not in _rules(layout)
    pages = PdfReader(io.BytesIO(data)).pages
    for page in pages[parts[1].page - 1 : parts[-1].page]:
        top = page.extract_text().split("\n")
        assert any("Long box (continued)" in line for line in top[:4])
    words = " ".join(page.extract_text() for page in pages).split()
    numbers = [words[i + 1] for i, word in enumerate(words) if word == "boxed"]
    assert numbers == [str(i) for i in range(40) for _ in range(30)]  # nothing lost or doubled


def test_a_callout_that_would_leave_a_near_empty_page_is_continued_instead() -> None:
    # A box of some 85% of a page after a few lines: moved on whole, it would leave their
    # page under a quarter full; it starts there and goes on under its title instead.
    box = d.Callout("note", _t("Big box"), tuple(_p("boxed " * 60) for _ in range(8)))
    continued = 0
    for lines in range(36, 50):  # moves the box's start down the second page
        _data, layout = _laid(*_filler(lines), box, _p("After the box."))
        assert not _rules(layout) & {"short-page", "split-callout"}, lines
        parts = [p for p in layout.placed if p.kind == "box"]
        if len(parts) > 1:
            assert parts[0].fills and parts[1].continued
            continued += 1
    assert continued  # the sweep met the case


@pytest.mark.parametrize(
    ("count", "rows"),
    [
        (1, (1,)), (3, (3,)), (4, (4,)), (5, (3, 2)), (6, (3, 3)), (7, (4, 3)), (8, (4, 4)),
        (9, (3, 3, 3)), (10, (4, 3, 3)), (13, (4, 3, 3, 3)),
    ],
)  # fmt: skip
def test_key_figures_are_set_in_balanced_rows(count: int, rows: tuple[int, ...]) -> None:
    assert figure_rows(count) == rows


def test_seven_key_figures_leave_no_empty_cell() -> None:
    figures = d.KeyFigures(tuple(d.Figure(str(n), _t(f"label {n}")) for n in range(7)))
    data, layout = _laid(figures)
    assert "figure-grid" not in _rules(layout)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert all(f"label {n}" in text for n in range(7))


def test_key_figures_in_a_right_to_left_memo_keep_every_figure() -> None:
    # The first cell of a span holds its content: mirrored, a figure must still show.
    figures = d.KeyFigures(tuple(d.Figure(f"{n}{n}{n}", _t(f"תווית {n}")) for n in range(7)))
    data, layout = _laid(figures, language="he")
    assert not layout.faults
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert all(f"{n}{n}{n}" in text for n in range(7))


@pytest.mark.parametrize("language", ["en", "hy"])
def test_no_line_breaks_inside_a_number_range(language: str) -> None:
    word = "Բառ" if language == "hy" else "word"  # Armenian: briefgen's own line breaker
    for pad in range(0, 24):  # moves the range across the line end
        text = f"{word} " * pad + "between 20,000-30,000 and 2020–2023 people " * 3
        _data, layout = _laid(_p(text), language=language)
        assert "broken-range" not in _rules(layout), pad
        assert not layout.faults, pad


def test_no_line_runs_past_the_margin() -> None:
    # Words whose lengths vary so that some line, at some count, nearly fills the measure:
    # reportlab's default 5% space shrinkage then set it past the margin.
    words = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "ggggggg", "hhhhhhhh", "iiiiiiiii"]
    for count in range(40, 120, 3):
        text = " ".join(words[i % len(words)] for i in range(count))
        _data, layout = _laid(*(d.Paragraph(_t(text[k:])) for k in range(0, 9)))
        assert "overfull" not in _rules(layout), count


def test_layout_records_pages_and_their_fill() -> None:
    data, layout = _laid(*_filler(80))
    assert layout.pages == len(PdfReader(io.BytesIO(data)).pages) == len(layout.fill) == 3
    assert min(layout.fill[:2]) > 0.9 and 0 < layout.fill[2] < 0.5  # the last may be short
    assert not layout.faults
