"""The timeline graphic's shared geometry: ticks, label placement, no overlaps, every word."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import (
    BULLET,
    GAP,
    MIN_SIZE,
    PAD,
    STEM,
    Label,
    TimelineLayout,
    date_label,
    font_measure,
    for_style,
    layout,
    text_alternative,
    ticks,
    when,
    wrap,
)

WIDTH = 481.9  # the text width of an A4 page with 22 mm margins, in points
ESSAY = [
    ("1915", "Events of 1915: the genocide narrative"),
    ("1991", "Azerbaijan–Georgia border left unmarked"),
    ("1994", "First Karabakh War: Armenian victory"),
    ("2019", "Pashinyan: “Karabakh is Armenia”"),
    ("2020", "Second Karabakh War: Armenian defeat"),
    ("2020", "Ceasefire; Russian peacekeepers deployed"),
    ("2024", "Armenia at a critical juncture"),
]


def _boxes(geometry: TimelineLayout) -> list[tuple[float, float, float, float]]:
    """Each label's text rectangle (left, bottom, right, top), as the renderers set it."""
    fs = geometry.font_size
    return [
        (label.span[0], min(line.y for line in label.lines) - fs * 0.3,
         label.span[1], max(line.y for line in label.lines) + fs * 0.95)
        for label in geometry.labels
    ]  # fmt: skip


def _assert_legible(geometry: TimelineLayout) -> None:
    """No two labels overlap, no stem crosses another label, everything is on the drawing."""
    boxes = _boxes(geometry)
    for i, (left, bottom, right, top) in enumerate(boxes):
        assert -0.01 <= left <= right <= geometry.width + 0.01
        assert -0.01 <= bottom <= top <= geometry.height + 0.01
        for j, (left2, bottom2, right2, top2) in enumerate(boxes[i + 1 :], start=i + 1):
            apart = right <= left2 or right2 <= left or top <= bottom2 or top2 <= bottom
            assert apart, f"labels {i} and {j} overlap"
        for label in geometry.labels:
            if label is geometry.labels[i]:
                continue
            low, high = sorted(label.stem)
            crosses = left < label.tick < right and low < top and bottom < high
            assert not crosses, f"the stem at {label.tick:.1f} crosses label {i}"


@pytest.fixture(scope="module")
def essay() -> TimelineLayout:
    return for_style(ESSAY, WIDTH, Style(font_size=9.5))


def test_dates_as_ticks_show_them() -> None:
    # As the memo writes them (render's TimelineEntry.shown), else the ISO date.
    events = [("1994", "a", "1994"), ("2020-11", "b", "Nov 2020"), ("2020-11-10", "c", "")]
    assert [date_label(e) for e in events] == ["1994", "Nov 2020", "2020-11-10"]
    assert date_label(("2020-11", "b")) == "2020-11"


def test_when_orders_partial_dates_and_never_fails() -> None:
    assert when("1994") < when("1994-02") < when("1994-02-15") < when("1995")
    assert when("2023-02-31") == when("2023-02-28")  # read as the month's last day


def test_ticks_are_part_even_part_proportional() -> None:
    xs = ticks([1915.0, 1991.0, 1994.0, 2020.0], 400, 0)
    assert xs[0] == 0 and xs[-1] == pytest.approx(400)
    gaps = [b - a for a, b in pairwise(xs)]
    assert gaps[0] > gaps[2] > gaps[1] > 0  # 76 years > 26 years > 3 years, all legible
    assert min(gaps) > 0.5 * 400 / 3  # at least the even share
    assert ticks([2000.0], 400, 0) == [200]


def test_labels_wrap_evenly() -> None:
    # Balanced: no word left alone on a last line when the lines can come out even.
    for label in for_style(ESSAY, WIDTH, Style(font_size=9.5)).labels:
        last = label.lines[-1].text
        assert len(label.lines) == 2 or " " in last, [line.text for line in label.lines]


def test_wrap_keeps_words_and_breaks_only_what_cannot_fit() -> None:
    measure = font_measure("sans", 8)
    lines = wrap("Second Karabakh War: Armenian defeat", 60, measure)
    assert " ".join(lines) == "Second Karabakh War: Armenian defeat"
    assert all(measure(line, False) <= 60 for line in lines)
    assert "".join(wrap("x" * 60, 40, measure)) == "x" * 60


def test_essay_timeline_is_legible(essay: TimelineLayout) -> None:
    _assert_legible(essay)
    _assert_stems_short(essay)
    assert all(label.tier == 0 for label in essay.labels)  # no stem longer than the least
    assert len(essay.ticks) == 6  # the two 2020 events share a tick
    assert 60 < essay.height < 130


def test_two_events_in_one_year_are_stacked_at_one_tick(essay: TimelineLayout) -> None:
    in_2020 = [label for label in essay.labels if label.lines[0].text == "2020"]
    assert len(in_2020) == 1  # one box, one tick, one stem
    (box,) = in_2020
    joined = " ".join(line.text for line in box.lines)
    expected = (
        "2020 • Second Karabakh War: Armenian defeat • Ceasefire; Russian peacekeepers deployed"
    )
    assert joined.split() == expected.split(" ")
    assert sum(line.text.startswith(BULLET) for line in box.lines) == 2
    assert box.tier == 0 and _stem_gap(essay, box) == pytest.approx(STEM * essay.font_size)


def test_every_label_is_flush_left_by_its_stem(essay: TimelineLayout) -> None:
    for label in essay.labels:
        assert label.text_x == pytest.approx(label.tick + PAD * essay.font_size)
        assert label.span[0] == label.text_x
    _assert_flush_left(essay)


def _assert_flush_left(geometry: TimelineLayout) -> None:
    """Every line starts at its label's edge, just right of the stem; only the later lines
    of a stacked event hang in, past its bullet."""
    hang = font_measure(geometry.font, geometry.font_size)(BULLET, False)
    for label in geometry.labels:
        assert label.text_x == pytest.approx(label.tick + PAD * geometry.font_size)
        assert label.span[0] == label.text_x and label.lines[0].indent == 0
        # and the text stays a pad clear of the drawing's right edge
        assert label.span[1] <= geometry.width - PAD * geometry.font_size + 0.01
        for line in label.lines:
            assert line.indent in (0, hang)
            assert not (line.indent and line.text.startswith(BULLET))


def _assert_stems_short(geometry: TimelineLayout) -> None:
    """One label per tick; a label's stem is as short as the tiers allow: tier 0 sits the
    least stem away from the axis, and a label is further out only because it reaches over
    the stem of a label one tier in on its side."""
    assert sorted(label.tick for label in geometry.labels) == list(geometry.ticks)
    gap = GAP * geometry.font_size
    for label in geometry.labels:
        if label.tier == 0:
            assert _stem_gap(geometry, label) == pytest.approx(STEM * geometry.font_size)
            continue
        assert any(
            other.side == label.side and other.tier == label.tier - 1
            and label.tick < other.tick < label.span[1] + gap
            for other in geometry.labels
        ), f"the label at {label.tick:.1f} could sit a tier nearer the axis"  # fmt: skip


def _stem_gap(geometry: TimelineLayout, label: Label) -> float:
    """The stem's length between the axis and the label's nearest line of text."""
    fs = geometry.font_size
    near = (
        min(line.y for line in label.lines) - fs * 0.3
        if label.side > 0
        else max(line.y for line in label.lines) + fs * 0.95
    )
    return abs(near - geometry.axis_y)


@pytest.mark.parametrize("body", [7.0, 8.0, 9.0, 9.5, 12.0])
def test_labels_are_never_under_the_floor(body: float) -> None:
    geometry = for_style(ESSAY, WIDTH, Style(font_size=body))
    assert geometry.font_size == max(MIN_SIZE, body * 0.8) >= 7.5


def test_every_word_is_drawn_and_in_the_text_alternative(essay: TimelineLayout) -> None:
    drawn = " ".join(line.text for label in essay.labels for line in label.lines).split()
    dates = dict.fromkeys(date for date, _ in ESSAY)  # each date once, over its events
    expected = [*dates, *" ".join(text for _, text in ESSAY).split(), "•", "•"]
    assert sorted(drawn) == sorted(expected)
    # One line per event, each date once: a stacked event's bullet is not read out.
    lines = [f"{date} {text}" for date, text in ESSAY]
    lines[5] = lines[5].removeprefix("2020 ")  # the second event of 2020
    assert text_alternative(essay).splitlines() == lines
    assert text_alternative(essay).split() == [word for word in drawn if word != "•"]


def test_each_date_is_bold_and_first(essay: TimelineLayout) -> None:
    for label in essay.labels:
        assert label.lines[0].bold and not any(line.bold for line in label.lines[1:])


def test_three_events_on_one_date_and_mixed_precision() -> None:
    measure = font_measure("sans", 8)
    same = layout([("2020", "one"), ("2020", "two"), ("2020", "three")], 300, 8, measure)
    texts = [[line.text for line in label.lines] for label in same.labels]
    assert texts == [["2020", "• one", "• two", "• three"]]
    mixed = layout([("1994", "a"), ("1994-01", "b", "Jan 1994")], 300, 8, measure)  # one place
    assert len(mixed.ticks) == 1
    assert [[line.text for line in label.lines] for label in mixed.labels] == [
        ["• 1994: a", "• Jan 1994: b"],
    ]
    events = [("1994", "a"), ("1994-01", "b", "Jan 1994"), ("1994-01-01", "c", "1 Jan 1994")]
    three = layout(events, 300, 8, measure)
    assert [line.text for line in three.labels[0].lines] == [
        "• 1994: a",
        "• Jan 1994: b",
        "• 1 Jan 1994: c",
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_short_labels_stand_in_one_row_above_the_axis(count: int) -> None:
    events = [(str(1900 + 30 * k), f"Event {k}") for k in range(count)]
    geometry = layout(events, WIDTH, 8, font_measure("sans", 8))
    assert {(label.side, label.tier) for label in geometry.labels} == {(1, 0)}
    assert geometry.axis_y == pytest.approx(8 * 0.3 * 2)  # nothing below but the dots


def test_no_events_draw_nothing() -> None:
    empty = layout([], 300, 8, font_measure("sans", 8))
    assert empty.height == 0 and not empty.labels and not empty.ticks


_DATES = st.builds(
    lambda y, m, d: (
        f"{y}" if m is None else f"{y}-{m:02d}" if d is None else f"{y}-{m:02d}-{d:02d}"
    ),
    st.integers(1800, 2100),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 31)),
)
_LABELS = st.lists(
    st.sampled_from(["war", "ceasefire", "Karabakh", "Azərbaycan", "Հայաստան", "საქართველო",
                     "Россия", "treaty", "border", "peacekeepers", "x" * 30, "a", "“quote”"]),
    min_size=1, max_size=7,
).map(" ".join)  # fmt: skip


# Few distinct years, so that many events share a date (and a box).
_CROWDED = st.sampled_from(["1994", "2020", "2020-11", "2020-11-10", "2021", "2024"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(_DATES, _CROWDED), _LABELS), min_size=1, max_size=40),
    st.sampled_from([200.0, 340.0, WIDTH]),
)
def test_any_timeline_is_legible_and_complete(events: list[tuple[str, str]], width: float) -> None:
    geometry = layout(events, width, 7.6, font_measure("sans", 7.6))
    _assert_legible(geometry)
    _assert_flush_left(geometry)
    _assert_stems_short(geometry)
    drawn = "".join(line.text for label in geometry.labels for line in label.lines)
    for _, text in events:
        for word in text.split():
            assert word in drawn.replace(" ", "") or word.replace(" ", "") in drawn


def test_dozens_of_events_lay_out() -> None:
    events = [(str(1950 + 2 * k), f"Event number {k} of a long series") for k in range(36)]
    events += [("2020", "A second event in 2020"), ("2020", "And a third one")]
    geometry = for_style(events, WIDTH, Style(font_size=9.5))
    _assert_legible(geometry)
    _assert_flush_left(geometry)
    _assert_stems_short(geometry)
    assert len(geometry.labels) == len(geometry.ticks) == 36
