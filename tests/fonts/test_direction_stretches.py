"""The stretches of a paragraph to isolate: Latin and dates in Arabic, Hebrew in English."""

from __future__ import annotations

import pytest

import briefgen.fonts.direction_stretches as module
from briefgen.fonts.direction_stretches import isolated_stretches


def _found(text: str, rtl: bool) -> list[str]:
    return [text[start:end] for start, end in isolated_stretches(text, rtl)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a citation is one stretch; the item number before it and ";" after stay outside
        ("1 R48903 ¶5, ¶6؛ 2 R48903 ¶9", ["R48903 ¶5, ¶6", "R48903 ¶9"]),
        # an ISO date after Arabic punctuation, and the citation after it
        ("التسلسل؛ 2026-04-07 IN12678 ¶4", ["2026-04-07 IN12678 ¶4"]),
        ("U.S.-Iran Ceasefire: Reassessment", ["U.S.-Iran Ceasefire: Reassessment"]),
        # quotation marks and brackets around a title stay outside; the Arabic comma too
        (
            "مصدرين: R48903، «The Strait of Hormuz» (Congressional Research Service، 2026-04-10)؛",
            ["R48903", "The Strait of Hormuz", "Congressional Research Service", "2026-04-10"],
        ),
        ("قال Service (CRS) report اليوم", ["Service (CRS) report"]),  # brackets inside
        ("من العنوان (¶1) و1–3 صفحات", ["¶1", "1–3"]),  # a sign before a number; a range
        ("Hormuz’s «x» و", ["Hormuz’s «x»"]),  # an apostrophe is no closing quotation mark
        ("بنسبة 40% و2nd", ["2nd"]),  # digits touching Latin belong to it
    ],
)
def test_left_to_right_stretches_in_a_right_to_left_paragraph(text: str, found: list[str]) -> None:
    assert _found(text, rtl=True) == found


@pytest.mark.parametrize(
    "text",
    [
        "نحو 130 سفينة",  # a lone number reads right already
        "نحو 1,000 سفينة و3.5 و12:30 و1/2",  # common separators keep an Arabic number whole
        "بنسبة 40% من 17 سفينة",
        "(¶) و",  # a sign without a number
    ],
)
def test_arabic_text_with_plain_numbers_is_left_alone(text: str) -> None:
    assert _found(text, rtl=True) == []


def test_right_to_left_stretches_in_a_left_to_right_paragraph() -> None:
    text = "The city (ירושלים), the اتفاقية 1959 and (שלום עולם) here."
    assert _found(text, rtl=False) == ["ירושלים", "اتفاقية 1959", "שלום עולם"]
    assert _found("Latin only, 2026-04-07 and ¶5", rtl=False) == []


def test_a_stretch_stops_at_breaks_and_an_unopened_closing_bracket() -> None:
    assert _found("قال ABC\tDEF و", rtl=True) == ["ABC", "DEF"]
    assert _found("(قال ABC) DEF و", rtl=True) == ["ABC", "DEF"]


def test_a_bracket_that_never_closes_ends_the_stretch() -> None:
    assert _found("قال Service (CRS و", rtl=True) == ["Service", "CRS"]
    assert _found("قال Service (CRS و) و", rtl=True) == ["Service", "CRS"]  # closes past Arabic


def test_hostile_text_is_read_in_time_in_proportion_to_its_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Letters between brackets that never close are each looked at a bounded number of
    times, and a long number of common separators is read once, not once per digit (no
    timing: the calls are counted)."""
    categories = 0
    real_category = module.unicodedata.category

    def category(char: str) -> str:
        nonlocal categories
        categories += 1
        return real_category(char)

    monkeypatch.setattr(module.unicodedata, "category", category)
    text = "A (" * 3000 + "ع"
    assert len(module.isolated_stretches(text, rtl=True)) == 3000
    assert categories <= 3 * len(text)

    numbers = 0
    real_number = module._number

    def number(classes: list[str], index: int) -> tuple[bool, int]:
        nonlocal numbers
        numbers += 1
        return real_number(classes, index)

    monkeypatch.setattr(module, "_number", number)
    assert module.isolated_stretches("ع " + "1," * 5000 + "1 ع", rtl=True) == []
    assert numbers == 1
