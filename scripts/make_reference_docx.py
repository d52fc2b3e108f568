"""Write the worked example's reference DOCX: templates/legislative/reference.docx.

    python scripts/make_reference_docx.py [OUTPUT]

A reference DOCX brands briefgen's DOCX memos as Pandoc's --reference-doc does (see the
README, "Branding with a reference DOCX"). This one is what an office would make in Word: it
defines only the styles it brands (Normal, Title, Subtitle, Heading 1-3, Header), a page setup
and a letterhead header, and nothing else, so briefgen defines every other style itself. Its
fonts are the bundled DejaVu faces, so it renders the same everywhere. The output is
byte-identical from run to run (for one python-docx version).
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

from briefgen.export.docx.package import APP_XML, drop_leftovers, normalised_zip
from briefgen.export.docx.wordml import borders, put
from briefgen.fonts import bundled as fonts

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "templates" / "legislative" / "reference.docx"
LETTERHEAD = "briefgen worked example — legislative office"
WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)

SERIF, SANS = fonts.family("serif").name, fonts.family("sans").name
WINE, GOLD, GREY, INK = "7A1F3D", "B08D57", "6B5B63", "222222"
# The styles this reference brands; every other style is left to briefgen.
BRANDED = {"normal", "title", "subtitle", "heading 1", "heading 2", "heading 3", "header"}
DEFAULTS = {"default paragraph font", "normal table", "no list"}


def _font(style: BaseStyle, name: str, size: float, colour: str, **flags: bool) -> None:
    """A style's font family (every script slot, no theme font), size, colour and flags."""
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), name)
    font = style.font
    font.size, font.color.rgb = Pt(size), RGBColor.from_string(colour)
    put(style.element.get_or_add_rPr(), "w:szCs", val=str(round(size * 2)))
    for flag, value in flags.items():
        setattr(font, flag, value)


def _paragraph(style: BaseStyle, before: float, after: float, line: float | None = None) -> None:
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _brand_styles(out: DocxDocument, text_width: int) -> None:
    """Restyle the branded styles and drop every other style of python-docx's template."""
    styles = out.styles
    single = 1 / fonts.natural_line_height("serif")
    normal = styles["Normal"]
    _font(normal, SERIF, 9.5, INK)
    _paragraph(normal, 0, 5.7, 1.28 * single)
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    _font(title, SERIF, 21, WINE, bold=True)
    _paragraph(title, 0, 3, 1.1 * single)
    title.paragraph_format.keep_with_next = True
    borders(title.element.get_or_add_pPr(), "w:pBdr", bottom=("#" + GOLD, 12, 4))
    subtitle = styles["Subtitle"]
    _font(subtitle, SERIF, 11.5, GREY, italic=True)
    _paragraph(subtitle, 4, 10, 1.1 * single)
    for style, tag in ((subtitle, "w:pPr/w:numPr"), (subtitle, "w:rPr/w:spacing"),
                       (title, "w:rPr/w:spacing"), (title, "w:rPr/w:kern")):  # fmt: skip
        for child in style.element.findall(qn(tag.split("/")[0]) + "/" + qn(tag.split("/")[1])):
            child.getparent().remove(child)  # the template's numbering quirk, letter spacing

    for level, (face, size, colour, before) in enumerate(
        ((SERIF, 14, WINE, 16), (SANS, 11, WINE, 12), (SANS, 9.5, GREY, 9)), start=1
    ):
        heading = styles[f"Heading {level}"]
        _font(heading, face, size, colour, bold=True, italic=False)
        _paragraph(heading, before, 4, 1.15 * single)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
        if level == 1:
            borders(heading.element.get_or_add_pPr(), "w:pBdr", bottom=("#" + GOLD, 4, 2))

    header = styles["Header"]
    _font(header, SANS, 7.5, GREY)
    header.paragraph_format.tab_stops.clear_all()
    header.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)

    for style in list(styles):
        name = (style.name or "").lower()
        if name not in BRANDED | DEFAULTS:
            styles.element.remove(style.element)
        else:
            for link in style.element.findall(qn("w:link")):
                style.element.remove(link)  # the linked "... Char" styles are gone
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0]
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), SERIF)
    put(rpr, "w:sz", val="19")
    put(rpr, "w:szCs", val="19")


def _letterhead(out: DocxDocument) -> None:
    """A letterhead header: the office's name in small capitals over a wine-red rule."""
    head = out.sections[0].header.paragraphs[0]
    head.style = out.styles["Header"]
    borders(head._p.get_or_add_pPr(), "w:pBdr", bottom=("#" + WINE, 8, 3))
    run = head.add_run(LETTERHEAD)
    run.font.small_caps = True
    run.font.bold = True
    run.font.color.rgb = RGBColor.from_string(WINE)


def _specimen(out: DocxDocument) -> None:
    """A page showing the branded styles to whoever opens the file; briefgen drops it."""
    body = out.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    out.add_paragraph("Legislative office reference", "Title")
    out.add_paragraph("The styles, page setup and header of the office's memos", "Subtitle")
    for level in (1, 2, 3):
        out.add_paragraph(f"Heading {level}", f"Heading {level}")
        out.add_paragraph(
            "Body text. briefgen takes this file's styles, page setup and header for the "
            "legislative audience's DOCX memos and ignores this text."
        )


def build() -> bytes:
    """The reference DOCX's bytes."""
    out = docx.Document()
    _specimen(out)
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(26), Mm(22)
    section.left_margin = section.right_margin = Mm(22)
    section.header_distance, section.footer_distance = Mm(10), Mm(11)
    text_width = section.page_width - section.left_margin - section.right_margin
    _brand_styles(out, text_width)
    _letterhead(out)
    # List styles are gone, and with them any use of the template's numbering and bibliography.
    for r_id, rel in list(out.part.rels.items()):
        if rel.reltype in (RT.NUMBERING, RT.CUSTOM_XML):
            out.part.rels.pop(r_id)
    props = out.core_properties
    props.title, props.author, props.last_modified_by = "Legislative office reference", "", ""
    props.comments, props.keywords, props.subject = "", "", ""
    props.created = props.modified = props.last_printed = WHEN
    props.revision = 1
    drop_leftovers(out)
    buffer = io.BytesIO()
    out.save(buffer)
    return normalised_zip(buffer.getvalue(), WHEN, {"docProps/app.xml": APP_XML})


def main(argv: list[str]) -> int:
    """Write the reference DOCX to ``argv[0]`` (default: the legislative audience's)."""
    target = Path(argv[0]) if argv else OUTPUT
    target.write_bytes(build())
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
