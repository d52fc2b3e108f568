"""Scripts and direction in the DOCX: fonts, language and direction of fallback-script runs,
right-to-left paragraphs, and the mirrored layout of a memo written right to left."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from briefgen.api import render_bytes
from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.docx.writer import export
from conftest import REPO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FIXTURES = REPO / "tests" / "fixtures"


def _part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _docx(blocks: tuple[d.Block, ...], language: str = "en", style: Style | None = None,
          **meta: str) -> bytes:  # fmt: skip
    document = d.Document(d.Metadata("T", language=language, **meta), blocks)
    return export(document, style or Style())


def _para(*inlines: d.Inline) -> d.Paragraph:
    return d.Paragraph(tuple(inlines))


def _run(root: etree._Element, text: str) -> etree._Element:
    """The one run whose text is ``text``, give or take the spaces and punctuation at its
    ends (which go with the run before when its family draws them) and the isolate
    characters around it."""
    ends = " ,.\u2066\u2067\u2069"
    found = [r for r in root.iter(f"{{{W}}}r") if "".join(r.itertext()).strip(ends) == text]
    assert len(found) == 1, [("".join(r.itertext())) for r in root.iter(f"{{{W}}}r")]
    return found[0]


def _has(run: etree._Element, tag: str) -> bool:
    return run.find(f"w:rPr/w:{tag}", NS) is not None


def _fonts(run: etree._Element) -> set[str]:
    fonts = run.find("w:rPr/w:rFonts", NS)
    assert fonts is not None, etree.tostring(run)
    return {fonts.get(f"{{{W}}}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


def _bidi(paragraph: etree._Element) -> bool:
    return paragraph.find("w:pPr/w:bidi", NS) is not None


def test_a_hebrew_word_in_an_english_sentence_is_a_right_to_left_complex_run() -> None:
    root = _part(_docx((_para(d.Text("The city (ירושלים) is old.")),)))
    hebrew = _run(root, "ירושלים")
    assert _fonts(hebrew) == {"Noto Serif Hebrew"}  # the default style's body: serif
    assert _has(hebrew, "rtl") and _has(hebrew, "cs")
    assert not _has(hebrew, "lang")  # an English memo cannot know the word's language
    latin = [
        r
        for r in root.iter(f"{{{W}}}r")
        if "city" in "".join(r.itertext()) or "old" in "".join(r.itertext())
    ]
    assert len(latin) == 2 and all(r.find("w:rPr", NS) is None for r in latin)  # as before
    assert not any(_bidi(p) for p in root.iter(f"{{{W}}}p"))


def test_arabic_runs_take_the_family_beside_their_paragraphs_text_family() -> None:
    style = Style(body_font="sans", heading_font="serif")
    blocks = (d.Heading(1, (d.Text("Nile النيل"),)), _para(d.Text("Nile النيل")))
    root = _part(_docx(blocks, style=style))
    heading, body = [r for r in root.iter(f"{{{W}}}r") if "النيل" in "".join(r.itertext())]
    assert _fonts(heading) == {"Noto Naskh Arabic"}  # the heading's serif
    assert _fonts(body) == {"Noto Sans Arabic"}
    assert _has(heading, "bCs")  # Heading 1 is bold: Word reads bCs for Arabic
    assert not _has(body, "bCs")


def test_ethiopic_devanagari_and_thai_runs_name_their_noto_families() -> None:
    root = _part(_docx((_para(d.Text("Abay ዓባይ, Ganga गंगा, Mekong แม่น้ำโขง.")),)))
    ethiopic, devanagari, thai = _run(root, "ዓባይ"), _run(root, "गंगा"), _run(root, "แม่น้ำโขง")
    assert _fonts(ethiopic) == {"Noto Serif Ethiopic"}
    assert _fonts(devanagari) == {"Noto Serif Devanagari"}
    assert _fonts(thai) == {"Noto Serif Thai"}
    assert not _has(ethiopic, "cs")  # Word sets Ethiopic through its ordinary slots
    for run in (devanagari, thai):
        assert _has(run, "cs") and not _has(run, "rtl")


def test_bold_italic_and_size_are_mirrored_for_complex_runs() -> None:
    blocks = (
        _para(d.Strong((d.Text("قوي"),)), d.Text(" and "), d.Emph((d.Text("مائل"),))),
        d.KeyFigures((d.Figure(" ".join(["٧٠٠٬٠٠٠٬٠٠٠ مليار دولار"] * 4), (d.Text("x"),)),)),
    )
    data = _docx(blocks, subtitle="ما يقوله المصدر")
    root = _part(data)
    bold, italic = _run(root, "قوي"), _run(root, "مائل")
    assert _has(bold, "b") and _has(bold, "bCs") and not _has(bold, "iCs")
    assert _has(italic, "i") and _has(italic, "iCs") and not _has(italic, "bCs")
    # Word's Subtitle turns w:iCs on alone; briefgen's subtitle is upright in every script:
    # its run says so, or its style does.
    subtitle = _run(root, "ما يقوله المصدر").find("w:rPr/w:iCs", NS)
    styles = _part(data, "word/styles.xml")
    style = styles.find("w:style[@w:styleId='Subtitle']/w:rPr/w:iCs", NS)
    assert any(x is not None and x.get(f"{{{W}}}val") == "0" for x in (subtitle, style))
    figure = next(r for r in root.iter(f"{{{W}}}r") if "٧٠٠" in "".join(r.itertext()))
    size = figure.find("w:rPr/w:sz", NS)
    assert size is not None, "the value should have been shrunk to fit its cell"
    assert figure.find("w:rPr/w:szCs", NS).get(f"{{{W}}}val") == size.get(f"{{{W}}}val")


def test_a_paragraph_that_starts_right_to_left_runs_right_to_left() -> None:
    blocks = (_para(d.Text("«الماء حق» is the slogan.")), _para(d.Text("The slogan: «الماء حق».")))
    root = _part(_docx(blocks))
    first, second = root.findall("w:body/w:p", NS)[1:3]  # after the title
    assert _bidi(first) and not _bidi(second)


def test_a_right_to_left_memo_mirrors_its_layout() -> None:
    blocks = (
        d.FieldList((d.Field("إلى", (d.Text("الوزير"),)),)),
        _para(d.Text("English first, then عربي.")),
        d.List(True, (d.ListItem((_para(d.Text("أولا")),)),)),
        d.Table(None, ((d.Cell((_para(d.Text("أ")),)), d.Cell((_para(d.Text("ب")),))),)),
        d.Callout("note", (d.Text("ملاحظة"),), (_para(d.Text("نص")),)),
        d.Quote((_para(d.Text("اقتباس")),)),
    )
    data = _docx(blocks, language="ar", marking="مسودة")
    root = _part(data)
    body = root.find("w:body", NS)
    written = [p for p in body.iter(f"{{{W}}}p") if "".join(p.itertext()).strip()]
    assert written and all(_bidi(p) for p in written)  # the English one too: the memo's way
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) == 3  # fields, table, callout
    assert all(t.find("w:tblPr/w:bidiVisual", NS) is not None for t in tables)
    # The callout's bar is its leading border: a bidiVisual table's left is its right side.
    assert tables[2].find(".//w:tcBorders/w:left", NS) is not None
    arabic = _run(root, "الوزير")
    assert arabic.find("w:rPr/w:lang", NS).get(f"{{{W}}}bidi") == "ar"
    styles = _part(data, "word/styles.xml")
    defaults = styles.find("w:docDefaults", NS)
    assert defaults.find("w:rPrDefault/w:rPr/w:lang", NS).get(f"{{{W}}}bidi") == "ar"
    assert defaults.find("w:pPrDefault/w:pPr/w:bidi", NS) is not None
    quote = styles.find("w:style[@w:styleId='Quote']/w:pPr/w:pBdr", NS)
    assert quote.find("w:right", NS) is not None and quote.find("w:left", NS) is None
    for part in ("word/header1.xml", "word/footer1.xml"):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            name = next(n for n in package.namelist() if n.startswith(part[:11]))
        head = _part(data, name).find("w:p", NS)
        assert _bidi(head), name
    marking = _run(_part(data, name.replace("footer", "header")), "مسودة")
    assert _fonts(marking) == {"Noto Sans Arabic"} and _has(marking, "b") and _has(marking, "bCs")


def test_the_memo_language_tags_runs_of_its_own_script() -> None:
    root = _part(_docx((_para(d.Text("ዓባይ and النيل")),), language="am"))
    ethiopic, arabic = _run(root, "ዓባይ"), _run(root, "النيل")
    assert ethiopic.find("w:rPr/w:lang", NS).get(f"{{{W}}}val") == "am"
    assert not _has(arabic, "lang")


def test_a_memo_without_fallback_scripts_carries_no_script_markup(
    sample_document: d.Document, default_style: Style
) -> None:
    data = export(sample_document, default_style)  # Latin, Cyrillic, Armenian, Georgian
    xml = b"".join(_parts(data, "word/document.xml", "word/footnotes.xml", "word/styles.xml"))
    for marker in (b"<w:bidi", b"<w:rtl", b"<w:cs/>", b"<w:bidiVisual", b"Noto"):
        assert marker not in xml, marker
    body = _part(data)
    assert all(r.find("w:rPr/w:rFonts", NS) is None for r in body.iter(f"{{{W}}}r"))


def _parts(data: bytes, *names: str) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [package.read(name) for name in names if name in package.namelist()]


def test_the_arabic_fixture_builds_a_right_to_left_docx() -> None:
    data = render_bytes(FIXTURES / "arabic-memo.yaml", "negotiator", "docx")
    root = _part(data)
    written = [p for p in root.iter(f"{{{W}}}p") if "".join(p.itertext()).strip()]
    assert all(_bidi(p) for p in written)
    runs = [r for r in root.iter(f"{{{W}}}r") if "النيل" in "".join(r.itertext())]
    assert runs and all(_has(r, "rtl") and _has(r, "cs") for r in runs)
    assert all(_fonts(r) <= {"Noto Naskh Arabic", "Noto Sans Arabic"} for r in runs)


def test_the_quoting_fixture_marks_each_script(tmp_path: Path) -> None:
    # the built-in house style (a serif body: serif fallbacks), not the repository's templates
    data = render_bytes(FIXTURES / "quoting-scripts.yaml", "negotiator", "docx", tmp_path)
    xml = b"".join(_parts(data, "word/document.xml"))
    for family in ("Noto Serif Hebrew", "Noto Naskh Arabic", "Noto Serif Ethiopic",
                   "Noto Serif Devanagari", "Noto Serif Thai"):  # fmt: skip
        assert f'w:cs="{family}"'.encode() in xml, family
    assert b"<w:bidiVisual" not in xml  # an English memo's tables run left to right


def test_key_figure_values_in_an_arabic_memo_share_one_exact_line_height() -> None:
    """A value in Latin digits alone ("17") sat higher than its Arabic neighbours, whose
    Naskh lines are taller, while the line height followed each cell's font."""
    figures = d.KeyFigures((d.Figure("17", (d.Text("هجومًا"),)), d.Figure("نحو 130", ())))
    styles = _part(_docx((figures,), language="ar"), "word/styles.xml")
    (value,) = styles.xpath("w:style[w:name/@w:val='Key Figure']", namespaces=NS)
    assert value.find("w:pPr/w:spacing", NS).get(f"{{{W}}}lineRule") == "exact"
    english = _part(_docx((figures,)), "word/styles.xml")
    (value,) = english.xpath("w:style[w:name/@w:val='Key Figure']", namespaces=NS)
    assert value.find("w:pPr/w:spacing", NS).get(f"{{{W}}}lineRule") == "auto"
