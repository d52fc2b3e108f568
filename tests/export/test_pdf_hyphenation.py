"""PDF hyphenation follows the memo's language: Pyphen's patterns where it has them, none
elsewhere, and none for English (laid out as it always was)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.pdf import writer
from briefgen.export.pdf.hyphenation import hyphenation_language
from conftest import build_sample_document

WITH_PATTERNS = {"fr": "fr", "es": "es", "ru": "ru", "de-AT": "de_AT", "pt-BR": "pt_BR"}
WITHOUT = ["ar", "hy", "az", "ka", "he", "am", "hi"]


@pytest.mark.parametrize(("language", "patterns"), WITH_PATTERNS.items())
def test_languages_with_patterns_are_hyphenated_with_them(language: str, patterns: str) -> None:
    assert hyphenation_language(language) == patterns


@pytest.mark.parametrize("language", [*WITHOUT, "en", "en-GB", "en-US"])
def test_no_patterns_or_english_means_no_hyphenation(language: str) -> None:
    assert hyphenation_language(language) == ""


@pytest.mark.parametrize("language", ["en", *WITHOUT])
def test_unhyphenated_sheets_are_todays(language: str) -> None:
    sheet = writer._styles(Style(), language)
    assert all(not style.hyphenationLang for style in sheet.values())
    if language != "ar":  # (Arabic lines are set with more leading: a sheet of their own)
        assert sheet is writer._styles(Style(), "en")  # one sheet, as before


def _lines(text: str, language: str, width: float) -> list[str]:
    writer.register_fonts()
    paragraph = Paragraph(text, writer._styles(Style(), language)["body"])
    paragraph.wrap(width, 1000)
    return [" ".join(str(w) for w in line.words) if hasattr(line, "words") else " ".join(line[1])
            for line in paragraph.blPara.lines]  # fmt: skip


def test_every_style_of_a_russian_memo_but_the_notes_hyphenates_in_russian() -> None:
    sheet = writer._styles(Style(), "ru")
    hyphenate = sheet["body"].hyphenationLang
    assert {style.hyphenationLang for name, style in sheet.items() if name != "note"} == {hyphenate}
    assert sheet["note"].hyphenationLang == ""  # citations: names and URLs
    assert hyphenate("разграничения") and hyphenate("https://example.org/разграничения") == []


def test_a_russian_paragraph_breaks_words_with_a_hyphen_an_english_one_does_not() -> None:
    russian = "Переговоры продолжаются несмотря на разногласия относительно разграничения"
    english = "Negotiations continue notwithstanding disagreements concerning delimitation"
    assert any(line.endswith("-") for line in _lines(russian, "ru", 120))
    assert not any(line.endswith("-") for line in _lines(english, "en", 120))


def test_a_french_memo_pdf_carries_hyphenated_words() -> None:
    text = "La communauté internationale encourage systématiquement les négociations " * 12
    document = build_sample_document()
    document = replace(
        document,
        meta=replace(document.meta, language="fr"),
        blocks=(d.Paragraph((d.Text(text),)),),
        footnotes=(),
    )
    page = PdfReader(io.BytesIO(writer.export(document, Style()))).pages[0].extract_text()
    assert any(line.rstrip().endswith("-") for line in page.split("\n"))
