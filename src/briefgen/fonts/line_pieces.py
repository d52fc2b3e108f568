"""One line of text cut into pieces of one family and one direction, in visual order: what
a drawing program needs to set a label in several scripts (the PNG timeline)."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.fonts.bidi_levels import embedding_levels, visual_order
from briefgen.fonts.runs import font_runs


@dataclass(frozen=True)
class LinePiece:
    """``text`` (logical order) set in family ``family``, right to left when ``rtl``."""

    text: str
    family: str
    rtl: bool


def line_pieces(text: str, text_family: str, rtl: bool) -> list[LinePiece]:
    """The pieces of ``text``, one line whose base direction is right to left when ``rtl``,
    left to right in drawing order."""
    levels = embedding_levels(text, rtl)
    pieces: list[tuple[LinePiece, int]] = []
    position = 0
    for run in font_runs(text, text_family):
        start = position
        for index in range(position, position + len(run.text) + 1):
            if index == position + len(run.text) or levels[index] != levels[start]:
                piece = LinePiece(text[start:index], run.family, bool(levels[start] % 2))
                pieces.append((piece, levels[start]))
                start = index
        position += len(run.text)
    order = visual_order([level for _piece, level in pieces])
    return [pieces[i][0] for i in order]
