"""Geometry of the timeline graphic, computed once for every renderer (PDF, PNG, SVG).

The layout places dated events on a horizontal axis and their labels above and below it so
that no two labels overlap and no stem crosses a label. Renderers only draw what it returns:
lines, dots and text at given positions, in points, with the origin at the bottom left and y
pointing up (as in PDF; the SVG renderer flips y). Text is measured with the bundled fonts'
own metrics (:func:`briefgen.fonts.bundled.text_width`), which reportlab and Pillow both draw with.

Placement:

- Ticks: one per distinct date. Their spacing is part even, part proportional to time
  (:data:`PROPORTIONAL`), so a long gap looks long while close dates stay apart.
- Labels: a box per tick and side: the date in bold, then the label wrapped. Events sharing a
  date share a tick and are split between the two sides (two 2020 events: one above, one
  below); lone events alternate sides. A box never reaches past its neighbouring ticks, so no
  stem crosses a label. Left to right, each box takes the cheapest placement that overlaps no
  box already placed: centred on its tick or flush with it, wrapped wider or narrower, in a
  tier (row) near the axis or a new one further out, costed in lines of height added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from briefgen.audience.style import Style
from briefgen.fonts import bundled as fonts

SIZE = 0.8  # label size / the audience's body size
PROPORTIONAL = 0.3  # share of the axis length spaced by time; the rest is spaced evenly
LEADING = 1.25  # line height / font size
GAP = 1.0  # horizontal space between labels, in font sizes
STEM = 0.9  # length of the stem between the axis and the first tier, in font sizes
MAX_LABEL = 24.0  # widest label, in font sizes (also at most a third of the width)
WIDTHS = (1.0, 0.8, 0.64, 0.5)  # label widths tried, as fractions of the widest
# Costs of a placement, in lines of height: a new tier's gap, each line of a label beyond
# three (the date and two lines), text pushed off its tick, and a lone label on the same side
# as the one before it.
TIER_GAP, LONG, CLAMPED, OTHER_SIDE = 0.4, 1.5, 3.0, 1.0
DOT = 0.3  # tick dot radius, in font sizes

Align = Literal["left", "centre", "right"]
Measure = Callable[[str, bool], float]  # (text, bold) -> width in points
#: An event: ISO date, label, and optionally the date as the memo writes it (render's
#: ``TimelineEntry.shown``; without it the ISO date is shown).
Event = tuple[str, str] | tuple[str, str, str]


@dataclass(frozen=True)
class Line:
    """One line of label text: its baseline ``y`` and whether it is the (bold) date."""

    text: str
    y: float
    bold: bool


@dataclass(frozen=True)
class Label:
    """A label box: text lines set from ``text_x`` with ``align``, and the stem to its tick."""

    tick: float  # x of the tick (and of the stem)
    side: int  # 1 above the axis, -1 below
    tier: int  # 0 nearest the axis
    text_x: float
    align: Align
    lines: tuple[Line, ...]
    stem: tuple[float, float]  # y where the stem leaves the axis and where it meets the box
    span: tuple[float, float]  # x extent of the text


@dataclass(frozen=True)
class TimelineLayout:
    """Everything a renderer draws, in points (origin bottom left, y up)."""

    width: float
    height: float
    axis_y: float
    font: str  # bundled family key (sans or serif): regular labels, bold dates
    font_size: float
    dot: float  # tick dot radius
    ticks: tuple[float, ...]
    labels: tuple[Label, ...]


@dataclass
class _Box:
    """A label box being placed: it must stay within ``lo``..``hi``, clear of other ticks."""

    tick: float
    lo: float
    hi: float
    dot: float  # tick dot radius: a flag's text starts at the dot's edge
    date: str
    texts: list[str]  # one label per event sharing this tick and side
    side: int = 1
    tier: int = 0
    lines: tuple[tuple[str, bool], ...] = ()
    left: float = 0.0
    right: float = 0.0
    align: Align = "centre"
    text_x: float = 0.0


def date_label(event: Event) -> str:
    """How a tick shows an event's date: as the memo writes it (``"Nov 2020"``, ``"нояб.
    2020 г."``), else its ISO date."""
    return (event[2] if len(event) > 2 else "") or event[0]


def when(iso: str) -> float:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as a fractional year, for positions."""
    year, month, day = ([int(p) for p in iso.split("-")] + [1, 1])[:3]
    year, month = max(year, 1), min(max(month, 1), 12)  # year 0000 is read as year 1
    while day > 28:  # 31 February is read as the last day of February, never an error
        try:
            date(year, month, day)
            break
        except ValueError:
            day -= 1
    return year + (date(year, month, max(day, 1)).timetuple().tm_yday - 1) / 366


def font_measure(key: str, size: float) -> Measure:
    """A :data:`Measure` for the bundled family ``key`` at ``size`` points."""
    return lambda text, bold: fonts.text_width(text, key, "bold" if bold else "regular", size)


def ticks(dates: Sequence[float], width: float, inset: float) -> list[float]:
    """x of each of the sorted distinct ``dates``: spaced part evenly, part by time."""
    if len(dates) == 1:
        return [width / 2]
    span, length = dates[-1] - dates[0], width - 2 * inset
    last = len(dates) - 1
    return [
        inset + length * ((1 - PROPORTIONAL) * k / last + PROPORTIONAL * (t - dates[0]) / span)
        for k, t in enumerate(dates)
    ]


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """``text`` broken into lines no wider than ``width``; a longer word is broken inside."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if measure(trial, False) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        while measure(word, False) > width and len(word) > 1:  # break an over-long word
            cut = max(n for n in range(1, len(word)) if measure(word[:n], False) <= width or n == 1)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def for_style(events: Sequence[Event], width: float, style: Style) -> TimelineLayout:
    """The layout every renderer of an audience draws: its heading family at :data:`SIZE`."""
    size = style.font_size * SIZE
    return layout(events, width, size, font_measure(style.heading_font, size), style.heading_font)


def colours(style: Style) -> dict[str, str]:
    """The graphic's colours (#RRGGBB) by role: axis, tick, stem, date and label."""
    c = style.colours
    return {
        "axis": c.primary,
        "tick": c.accent,
        "stem": c.muted,
        "date": c.primary,
        "label": c.text,
    }


def text_alternative(geometry: TimelineLayout) -> str:
    """The graphic's words as text, one line per label (date, then event), in date order:
    the alt text of the PNG and SVG renderings, with exactly the words the PDF draws."""
    return "\n".join(" ".join(line.text for line in label.lines) for label in geometry.labels)


def layout(
    events: Sequence[Event],
    width: float,
    font_size: float,
    measure: Measure,
    font: str = "sans",
) -> TimelineLayout:
    """Place ``events`` (ISO date, label and the date as shown; any order) on an axis
    ``width`` points long.

    No label box contains a tick other than its own, so no stem ever crosses a label; boxes on
    one side that would overlap go to different tiers (rows), which always ends.
    """
    fs, gap = font_size, font_size * GAP
    if not events:
        return TimelineLayout(width, 0.0, 0.0, font, fs, fs * DOT, (), ())
    groups: dict[float, list[tuple[str, str, str]]] = {}
    for event in sorted(events, key=lambda e: when(e[0])):
        groups.setdefault(when(event[0]), []).append((event[0], event[1], date_label(event)))
    xs = ticks(sorted(groups), width, fs * DOT * 2)
    boxes: list[_Box] = []
    for k, members in enumerate(groups.values()):
        lo = xs[k - 1] + gap / 2 if k else 0.0
        hi = xs[k + 1] - gap / 2 if k + 1 < len(xs) else width
        half = (len(members) + 1) // 2  # a shared date: the first half above, the rest below
        for side, part in ((1, members[:half]), (-1, members[half:])):
            if part:
                iso = part[0][0]
                same = all(m[0] == iso for m in part)
                texts = [t if same else f"{shown}: {t}" for _d, t, shown in part]
                if len(texts) > 1:
                    texts = [f"• {t}" for t in texts]
                date = part[0][2] if same else ""
                boxes.append(_Box(xs[k], lo, hi, fs * DOT, date, texts, side))
    _place(boxes, min(MAX_LABEL * fs, width / 3), gap, measure)
    return _assemble(boxes, width, fs, xs, font)


@dataclass(frozen=True)
class _Option:
    """One way to set a box: where, how wrapped, and what it costs (lower is better)."""

    cost: float
    side: int
    tier: int
    lines: tuple[tuple[str, bool], ...]
    align: Align
    text_x: float
    left: float
    right: float


def _place(boxes: list[_Box], widest: float, gap: float, measure: Measure) -> None:
    """Give each box, left to right, a side, a tier and its lines: the cheapest option that
    overlaps no box already placed (see :func:`_options`). A tick with a box on each side
    keeps them there; a lone box prefers the side opposite the box before it."""
    per_tick: dict[float, int] = {}
    for box in boxes:
        per_tick[box.tick] = per_tick.get(box.tick, 0) + 1
    placed: list[_Box] = []
    tiers: dict[tuple[int, int], int] = {}  # (side, tier) -> most lines of a box in it
    previous = -1
    for box in boxes:
        sides = [box.side] if per_tick[box.tick] > 1 else [-previous, previous]
        # A new, empty tier on a side always has an option, so there is always a best one.
        options = _options(box, sides, placed, tiers, widest, gap, measure)
        best = min(options, key=lambda option: option.cost)  # the first of equal costs
        box.side, box.tier, box.lines = best.side, best.tier, best.lines
        box.align, box.text_x, box.left, box.right = best.align, best.text_x, best.left, best.right
        key = (box.side, box.tier)
        tiers[key] = max(tiers.get(key, 0), len(box.lines))
        placed.append(box)
        previous = box.side


def _options(
    box: _Box,
    sides: list[int],
    placed: list[_Box],
    tiers: dict[tuple[int, int], int],
    widest: float,
    gap: float,
    measure: Measure,
) -> list[_Option]:
    """Every placement of ``box`` that overlaps nothing, each with its cost in lines: how
    much taller the graphic grows, plus penalties for a label of many short lines, for text
    pushed off its tick and for the less preferred side. Words are never broken if they fit."""
    room = min(widest, box.hi - box.lo)
    words = [w for t in box.texts for w in t.split()]
    floor = max([measure(box.date, True)] + [measure(w, False) for w in words])
    wraps = [_lines(box, room * share, measure) for share in WIDTHS if room * share >= floor]
    options = []
    for preference, side in enumerate(sides):
        new_tier = 1 + max((t for s, t in tiers if s == side), default=-1)
        for tier in range(new_tier + 1):
            for lines in wraps or [_lines(box, room, measure)]:
                text_width = max(measure(text, bold) for text, bold in lines)
                height = len(lines)
                grow = height + TIER_GAP if tier == new_tier else height - tiers[(side, tier)]
                penalty = max(grow, 0) + LONG * max(0, height - 3) + OTHER_SIDE * preference
                for clamp in (False, True):
                    for align, text_x, left, right in _alignments(box, text_width, clamp):
                        if all(
                            other.side != side or other.tier != tier
                            or right + gap <= other.left or other.right + gap <= left
                            for other in placed
                        ):  # fmt: skip
                            cost = penalty + CLAMPED * clamp
                            option = _Option(cost, side, tier, lines, align, text_x, left, right)
                            options.append(option)
    return options


def _lines(box: _Box, wrap_width: float, measure: Measure) -> tuple[tuple[str, bool], ...]:
    """The box's lines: the date (bold), then each label wrapped to ``wrap_width``."""

    def bold(text: str, _bold: bool) -> float:
        return measure(text, True)

    lines = [(line, True) for line in wrap(box.date, wrap_width, bold)]
    for text in box.texts:
        lines.extend((line, False) for line in wrap(text, wrap_width, measure))
    return tuple(lines)


def _alignments(
    box: _Box, text_width: float, clamp: bool
) -> list[tuple[Align, float, float, float]]:
    """(alignment, text x, left, right) of the placements of ``box``'s text within its room.

    Without ``clamp``: centred on the tick, or starting or ending at the tick (a flag), so the
    date stays by its tick. With ``clamp``: pushed against the end of the room it overruns.
    """
    tick, lo, hi, dot = box.tick, box.lo, box.hi, box.dot
    if clamp:
        if tick - text_width / 2 < lo:
            return [("left", lo, lo, lo + text_width)]
        return [("right", hi, hi - text_width, hi)]
    options: list[tuple[Align, float, float, float]] = [
        ("centre", tick, tick - text_width / 2, tick + text_width / 2),
        ("left", tick - dot, tick - dot, tick - dot + text_width),
        ("right", tick + dot, tick + dot - text_width, tick + dot),
    ]
    return [o for o in options if o[2] >= lo - 1e-6 and o[3] <= hi + 1e-6]


def _assemble(
    boxes: list[_Box], width: float, fs: float, xs: list[float], font: str
) -> TimelineLayout:
    """Stack the tiers outwards from the axis and turn boxes into positioned lines."""
    leading = fs * LEADING
    ascent, descent = fs * 0.95, fs * 0.3  # room above the first baseline, below the last

    def height(box: _Box) -> float:
        return ascent + (len(box.lines) - 1) * leading + descent

    tiers: dict[tuple[int, int], float] = {}
    for box in boxes:
        key = (box.side, box.tier)
        tiers[key] = max(tiers.get(key, 0.0), height(box))

    def extent(side: int, tier: int) -> float:
        """Distance from the axis to the near edge of ``tier`` on ``side``."""
        return fs * STEM + sum(tiers.get((side, t), 0.0) + fs * 0.5 for t in range(tier))

    reach = {side: max((extent(s, t) + h for (s, t), h in tiers.items() if s == side),
                       default=fs * DOT * 2) for side in (1, -1)}  # fmt: skip
    axis_y = reach[-1]
    labels = []
    for box in boxes:
        near = axis_y + box.side * extent(box.side, box.tier)
        top = near + height(box) if box.side > 0 else near
        lines = tuple(
            Line(text, top - ascent - i * leading, bold) for i, (text, bold) in enumerate(box.lines)
        )
        stem = (axis_y + box.side * fs * DOT, near)
        labels.append(
            Label(box.tick, box.side, box.tier, box.text_x, box.align, lines, stem,
                  (box.left, box.right))
        )  # fmt: skip
    return TimelineLayout(
        width=width,
        height=axis_y + reach[1],
        axis_y=axis_y,
        font=font,
        font_size=fs,
        dot=fs * DOT,
        ticks=tuple(xs),
        labels=tuple(labels),
    )
