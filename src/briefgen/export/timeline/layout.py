"""Geometry of the timeline graphic, computed once for every renderer (PDF, PNG, SVG).

The layout places dated events on a horizontal axis and their labels above and below it so
that no two labels overlap and no stem crosses a label. Renderers only draw what it returns:
lines, dots and text at given positions, in points, with the origin at the bottom left and y
pointing up (as in PDF; the SVG renderer flips y). Text is measured with the bundled fonts'
own metrics (:func:`briefgen.fonts.shaping.measure`), which reportlab and Pillow both draw with.

Placement:

- Ticks: one per distinct date. Their spacing is part even, part proportional to time
  (:data:`PROPORTIONAL`), so a long gap looks long while close dates stay apart. Room for the
  last label is kept right of the last tick.
- Labels: flags. Every label is set flush left, a little right of its tick's stem, which runs
  from the axis up (or down) the label's whole height like a flagpole. One alignment
  throughout: the eye finds each date at the top of a pole, and a label never has to be
  pushed off its tick at the ends of the axis, as centred ones must be.
- One box per date: the date in bold, then its event; events sharing a date are stacked in
  the same box as hanging bulleted items, so they share one tick and one short stem.
- Tiers: boxes sit in rows (tiers) above and below the axis. A box may reach over later ticks
  only from a tier further out than theirs, so no stem ever crosses a label. Right to left,
  each box takes the cheapest placement: its side (alternating is preferred), its wrap
  (wider or narrower) and the nearest tier that wrap allows, costed in lines of height added.
- Size: labels are :data:`SIZE` of the body size and never under :data:`MIN_SIZE` points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from briefgen.audience.style import MIN_TEXT_SIZE, Style
from briefgen.fonts.shaping import measure

SIZE = 0.8  # label size / the audience's body size ...
MIN_SIZE = MIN_TEXT_SIZE  # ... but never smaller than this (8 pt), whatever the body size
PROPORTIONAL = 0.3  # share of the axis length spaced by time; the rest is spaced evenly
LEADING = 1.25  # line height / font size
GAP = 1.0  # least space between a label and the next stem in its tier, in font sizes
PAD = 0.4  # space between a stem and its label's text, in font sizes
STEM = 0.6  # length of the stem between the axis and the first tier, in font sizes
TIER_SPACE = 0.5  # space between two tiers, in font sizes
MEASURE = 12.0  # room kept right of the last tick for its label, in font sizes
MAX_LABEL = 24.0  # widest label, in font sizes (also at most a third of the width)
WIDTHS = (1.0, 0.8, 0.64, 0.5, 0.4, 0.32)  # label widths tried, as fractions of the widest
# Costs of a placement, in lines of height: a new tier's gap, each line of a label beyond
# three (the date and two lines), each tier out from the axis (a longer stem), and the side
# a label's right-hand neighbour took.
TIER_GAP, LONG, TIER, SAME_SIDE = 0.4, 1.5, 0.1, 1.0
DOT = 0.3  # tick dot radius, in font sizes
BULLET = "• "  # marks each of several events stacked in one box

Measure = Callable[[str, bool], float]  # (text, bold) -> width in points
_Lines = tuple[tuple[str, bool, float], ...]  # (text, bold, indent) of each line of a box
#: An event: ISO date, label, and optionally the date as the memo writes it (render's
#: ``TimelineEntry.shown``; without it the ISO date is shown).
Event = tuple[str, str] | tuple[str, str, str]


@dataclass(frozen=True)
class Line:
    """One line of label text: its baseline ``y``, whether it is the (bold) date, and how far
    right of the label's ``text_x`` it starts (the hanging indent of a stacked event)."""

    text: str
    y: float
    bold: bool
    indent: float = 0.0


@dataclass(frozen=True)
class Label:
    """A label box, every line set flush left from ``text_x`` (plus its indent), and the
    stem that runs from its tick on the axis along the box's left side."""

    tick: float  # x of the tick (and of the stem)
    side: int  # 1 above the axis, -1 below
    tier: int  # 0 nearest the axis
    text_x: float
    lines: tuple[Line, ...]
    stem: tuple[float, float]  # y where the stem leaves the axis and where it ends
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
    """A label box being placed: one tick's date and events."""

    tick: float
    date: str
    texts: list[str]  # one label per event at this tick
    side: int = 1
    tier: int = 0
    lines: _Lines = ()
    right: float = 0.0  # x where its widest line ends


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
    return lambda text, bold: measure(text, key, "bold" if bold else "regular", size)


def ticks(
    dates: Sequence[float], width: float, inset: float, end: float | None = None
) -> list[float]:
    """x of each of the sorted distinct ``dates``: spaced part evenly, part by time, from
    ``inset`` to ``end`` short of the right edge (``inset`` unless given)."""
    end = inset if end is None else end
    if len(dates) == 1:
        return [min(width / 2, width - end)]
    span, length = dates[-1] - dates[0], width - inset - end
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


def label_size(style: Style) -> float:
    """The timeline's type size for ``style``: :data:`SIZE` of the body, at least
    :data:`MIN_SIZE` points."""
    return max(style.font_size * SIZE, MIN_SIZE)


def for_style(events: Sequence[Event], width: float, style: Style) -> TimelineLayout:
    """The layout every renderer of an audience draws: its heading family at
    :func:`label_size`."""
    size = label_size(style)
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
    """The graphic's words as text, one line per event, in date order, each box's date
    before its first event: the alt text of the PNG and SVG renderings, with the words the
    PDF draws but the bullets of stacked events (a screen reader would read them out)."""
    return "\n".join(event for label in geometry.labels for event in _events(label))


def _events(label: Label) -> list[str]:
    """Each event of ``label`` as one line of text, the first after the box's date."""
    texts = [line.text for line in label.lines if not line.bold]
    stacked = texts[0].startswith(BULLET)  # every box has an event, so a first line
    items: list[list[str]] = []
    for text in texts:
        if not items or (stacked and text.startswith(BULLET)):
            items.append([text.removeprefix(BULLET) if stacked else text])
        else:
            items[-1].append(text)
    items[0][:0] = [line.text for line in label.lines if line.bold]
    return [" ".join(item) for item in items]


def layout(
    events: Sequence[Event],
    width: float,
    font_size: float,
    measure: Measure,
    font: str = "sans",
) -> TimelineLayout:
    """Place ``events`` (ISO date, label and the date as shown; any order) on an axis
    ``width`` points long.

    Events of one date share one tick and one box. No label crosses a stem or another label:
    a box reaching over later ticks sits in a tier further out than theirs, which always ends.
    """
    fs = font_size
    if not events:
        return TimelineLayout(width, 0.0, 0.0, font, fs, fs * DOT, (), ())
    groups: dict[float, list[tuple[str, str, str]]] = {}
    for event in sorted(events, key=lambda e: when(e[0])):
        groups.setdefault(when(event[0]), []).append((event[0], event[1], date_label(event)))
    boxes = [_box(members) for members in groups.values()]
    widest = min(MAX_LABEL * fs, width / 3)
    # Room for the last label right of its tick: its lines at a comfortable measure.
    last = _balanced(boxes[-1], min(MEASURE * fs, widest), measure)
    end = 2 * fs * PAD + _width(last, measure)  # a pad either side: no ink at the edge
    xs = ticks(sorted(groups), width, fs * DOT, min(end, width / 2))
    for box, x in zip(boxes, xs, strict=True):
        box.tick = x
    _place(boxes, width, widest, fs, measure)
    return _assemble(boxes, width, fs, xs, font)


def _box(members: list[tuple[str, str, str]]) -> _Box:
    """The box of one tick's events (ISO date, label, date as shown): under their date, or
    each with its own where the dates differ in precision (1994 and Jan 1994 share a
    position)."""
    iso = members[0][0]
    same = all(m[0] == iso for m in members)
    texts = [t if same else f"{shown}: {t}" for _iso, t, shown in members]
    return _Box(0.0, members[0][2] if same else "", texts)


def _place(boxes: list[_Box], width: float, widest: float, fs: float, measure: Measure) -> None:
    """Give each box, right to left, a side, a tier and its lines: the cheapest of its
    placements (see :func:`_options`). A box prefers the side its right-hand neighbour did
    not take, so that alternating puts the first box above the axis."""
    placed: dict[int, list[_Box]] = {1: [], -1: []}
    tiers: dict[tuple[int, int], int] = {}  # (side, tier) -> most lines of a box in it
    neighbour = 1 if len(boxes) % 2 == 0 else -1
    for box in reversed(boxes):
        # (1e-6: the last label's room is its own width, give or take a rounding error)
        room = max(min(widest, width - box.tick - 2 * fs * PAD + 1e-6), fs)
        options = _options(box, room, (-neighbour, neighbour), placed, tiers, fs, measure)
        _, box.side, box.tier, box.lines, box.right = min(options, key=lambda o: o[0])
        key = (box.side, box.tier)
        tiers[key] = max(tiers.get(key, 0), len(box.lines))
        placed[box.side].append(box)
        neighbour = box.side
    if not placed[1]:  # all on one side (short labels fit one row): flags stand above the axis
        for box in boxes:
            box.side = 1


def _options(
    box: _Box,
    room: float,
    sides: tuple[int, int],
    placed: dict[int, list[_Box]],
    tiers: dict[tuple[int, int], int],
    fs: float,
    measure: Measure,
) -> list[tuple[float, int, int, _Lines, float]]:
    """(cost, side, tier, lines, right end) of each way to set ``box``: on each of ``sides``
    (the first preferred), wrapped to each of :data:`WIDTHS` of ``room`` that breaks no word,
    in the nearest tier it may take. Placing from the right means every stem the box could
    reach over is already known: it goes one tier further out than the furthest of them."""
    words = [w for t in box.texts for w in t.split()]
    floor = max([measure(box.date, True)] + [measure(BULLET + w, False) for w in words])
    # Widest first, each wrap once: of equal costs the first, with the fewest lines, wins.
    shares = [room * f for f in WIDTHS if room * f >= floor]
    wraps = list(dict.fromkeys(_balanced(box, width, measure) for width in shares))
    options = []
    for preference, side in enumerate(sides):
        for lines in wraps or [_lines(box, room, measure)]:
            right = box.tick + fs * PAD + _width(lines, measure)
            reached = [b.tier for b in placed[side] if b.tick < right + fs * GAP]
            tier = 1 + max(reached, default=-1)
            cost = _cost(len(lines), tiers.get((side, tier)), tier) + SAME_SIDE * preference
            options.append((cost, side, tier, lines, right))
    return options


def _cost(height: int, tallest: int | None, tier: int) -> float:
    """The cost in lines of a box ``height`` lines tall in a tier whose tallest box so far
    has ``tallest`` lines (None: a new tier): the height the graphic grows by, a penalty for
    a label of many short lines, and a little for each tier out (a longer stem)."""
    grow = height + TIER_GAP if tallest is None else max(height - tallest, 0)
    return grow + LONG * max(0, height - 3) + TIER * tier


def _balanced(box: _Box, wrap_width: float, measure: Measure) -> _Lines:
    """The box's lines wrapped to ``wrap_width``, then as narrow as they go without another
    line: the lines come out even, with no word left alone on the last."""
    lines = _lines(box, wrap_width, measure)
    while True:
        narrower = _lines(box, _width(lines, measure) - 0.5, measure)
        if len(narrower) > len(lines) or _width(narrower, measure) >= _width(lines, measure):
            return lines
        lines = narrower


def _width(lines: _Lines, measure: Measure) -> float:
    """The width of the widest of ``lines``, from the label's edge."""
    return max(indent + measure(text, bold) for text, bold, indent in lines)


def _lines(box: _Box, wrap_width: float, measure: Measure) -> _Lines:
    """The box's lines: the date (bold), then each event wrapped to ``wrap_width``; several
    events as bulleted items, their lines after the first hung past the bullet."""

    def bold(text: str, _bold: bool) -> float:
        return measure(text, True)

    lines = [(line, True, 0.0) for line in wrap(box.date, wrap_width, bold)]
    if len(box.texts) == 1:
        lines.extend((line, False, 0.0) for line in wrap(box.texts[0], wrap_width, measure))
        return tuple(lines)
    hang = measure(BULLET, False)
    for text in box.texts:
        parts = wrap(text, wrap_width - hang, measure)
        lines.append((BULLET + parts[0], False, 0.0))
        lines.extend((part, False, hang) for part in parts[1:])
    return tuple(lines)


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
        return fs * STEM + sum(tiers.get((side, t), 0.0) + fs * TIER_SPACE for t in range(tier))

    reach = {side: max((extent(s, t) + h for (s, t), h in tiers.items() if s == side),
                       default=fs * DOT * 2) for side in (1, -1)}  # fmt: skip
    axis_y = reach[-1]
    labels = []
    for box in boxes:
        near = axis_y + box.side * extent(box.side, box.tier)
        top = near + height(box) if box.side > 0 else near
        lines = tuple(
            Line(text, top - ascent - i * leading, bold, indent)
            for i, (text, bold, indent) in enumerate(box.lines)
        )
        # The pole ends level with the date's capitals above the axis, at the last line's
        # baseline below it.
        far = lines[0].y + fs * 0.73 if box.side > 0 else lines[-1].y
        stem = (axis_y + box.side * fs * DOT, far)
        text_x = box.tick + fs * PAD
        labels.append(Label(box.tick, box.side, box.tier, text_x, lines, stem, (text_x, box.right)))
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
