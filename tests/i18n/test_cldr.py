"""Dates, numbers and lists through Babel (CLDR), in the memo's locale."""

from __future__ import annotations

from babel import Locale

from briefgen.i18n.cldr import (
    day_month_case,
    known_locale,
    long_date,
    names_list,
    number,
    partial_date,
)

RU, AR, HY, GB = (Locale.parse(tag) for tag in ("ru", "ar", "hy", "en_GB"))


def test_long_dates() -> None:
    assert long_date("2026-11-26", GB) == "26 November 2026"  # as briefgen always wrote it
    assert long_date("2026-11-26", RU) == "26 ноября 2026\u202fг."  # CLDR's narrow space
    assert long_date("2026-11-26", AR) == "26 نوفمبر 2026"
    assert long_date("2026-11-26", HY) == "2026 թ. նոյեմբերի 26"


def test_partial_dates_keep_the_briefs_precision() -> None:
    assert [partial_date(iso, GB) for iso in ("1994", "2020-11", "2020-11-10")] == [
        "1994",
        "Nov 2020",
        "10 Nov 2020",
    ]
    assert partial_date("2021-03", RU) == "март 2021\u202fг."
    assert partial_date("2021-03-08", RU, month="MMMM") == "8 марта 2021\u202fг."
    assert partial_date("2021-03", AR) == "مارس 2021"
    assert partial_date("2020-02-31", GB) == "29 Feb 2020"  # past the month's end: its last day


def test_numbers_and_lists() -> None:
    assert number(1234, RU) == "1\xa0234"
    assert names_list(["Турция", "Азербайджан", "Армения"], RU) == "Турция, Азербайджан и Армения"
    assert names_list(["Turkey", "Azerbaijan"], GB) == "Turkey and Azerbaijan"
    assert names_list([], GB) == ""


def test_unknown_locales_are_none() -> None:
    assert known_locale("ar-EG") == Locale.parse("ar_EG")
    assert known_locale("xx") is None


def test_a_month_after_a_day_number_is_inflected_where_the_language_inflects_it() -> None:
    assert day_month_case("The White House, 8 апрель 2026 г.", RU) == (
        "The White House, 8 апреля 2026 г."
    )
    assert day_month_case("апрель 2026; 8 апрель", RU) == "апрель 2026; 8 апреля"
    assert day_month_case("8 kwiecień 2026", Locale.parse("pl")) == "8 kwietnia 2026"
    assert day_month_case("8 April 2026", GB) == "8 April 2026"  # one form: unchanged
