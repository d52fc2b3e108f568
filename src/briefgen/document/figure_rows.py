"""How a key-figures grid is split into rows, and the size of its values: one rule for the
PDF, the DOCX and the HTML.

Rows hold at most four figures and are as even as they can be, the longer first (7 figures:
4 + 3; 9: 3 + 3 + 3). Every figure is as wide as the others; a shorter row is centred under
the full one, so no row ends in an empty cell. Each figure spans two half-columns of a grid
twice as wide as the longest row, so a row one figure short starts half a figure in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.fonts.shaping import measure

#: the most figures a row holds
FIGURES_PER_ROW = 4


def figure_rows(count: int) -> tuple[int, ...]:
    """How many key figures each row holds: at most four a row, the rows as even as they can
    be, the longer first (7 -> 4, 3; 5 -> 3, 2; 9 -> 3, 3, 3)."""
    if count <= 0:
        return ()
    lines = -(-count // FIGURES_PER_ROW)
    base, extra = divmod(count, lines)
    return tuple(base + (row < extra) for row in range(lines))


@dataclass(frozen=True)
class FigureRow:
    """One row of the grid: the index of its first figure, how many it holds, and how many
    half-columns come before its first figure (and after its last)."""

    first: int
    count: int
    offset: int


def figure_grid(count: int) -> tuple[int, tuple[FigureRow, ...]]:
    """The grid of ``count`` figures: its width in half-columns and its rows."""
    rows = figure_rows(count)
    if not rows:
        return 0, ()
    per_row, placed, out = rows[0], 0, []
    for held in rows:
        out.append(FigureRow(placed, held, per_row - held))
        placed += held
    return 2 * per_row, tuple(out)


def value_size(values: Sequence[str], family: str, room: float, natural: float,
               smallest: float) -> float:  # fmt: skip
    """The size (points, in half-points) every key figure's value in a grid is set at: its
    ``natural`` size, or less so the widest value, bold in ``family``, fits on one line
    ``room`` points wide; never under ``smallest`` (the body size), where a value too long
    for its cell wraps. One size for the whole grid, so the values read as a set."""
    widest = max((measure(value, family, "bold", 1.0) for value in values), default=0.0)
    if widest <= 0:
        return natural
    fitting = math.floor(room / widest * 0.97 * 2) / 2  # a little air; Word's half-points
    return max(smallest, min(natural, fitting))
