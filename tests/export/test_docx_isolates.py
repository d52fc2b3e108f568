"""Directional isolates in the DOCX: isolate characters around each stretch running the
other way than its paragraph, and no left-to-right stretch left in a ``w:rtl`` run."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.docx.isolates import LRI, PDI, RLI
from briefgen.export.docx.writer import export

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _body(inlines: tuple[d.Inline, ...], language: str) -> etree._Element:
    document = d.Document(d.Metadata("T", language=language), (d.Paragraph(inlines),))
    with zipfile.ZipFile(io.BytesIO(export(document, Style()))) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _paragraph_text(root: etree._Element) -> str:
    """The last paragraph's text, a non-breaking hyphen written as "-"."""
    paragraph = root.findall(".//w:body/w:p", NS)[-1]
    parts = []
    for element in paragraph.iter(f"{{{W}}}t", f"{{{W}}}noBreakHyphen"):
        parts.append(element.text or "" if element.tag == f"{{{W}}}t" else "-")
    return "".join(parts).replace("\u2060", "")


def test_a_citation_across_runs_is_one_isolate_in_an_arabic_paragraph() -> None:
    inlines = (
        d.Text("مصدر: "),
        d.Strong((d.Text("R48903"),)),
        d.Text(" ¶5, ¶6؛ في؛ 2026-04-07 و"),
        d.Emph((d.Text("The Strait"),)),
        d.Text(" of Hormuz."),
    )
    text = _paragraph_text(_body(inlines, "ar"))
    assert text == (
        f"مصدر: {LRI}R48903 ¶5, ¶6{PDI}؛ في؛ {LRI}2026-04-07{PDI} و{LRI}The Strait of Hormuz{PDI}."
    )


def test_no_left_to_right_stretch_sits_in_a_right_to_left_run() -> None:
    """The date is cut out of the Arabic run its digits joined; its hyphens are held
    between word joiners (LibreOffice breaks after Word's non-breaking hyphen there)."""
    root = _body((d.Text("في؛ 2026-04-07 و"),), "ar")
    paragraph = root.findall(".//w:body/w:p", NS)[-1]
    assert paragraph.find(".//w:noBreakHyphen", NS) is None
    assert "2026\u2060-\u206004\u2060-\u206007" in "".join(paragraph.itertext())
    for run in root.iter(f"{{{W}}}r"):
        text = "".join(run.itertext())
        if "2026" in text:
            assert run.find("w:rPr/w:rtl", NS) is None, text
        if "في" in text:
            assert run.find("w:rPr/w:rtl", NS) is not None, text


def test_plain_numbers_in_arabic_and_latin_only_paragraphs_are_left_alone() -> None:
    assert _paragraph_text(_body((d.Text("نحو 130 سفينة و1,000 طن"),), "ar")) == (
        "نحو 130 سفينة و1,000 طن"
    )
    latin = "A Latin memo, 2026-04-07, ¶5."
    assert _paragraph_text(_body((d.Text(latin),), "en")) == latin


def test_hebrew_in_an_english_paragraph_is_a_right_to_left_isolate() -> None:
    text = _paragraph_text(_body((d.Text("The city (ירושלים) is old."),), "en"))
    assert text == f"The city ({RLI}ירושלים{PDI}) is old."


def test_fine_print_runs_its_first_letters_way_as_in_the_pdf() -> None:
    """A Latin reference in an Arabic memo is a left-to-right paragraph (``w:bidi`` off, as
    the PDF sets it), its Arabic "و" an isolate; body text keeps the memo's direction."""
    blocks = (
        d.Paragraph((d.Text("Frittelli, John, و Ben Goldman."),), role="small"),
        d.Paragraph((d.Text("نص Latin"),), role="small"),
        d.Paragraph((d.Text("Latin في نص"),)),
    )
    document = d.Document(d.Metadata("T", language="ar"), blocks)
    with zipfile.ZipFile(io.BytesIO(export(document, Style()))) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    reference, arabic, body = root.findall(".//w:body/w:p", NS)[-3:]
    assert reference.find("w:pPr/w:bidi", NS).get(f"{{{W}}}val") == "0"
    assert "".join(reference.itertext()) == f"Frittelli, John, {RLI}و{PDI} Ben Goldman."
    for paragraph in (arabic, body):
        assert paragraph.find("w:pPr/w:bidi", NS).get(f"{{{W}}}val") is None
