"""The timeline graphic's shared geometry: ticks, label placement, no overlaps, every word."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import (
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


def test_wrap_keeps_words_and_breaks_only_what_cannot_fit() -> None:
    measure = font_measure("sans", 8)
    lines = wrap("Second Karabakh War: Armenian defeat", 60, measure)
    assert " ".join(lines) == "Second Karabakh War: Armenian defeat"
    assert all(measure(line, False) <= 60 for line in lines)
    assert "".join(wrap("x" * 60, 40, measure)) == "x" * 60


def test_essay_timeline_is_legible(essay: TimelineLayout) -> None:
    _assert_legible(essay)
    assert len(essay.ticks) == 6  # the two 2020 events share a tick
    assert 60 < essay.height < 130


def test_two_events_in_one_year_sit_either_side_of_their_tick(essay: TimelineLayout) -> None:
    in_2020 = [label for label in essay.labels if label.lines[0].text == "2020"]
    assert len(in_2020) == 2
    assert in_2020[0].tick == in_2020[1].tick
    assert {label.side for label in in_2020} == {1, -1}


def test_every_word_is_drawn_and_in_the_text_alternative(essay: TimelineLayout) -> None:
    drawn = " ".join(line.text for label in essay.labels for line in label.lines).split()
    expected = " ".join(f"{date} {text}" for date, text in ESSAY).split()
    assert sorted(drawn) == sorted(expected)
    assert text_alternative(essay).split() == drawn
    assert text_alternative(essay).splitlines()[0] == "1915 Events of 1915: the genocide narrative"


def test_each_date_is_bold_and_first(essay: TimelineLayout) -> None:
    for label in essay.labels:
        assert label.lines[0].bold and not any(line.bold for line in label.lines[1:])


def test_three_events_on_one_date_and_mixed_precision() -> None:
    measure = font_measure("sans", 8)
    same = layout([("2020", "one"), ("2020", "two"), ("2020", "three")], 300, 8, measure)
    texts = [[line.text for line in label.lines] for label in same.labels]
    assert texts == [["2020", "• one", "• two"], ["2020", "three"]]
    mixed = layout([("1994", "a"), ("1994-01", "b", "Jan 1994")], 300, 8, measure)  # one place
    assert len(mixed.ticks) == 1
    assert [[line.text for line in label.lines] for label in mixed.labels] == [
        ["1994", "a"],
        ["Jan 1994", "b"],
    ]
    events = [("1994", "a"), ("1994-01", "b", "Jan 1994"), ("1994-01-01", "c", "1 Jan 1994")]
    three = layout(events, 300, 8, measure)
    assert [line.text for line in three.labels[0].lines] == ["• 1994: a", "• Jan 1994: b"]


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


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_DATES, _LABELS), min_size=1, max_size=12),
    st.sampled_from([200.0, 340.0, WIDTH]),
)
def test_any_timeline_is_legible_and_complete(events: list[tuple[str, str]], width: float) -> None:
    geometry = layout(events, width, 7.6, font_measure("sans", 7.6))
    _assert_legible(geometry)
    drawn = "".join(line.text for label in geometry.labels for line in label.lines)
    for _, text in events:
        for word in text.split():
            assert word in drawn.replace(" ", "") or word.replace(" ", "") in drawn
