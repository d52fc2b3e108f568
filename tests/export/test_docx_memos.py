"""The essay's real DOCX memos, checked at the XML level: notes, fields, links, numbering and
the legislative memo's reference DOCX."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

import docx
import pypdf
import pytest
from docx.shared import Mm
from docx_essay import AUDIENCES, NS, R, W, essay_memos
from lxml import etree

from briefgen.document import tree as d
from briefgen.export import exporter
from conftest import REPO

_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _attr(element: etree._Element, name: str) -> str | None:
    prefix, local = name.split(":")
    return element.get(f"{{{NS[prefix]}}}{local}")


def _rels(data: bytes, part: str) -> dict[str, etree._Element]:
    """Relationship id -> Relationship element of DOCX part ``part``."""
    path = PurePosixPath(part)
    name = str(path.parent / "_rels" / f"{path.name}.rels")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if name not in package.namelist():
            return {}
        root = etree.fromstring(package.read(name))
    return {rel.get("Id"): rel for rel in root.findall(f"{{{_PACKAGE_RELS}}}Relationship")}


def _ordered_lists(blocks: tuple[d.Block, ...]) -> list[d.List]:
    """Every numbered list of ``blocks``, nested ones included, in reading order."""
    found: list[d.List] = []
    for block in blocks:
        if isinstance(block, d.List):
            if block.ordered:
                found.append(block)
            for item in block.items:
                found += _ordered_lists(item.blocks)
        elif isinstance(block, (d.Quote, d.Callout)):
            found += _ordered_lists(block.blocks)
        elif isinstance(block, d.Table):
            for row in ((block.header,) if block.header else ()) + block.rows:
                for cell in row:
                    found += _ordered_lists(cell.blocks)
    return found


def test_negotiator_footnotes_are_present_and_referenced() -> None:
    memo = essay_memos()["negotiator"]
    body, notes = memo.part("word/document.xml"), memo.part("word/footnotes.xml")
    assert notes is not None
    notes_written = notes.findall("w:footnote", NS)
    written = [_attr(n, "w:id") for n in notes_written if _attr(n, "w:type") is None]
    referenced = [_attr(r, "w:id") for r in body.iterfind(".//w:footnoteReference", NS)]
    assert len(written) == len(memo.document.footnotes) > 0
    assert referenced == written  # each note referenced once, in order of its number
    for note, source in zip(notes.findall("w:footnote", NS)[2:], memo.document.footnotes,
                            strict=True):  # fmt: skip
        assert note.find(".//w:footnoteRef", NS) is not None
        # (a word joiner keeps a range's en dash on its line, "2\u2060–\u20605")
        written_text = "".join(note.itertext()).replace("\u2060", "")
        assert written_text.startswith(". ")  # after the number: "3. Ibid.", as in the PDF
        assert " ".join(written_text[2:].split()) == " ".join(d.plain_text(source.children).split())


@pytest.mark.parametrize("audience", AUDIENCES)
def test_footer_has_page_and_numpages_fields(audience: str) -> None:
    data = essay_memos()[audience].docx
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert not section.footer.is_linked_to_previous
    instructions = [
        " ".join((_attr(field, "w:instr") or "").split())
        for field in section.footer._element.iterfind(".//w:fldSimple", NS)
    ]
    assert instructions == ["PAGE", "NUMPAGES"]
    texts = "".join(t.text or "" for t in section.footer._element.iterfind(".//w:t", NS))
    assert texts.endswith("Page 1 of 1")  # the fields' cached results


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_relationship_id_resolves(audience: str) -> None:
    """Every r:id of the body and the notes names a relationship of its part; links are
    external http(s) or mailto targets, everything else a part in the package."""
    memo = essay_memos()[audience]
    with zipfile.ZipFile(io.BytesIO(memo.docx)) as package:
        names = set(package.namelist())
    links = 0
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = memo.part(part)
        if root is None:
            continue
        rels = _rels(memo.docx, part)
        for element in root.iter():
            for key, r_id in element.attrib.items():
                if not key.startswith(f"{{{R}}}"):
                    continue
                assert r_id in rels, f"{part}: {r_id} has no relationship"
                rel = rels[r_id]
                if element.tag == f"{{{W}}}hyperlink":
                    links += 1
                    assert rel.get("TargetMode") == "External"
                    assert rel.get("Target").startswith(("https://", "http://", "mailto:"))
                else:
                    target = PurePosixPath(part).parent / rel.get("Target")
                    assert str(target) in names, f"{part}: {r_id} -> {target} is missing"
    has_links = any(isinstance(node, d.Link) for node in _inlines(memo.document))
    assert (links > 0) == has_links


def _inlines(document: d.Document) -> list[d.Inline]:
    found: list[d.Inline] = []

    def walk(nodes: tuple[d.Inline, ...]) -> None:
        for node in nodes:
            found.append(node)
            if isinstance(node, (d.Strong, d.Emph, d.Link)):
                walk(node.children)

    for block in d.iter_blocks(document.blocks):
        for name in ("children", "title", "caption"):
            value = getattr(block, name, None)
            if isinstance(value, tuple):
                walk(value)
    for note in document.footnotes:
        walk(note.children)
    return found


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_numbered_list_restarts(audience: str) -> None:
    memo = essay_memos()[audience]
    lists = _ordered_lists(memo.document.blocks)
    numbering = memo.part("word/numbering.xml")
    num_ids: list[str] = []  # distinct list instances, in reading order
    items: dict[str, int] = {}
    for paragraph in memo.part("word/document.xml").iterfind(".//w:p", NS):
        num = paragraph.find("w:pPr/w:numPr/w:numId", NS)
        style = paragraph.find("w:pPr/w:pStyle", NS)
        if num is None or not _attr(style, "w:val").startswith("ListNumber"):
            continue
        num_id = _attr(num, "w:val")
        if num_id not in items:
            num_ids.append(num_id)
        items[num_id] = items.get(num_id, 0) + 1
    assert len(num_ids) == len(lists)
    for num_id, block in zip(num_ids, lists, strict=True):
        start = numbering.find(f'w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride', NS)
        assert _attr(start, "w:val") == str(block.start)
        assert items[num_id] == len(block.items)


def test_a_reference_docx_brands_the_legislative_memo() -> None:
    """templates/legislative/reference.docx, given as --reference-doc: its styles, page setup
    and letterhead header; briefgen's footer (the reference has none) and the marking on top
    of the letterhead. (The legislative audience no longer sets it: see the next test.)"""
    path = REPO / "templates" / "legislative" / "reference.docx"
    memo = essay_memos()["legislative"]
    style = memo.style.model_copy(update={"reference_docx": str(path)})
    out = docx.Document(io.BytesIO(exporter("docx")(memo.document, style)))
    reference = docx.Document(str(path))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        assert etree.tostring(out.styles[name].element) == etree.tostring(
            reference.styles[name].element
        ), name
    for name in ("List Number", "Quote", "Caption", "Table Grid", "Lead", "Key Figure"):
        assert out.styles[name] is not None  # defined by briefgen: the reference lacks them
    section, source = out.sections[0], reference.sections[0]
    for attribute in ("page_width", "page_height", "top_margin", "left_margin", "header_distance"):
        assert getattr(section, attribute) == getattr(source, attribute), attribute
    assert abs(section.top_margin - Mm(26)) < Mm(0.1)
    header = [p.text for p in section.header.paragraphs]
    assert header == ["FOR COMMITTEE USE", "briefgen worked example — legislative office"]
    text = "".join(t.text or "" for t in out.element.body.iterfind(".//w:t", NS))
    assert "Legislative office reference" not in text  # the reference's specimen body is gone
    assert memo.document.meta.title in text


def test_legislative_docx_and_pdf_share_the_house_style() -> None:
    """The legislative memo takes no reference DOCX: its DOCX headings are in the PDF's
    family and colour, and both open with the house style's letterhead and logo."""
    memo = essay_memos()["legislative"]
    assert memo.style.reference_docx is None
    out = docx.Document(io.BytesIO(memo.docx))
    heading = out.styles["Heading 1"]
    assert heading.font.name == "DejaVu Sans" and memo.style.heading_font == "sans"
    assert str(heading.font.color.rgb) == memo.style.colours.primary.lstrip("#").upper()
    first = out.element.body[0]
    assert first.tag == f"{{{NS['w']}}}tbl"  # the letterhead, before the title
    words = "".join(t.text or "" for t in first.iterfind(".//w:t", NS))
    assert words.startswith("briefgen · example briefs")
    drawing = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert first.find(".//a:blip", drawing) is not None
    reader = pypdf.PdfReader(io.BytesIO(memo.pdf))
    assert "briefgen · example briefs" in reader.pages[0].extract_text()
    assert reader.pages[0].images, "the PDF's first page draws the logo"
    fonts = {str(f["/BaseFont"]) for f in _page_fonts(reader.pages[0])}
    assert any("DejaVuSans-Bold" in name for name in fonts), fonts


def _page_fonts(page: object) -> list:
    resources = page["/Resources"]  # type: ignore[index]
    return [resources["/Font"][key].get_object() for key in resources["/Font"]]
