"""The page of a DOCX memo: paper, margins and text width, and the running header and footer
(marking, header text, footer text and "Page X of Y" as PAGE and NUMPAGES fields).

With a reference DOCX the reference's page setup, header and footer win; the Style fills in
what the reference leaves out (see :mod:`.docx_reference`).
"""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Emu, Inches, Mm, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from briefgen.audience.style import Style
from briefgen.export.docx.scripts import Look, MemoScript, mark_script, set_bidi
from briefgen.export.docx.styles import NamedStyles
from briefgen.export.docx.wordml import add_setting, checked, element, hex_colour
from briefgen.fonts.runs import font_runs, needs_fallback

_PAGE_SIZES = {"A4": (Twips(11906), Twips(16838)), "Letter": (Inches(8.5), Inches(11))}

# A field Word (and LibreOffice) computes as it lays out pages; "1" is the cached result.
_FIELD = '<w:fldSimple {ns} w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def page_setup(out: DocxDocument, style: Style, keep: bool = False) -> int:
    """Paper size and margins from the Style, or with ``keep`` (a reference DOCX) only those
    its section does not state; return the width of the text column in EMU."""
    if not out.sections:  # a reference whose body has no section properties
        out.element.body.get_or_add_sectPr()
    section = out.sections[-1]
    m, (width, height) = style.margins, _PAGE_SIZES[style.page_size]
    wanted = {
        "page_width": width, "page_height": height,
        "top_margin": Mm(m.top), "bottom_margin": Mm(m.bottom),
        "left_margin": Mm(m.left), "right_margin": Mm(m.right),
        "header_distance": Mm(min(12.5, m.top / 2)),
        "footer_distance": Mm(min(12.5, m.bottom / 2)),
    }  # fmt: skip
    for name, value in wanted.items():
        if not keep or getattr(section, name) is None:
            setattr(section, name, value)
    _word_2013_layout(out)
    text = section.page_width - section.left_margin - section.right_margin - (section.gutter or 0)
    columns = section._sectPr.find(qn("w:cols"))
    count = int(columns.get(qn("w:num"), "1")) if columns is not None else 1
    if count > 1:  # equal columns; tables must fit one
        gap = Twips(int(columns.get(qn("w:space"), "720")))
        text = (text - gap * (count - 1)) // count
    return text


def _word_2013_layout(out: DocxDocument) -> None:
    """Word 2013+ layout (python-docx's template says 2010): tables start at the margin."""
    settings = out.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = add_setting(settings, element("w:compat"))
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
            return
    attrs = {"name": "compatibilityMode", "uri": "http://schemas.microsoft.com/office/word",
             "val": "15"}  # fmt: skip
    compat.append(element("w:compatSetting", attrs={qn(f"w:{k}"): v for k, v in attrs.items()}))


def running_heads(out: DocxDocument, styles: NamedStyles, style: Style, marking: str,
                   width: int, page_of: str, memo: MemoScript | None = None) -> None:  # fmt: skip
    """Marking and header text on top; footer text and 'Page X of Y' at the bottom.

    A reference DOCX's own header and footer are kept instead of these (where it has only a
    first-page one, the other pages get briefgen's); every header of the reference gets the
    marking as a first line, since a handling marking must be on every page. In a
    right-to-left memo the lines run right to left: the marking and the footer text start
    at the right margin, the header text and "Page X of Y" sit at the tab on the left.
    """
    memo = memo or MemoScript.of("en")
    look = Look(style.heading_font)
    section = out.sections[-1]
    if marking:
        for part in _header_parts(out, section):  # the reference's, before briefgen adds one
            line = DocxParagraph(element("w:p"), part)  # type: ignore[arg-type]
            part.element.insert(0, line._p)  # type: ignore[attr-defined]
            line._p.style = styles.header.style_id
            _direction(line, memo)
            _marking(line, marking, style, memo, look)
    if section.header.is_linked_to_previous and (marking or style.header):
        head = section.header.paragraphs[0]
        head._p.style = styles.header.style_id
        _direction(head, memo)
        _right_tab(head, styles, styles.header, width)
        if marking:
            _marking(head, marking, style, memo, look)
        if style.header:
            _add_text(head, "\t" + checked(style.header), memo, look)
    if not section.footer.is_linked_to_previous:
        return
    foot = section.footer.paragraphs[0]
    foot._p.style = styles.footer.style_id
    _direction(foot, memo)
    _right_tab(foot, styles, styles.footer, width)
    # The folio label ("Page {page} of {pages}") around Word's PAGE and NUMPAGES fields.
    pieces = re.split(r"\{(page|pages)\}", page_of)
    pieces[0] = checked(style.footer) + "\t" + pieces[0]
    for n, piece in enumerate(pieces):
        if n % 2:
            code = "PAGE" if piece == "page" else "NUMPAGES"
            foot._p.append(parse_xml(_FIELD.format(ns=nsdecls("w"), code=code)))
        elif piece:
            _add_text(foot, checked(piece), memo, look)
    if memo.rtl:  # a field is a neutral to the bidi algorithm: the mark keeps the last
        foot.add_run("\u200e")  # number inside "Page X of Y" when that is left to right


def _marking(paragraph: DocxParagraph, marking: str, style: Style, memo: MemoScript,
             look: Look) -> None:  # fmt: skip
    """The marking as bold runs in the accent colour, as on the PDF's pages."""
    for run in _add_text(paragraph, checked(marking), memo, look, bold=True):
        run.font.color.rgb = RGBColor.from_string(hex_colour(style.colours.accent))


def _add_text(paragraph: DocxParagraph, text: str, memo: MemoScript, look: Look,
              bold: bool = False) -> list[Run]:  # fmt: skip
    """``text`` as runs, one per stretch of a fallback script (see :mod:`.scripts`)."""
    if not needs_fallback(text):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        return [run]
    runs = []
    for piece in font_runs(text, look.family):
        run = paragraph.add_run(piece.text)
        if bold:
            run.bold = True
        if piece.script is not None:
            fmt = frozenset({"bold"}) if bold else frozenset[str]()
            mark_script(run._r.get_or_add_rPr(), piece, memo, look, fmt)
        runs.append(run)
    return runs


def _direction(paragraph: DocxParagraph, memo: MemoScript) -> None:
    """A running head of a right-to-left memo runs right to left (the tab stop, at the
    far end of the line, then sits at the left margin)."""
    if memo.rtl:
        set_bidi(paragraph._p.get_or_add_pPr())


def _header_parts(out: DocxDocument, section: Section) -> list[Part]:
    """The distinct header parts a reference's section uses (default, first, even page)."""
    parts: list[Part] = []
    for ref in section._sectPr.findall(qn("w:headerReference")):
        part = out.part.related_parts[ref.get(qn("r:id"))]
        if all(part is not seen for seen in parts):
            parts.append(part)
    return parts


def _right_tab(paragraph: DocxParagraph, styles: NamedStyles, style: ParagraphStyle,
               width: int) -> None:  # fmt: skip
    """A right tab stop at the text's right edge, where a reference's Header or Footer style
    (kept as it is) has its own: theirs are cleared for this paragraph only."""
    if styles.ours(style):
        return  # briefgen's own style has exactly that stop
    tabs = paragraph.paragraph_format.tab_stops
    for stop in style.paragraph_format.tab_stops:
        if round(stop.position / 635) != round(width / 635):
            tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)
