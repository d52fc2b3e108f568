"""Scripts and directions of characters, texts and languages."""

from __future__ import annotations

import pytest

from briefgen.fonts.scripts import (
    first_strong_direction,
    has_rtl,
    language_direction,
    script_of,
)


@pytest.mark.parametrize(
    ("char", "script"),
    [("ا", "arabic"), ("ﻻ", "arabic"), ("ש", "hebrew"), ("ዓ", "ethiopic"), ("ह", "devanagari"),
     ("ก", "thai"), ("a", None), ("Ж", None), ("Ա", None), ("ა", None), ("(", None), ("5", None)],
)  # fmt: skip
def test_script_of(char: str, script: str | None) -> None:
    assert script_of(char) == script


def test_first_strong_direction_skips_digits_and_punctuation() -> None:
    assert first_strong_direction("1997 (النيل)") == "rtl"
    assert first_strong_direction("(5) Nile النيل") == "ltr"
    assert first_strong_direction("1997 — 2026") is None
    assert has_rtl("the Jordan (הירדן)") and not has_rtl("Երևան, Москва")


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur-PK", "rtl"),
     ("en", "ltr"), ("ru", "ltr"), ("hy", "ltr"), ("az", "ltr"), ("az-Arab", "rtl"),
     ("ku-Latn", "ltr"), ("ka", "ltr")],
)  # fmt: skip
def test_language_direction(language: str, direction: str) -> None:
    assert language_direction(language) == direction
