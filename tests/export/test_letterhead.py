"""The house style's letterhead in every format: logo and words at the top of page 1."""

from __future__ import annotations

import io
import zipfile

import docx
import pypdf
import pytest

from briefgen.audience.style import Letterhead, Style
from briefgen.document import tree as d
from briefgen.export import exporter
from conftest import REPO

LOGO = str(REPO / "templates" / "logo.png")
HEAD = Letterhead(organisation="Unit of Tests", lines=["Line one", "Line two"], logo=LOGO)


def _memo(language: str = "en") -> d.Document:
    body = (d.Paragraph((d.Text("Body text of the memo."),)),)
    return d.Document(d.Metadata(title="A memo title", language=language), body)


def _words_first(text: str, *words: str) -> None:
    at = [text.index(word) for word in words]
    assert at == sorted(at), text[:200]


@pytest.mark.parametrize("position", ["left", "right"])
def test_pdf_draws_logo_and_words_above_the_title(position: str) -> None:
    head = HEAD.model_copy(update={"logo_position": position})
    page = pypdf.PdfReader(io.BytesIO(exporter("pdf")(_memo(), Style(letterhead=head)))).pages[0]
    _words_first(page.extract_text(), "Unit of Tests", "Line one", "Line two", "A memo title")
    (image,) = page.images
    assert image.image.size[0] > 0


def _logo_edges(page: pypdf.PageObject) -> tuple[float, float]:
    """The left and right edges (pt) of the image a PDF page draws."""
    drawn: list[list[float]] = []

    def before(operator: bytes, _args: object, matrix: list[float], _text: object) -> None:
        if operator == b"Do" and matrix[0] > 1:  # an image scaled to its size (not a form)
            drawn.append(matrix)

    page.extract_text(visitor_operand_before=before)
    ((width, _b, _c, _d, left, _f),) = drawn
    return left, left + width


@pytest.mark.parametrize(("position", "language"), [(p, lang) for p in ("left", "right")
                                                    for lang in ("en", "ar")])  # fmt: skip
def test_the_pdf_logo_keeps_to_its_edge_of_the_page(position: str, language: str) -> None:
    """The logo sits at the margin of its side (mirrored in a right-to-left memo), the gap
    between it and the words."""
    style = Style(letterhead=HEAD.model_copy(update={"logo_position": position}))
    page = pypdf.PdfReader(io.BytesIO(exporter("pdf")(_memo(language), style))).pages[0]
    left, right = _logo_edges(page)
    margin = style.margins.left * 72 / 25.4
    at_left = (position == "left") == (language == "en")
    if at_left:
        assert left == pytest.approx(margin, abs=0.1)
    else:
        assert right == pytest.approx(float(page.mediabox.width) - margin, abs=0.1)


def test_docx_writes_the_letterhead_as_the_body_s_first_table() -> None:
    data = exporter("docx")(_memo(), Style(letterhead=HEAD))
    opened = docx.Document(io.BytesIO(data))
    (table,) = opened.tables[:1]
    assert opened.element.body[0] is table._tbl
    assert [p.text for p in table.rows[0].cells[1].paragraphs] == [
        "Unit of Tests", "Line one", "Line two"
    ]  # fmt: skip
    assert table.rows[0].cells[1].paragraphs[0].style.name == "Letterhead"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and package.read(media[0]).startswith(b"\x89PNG")


def test_html_embeds_the_cleaned_logo_and_the_words() -> None:
    html = exporter("html")(_memo(), Style(letterhead=HEAD)).decode("utf-8")
    _words_first(
        html, 'class="letterhead"', "data:image/png;base64,", "Unit of Tests", 'class="title"'
    )
    assert 'alt=""' in html and "Line two" in html


def test_no_letterhead_without_one() -> None:
    memo, style = _memo(), Style()
    page = pypdf.PdfReader(io.BytesIO(exporter("pdf")(memo, style))).pages[0]
    assert not page.images and page.extract_text().split("\n")[1] == "A memo title"
    opened = docx.Document(io.BytesIO(exporter("docx")(memo, style)))
    assert not opened.tables and opened.paragraphs[0].text == "A memo title"
    assert 'class="letterhead' not in exporter("html")(memo, style).decode("utf-8")


def test_a_logo_gone_since_the_style_was_read_is_a_build_error(tmp_path) -> None:
    from briefgen.errors import BuildError

    style = Style(letterhead=HEAD.model_copy(update={"logo": str(tmp_path / "gone.png")}))
    for fmt in ("pdf", "docx", "html"):
        with pytest.raises(BuildError, match="house style logo"):
            exporter(fmt)(_memo(), style)
