"""Number ranges: what counts as one, and a line break inside one."""

from __future__ import annotations

import pytest

from briefgen.document.number_ranges import broken_range, ranges, unbroken_pieces


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("killed 20,000-30,000 people", ["20,000-30,000"]),
        ("from 2020–2023 and 1.5-2.5%", ["2020–2023", "1.5-2.5"]),
        ("pages 4 - 8, a well-known ex-ante", []),  # spaced dashes and words are no ranges
        ("COVID-19 in 2020", []),
        ("on 2026-04-07, pages 1-3-5", ["2026-04-07", "1-3-5"]),  # a date is one range
    ],
)
def test_ranges(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in ranges(text)] == found


def test_a_break_after_the_dash_of_a_range_is_broken() -> None:
    assert broken_range("between 20,000-", "30,000 people")
    assert broken_range("in 2020–", "2023")
    assert not broken_range("between 20,000-30,000", "people")
    assert not broken_range("a well-", "known 2020")
    assert not broken_range("pages 4 -", "8")


def test_unbroken_pieces_cut_at_a_ranges_hyphen_and_join_its_en_dash() -> None:
    assert unbroken_pieces("a 20,000-30,000 b 2020–2023 c") == [
        "a 20,000",
        "30,000 b 2020\u2060–\u20602023 c",
    ]
    assert unbroken_pieces("a well-known case") == ["a well-known case"]
    assert unbroken_pieces("1988-1994") == ["1988", "1994"]
    assert unbroken_pieces("on 2026-04-07.") == ["on 2026", "04", "07."]
