"""fonts/languages.py: the fallback script a memo's language is written in."""

from __future__ import annotations

import pytest

from briefgen.fonts.languages import SCRIPT_CODES, language_script
from briefgen.fonts.scripts import FALLBACK_SCRIPTS


def test_every_fallback_script_has_its_iso_15924_code() -> None:
    assert set(SCRIPT_CODES) == set(FALLBACK_SCRIPTS)


@pytest.mark.parametrize(
    ("language", "script"),
    [
        ("ar", "arabic"), ("fa-IR", "arabic"), ("ur", "arabic"), ("he", "hebrew"),
        ("yi", "hebrew"), ("am", "ethiopic"), ("ti-ER", "ethiopic"), ("hi", "devanagari"),
        ("ne", "devanagari"), ("th", "thai"), ("az-Arab", "arabic"), ("pa-Deva", "devanagari"),
        ("en", None), ("ru", None), ("hy", None), ("az", None), ("az-Latn", None),
        ("ur-Latn", None), ("ka_GE", None),
    ],
)  # fmt: skip
def test_language_script(language: str, script: str | None) -> None:
    assert language_script(language) == script
