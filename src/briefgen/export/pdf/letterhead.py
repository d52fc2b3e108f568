"""The PDF memo's letterhead: the house style's logo beside its organisation and lines, at
the top of the first page, above the title (as the DOCX and HTML memos set it)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Table

from briefgen.audience.logo import letterhead_logo, logo_size
from briefgen.audience.style import Letterhead

LOGO_HEIGHT = 10 * mm  # the logo's height; its width follows its proportions ...
LOGO_WIDTH = 0.3  # ... up to this share of the text width
GAP = 4 * mm  # between the logo and the words (the DOCX uses the same three)


def letterhead_table(
    head: Letterhead,
    sheet: dict[str, ParagraphStyle],
    paragraph: Callable[[str, ParagraphStyle], Flowable],
    table: Callable[[list[list[Any]], list[float], list[Any]], Table],
    width: float,
    rtl: bool = False,
) -> Table:
    """The letterhead as a borderless one-row table ``width`` wide, made with the story's
    ``paragraph`` and ``table`` (which mirrors it in a right-to-left memo, ``rtl``)."""
    words: list[Flowable] = []
    if head.organisation.strip():
        words.append(paragraph(escape(head.organisation), sheet["letterhead"]))
    words += [paragraph(escape(line), sheet["letterhead_line"]) for line in head.lines if line]
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *((f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")),
    ]
    data = letterhead_logo(head.logo)
    if data is None:
        laid = table([[words]], [width], commands)
    else:
        pixels_wide, pixels_high = logo_size(data)
        logo_width = min(LOGO_HEIGHT * pixels_wide / pixels_high, width * LOGO_WIDTH)
        logo_height = logo_width * pixels_high / pixels_wide
        image = Image(io.BytesIO(data), width=logo_width, height=logo_height)
        image.hAlign = "LEFT" if head.logo_position == "left" else "RIGHT"
        cols = [logo_width + GAP, width - logo_width - GAP]
        row: list[Any] = [image, words]
        if head.logo_position == "right":
            row, cols = row[::-1], cols[::-1]
        # The logo keeps to the page's edge, the gap between it and the words: a mirrored
        # table moves the logo's cell to the other side, so the logo's side of it flips too.
        cell = (0, 0) if head.logo_position == "left" else (1, 0)
        edge = "LEFT" if (head.logo_position == "left") != rtl else "RIGHT"
        commands.append(("ALIGN", cell, cell, edge))
        laid = table([row], cols, commands)
    laid.spaceAfter = sheet["body"].fontSize * 0.6
    return laid
