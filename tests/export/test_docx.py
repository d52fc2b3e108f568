"""The DOCX exporter: named styles, real footnotes and links, restarting lists, byte identity."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Inches, Mm, Pt
from lxml import etree

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.errors import BuildError
from briefgen.export.docx.footnotes import mark_raise
from briefgen.export.docx.writer import export

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
EPOCH = "1714521600"  # 2024-05-01T00:00:00Z


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _texts(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.fixture
def data(sample_document: d.Document, default_style: Style) -> bytes:
    """The sample memo exported with the default style."""
    return export(sample_document, default_style)


@pytest.fixture
def opened(data: bytes) -> docx.document.Document:
    """The exported sample memo, reopened with python-docx."""
    return docx.Document(io.BytesIO(data))


def test_reopens_and_uses_the_named_styles(opened: docx.document.Document) -> None:
    used = {paragraph.style.name for paragraph in opened.paragraphs}
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Number",
                 "List Bullet", "List Number 2", "Quote", "Caption"):  # fmt: skip
        assert name in used, name
    title = opened.paragraphs[0]
    assert title.style.name == "Title"
    assert title.text.startswith("Sample memo")


def test_styles_carry_the_style_fonts_for_every_script(opened: docx.document.Document) -> None:
    fonts = opened.styles["Heading 1"].element.find(f"{{{W}}}rPr/{{{W}}}rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{{{W}}}{slot}") == "DejaVu Sans"
    assert fonts.get(f"{{{W}}}asciiTheme") is None  # a theme font would win over ours
    assert opened.styles["Normal"].font.name == "DejaVu Serif"
    assert opened.styles["Heading 1"].paragraph_format.keep_with_next


def test_contains_the_multilingual_text_and_the_table(data: bytes) -> None:
    text = _texts(_xml(data, "word/document.xml"))
    for word in ("Bakı", "Երևան", "თბილისი", "Москва", "Azərbaycan", "Obstacles & positions",
                 "<not a tag>", "Positions by party", "Party 3", "Wraps.", "700,000+",
                 "Bottom line", "Karabakh is Armenia"):  # fmt: skip
        assert word in text, word


def test_footnotes_are_real_footnotes(data: bytes, opened: docx.document.Document) -> None:
    rels = [rel for rel in opened.part.rels.values() if rel.reltype == RT.FOOTNOTES]
    assert len(rels) == 1
    assert rels[0].target_ref == "footnotes.xml"
    notes = _xml(data, "word/footnotes.xml")
    ids = {int(n.get(f"{{{W}}}id")): n for n in notes.findall("w:footnote", NS)}
    assert ids[-1].get(f"{{{W}}}type") == "separator"
    assert ids[0].get(f"{{{W}}}type") == "continuationSeparator"
    refs = _xml(data, "word/document.xml").findall(".//w:footnoteReference", NS)
    ref_ids = [int(ref.get(f"{{{W}}}id")) for ref in refs]
    assert ref_ids == [1, 2]
    assert all(ref_id in ids for ref_id in ref_ids)
    assert "Source, ¶3." in _texts(ids[1])
    assert "Source, ¶15." in _texts(ids[2])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types
    assert "footnotes+xml" in types
    assert {"FootnoteText", "FootnoteReference"} <= {s.style_id for s in opened.styles}


def test_repeated_footnote_reference_keeps_one_note(default_style: Style) -> None:
    body = (d.Paragraph((d.Text("a"), d.FootnoteRef(1), d.Text("b"), d.FootnoteRef(1))),)
    memo = d.Document(d.Metadata("t"), body, (d.Footnote(1, (d.Text("once"),)),))
    data = export(memo, default_style)
    assert len(_xml(data, "word/document.xml").findall(".//w:footnoteReference", NS)) == 1
    notes = _xml(data, "word/footnotes.xml").findall("w:footnote", NS)
    assert len(notes) == 3  # the two separators and the note


def test_undefined_footnote_is_a_build_error(default_style: Style) -> None:
    memo = d.Document(d.Metadata("t"), (d.Paragraph((d.FootnoteRef(3),)),))
    with pytest.raises(BuildError, match="footnote 3"):
        export(memo, default_style)


def test_each_ordered_list_restarts(data: bytes) -> None:
    body = _xml(data, "word/document.xml")
    numbering = _xml(data, "word/numbering.xml")
    num_ids = []
    for paragraph in body.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W}}}val") in ("ListNumber", "ListNumber2"):
            num_ids.append(paragraph.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val"))
    assert len(num_ids) == 3  # First, Second; the nested "Restarted at one"
    assert num_ids[0] == num_ids[1] != num_ids[2]
    for num_id in set(num_ids):
        start = numbering.find(f'w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride', NS)
        assert start is not None and start.get(f"{{{W}}}val") == "1"


def test_list_start_is_honoured(default_style: Style) -> None:
    items = (d.ListItem((d.Paragraph((d.Text("x"),)),)),)
    memo = d.Document(d.Metadata("t"), (d.List(True, items, start=4),))
    numbering = _xml(export(memo, default_style), "word/numbering.xml")
    assert numbering.findall(".//w:startOverride", NS)[-1].get(f"{{{W}}}val") == "4"


def test_hyperlink_is_external_relationship(data: bytes, opened: docx.document.Document) -> None:
    links = _xml(data, "word/document.xml").findall(".//w:hyperlink", NS)
    assert len(links) == 1
    r_id = links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rel = opened.part.rels[r_id]
    assert rel.reltype == RT.HYPERLINK
    assert rel.is_external
    assert rel.target_ref == "https://www.e-ir.info/"
    style = links[0].find("w:r/w:rPr/w:rStyle", NS)
    assert style.get(f"{{{W}}}val") == "Hyperlink"


def test_running_heads(opened: docx.document.Document, default_style: Style) -> None:
    section = opened.sections[0]
    footer = etree.tostring(section.footer._element).decode()
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "Page " in footer and " of " in footer
    assert section.header.paragraphs[0].text.startswith("DRAFT")
    marked = export(
        d.Document(d.Metadata("t", marking="DRAFT"), ()),
        default_style.model_copy(update={"marking": "CONFIDENTIAL", "header": "Unit"}),
    )
    header = docx.Document(io.BytesIO(marked)).sections[0].header.paragraphs[0].text
    assert header == "CONFIDENTIAL\tUnit"


def test_core_properties(opened: docx.document.Document, monkeypatch: pytest.MonkeyPatch,
                         sample_document: d.Document, default_style: Style) -> None:  # fmt: skip
    props = opened.core_properties
    assert props.title == sample_document.meta.title
    assert props.author == props.last_modified_by == "briefgen tests"
    assert props.subject == "Exporter test"
    assert props.keywords == "test, exporter"
    assert props.language == "en"
    assert props.revision == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    long_title = d.Document(d.Metadata("T" * 300), ())
    props = docx.Document(io.BytesIO(export(long_title, default_style))).core_properties
    assert props.title == "T" * 255
    assert props.created.isoformat().startswith("2024-05-01T00:00:00")
    assert props.modified == props.created


def test_tables_repeat_header_and_never_split_rows(data: bytes) -> None:
    body = _xml(data, "word/document.xml")
    grid = [t for t in body.iter(f"{{{W}}}tbl") if t.find("w:tblPr/w:tblStyle", NS) is not None]
    assert len(grid) == 1
    rows = grid[0].findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    widths = [int(c.get(f"{{{W}}}w")) for c in grid[0].findall("w:tblGrid/w:gridCol", NS)]
    assert abs(widths[1] - 3 * widths[0]) <= 3  # widths (1, 3)
    fill = rows[0].find("w:tc/w:tcPr/w:shd", NS).get(f"{{{W}}}fill")
    assert fill == "E4E9F0"


def test_deterministic_bytes(monkeypatch: pytest.MonkeyPatch, sample_document: d.Document,
                             default_style: Style) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = export(sample_document, default_style)
    second = export(sample_document, default_style)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2024, 5, 1, 0, 0, 0)}
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
    assert "docProps/thumbnail.jpeg" not in {info.filename for info in infos}


def test_page_size_and_margins(sample_document: d.Document) -> None:
    a4 = docx.Document(io.BytesIO(export(sample_document, Style()))).sections[0]
    assert abs(a4.page_width - Mm(210)) < Mm(0.1)
    assert abs(a4.page_height - Mm(297)) < Mm(0.1)
    assert abs(a4.left_margin - Mm(22)) < Mm(0.1)
    letter = docx.Document(io.BytesIO(export(sample_document, Style(page_size="Letter"))))
    assert letter.sections[0].page_width == Inches(8.5)
    assert letter.sections[0].page_height == Inches(11)


def test_control_characters_are_refused(default_style: Style) -> None:
    memo = d.Document(d.Metadata("t"), (d.Paragraph((d.Text("bell\x07"),)),))
    with pytest.raises(BuildError, match="U\\+0007"):
        export(memo, default_style)


def test_nested_blocks_in_cells(default_style: Style) -> None:
    """A table inside a callout, a list inside a cell, a link in a footnote."""
    cell = d.Cell((d.List(False, (d.ListItem((d.Paragraph((d.Text("in cell"),)),)),)),))
    inner = d.Table(header=None, rows=((cell, d.Cell(())),))
    note = (d.Link("https://example.org/", (d.Text("site"),)),)
    body = (d.Callout("note", None, (inner, d.Paragraph((d.Text("after"), d.FootnoteRef(1))))),)
    data = export(d.Document(d.Metadata("t"), body, (d.Footnote(1, note),)), default_style)
    opened = docx.Document(io.BytesIO(data))
    outer = opened.tables[0].cell(0, 0)
    assert outer.tables[0].cell(0, 0).paragraphs[0].style.name == "List Bullet"
    assert all(tc.find("w:p", NS) is not None for tc in _xml(data, "word/document.xml").iter(
        f"{{{W}}}tc"))  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = package.read("word/_rels/footnotes.xml.rels").decode()
    assert "https://example.org/" in rels and 'TargetMode="External"' in rels


@pytest.mark.slow
def test_libreoffice_converts_it(data: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "memo.docx"
    source.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    pdf = tmp_path / "memo.pdf"
    assert pdf.is_file(), result.stderr.decode(errors="replace")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_adjacent_note_marks_are_separated_by_a_comma(default_style: Style) -> None:
    """Marks 1 and 2 must not read as 12 (the PDF prints a superscript comma too)."""
    body = (d.Paragraph((d.Text("a"), d.FootnoteRef(1), d.FootnoteRef(2))),)
    notes = (d.Footnote(1, (d.Text("one"),)), d.Footnote(2, (d.Text("two"),)))
    data = export(d.Document(d.Metadata("t"), body, notes), default_style)
    paragraph = _xml(data, "word/document.xml").findall(".//w:body/w:p", NS)[1]
    runs = paragraph.findall("w:r", NS)
    marks = [r.find("w:footnoteReference", NS) is not None for r in runs]
    assert marks == [False, True, False, True]
    assert runs[2].find("w:t", NS).text == ","
    assert runs[2].find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"


def _note_runs(data: bytes) -> tuple[list[etree._Element], list[etree._Element]]:
    """(the runs holding note marks in the text, the runs opening each note with its number)."""
    body = _xml(data, "word/document.xml").xpath(".//w:r[w:rPr/w:rStyle]", namespaces=NS)
    marks = [
        r for r in body if r.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"
    ]
    notes = _xml(data, "word/footnotes.xml").findall(".//w:r[w:footnoteRef]", NS)
    return marks, notes


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    return styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)[0]


def _half_points(element: etree._Element, name: str) -> int:
    return int(element.find(f"w:rPr/w:{name}", NS).get(f"{{{W}}}val"))


def test_note_marks_are_8_pt_raised_and_note_numbers_sit_on_the_line(default_style: Style) -> None:
    """As the PDF's: a mark in the text at the 8 pt floor, raised by its position (Word's
    automatic superscript would shrink it to about 6 pt); a note opens "1. one" at its size."""
    body = (d.Paragraph((d.Text("a"), d.FootnoteRef(1), d.FootnoteRef(2), d.FootnoteRef(1))),)
    notes = (d.Footnote(1, (d.Text("one"),)), d.Footnote(2, (d.Text("two"),)))
    data = export(d.Document(d.Metadata("t"), body, notes), default_style)
    styles = _xml(data, "word/styles.xml")
    reference = _style(styles, "FootnoteReference")
    assert _half_points(reference, "sz") == 16
    assert reference.find("w:rPr/w:vertAlign", NS) is None
    marks, numbers = _note_runs(data)
    assert len(marks) == 5  # 1 , 2 , 1 (the repeat as a plain mark)
    assert {_half_points(r, "position") for r in marks} == {mark_raise(10.0)} == {4}
    for run in numbers:
        assert run.find("w:rPr/w:vertAlign", NS).get(f"{{{W}}}val") == "baseline"
        note_size = _half_points(_style(styles, "FootnoteText"), "sz")
        assert _half_points(run, "sz") == note_size
        assert run.getnext().find("w:t", NS).text == ". "
    # LibreOffice draws anchors in its own style; at the body size, lines keep their height.
    anchor = styles.xpath("w:style[w:name/@w:val='Footnote anchor']", namespaces=NS)[0]
    assert _half_points(anchor, "sz") == 20


def test_spacing_follows_the_pdf_where_word_sums_what_reportlab_overlaps(
    opened: docx.document.Document,
) -> None:
    """reportlab lets a paragraph's space after and the next one's space before overlap;
    Word adds them. A heading's space before is the PDF's less a body paragraph's after."""
    fs = 10.0  # the default style's body size
    normal = opened.styles["Normal"].paragraph_format
    assert normal.space_after == Pt(fs * 0.6)
    heading = opened.styles["Heading 1"].paragraph_format
    assert abs(heading.space_before - Pt(15 * 1.1 - fs * 0.6)) < Pt(0.1)
    assert abs(heading.space_after - Pt(15 * 0.45)) < Pt(0.1)
    # The PDF's cells are 0.92 x body size; Word sizes are in half points.
    assert abs(opened.styles["Table Text"].font.size - Pt(9.2)) <= Pt(0.25)
    spacer = opened.styles["Spacer"].paragraph_format  # as high as the space after a table
    assert spacer.line_spacing == Pt(fs * 0.9)


def test_list_markers_are_the_pdfs(data: bytes) -> None:
    """•, then – when nested, in the body font and the primary colour; no Symbol font."""
    numbering = _xml(data, "word/numbering.xml")
    texts = {lvl.find("w:lvlText", NS).get(f"{{{W}}}val") for lvl in numbering.iter(f"{{{W}}}lvl")
             if lvl.find("w:numFmt", NS).get(f"{{{W}}}val") == "bullet"
             and lvl.find("w:rPr/w:color", NS) is not None}  # fmt: skip
    assert texts == {"•", "–"}
    fonts = {f.get(f"{{{W}}}ascii") for f in numbering.iter(f"{{{W}}}rFonts")
             if f.getparent().find("w:color", NS) is not None}  # fmt: skip
    assert fonts == {"DejaVu Serif"}


def test_a_memo_started_from_the_kept_start_is_byte_identical(
    monkeypatch: pytest.MonkeyPatch, sample_document: d.Document
) -> None:
    from briefgen.export.docx import writer as docx_export

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(docx_export, "_STARTS", {})
    document = sample_document
    first = export(document, Style())
    assert len(docx_export._STARTS) == 1  # the page set up and the styles, kept
    second = export(document, Style())
    assert second == first
    other = export(document, Style(font_size=12))  # another style starts afresh
    assert len(docx_export._STARTS) == 2 and other != first


def test_callouts_keep_whole_and_headings_keep_with_their_text(default_style: Style) -> None:
    box = d.Callout("contested", (d.Text("Contested"),), (d.Paragraph((d.Text("x " * 80),)),))
    heading = d.Heading(2, (d.Text("Section"),))
    data = export(d.Document(d.Metadata(title="Keeps"), (heading, box)), default_style)
    body, styles = _xml(data, "word/document.xml"), _xml(data, "word/styles.xml")
    (row,) = body.findall(".//w:tbl/w:tr", NS)
    assert row.find("w:trPr/w:cantSplit", NS) is not None  # the box never splits

    def style(name: str) -> etree._Element:
        (found,) = styles.xpath(f"//w:style[w:name/@w:val='{name}']", namespaces=NS)
        return found

    assert style("Callout Text").find("w:pPr/w:keepLines", NS) is not None
    assert style("heading 2").find("w:pPr/w:keepNext", NS) is not None


def test_seven_key_figures_are_set_four_and_three_centred(default_style: Style) -> None:
    # As the PDF sets them (briefgen.document.figure_rows): no empty cell closes a row.
    figures = d.KeyFigures(tuple(d.Figure(str(n), (d.Text(f"label {n}"),)) for n in range(7)))
    document = d.Document(d.Metadata(title="Figures"), (figures,))
    body = _xml(export(document, default_style), "word/document.xml")
    table = body.find(".//w:tbl", NS)
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 8  # half-columns of 4 figures
    rows = table.findall("w:tr", NS)
    assert len(rows) == 2
    spans = [
        [int(tc.find("w:tcPr/w:gridSpan", NS).get(f"{{{W}}}val", "1"))
         if tc.find("w:tcPr/w:gridSpan", NS) is not None else 1
         for tc in row.findall("w:tc", NS)]
        for row in rows
    ]  # fmt: skip
    assert spans == [[2, 2, 2, 2], [1, 2, 2, 2, 1]]
    texts = [[_texts(tc) for tc in row.findall("w:tc", NS)] for row in rows]
    assert texts[1][0] == texts[1][-1] == ""  # the centring half-cells
    assert all(text for text in texts[0] + texts[1][1:-1])
    assert [t[0] for t in texts[0] + texts[1][1:-1]] == [str(n) for n in range(7)]
    # A hairline between figures, on both cells beside it; none at a row's ends.
    sides = [
        ["".join(sorted(b.tag.split("}")[1][0] for b in tc.iterfind("w:tcPr/w:tcBorders/*", NS)))
         for tc in row.findall("w:tc", NS)]
        for row in rows
    ]  # fmt: skip
    assert sides == [["r", "lr", "lr", "l"], ["", "r", "lr", "l", ""]]


def test_number_ranges_never_break_in_word(default_style: Style) -> None:
    text = "between 20,000-30,000 dead in 2020–2023 and a well-known case"
    document = d.Document(d.Metadata(title="Ranges"), (d.Paragraph((d.Text(text),)),))
    body = _xml(export(document, default_style), "word/document.xml")
    run = next(r for r in body.iterfind(".//w:body/w:p/w:r", NS) if "dead" in _texts(r))
    children = [child.tag.split("}")[1] for child in run if child.tag != f"{{{W}}}rPr"]
    assert children == ["t", "noBreakHyphen", "t"]
    assert _texts(run) == "between 20,00030,000 dead in 2020\u2060–\u20602023 and a well-known case"
    assert "well-known" in _texts(run)  # a hyphen between words may still break


def test_a_heading_after_a_table_takes_no_spacer_a_paragraph_does(default_style: Style) -> None:
    """The heading's space before is the air after a table (LibreOffice let a heading that
    follows the empty spacer paragraph stay at a page's foot despite keep-with-next)."""
    table = d.Table(None, ((d.Cell((d.Paragraph((d.Text("cell"),)),)),),))
    blocks = (table, d.Heading(1, (d.Text("Next"),)), table, d.Paragraph((d.Text("Text"),)))
    data = export(d.Document(d.Metadata("t"), blocks), default_style)
    body = _xml(data, "word/document.xml").find("w:body", NS)
    kinds = []
    for child in body:
        style = child.find("w:pPr/w:pStyle", NS)
        kinds.append(
            style.get(f"{{{W}}}val") if style is not None else etree.QName(child).localname
        )
    assert kinds[1:] == ["tbl", "Heading1", "tbl", "Spacer", "p", "sectPr"]  # (after the title)
