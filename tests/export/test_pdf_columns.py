"""Notes in columns: whole notes, in order, full columns, the last page balanced."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from briefgen.export.pdf.note_columns import NoteColumns
from briefgen.export.pdf.writer import register_fonts

register_fonts()
STYLE = ParagraphStyle("note", fontName="BriefgenSerif", fontSize=8, leading=10, spaceAfter=3)


class _Recorded(Paragraph):
    """A note that records where it was drawn: (number, page, x, top)."""

    drawn: list[tuple[int, int, float, float]]

    def __init__(self, number: int, text: str) -> None:
        super().__init__(text, STYLE)
        self.number = number

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """As Paragraph, remembering the page and the note's top edge."""
        _Recorded.drawn.append((self.number, canvas.getPageNumber(), x, y + self.height))
        super().drawOn(canvas, x, y, _sW)


def lay_out(count: int, columns: int) -> list[tuple[int, int, float, float]]:
    """Where each of ``count`` notes (one to three lines) landed, in drawing order."""
    _Recorded.drawn = []
    notes = [
        _Recorded(n, f"{n}. Source paragraph {n}" + " and more" * (n % 7)) for n in range(count)
    ]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([NoteColumns(notes, columns, gap=9)])
    return _Recorded.drawn


def test_every_note_is_drawn_once_in_reading_order_column_by_column() -> None:
    drawn = lay_out(400, 3)
    assert sorted(n for n, *_ in drawn) == list(range(400))  # each once, none split
    # Reading order: page by page, then column by column (left to right), then top to bottom.
    order = sorted(drawn, key=lambda d: (d[1], round(d[2]), -d[3]))
    assert [n for n, *_ in order] == list(range(400))
    pages = {page for _n, page, *_ in drawn}
    assert len(pages) > 1
    for page in pages:  # at most three columns a page, at three distinct lefts
        assert len({round(x) for _n, p, x, _top in drawn if p == page}) <= 3


def test_the_last_pages_columns_are_balanced() -> None:
    drawn = lay_out(400, 3)
    last = max(page for _n, page, *_ in drawn)
    bottoms: dict[int, float] = {}
    for _n, page, x, top in drawn:
        if page == last:
            bottoms[round(x)] = min(bottoms.get(round(x), top), top)
    assert len(bottoms) == 3
    assert max(bottoms.values()) - min(bottoms.values()) <= 3 * STYLE.leading + STYLE.spaceAfter


def test_notes_that_fit_on_one_page_are_balanced_across_the_columns() -> None:
    drawn = lay_out(10, 2)
    assert {page for _n, page, *_ in drawn} == {1}
    lefts = sorted({round(x) for _n, _p, x, _t in drawn})
    counts = [sum(1 for _n, _p, x, _t in drawn if round(x) == left) for left in lefts]
    assert len(lefts) == 2 and abs(counts[0] - counts[1]) <= 2


def test_a_right_to_left_memo_starts_its_notes_in_the_right_column() -> None:
    from reportlab.platypus import Flowable

    from briefgen.export.pdf.note_columns import NoteColumns

    class Note(Flowable):
        def __init__(self) -> None:
            super().__init__()
            self.x: float | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            return availWidth, 20.0

        def drawOn(self, canvas: object, x: float, y: float, _sW: float = 0) -> None:
            self.x = x

    for rtl in (False, True):
        notes = [Note() for _ in range(4)]
        columns = NoteColumns(notes, 2, gap=10, rtl=rtl)
        columns.wrap(210, 1000)
        columns.canv = None
        columns.draw()
        first, last = notes[0].x, notes[-1].x
        assert first is not None and last is not None
        assert (first > last) if rtl else (first < last)
