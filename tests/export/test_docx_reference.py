"""Branding with a reference DOCX: the exporter (styles, page setup, header and footer, what
the reference's body leaves behind), the check of the file, the audience setting and the
command-line override, and the worked example's reference and the script that makes it."""

from __future__ import annotations

import importlib.util
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import docx
import pytest
from click.testing import CliRunner
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Mm, Pt, RGBColor
from docx_essay import NS, W
from lxml import etree

from briefgen.audience import reference_docx as docx_reference
from briefgen.audience.profiles import resolve, search_path
from briefgen.audience.style import Style
from briefgen.cli import main
from briefgen.document import tree as d
from briefgen.errors import BuildError, InputError
from briefgen.export.docx.writer import export
from conftest import ESSAY_BRIEF, REPO

EPOCH = "1714521600"
SCRIPT = REPO / "scripts" / "make_reference_docx.py"
EXAMPLE = REPO / "templates" / "legislative" / "reference.docx"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_reference_docx", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference(tmp_path: Path, change: Callable[[DocxDocument], None] = lambda _: None) -> Path:
    """A reference DOCX made from python-docx's template, changed by ``change``."""
    reference = docx.Document()
    change(reference)
    path = tmp_path / "reference.docx"
    reference.save(str(path))
    return path


def _branded(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return set(package.namelist())


def _png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --------------------------------------------------------------------------- the exporter


def test_the_references_styles_are_used_as_they_are(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def brand(reference: DocxDocument) -> None:
        heading = reference.styles["Heading 1"]
        heading.font.size, heading.font.name = Pt(20), "Liberation Serif"
        heading.font.color.rgb = RGBColor(0xAA, 0x11, 0x22)

    path = _reference(tmp_path, brand)
    out = _branded(export(sample_document, Style(reference_docx=str(path))))
    reference = docx.Document(str(path))
    for name in ("Normal", "Heading 1", "Title", "List Bullet", "Quote", "Caption"):
        assert etree.tostring(out.styles[name].element) == etree.tostring(
            reference.styles[name].element
        ), name
    assert out.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x11, 0x22)
    # briefgen's own styles, which the reference lacks, are added with briefgen's look.
    assert out.styles["Lead"].font.size == Pt(11.5)
    assert out.styles["Callout Title"].font.name == "DejaVu Sans"


def test_styles_the_reference_lacks_are_briefgens_with_bundled_fonts(
    tmp_path: Path, sample_document: d.Document
) -> None:
    path = tmp_path / "lean.docx"
    path.write_bytes(_script().build())  # defines Normal, Title, Subtitle, Heading 1-3, Header
    data = export(sample_document, Style(reference_docx=str(path)))
    out = _branded(data)
    assert out.styles["Heading 1"].font.name == "DejaVu Serif"  # the reference's
    for name in ("Caption", "Callout Title", "Key Figure"):  # briefgen's: its heading font
        fonts = out.styles[name].element.find("w:rPr/w:rFonts", NS)
        assert fonts.get(f"{{{W}}}ascii") == "DejaVu Sans", name
    numbering = _xml(data, "word/numbering.xml")  # the reference had no numbering part
    bullet = out.styles["List Bullet"].element.find("w:pPr/w:numPr/w:numId", NS)
    num_id = bullet.get(f"{{{W}}}val")
    abstract = numbering.find(f'w:num[@w:numId="{num_id}"]/w:abstractNumId', NS)
    assert abstract is not None
    definition = numbering.find(
        f'w:abstractNum[@w:abstractNumId="{abstract.get(f"{{{W}}}val")}"]', NS
    )
    assert definition.find("w:lvl/w:numFmt", NS).get(f"{{{W}}}val") == "bullet"
    style_ids = {s.style_id for s in out.styles}
    assert all(link.get(f"{{{W}}}val") in style_ids for link in numbering.iter(f"{{{W}}}pStyle"))
    assert len(style_ids) == len(list(out.styles))  # ids stay unique


def test_a_list_style_without_numbering_still_shows_markers(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def strip_numbering(reference: DocxDocument) -> None:
        for name in ("List Bullet", "List Number"):
            ppr = reference.styles[name].element.pPr
            ppr.remove(ppr.numPr)

    path = _reference(tmp_path, strip_numbering)
    data = export(sample_document, Style(reference_docx=str(path)))
    numbering = _xml(data, "word/numbering.xml")
    defined = {n.get(f"{{{W}}}numId") for n in numbering.findall("w:num", NS)}
    for paragraph in _xml(data, "word/document.xml").iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W}}}val") in ("ListBullet", "ListNumber"):
            num = paragraph.find("w:pPr/w:numPr/w:numId", NS)
            assert num is not None and num.get(f"{{{W}}}val") in defined


def test_page_setup_comes_from_the_reference(tmp_path: Path, sample_document: d.Document) -> None:
    def landscape_letter(reference: DocxDocument) -> None:
        section = reference.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Inches(11), Inches(8.5)
        for side in ("top", "bottom", "left", "right"):
            setattr(section, f"{side}_margin", Inches(1))

    path = _reference(tmp_path, landscape_letter)
    data = export(sample_document, Style(reference_docx=str(path)))
    section = _branded(data).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width, section.page_height) == (Inches(11), Inches(8.5))
    assert section.left_margin == Inches(1)
    text_width = round(Inches(9) / 635)  # in twentieths of a point
    table = _xml(data, "word/document.xml").find(".//w:tbl/w:tblPr/w:tblW", NS)
    assert int(table.get(f"{{{W}}}w")) == text_width


def test_what_the_reference_leaves_unsaid_comes_from_the_style(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def no_margins(reference: DocxDocument) -> None:
        sect_pr = reference.sections[0]._sectPr
        sect_pr.remove(sect_pr.find(f"{{{W}}}pgMar"))

    path = _reference(tmp_path, no_margins)
    style = Style(reference_docx=str(path), margins={"top": 30, "left": 25})
    section = _branded(export(sample_document, style)).sections[0]
    assert abs(section.top_margin - Mm(30)) < Mm(0.1)
    assert abs(section.left_margin - Mm(25)) < Mm(0.1)
    assert section.page_width == docx.Document(str(path)).sections[0].page_width


def test_the_references_header_and_footer_are_kept_and_marked(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def letterhead(reference: DocxDocument) -> None:
        section = reference.sections[0]
        section.header.paragraphs[0].text = "ACME Policy Unit"
        section.footer.paragraphs[0].text = "ACME, 1 Main Street"

    path = _reference(tmp_path, letterhead)
    style = Style(reference_docx=str(path), header="ignored", footer="ignored too")
    section = _branded(export(sample_document, style)).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["DRAFT", "ACME Policy Unit"]
    assert [p.text for p in section.footer.paragraphs] == ["ACME, 1 Main Street"]
    assert section.footer._element.find(".//w:fldSimple", NS) is None


def test_without_a_reference_header_briefgen_writes_its_running_heads(
    tmp_path: Path, sample_document: d.Document
) -> None:
    path = _reference(tmp_path)  # python-docx's template: a Header style with a centre tab
    style = Style(reference_docx=str(path), header="Unit", footer="Foot")
    section = _branded(export(sample_document, style)).sections[0]
    head = section.header.paragraphs[0]
    assert head.text == "DRAFT\tUnit"
    stops = {(stop.alignment.name, stop.position) for stop in head.paragraph_format.tab_stops}
    text_width = section.page_width - section.left_margin - section.right_margin
    assert ("RIGHT", text_width) in {(a, round(p / 635) * 635) for a, p in stops}
    assert ("CLEAR", Inches(3.25)) in stops  # the reference's centre stop, cleared
    assert section.footer.paragraphs[0].text.startswith("Foot\tPage ")
    assert len(section.footer._element.findall(".//w:fldSimple", NS)) == 2


def test_a_first_page_letterhead_only_leaves_the_other_pages_to_briefgen(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def first_page(reference: DocxDocument) -> None:
        section = reference.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "ACME letterhead"

    path = _reference(tmp_path, first_page)
    section = _branded(export(sample_document, Style(reference_docx=str(path), header="Unit")))
    section = section.sections[0]
    assert [p.text for p in section.first_page_header.paragraphs] == ["DRAFT", "ACME letterhead"]
    assert [p.text for p in section.header.paragraphs] == ["DRAFT\tUnit"]


def test_the_references_body_and_what_only_it_used_are_dropped(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def with_content(reference: DocxDocument) -> None:
        paragraph = reference.add_paragraph("Specimen text")
        reference.add_comment(paragraph.runs, "a comment", author="A")
        reference.add_picture(io.BytesIO(_png()))
        reference.part.relate_to("https://example.com/", RT.HYPERLINK, is_external=True)

    path = _reference(tmp_path, with_content)
    data = export(sample_document, Style(reference_docx=str(path)))
    text = "".join(t.text or "" for t in _xml(data, "word/document.xml").iter(f"{{{W}}}t"))
    assert "Specimen text" not in text
    assert text.startswith(sample_document.meta.title)
    assert not any(name.startswith(("word/media/", "word/comments")) for name in _names(data))
    rels = _xml(data, "word/_rels/document.xml.rels")
    targets = [rel.get("Target") for rel in rels]
    assert "https://example.com/" not in targets
    assert "https://www.e-ir.info/" in targets  # the memo's own link


def test_settings_about_the_reference_file_are_dropped(
    tmp_path: Path, sample_document: d.Document
) -> None:
    def locked(reference: DocxDocument) -> None:
        settings = reference.settings.element
        for xml in (f'<w:documentProtection {nsdecls("w")} w:edit="readOnly" w:enforcement="1"/>',
                    f"<w:trackRevisions {nsdecls('w')}/>"):  # fmt: skip
            settings.insert(0, parse_xml(xml))

    path = _reference(tmp_path, locked)
    settings = _xml(export(sample_document, Style(reference_docx=str(path))), "word/settings.xml")
    for tag in ("documentProtection", "trackRevisions", "rsids"):
        assert settings.find(f"w:{tag}", NS) is None, tag
    assert settings.find("w:compat", NS) is not None  # how it lays out stays


def _renumber_notes(data: bytes, shift: int) -> bytes:
    """``data`` with its footnote ids shifted (LibreOffice numbers the separators 0 and 1)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    for name in ("word/footnotes.xml", "word/document.xml", "word/settings.xml"):
        root = etree.fromstring(entries[name])
        for node in root.iter(f"{{{W}}}footnote", f"{{{W}}}footnoteReference"):
            node.set(f"{{{W}}}id", str(int(node.get(f"{{{W}}}id")) + shift))
        entries[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, body in entries.items():
            target.writestr(name, body)
    return buffer.getvalue()


def test_the_references_footnotes_part_keeps_its_separators(
    tmp_path: Path, sample_document: d.Document, default_style: Style
) -> None:
    path = tmp_path / "notes.docx"  # a reference with notes, its separators numbered 0 and 1
    path.write_bytes(_renumber_notes(export(sample_document, default_style), shift=1))
    data = export(sample_document, Style(reference_docx=str(path)))
    notes = _xml(data, "word/footnotes.xml").findall("w:footnote", NS)
    kinds = [(n.get(f"{{{W}}}id"), n.get(f"{{{W}}}type")) for n in notes]
    assert kinds == [("0", "separator"), ("1", "continuationSeparator"), ("2", None), ("3", None)]
    refs = _xml(data, "word/document.xml").iterfind(".//w:footnoteReference", NS)
    assert [r.get(f"{{{W}}}id") for r in refs] == ["2", "3"]
    settings = _xml(data, "word/settings.xml").find("w:footnotePr", NS)
    assert [n.get(f"{{{W}}}id") for n in settings] == ["0", "1"]
    assert "Source, ¶3." in "".join(notes[2].itertext())
    # The reference's own note mark style sets the marks: nothing of briefgen's over it.
    for run in _xml(data, "word/document.xml").iterfind(".//w:r[w:footnoteReference]", NS):
        assert [child.tag for child in run.find("w:rPr", NS)] == [f"{{{W}}}rStyle"]
    number = notes[2].find(".//w:r[w:footnoteRef]", NS)
    assert [child.tag for child in number.find("w:rPr", NS)] == [f"{{{W}}}rStyle"]


def test_output_with_a_reference_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_document: d.Document
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    style = Style(reference_docx=str(EXAMPLE))
    first = export(sample_document, style)
    assert first == export(sample_document, style)
    props = _branded(first).core_properties
    assert props.title == sample_document.meta.title  # not the reference's
    assert props.created.isoformat().startswith("2024-05-01")


def test_a_reference_that_vanished_is_a_build_error(sample_document: d.Document) -> None:
    with pytest.raises(BuildError, match="DOCX export failed"):
        export(sample_document, Style(reference_docx="/nonexistent/reference.docx"))


# --------------------------------------------------------------------------- the check


def test_problem_names_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert docx_reference.problem(EXAMPLE) is None
    assert docx_reference.problem(tmp_path / "missing.docx") == "no such file"
    assert docx_reference.problem(tmp_path) == "not a file"
    text = tmp_path / "notes.docx"
    text.write_text("not a zip")
    assert docx_reference.problem(text) == "not a DOCX file (not a zip package)"
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("hello.txt", "a zip, not a DOCX")
    assert docx_reference.problem(other).startswith("not a DOCX file python-docx can read")
    template = tmp_path / "template.dotx"  # a Word template: another main content type
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(template, "w") as target:
        for name in source.namelist():
            body = source.read(name)
            if name == "[Content_Types].xml":
                body = body.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(name, body)
    assert "save it as a Word document (.docx)" in docx_reference.problem(template)
    monkeypatch.setattr(docx_reference, "MAX_BYTES", 100)
    assert docx_reference.problem(EXAMPLE).startswith("larger than")


def _audience(root: Path, name: str, lines: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(f"name: {name}\n{lines}", encoding="utf-8")
    return folder


def test_the_audience_setting_is_relative_to_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "templates"
    folder = _audience(root, "branded", "extends: negotiator\nstyle:\n  reference_docx: ref.docx\n")
    (folder / "ref.docx").write_bytes(EXAMPLE.read_bytes())
    _audience(root / "other", "child", "extends: branded\n")
    monkeypatch.chdir(tmp_path / "templates" / "other")  # not where the file is
    path = (root, root / "other")
    for name in ("branded", "child"):  # a child inherits the file its parent names
        found = resolve(name, (*path, *search_path(None)[-1:]))
        assert found.config.style.reference_docx == str(folder / "ref.docx")


def test_a_bad_reference_is_an_input_error_at_the_setting(tmp_path: Path) -> None:
    lines = "extends: negotiator\ndescription: x\nstyle:\n  reference_docx: missing.docx\n"
    _audience(tmp_path, "branded", lines)
    with pytest.raises(InputError) as raised:
        resolve("branded", (tmp_path, *search_path(None)[-1:]))
    (problem,) = raised.value.problems
    assert problem.file == str(tmp_path / "branded" / "audience.yaml")
    assert (problem.line, problem.path) == (5, "style.reference_docx")
    assert problem.message == "missing.docx: no such file"


def test_the_command_line_overrides_the_reference(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["build", str(ESSAY_BRIEF), "-a", "executive", "-f", "docx", "-o", str(tmp_path)]
    result = runner.invoke(main, [*args, "--reference-doc", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    built = docx.Document(str(tmp_path / "triumph-in-defeat" / "executive.docx"))
    header = [p.text for p in built.sections[0].header.paragraphs]
    assert header == ["DRAFT", "briefgen worked example — legislative office"]
    missing = runner.invoke(main, [*args, "--reference-doc", str(tmp_path / "none.docx")])
    assert missing.exit_code == 2
    assert f"--reference-doc {tmp_path / 'none.docx'}: no such file" in missing.output
    assert "Traceback" not in missing.output


# --------------------------------------------------------------------------- the example


def test_the_example_reference_is_what_the_script_makes() -> None:
    """The script is deterministic, and the committed file is its output: the same styles,
    page setup and header (compared as XML, so a python-docx upgrade alone does not fail)."""
    made = _script().build()
    assert made == _script().build()
    for name in ("word/styles.xml", "word/header1.xml"):
        assert etree.tostring(_xml(made, name), method="c14n") == etree.tostring(
            _xml(EXAMPLE.read_bytes(), name), method="c14n"
        ), f"{name}: run python scripts/make_reference_docx.py"
    section = _xml(made, "word/document.xml").find("w:body/w:sectPr", NS)
    committed = _xml(EXAMPLE.read_bytes(), "word/document.xml").find("w:body/w:sectPr", NS)
    assert etree.tostring(section, method="c14n") == etree.tostring(committed, method="c14n")


def test_the_example_reference_defines_only_what_it_brands() -> None:
    reference = docx.Document(str(EXAMPLE))
    paragraph_styles = {s.name for s in reference.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    assert paragraph_styles == {"Normal", "Title", "Subtitle", "Heading 1", "Heading 2",
                                "Heading 3", "Header"}  # fmt: skip
    assert reference.styles["Heading 1"].font.color.rgb == RGBColor.from_string("7A1F3D")
    for style in reference.styles:
        fonts = style.element.find("w:rPr/w:rFonts", NS)
        if fonts is not None:
            assert fonts.get(f"{{{W}}}ascii") in ("DejaVu Serif", "DejaVu Sans"), style.name
