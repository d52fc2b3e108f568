"""End to end: the essay's negotiator memo in every format, reopened by real readers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.brief.load import load_brief
from briefgen.cli import main
from conftest import ESSAY_BRIEF


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(
        main,
        ["build", str(ESSAY_BRIEF), "-a", "negotiator", "-f", "docx,pdf,html,md", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    return out / "triumph-in-defeat"


def _must_hold(text: str) -> None:
    brief = load_brief(ESSAY_BRIEF)
    # (the DOCX holds a number range's en dash between invisible word joiners)
    flat = " ".join(text.replace("\u2060", "").split())
    for obstacle in brief.obstacles:
        assert obstacle.title in flat, obstacle.title
    for number in range(1, len(brief.recommendations) + 1):
        assert f"R{number}." in flat
    assert "Artsakh" in flat
    for figure in brief.context.key_figures:
        assert figure.value in flat


def test_pdf_reopens_with_pypdf_and_holds_the_memo(built: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO((built / "negotiator.pdf").read_bytes()))
    _must_hold("\n".join(page.extract_text() for page in reader.pages))


def test_docx_reopens_with_python_docx_and_holds_the_memo(built: Path) -> None:
    import docx

    document = docx.Document(str(built / "negotiator.docx"))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    _must_hold("\n".join(parts))


def test_html_and_markdown_hold_the_memo(built: Path) -> None:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed((built / "negotiator.html").read_text(encoding="utf-8"))
    _must_hold("".join(parser.parts))
    markdown = (built / "negotiator.md").read_text(encoding="utf-8").replace("\\", "")
    _must_hold(markdown)
