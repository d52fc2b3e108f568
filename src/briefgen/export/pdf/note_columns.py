"""Notes in columns: each note kept whole, columns filled in turn, the last page's balanced.

reportlab's ``BalancedColumns`` balances any flowables, splitting paragraphs between columns,
and to find its split it lays its content out again and again, deep-copying it each time:
a tenth of the negotiator memo's PDF time. Notes are short (the exporter sets them in
columns only when every one is), so here each is measured once, at the column width, and
whole notes are packed: full columns on every page but the last, whose columns are balanced
to the least height that holds what is left. A note never breaks across columns or pages.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable


class NoteColumns(Flowable):
    """``notes`` (paragraphs, each with its own space after) in ``count`` columns, ``gap``
    points apart."""

    def __init__(
        self, notes: list[Any], count: int, gap: float, balance: bool = True, rtl: bool = False
    ) -> None:
        super().__init__()
        self.notes, self.count, self.gap, self.balance = notes, count, gap, balance
        self.rtl = rtl  # the first column on the right
        self._heights: list[float] = []
        self._measured = -1.0  # the width the heights are for
        self._columns: list[list[int]] = []  # note indexes, column by column

    def _measure(self, width: float) -> None:
        """Wrap every note at the column width, once for each width."""
        if width != self._measured:
            column = (width - self.gap * (self.count - 1)) / self.count
            self._heights = [note.wrap(column, 1e9)[1] for note in self.notes]
            self._measured = width

    def _pack(self, height: float) -> list[list[int]]:
        """Whole notes, in order, into at most ``count`` columns at most ``height`` tall: as
        many as fit (the indexes of the notes, column by column)."""
        columns: list[list[int]] = [[]]
        used = 0.0
        for index, tall in enumerate(self._heights):
            space = self.notes[index - 1].getSpaceAfter() if columns[-1] else 0.0
            if used + space + tall > height + 1e-6:
                if len(columns) == self.count or tall > height + 1e-6:
                    break  # the columns are full, or the note is taller than a column
                columns.append([])
                space = used = 0.0
            columns[-1].append(index)
            used += space + tall
        return [column for column in columns if column]

    def _column_height(self, column: list[int]) -> float:
        spaces = sum(self.notes[i].getSpaceAfter() for i in column[:-1])
        return sum(self._heights[i] for i in column) + spaces

    def _balanced(self) -> list[list[int]]:
        """The columns at the least height that holds every note, found by bisection (whether
        the notes fit only grows with the height)."""
        spaces = sum(note.getSpaceAfter() for note in self.notes)
        low, high = max(self._heights), sum(self._heights) + spaces
        while high - low > 0.5:
            middle = (low + high) / 2
            fits = sum(map(len, self._pack(middle))) == len(self.notes)
            low, high = (low, middle) if fits else (middle, high)
        return self._pack(high)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """All the notes, balanced; taller than ``availHeight`` when they must be split."""
        self._measure(availWidth)
        self.width = availWidth
        self._columns = self._pack(availHeight)
        if sum(map(len, self._columns)) < len(self.notes):
            self.height = availHeight + max(self._heights)  # more than fits: split me
            return self.width, self.height
        if self.balance:
            self._columns = self._balanced()
        self.height = max(self._column_height(column) for column in self._columns)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Full columns of what fits in ``availHeight``, then the rest (balanced in its turn)."""
        self._measure(availWidth)
        taken = sum(map(len, self._pack(availHeight)))
        if taken == 0:
            return []  # not one note fits here: all of them go to the next frame
        if taken == len(self.notes):
            return [self]
        return [
            NoteColumns(self.notes[:taken], self.count, self.gap, balance=False, rtl=self.rtl),
            NoteColumns(self.notes[taken:], self.count, self.gap, rtl=self.rtl),
        ]

    def draw(self) -> None:
        """Each column's notes from the top, one under the other."""
        column_width = (self.width - self.gap * (self.count - 1)) / self.count
        for number, column in enumerate(self._columns):
            place = self.count - 1 - number if self.rtl else number
            x, y = place * (column_width + self.gap), self.height
            for position, index in enumerate(column):
                if position:
                    y -= self.notes[column[position - 1]].getSpaceAfter()
                y -= self._heights[index]
                self.notes[index].drawOn(self.canv, x, y)
