"""The per-character fallback: which family sets each stretch of a text."""

from __future__ import annotations

from briefgen.fonts.bundled import coverage, face_font, face_of, family, missing_characters
from briefgen.fonts.runs import font_runs, needs_fallback


def _runs(text: str, family_key: str = "serif") -> list[tuple[str, str]]:
    return [(run.text, run.family) for run in font_runs(text, family_key)]


def test_latin_text_is_one_run_in_the_text_family() -> None:
    assert _runs("Bakı, Երևան, თბილისი, Москва (1997).") == [
        ("Bakı, Երևան, თბილისი, Москва (1997).", "serif")
    ]
    assert not needs_fallback("Bakı, Երևան, თბილისი, Москва")


def test_each_script_goes_to_its_family_and_brackets_stay_with_the_text_family() -> None:
    assert _runs("Jerusalem (ירושלים), the Nile (النيل) 1997.") == [
        ("Jerusalem (", "serif"),
        ("ירושלים", "serif-hebrew"),
        ("), the Nile (", "serif"),
        ("النيل", "serif-arabic"),
        (") 1997.", "serif"),
    ]
    assert _runs("हिन्दी ዓባይ ไทย", "sans") == [
        ("हिन्दी ", "sans-devanagari"),
        ("ዓባይ ", "sans-ethiopic"),
        ("ไทย", "sans-thai"),
    ]


def test_neutrals_inside_a_script_run_stay_in_it_when_its_font_has_them() -> None:
    # Noto Naskh Arabic has the space, digits and the Arabic comma: one run, so the shaper
    # sees whole words; it has no "(", which goes to the text family.
    assert _runs("المادة 5، النهر (أ)") == [
        ("المادة 5، النهر ", "serif-arabic"),
        ("(", "serif"),
        ("أ", "serif-arabic"),
        (")", "serif"),
    ]


def test_script_families_set_italics_upright_and_count_for_coverage() -> None:
    assert face_of("serif-arabic", "italic") == "regular"
    assert face_of("serif-arabic", "bolditalic") == "bold"
    assert face_of("serif", "italic") == "italic"
    assert face_font("sans-hebrew", "italic") is face_font("sans-hebrew", "regular")
    assert ord("ا") in coverage("serif-arabic") and ord("ا") not in coverage("serif")
    assert family("serif-ethiopic").name == "Noto Serif Ethiopic"
    assert missing_characters("النيل ዓባይ ירדן हिन्दी ไทย", ("serif",)) == []
    assert missing_characters("中文", ("serif", "sans")) == ["中", "文"]
