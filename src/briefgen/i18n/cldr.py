"""Dates, numbers and lists as CLDR writes them in a locale, through Babel."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal


@cache
def known_locale(tag: str) -> Locale | None:
    """Babel's locale for a BCP 47 or CLDR tag (``ar-EG``, ``en_GB``); None if CLDR has none."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def long_date(iso: str, locale: Locale) -> str:
    """``"2026-11-26"`` as the locale's long date: ``26 November 2026`` (en_GB),
    ``26 ноября 2026 г.`` (ru)."""
    return format_date(date.fromisoformat(iso), format="long", locale=locale)


def partial_date(iso: str, locale: Locale, month: str = "MMM") -> str:
    """An ISO date as precise as it is written: ``2020`` stays the year, ``2020-11`` is the
    month and year, ``2020-11-10`` the whole date (``Nov 2020``, ``10 Nov 2020`` in en_GB).
    ``month`` is the CLDR month width: ``MMM`` abbreviated, ``MMMM`` in full."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = parts[2] if len(parts) == 3 else 1
    skeleton = f"y{month}d" if len(parts) == 3 else f"y{month}"
    return format_skeleton(skeleton, _valid_date(parts[0], parts[1], day), locale=locale)


def _valid_date(year: int, month: int, day: int) -> date:
    """The date, with a day past the month's end read as its last day (as the timeline does)."""
    year, month = max(year, 1), min(max(month, 1), 12)
    while day > 28:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1
    return date(year, month, max(day, 1))


def number(value: int | float, locale: Locale) -> str:
    """A number with the locale's separators: ``1,234`` (en), ``1 234`` (ru, fr)."""
    return format_decimal(value, locale=locale)


def names_list(names: list[str], locale: Locale) -> str:
    """``["A", "B", "C"]`` joined as the locale joins a list: ``A, B and C`` (en_GB),
    ``A, B и C`` (ru), ``A وB وC`` (ar)."""
    return format_list(names, style="standard", locale=locale) if names else ""


@cache
def _day_month_pattern(locale: Locale) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """A pattern finding a day number then a month named in its stand-alone form, and each
    such form's format (inflected) form, for a locale whose two differ; None otherwise."""
    standalone, inflected = locale.months["stand-alone"]["wide"], locale.months["format"]["wide"]
    forms = {standalone[n]: inflected[n] for n in standalone if standalone[n] != inflected[n]}
    if not forms:
        return None
    names = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"\b(\d{{1,2}}\s+)({names})\b"), forms


def day_month_case(text: str, locale: Locale) -> str:
    """``text`` with a month named after a day number in the form CLDR gives a full date
    (``8 апрель`` -> ``8 апреля``, ``8 kwiecień`` -> ``8 kwietnia``): citation styles take
    the stand-alone (nominative) name, right only for a month without a day."""
    found = _day_month_pattern(locale)
    if found is None:
        return text
    pattern, forms = found
    return pattern.sub(lambda m: m.group(1) + forms[m.group(2)], text)
