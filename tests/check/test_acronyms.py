"""The acronym rule's reading of words: capitals in any cased script, none in uncased ones."""

from __future__ import annotations

import pytest

from briefgen.check.acronyms import acronyms, uncased_script


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The U.S. and the EU met; NGOs and NATO’s staff came.", ["US", "EU", "NGO", "NATO"]),
        ("Решение ООН и ОДКБ", ["ООН", "ОДКБ"]),  # Cyrillic
        ("Ο ΟΗΕ συνεδρίασε", ["ΟΗΕ"]),  # Greek
        ("ՀՀ կառավարությունը", ["ՀՀ"]),  # Armenian
        ("ÉU and ŞOCAR", ["ÉU", "ŞOCAR"]),  # Latin beyond ASCII
        ("Section IV, COVID19, iPHONE, e.g., A and B, Mr Smith", []),
    ],
)
def test_acronyms_in_cased_scripts(text: str, found: list[str]) -> None:
    assert list(acronyms(text)) == found


@pytest.mark.parametrize(
    ("language", "script"),
    [("ar", "Arabic"), ("he", "Hebrew"), ("ka", "Georgian"), ("hi", "Devanagari"),
     ("am", "Ethiopic"), ("th", "Thai"), ("fa", "Arabic")],
)  # fmt: skip
def test_uncased_scripts_are_named(language: str, script: str) -> None:
    assert uncased_script(language) == script


@pytest.mark.parametrize("language", ["en", "en-GB", "ru", "hy", "az", "el", "fr"])
def test_cased_scripts_are_checked(language: str) -> None:
    assert uncased_script(language) is None
