"""The PDF exporter: text, outline, fonts, links, running heads, reproducibility, robustness."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_clients import assert_within_margins, needs
from pypdf import PdfReader
from pypdf.generic import Destination
from reportlab.graphics.shapes import String

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.errors import BuildError
from briefgen.export.pdf.writer import _drawing, export
from briefgen.export.timeline.layout import MIN_SIZE, for_style

EPOCH = "1714521600"  # 2024-05-01 00:00:00 UTC


def _t(text: str) -> tuple[d.Inline, ...]:
    return (d.Text(text),)


def _p(text: str) -> d.Paragraph:
    return d.Paragraph(_t(text))


def _doc(*blocks: d.Block, footnotes: tuple[d.Footnote, ...] = ()) -> d.Document:
    return d.Document(d.Metadata(title="Stress memo"), blocks, footnotes)


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def sample_pdf(sample_document: d.Document, default_style: Style) -> bytes:
    """The sample memo as a PDF, with a running header and footer."""
    style = default_style.model_copy(update={"header": "Head text", "footer": "Foot text"})
    return export(sample_document, style)


@pytest.fixture
def sample_file(sample_pdf: bytes, tmp_path: Path) -> Path:
    """The sample PDF on disk, for the command-line checkers."""
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample_pdf)
    return path


def test_pdf_reopens_with_all_text(sample_pdf: bytes) -> None:
    text = _text(_reader(sample_pdf))
    expected = [
        "Sample memo",
        "Every node type, hand-built",
        "Bakı",
        "Երևան",
        "თბილისი",
        "Москва",
        "Azərbaycan",
        "Հայաստան",
        "საქართველო",
        "Obstacles & positions <not a tag>",  # escaped, not swallowed as markup
        "Mediation team",
        "Positions by party",
        "Party 3",
        "Wraps.",
        "Bottom line",
        "Editorial note",
        "Contested",
        "Karabakh is Armenia",
        "700,000+",
        "draft treaties exchanged",
        "Restarted at one",
        "Notes",
        "Source, ¶3.",
        "Source, ¶15.",
    ]
    assert [s for s in expected if s not in text] == []


def test_outline_nests_headings_by_level(sample_pdf: bytes) -> None:
    outline = _reader(sample_pdf).outline
    assert isinstance(outline[0], Destination)
    assert outline[0].title == "Obstacles & positions <not a tag>"
    assert outline[1][0].title == "A numbered list"
    assert outline[1][1][0].title == "A table"
    assert outline[2].title == "Notes"


def test_outline_may_start_below_level_one() -> None:
    data = export(_doc(d.Heading(3, _t("Deep first")), d.Heading(1, _t("Top"))), Style())
    titles = [entry.title for entry in _reader(data).outline]
    assert titles == ["Deep first", "Top"]


def test_metadata(sample_pdf: bytes) -> None:
    meta = _reader(sample_pdf).metadata
    assert meta.title == "Sample memo: Bakı, Երևան, თბილისი, Москва"
    assert meta.author == "briefgen tests"
    assert meta.subject == "Exporter test"
    assert meta.creator == "briefgen"
    assert meta["/Keywords"] == "test, exporter"


def _fonts(reader: PdfReader) -> list[dict]:
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            fonts.append(font)
    return fonts


def test_every_font_is_embedded(sample_pdf: bytes) -> None:
    fonts = _fonts(_reader(sample_pdf))
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "DejaVu" in font["/BaseFont"]


def _annotations(reader: PdfReader) -> list[dict]:
    return [annot.get_object() for page in reader.pages for annot in page.get("/Annots", [])]


def test_link_annotation_carries_uri(sample_pdf: bytes) -> None:
    uris = [a["/A"]["/URI"] for a in _annotations(_reader(sample_pdf)) if "/A" in a]
    assert "https://www.e-ir.info/" in uris


def test_footnote_links_go_both_ways(sample_pdf: bytes) -> None:
    reader = _reader(sample_pdf)
    last = len(reader.pages) - 1
    targets = []
    for page_number, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            dest = annot.get_object().get("/Dest")
            if dest is not None:
                targets.append((page_number, reader.get_page_number(dest[0].get_object())))
    assert (0, last) in targets  # reference mark -> note
    assert (last, 0) in targets  # note number -> reference mark


def test_page_x_of_y_and_running_heads(sample_pdf: bytes) -> None:
    reader = _reader(sample_pdf)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "DRAFT" in text  # the brief's marking
        assert "Head text" in text and "Foot text" in text


def test_style_marking_overrides_the_brief(sample_document: d.Document) -> None:
    data = export(sample_document, Style(marking="RESTRICTED"))
    text = _reader(data).pages[0].extract_text()
    assert "RESTRICTED" in text and "DRAFT" not in text


def test_reproducible_with_source_date_epoch(
    sample_document: d.Document, default_style: Style, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = export(sample_document, default_style)
    second = export(sample_document, default_style)
    assert first == second
    assert _reader(first).metadata["/CreationDate"] == "D:20240501000000+00'00'"


def test_long_word_and_long_table_split_across_pages() -> None:
    word = "x" * 300
    table = d.Table(
        header=(d.Cell((_p("Column Alpha"),)), d.Cell((_p("Column Beta"),))),
        rows=tuple((d.Cell((_p(f"row {i}"),)), d.Cell((_p("value " * 4),))) for i in range(40)),
    )
    reader = _reader(export(_doc(_p(word), table), Style()))
    assert len(reader.pages) > 1
    assert "Column Alpha" in reader.pages[1].extract_text()  # header repeated
    assert word in "".join(_text(reader).split())  # broken across lines, nothing lost


def test_cell_taller_than_a_page_flows_on() -> None:
    tall = d.Table(None, ((d.Cell((_p("tall " * 3000),)), d.Cell((_p("short"),))),))
    callout = d.Callout("note", _t("Box"), (_p("boxed " * 1500),))
    reader = _reader(export(_doc(tall, callout), Style()))
    text = _text(reader)
    assert text.count("tall") == 3000 and text.count("boxed") == 1500


def test_boxes_leave_no_empty_sliver_at_the_foot_of_a_page() -> None:
    # The contested fill (#FBE9E7) as a content-stream operator.
    fill = ".984314 .913725 .905882 rg"
    for lines in range(25, 45):  # moves the box across the page foot
        filler = tuple(_p(f"line {i}") for i in range(lines))
        box = d.Callout("contested", _t("Boxed"), (_p("inside " * 40),))
        for page in _reader(export(_doc(*filler, box), Style())).pages:
            if fill in page.get_contents().get_data().decode("latin-1"):
                assert "inside" in page.extract_text(), f"empty box part after {lines} lines"


@pytest.mark.parametrize(
    "follower",
    [
        d.Paragraph(_t("alpha " * 300)),
        d.List(False, tuple(d.ListItem((_p("alpha " * 25),)) for _ in range(8))),
        d.KeyFigures((d.Figure("1", _t("alpha")), d.Figure("2", _t("alpha")))),
    ],
    ids=["paragraph", "list", "key-figures"],
)
def test_heading_is_never_stranded_at_the_foot_of_a_page(follower: d.Block) -> None:
    for lines in range(28, 40):  # moves the heading across the page foot
        filler = tuple(_p(f"line {i}") for i in range(lines))
        data = export(_doc(*filler, d.Heading(1, _t("Section Heading")), follower), Style())
        for page in _reader(data).pages:
            text = page.extract_text()
            if "Section Heading" in text:
                assert "alpha" in text, f"heading stranded after {lines} lines"


def test_too_many_columns_is_a_build_error() -> None:
    row = tuple(d.Cell((_p("c"),)) for _ in range(60))
    with pytest.raises(BuildError, match="60 columns"):
        export(_doc(d.Table(None, (row,))), Style())


def test_missing_and_uncited_footnotes_do_not_break_the_build() -> None:
    para = d.Paragraph((d.Text("Marks"), d.FootnoteRef(1), d.FootnoteRef(1), d.FootnoteRef(7)))
    notes = (d.Footnote(1, _t("cited twice")), d.Footnote(2, _t("never cited")))
    text = _text(_reader(export(_doc(para, footnotes=notes), Style())))
    assert "never cited" in text and "Marks1,1,7" in text


def test_letter_page_size() -> None:
    page = _reader(export(_doc(_p("Hi")), Style(page_size="Letter"))).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_a4_page_size() -> None:
    page = _reader(export(_doc(_p("Hi")), Style())).pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842


def test_watermark(sample_document: d.Document) -> None:
    reader = _reader(export(sample_document, Style(watermark="CONFIDENTIAL")))
    assert all("CONFIDENTIAL" in page.extract_text() for page in reader.pages)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_check(sample_file: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(sample_file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts is not installed")
def test_pdffonts_reports_every_font_embedded(sample_file: Path) -> None:
    result = subprocess.run(["pdffonts", str(sample_file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header, rows = lines[0], lines[2:]
    emb = header.index(" emb ") + 1  # the column is fixed-width: read it by position
    assert rows
    assert all(row[emb : emb + 3] == "yes" for row in rows), result.stdout


# --------------------------------------------------------------------------- the timeline graphic

_EVENTS = (
    d.TimelineEntry("1994", "First Karabakh War: Armenian victory"),
    d.TimelineEntry("2020", "Second Karabakh War"),
    d.TimelineEntry("2020", "Ceasefire; Russian peacekeepers deployed"),
    d.TimelineEntry("2024", "Armenia at a critical juncture <&>"),
)
_CHART = d.TimelineChart(_EVENTS, _t("Dates the essay gives"))


def test_timeline_is_drawn_as_vectors_with_real_text() -> None:
    reader = _reader(export(_doc(d.Heading(2, _t("Timeline")), _CHART), Style()))
    text = _text(reader)
    for word in ("Dates the essay gives", "1994", "Ceasefire;", "<&>", "juncture"):
        assert word in text
    assert text.count("2020") == 1  # the two events of 2020 stacked under one date
    xobjects = reader.pages[0]["/Resources"].get("/XObject", {})
    # No picture: lines, dots and text (the only XObject is the page's folio form).
    assert all(x.get_object()["/Subtype"] == "/Form" for x in xobjects.values())
    fonts = _fonts(reader)  # the graphic brings no font of its own (reportlab's Helvetica)
    assert fonts and all("DejaVu" in font["/BaseFont"] for font in fonts)


@pytest.mark.parametrize("body", [7.0, 9.0, 10.0])
def test_timeline_text_is_flush_left_and_never_under_the_floor(body: float) -> None:
    style = Style(font_size=body)
    geometry = for_style([(e.date, e.label) for e in _EVENTS], 480, style)
    strings = [s for s in _drawing(geometry, style).getContents() if isinstance(s, String)]
    assert len(strings) == sum(len(label.lines) for label in geometry.labels)
    assert all(s.fontSize >= MIN_SIZE == 8.0 for s in strings)
    assert {s.textAnchor for s in strings} == {"start"}
    starts = {
        round(label.text_x + line.indent, 3) for label in geometry.labels for line in label.lines
    }
    assert {round(s.x, 3) for s in strings} == starts


def test_timeline_stays_with_its_heading_and_caption() -> None:
    for lines in range(30, 46):  # moves the heading across the page foot
        filler = tuple(_p(f"line {i}") for i in range(lines))
        data = export(_doc(*filler, d.Heading(2, _t("Timeline Heading")), _CHART), Style())
        for page in _reader(data).pages:
            text = page.extract_text()
            if "Timeline Heading" in text:
                assert "Dates the essay gives" in text and "juncture" in text, lines


def test_timeline_is_reproducible_and_empty_ones_draw_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert export(_doc(_CHART), Style()) == export(_doc(_CHART), Style())
    empty = export(_doc(_p("Before"), d.TimelineChart((), _t("Nothing"))), Style())
    assert "Nothing" not in _text(_reader(empty))


def test_a_timeline_too_tall_for_a_page_is_scaled_to_fit() -> None:
    events = tuple(d.TimelineEntry(str(1900 + i), "label " * 6) for i in range(60))
    reader = _reader(export(_doc(d.TimelineChart(events)), Style()))
    assert len(reader.pages) == 1
    assert "1959" in "".join(_text(reader).split())


# --------------------------------------------------------------------------- nothing overflows


@needs("pdftotext")
def test_nothing_overflows_the_text_width(tmp_path: Path) -> None:
    url = "https://example.org/" + "a-very-long-path-segment/" * 12
    link = d.Paragraph((d.Link(url, _t(url)),))
    long_word = "Karabakh" * 20
    cell = d.Cell((link, _p(long_word)))
    table = d.Table((cell, d.Cell((_p("Narrow"),))), ((cell, d.Cell((_p("x"),))),), (3.0, 1.0))
    blocks = (
        d.Heading(1, _t("Heading " + long_word)),
        link,
        table,
        d.Callout("note", _t(long_word), (link,)),
        d.List(False, (d.ListItem((d.List(True, (d.ListItem((link,)),)),)),)),
        d.KeyFigures((d.Figure("1,234,567,890,000", _t(long_word)),)),
        d.FieldList((d.Field("Subject", _t(long_word)),)),
        d.TimelineChart((d.TimelineEntry("2000", long_word), d.TimelineEntry("2001", "x"))),
    )
    style = Style(header="Running header " * 7, marking="MARKING " * 7, footer="Footer " * 16)
    path = tmp_path / "wide.pdf"
    path.write_bytes(export(d.Document(d.Metadata(long_word), blocks), style))
    assert_within_margins(path, style)
    text = "".join(_text(_reader(path.read_bytes())).split())
    assert url in text and long_word in text  # broken across lines, nothing lost


def test_no_widows_or_orphans() -> None:
    lines = tuple(f"L{i:02d}" for i in range(12))
    para = d.Paragraph(
        tuple(x for i, line in enumerate(lines) for x in ((d.LineBreak(),) if i else ()) + (
            d.Text(line),
        ))
    )  # fmt: skip
    for filler in range(26, 38):  # moves the paragraph across the page foot
        blocks = (*(_p(f"filler {i}") for i in range(filler)), para)
        pages = _reader(export(_doc(*blocks), Style())).pages
        counts = [sum(line in page.extract_text() for line in lines) for page in pages]
        assert all(n == 0 or n >= 2 for n in counts), (filler, counts)


def test_layouts_kept_from_earlier_memos_give_the_same_bytes_as_a_fresh_process(
    sample_document: d.Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from briefgen.export.pdf import writer as pdf_export

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(pdf_export, "KEEP_LAYOUTS", True)  # as under --watch
    blocks = list(sample_document.blocks)
    first = next(i for i, b in enumerate(blocks) if isinstance(b, d.Paragraph))
    paragraph = blocks[first]
    assert isinstance(paragraph, d.Paragraph)
    # Its words edited, its notes kept: no other paragraph's markup changes.
    new_start = d.Text("An edited paragraph, new to every cache. ")
    blocks[first] = replace(paragraph, children=(new_start, *paragraph.children[1:]))
    edited = replace(sample_document, blocks=tuple(blocks))
    style = Style()

    def fresh(document: d.Document) -> bytes:
        monkeypatch.setattr(pdf_export, "_LAID", {})
        monkeypatch.setattr(pdf_export, "_SHEETS", {})
        return export(document, style)

    expected = fresh(edited)
    fresh(sample_document)  # the caches now hold the original's paragraphs
    parsed: list[str] = []
    original_fragments = pdf_export.fragments

    def counted(text: str, paragraph_style: object) -> object:
        parsed.append(text)
        return original_fragments(text, paragraph_style)

    monkeypatch.setattr(pdf_export, "fragments", counted)
    assert export(edited, style) == expected
    assert len(parsed) == 1 and "An edited paragraph" in parsed[0]  # the rest was kept
