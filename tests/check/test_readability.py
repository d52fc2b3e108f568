"""Reading grade: the meter, and the public memo measured on its exported text."""

from __future__ import annotations

import io

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.check.readability import measure, syllables
from briefgen.export.pdf.writer import export
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF


@pytest.mark.parametrize(
    ("word", "count"),
    [("peace", 1), ("treaty", 2), ("every", 3), ("negotiation", 5), ("reconciliation", 6)],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_grade_orders_plain_and_dense_text() -> None:
    plain = measure(["The essay says Turkey should open its border. That would help trade."])
    dense = measure(
        [
            "Armenian and European scholars interpret these actions as attempts by Azerbaijan "
            "to perpetuate regional tensions while deflecting attention from domestic issues."
        ]
    )
    assert plain.grade < 6 < 16 < dense.grade
    assert measure([]).grade == 0


def test_public_memo_grade_on_its_exported_pdf_text() -> None:
    pypdf = pytest.importorskip("pypdf")
    audience = resolve("public", search_path(None))
    document = render(load_brief(ESSAY_BRIEF), audience).document
    reader = pypdf.PdfReader(io.BytesIO(export(document, audience.config.style)))
    # Each extracted line is a unit of reading (as a heading or a cell is).
    lines = [
        line
        for page in reader.pages
        for line in page.extract_text().split("\n")
        if line.strip() and not line.startswith("Page ")
    ]
    text = " ".join(lines)
    sentences = [s for s in text.replace("?", ".").replace("!", ".").split(". ") if s.strip()]
    grade = measure(sentences).grade
    assert grade <= audience.config.reading_grade, grade
