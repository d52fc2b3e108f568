"""DOCX export: a Document and a Style become a Word file, built as a Word expert would.

Word's named styles (Title, Heading 1-3, List Number, Quote, Caption, ...) and a few custom
ones (Lead, Table Text, ...) are restyled once from the Style, so the body carries almost no
direct formatting. Footnotes are real footnotes (:mod:`.docx_footnotes`), links real links.
With SOURCE_DATE_EPOCH set the bytes are identical from run to run.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime

import docx
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Inches, Mm, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from briefgen import document as d
from briefgen import fonts
from briefgen.errors import BriefgenError, BuildError
from briefgen.export.docx_footnotes import Footnotes
from briefgen.fonts import family
from briefgen.reproducible import build_datetime
from briefgen.style import Style

Container = DocxDocument | _Cell

_PAGE_SIZES = {"A4": (Twips(11906), Twips(16838)), "Letter": (Inches(8.5), Inches(11))}
_CELL_MARGIN = Twips(108)  # Word's default left/right cell margin
_CALLOUT_BAR = Twips(30)  # half the 3 pt bar on a callout's left, drawn centred on the edge
_HYPERLINK_BLUE = "#0563C1"  # the colour of Word's own Hyperlink style
_CORE_LIMIT = 255  # python-docx refuses longer core properties
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
# Characters XML 1.0 cannot hold at all (tab, newline and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# ECMA-376 order of the property children _put() sets, from the first one set onwards.
_ORDER = {
    "pPr": "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
    "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
    "divId cnfStyle rPr sectPr pPrChange",
    "rPr": "sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath",
    "tblPr": "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cantSplit trHeight tblHeader tblCellSpacing jc hidden ins del trPrChange",
    "tcPr": "tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
}

# A field Word (and LibreOffice) computes as it lays out pages; "1" is the cached result.
_FIELD = '<w:fldSimple {ns} w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'

# docProps/app.xml naming the real producer, not the template's (Mac Word 2010, one page).
_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Properties xmlns=\"http://"
    b'schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>briefgen</Application></Properties>"
)


def export(document: d.Document, style: Style) -> bytes:
    """Lay out ``document`` with ``style`` as a DOCX file and return its bytes.

    Raises :class:`BuildError` when the document cannot be written (for example text with
    control characters XML cannot hold); no python-docx or lxml exception escapes.
    """
    when = build_datetime()
    try:
        out = docx.Document()
        text_width = _page_setup(out, style)
        styles = _Styles(out, style, document.meta.language, text_width)
        writer = _Writer(out, styles, style, document.footnotes)
        meta = document.meta
        for text, title in ((meta.title, styles.title), (meta.subtitle, styles.subtitle)):
            if text:
                writer.para(out, title).add_run(_checked(text))
        writer.blocks(out, document.blocks, _Ctx(text_width, styles.normal))
        _running_heads(out, styles, style, style.marking or meta.marking)
        _core_properties(out, meta, when)
        _drop_template_leftovers(out)
        buffer = io.BytesIO()
        out.save(buffer)
        return _normalised_zip(buffer.getvalue(), when, {"docProps/app.xml": _APP_XML})
    except BriefgenError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types: report them as one
        raise BuildError(f"DOCX export failed: {type(exc).__name__}: {exc}") from exc


# --------------------------------------------------------------------------- XML helpers


def _checked(text: str) -> str:
    """``text`` unchanged, or BuildError if it holds a character XML 1.0 cannot store."""
    bad = _NOT_XML.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise BuildError(f"DOCX cannot hold the control character {code} in {text[:60]!r}")
    return text


def _put(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Set child ``tag`` of a property element (replacing any), in schema order."""
    _remove(parent, tag)
    child = OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    sequence = _ORDER[parent.tag.rsplit("}", 1)[1]].split()
    later = sequence[sequence.index(tag[2:]) + 1 :]
    parent.insert_element_before(child, *(f"w:{name}" for name in later))
    return child


def _box(parent: BaseOxmlElement, tag: str, sides: dict[str, dict[str, str]]) -> None:
    """A container of per-side children (borders, margins) in top-left-bottom-right order."""
    box = _put(parent, tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            attrs = {qn(f"w:{k}"): v for k, v in sides[side].items()}
            box.append(OxmlElement(f"w:{side}", attrs=attrs))


def _borders(parent: BaseOxmlElement, tag: str, **sides: tuple[str, int, int]) -> None:
    """Single-line borders (pBdr, tblBorders, tcBorders): side=(colour, eighths pt, space)."""
    spec = {
        side: {"val": "single", "sz": str(size), "space": str(space), "color": _hex(colour)}
        for side, (colour, size, space) in sides.items()
    }
    _box(parent, tag, spec)


def _margins(parent: BaseOxmlElement, tag: str, **sides: int) -> None:
    """Cell padding in twentieths of a point, of a cell (tcMar) or table (tblCellMar)."""
    _box(parent, tag, {side: {"w": str(w), "type": "dxa"} for side, w in sides.items()})


def _shade(parent: BaseOxmlElement, colour: str) -> None:
    """Fill a cell or paragraph with a solid ``colour``."""
    _put(parent, "w:shd", val="clear", color="auto", fill=_hex(colour))


def _remove(parent: BaseOxmlElement | None, tag: str) -> None:
    if parent is not None:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


# --------------------------------------------------------------------------- styles


def _look(style: BaseStyle, font: str | None = None, **props: object) -> None:
    """Set a style's font family and other properties, named as python-docx names them
    (``size``/``space_*`` in points, ``colour`` as #RRGGBB, the rest as python-docx takes them).
    """
    if font is not None:
        _set_font(style.element.get_or_add_rPr(), font)
    for name, value in props.items():
        if name == "size":
            style.font.size = Pt(value)  # type: ignore[arg-type]
            _put(style.element.get_or_add_rPr(), "w:szCs", val=str(round(value * 2)))  # type: ignore[operator]
        elif name == "colour":
            style.font.color.rgb = RGBColor.from_string(_hex(str(value)))
        elif name in ("bold", "italic", "underline"):
            setattr(style.font, name, value)
        elif name in ("space_before", "space_after"):
            setattr(style.paragraph_format, name, Pt(value))  # type: ignore[arg-type]
        else:  # line_spacing (a float: a multiple of single), alignment, keep_with_next, ...
            setattr(style.paragraph_format, name, value)


def _set_font(rpr: BaseOxmlElement, name: str) -> None:
    """Use ``name`` for every script slot; theme fonts would otherwise take precedence."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)


class _Styles:
    """Every style the writer uses, restyled from the Style and looked up by name once
    (python-docx scans styles.xml on each lookup); the writer then sets them by id."""

    def __init__(self, out: DocxDocument, style: Style, language: str, text_width: int) -> None:
        self._out, styles = out, out.styles
        body, head = family(style.body_font).name, family(style.heading_font).name
        c, fs, small = style.colours, style.font_size, style.font_size * 0.85
        centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
        _document_defaults(out, body, fs, language)
        # Line spacing as the PDF's leading: Word's "multiple" is of the font's own line height.
        single = 1 / fonts.natural_line_height(style.body_font)

        self.normal = styles["Normal"]
        _look(self.normal, body, size=fs, colour=c.text, space_after=fs * 0.6,
              line_spacing=style.line_spacing * single, widow_control=True)  # fmt: skip
        self.title = styles["Title"]
        _look(self.title, head, size=style.title_size, colour=c.primary, bold=True,
              space_after=4, keep_with_next=True)  # fmt: skip
        _remove(self.title.element.pPr, "w:pBdr")  # the memo's rule comes after the fields
        self.subtitle = styles["Subtitle"]
        _look(self.subtitle, head, size=fs * 1.25, colour=c.muted, italic=False, space_after=fs)
        _remove(self.subtitle.element.pPr, "w:numPr")  # template quirk: a level, no list
        _remove(self.subtitle.element.rPr, "w:spacing")
        self.headings = tuple(styles[f"Heading {n}"] for n in (1, 2, 3))
        for heading, size, before in zip(
            self.headings,
            style.heading_sizes,
            (1.4, 1.1, 0.9),
            strict=True,  # space before
        ):
            _look(heading, head, size=size, colour=c.primary, bold=True, italic=False,
                  space_before=size * before, space_after=size * 0.35, line_spacing=1.2 * single,
                  keep_with_next=True, keep_together=True)  # fmt: skip
        self.quote = styles["Quote"]
        _look(self.quote, colour=c.text, italic=True, space_before=fs * 0.3,
              space_after=fs * 0.3, left_indent=Mm(8), right_indent=Mm(8))  # fmt: skip
        _borders(self.quote.element.get_or_add_pPr(), "w:pBdr", left=(c.primary, 18, 10))
        self.caption = styles["Caption"]
        _look(self.caption, head, size=small, colour=c.muted, bold=True,
              space_before=fs * 0.6, space_after=fs * 0.3, keep_with_next=True)  # fmt: skip
        self.header, self.footer = styles["Header"], styles["Footer"]
        for running in (self.header, self.footer):
            _look(running, head, size=fs * 0.8, colour=c.muted)
            running.paragraph_format.tab_stops.clear_all()
            running.paragraph_format.tab_stops.add_tab_stop(Emu(text_width), WD_TAB_ALIGNMENT.RIGHT)
        _borders(self.header.element.get_or_add_pPr(), "w:pBdr", bottom=(c.rule, 4, 4))
        self.table = styles["Table Grid"]
        _restyle_table_grid(self.table, c.rule)
        self.hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
        self.hyperlink.base_style = styles["Default Paragraph Font"]
        self.hyperlink.priority, self.hyperlink.unhide_when_used = 99, True
        _look(self.hyperlink, colour=_HYPERLINK_BLUE, underline=True)

        self.bullets, self.numbers, self.continues = (
            tuple(styles[f"{name}{suffix}"] for suffix in ("", " 2", " 3"))
            for name in ("List Bullet", "List Number", "List Continue")
        )
        self.number_abstracts = tuple(_abstract_num(out, s) for s in self.numbers)

        derive, normal = self._derive, self.normal
        self.spacer = derive("Spacer", normal, size=fs * 0.5, space_after=0, line_spacing=1.0)
        self.rule = derive("Horizontal Rule", self.spacer, space_after=fs * 0.9)
        _borders(self.rule.element.get_or_add_pPr(), "w:pBdr", bottom=(c.rule, 6, 1))
        self.roles = {
            "lead": derive("Lead", normal, size=fs * 1.2, space_after=fs * 0.8),
            "small": derive("Small Print", normal, size=small, colour=c.muted),
            "label": derive("Label", normal, head, size=small, colour=c.primary, bold=True,
                            space_after=fs * 0.2, keep_with_next=True),
            "attribution": derive("Attribution", normal, size=small, colour=c.muted,
                                  space_after=fs * 0.8, alignment=right),
        }  # fmt: skip
        self.table_text = derive(
            "Table Text", normal, space_after=fs * 0.25, line_spacing=style.line_spacing * single
        )
        self.callout_title = derive(
            "Callout Title",
            self.table_text,
            head,
            colour=c.primary,
            bold=True,
            space_after=fs * 0.3,
            keep_with_next=True,
        )
        self.body_size, self.figure_size = fs, fs * 2.0
        self.figure_value = derive(
            "Key Figure",
            self.table_text,
            head,
            size=self.figure_size,
            colour=c.accent,
            bold=True,
            space_after=0,
            line_spacing=1.0,
            alignment=centre,
            keep_with_next=True,
        )
        self.figure_label = derive(
            "Key Figure Label",
            self.table_text,
            size=small,
            colour=c.muted,
            space_after=0,
            alignment=centre,
        )

    def _derive(self, name: str, base: ParagraphStyle, font: str | None = None,
                **props: object) -> ParagraphStyle:  # fmt: skip
        """Add custom paragraph style ``name`` based on ``base``, listed in the gallery."""
        style = self._out.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, style.quick_style = base, True
        _look(style, font, **props)
        return style


def _document_defaults(out: DocxDocument, font: str, size: float, language: str) -> None:
    """Font, size and proofing language of everything: Word's 'Set As Default'."""
    rpr = out.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0]
    _set_font(rpr, font)
    for tag in ("w:sz", "w:szCs"):
        _put(rpr, tag, val=str(round(size * 2)))
    _put(rpr, "w:lang", val=_checked(language) or "en", eastAsia="en-US", bidi="ar-SA")


def _restyle_table_grid(table: BaseStyle, colour: str) -> None:
    """Thin borders in the rule colour and a little air above and below cell text."""
    tblpr = table.element.find(qn("w:tblPr"))
    line = (colour, 4, 0)
    _borders(tblpr, "w:tblBorders", top=line, left=line, bottom=line, right=line,
             insideH=line, insideV=line)  # fmt: skip
    _margins(tblpr, "w:tblCellMar", top=57, left=108, bottom=28, right=108)


def _abstract_num(out: DocxDocument, style: ParagraphStyle) -> int:
    """The abstract numbering definition a numbered list style points at."""
    num_id = style.element.pPr.numPr.numId.val
    numbering = out.part.numbering_part.element
    return int(numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0])


# --------------------------------------------------------------------------- page


def _page_setup(out: DocxDocument, style: Style) -> int:
    """Paper size and margins; return the text width in EMU."""
    section = out.sections[0]
    section.page_width, section.page_height = _PAGE_SIZES[style.page_size]
    m = style.margins
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance = Mm(min(12.5, m.top / 2))
    section.footer_distance = Mm(min(12.5, m.bottom / 2))
    # Word 2013+ layout (the template says 2010): tables start at the margin, not before it.
    for setting in out.settings.element.find(qn("w:compat")).findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    return section.page_width - section.left_margin - section.right_margin


def _running_heads(out: DocxDocument, styles: _Styles, style: Style, marking: str) -> None:
    """Marking and header text on top; footer text and 'Page X of Y' at the bottom."""
    section = out.sections[0]
    if marking or style.header:
        head = section.header.paragraphs[0]
        head._p.style = styles.header.style_id
        if marking:
            run = head.add_run(_checked(marking))
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(_hex(style.colours.accent))
        if style.header:
            head.add_run("\t" + _checked(style.header))
    foot = section.footer.paragraphs[0]
    foot._p.style = styles.footer.style_id
    foot.add_run(_checked(style.footer) + "\tPage ")
    foot._p.append(parse_xml(_FIELD.format(ns=nsdecls("w"), code="PAGE")))
    foot.add_run(" of ")
    foot._p.append(parse_xml(_FIELD.format(ns=nsdecls("w"), code="NUMPAGES")))


# --------------------------------------------------------------------------- body


@dataclass(frozen=True)
class _Ctx:
    """Where blocks are being written: the width available and what encloses them."""

    width: int  # EMU
    plain: ParagraphStyle  # of paragraphs without a role: Normal, Table Text or Quote
    depth: int = 0  # list nesting
    fmt: frozenset[str] = frozenset()  # bold in header-row cells


# Character formatting inherited by nested inlines: a set of "bold", "italic", "link".
_PLAIN, _BOLD = frozenset[str](), frozenset({"bold"})


class _Writer:
    """Writes blocks and inlines into python-docx containers (the body or table cells)."""

    def __init__(self, out: DocxDocument, styles: _Styles, style: Style,
                 notes: tuple[d.Footnote, ...]) -> None:  # fmt: skip
        self.out, self.st, self.colours = out, styles, style.colours
        self.heading_font = style.heading_font
        self.footnotes = Footnotes(out, style.font_size * 0.8)
        self.notes = {note.number: note for note in notes}
        self.in_note = False
        self.handlers = {
            d.Heading: self.heading, d.Paragraph: self.paragraph, d.List: self.list,
            d.Table: self.table, d.Quote: self.quote, d.Callout: self.callout,
            d.FieldList: self.field_list, d.KeyFigures: self.key_figures, d.Rule: self.rule,
        }  # fmt: skip

    def blocks(self, container: Container, blocks: tuple[d.Block, ...], ctx: _Ctx) -> None:
        """Write ``blocks`` in order at the end of ``container``."""
        for block in blocks:
            handler = self.handlers.get(type(block))
            if handler is None:
                raise BuildError(f"DOCX export: unknown block {type(block).__name__}")
            handler(container, block, ctx)

    def para(self, container: Container, style: ParagraphStyle) -> DocxParagraph:
        """A new paragraph in ``style``, set by id (no lookup by name)."""
        paragraph = container.add_paragraph()
        if style is not self.st.normal:
            paragraph._p.style = style.style_id
        return paragraph

    def heading(self, container: Container, block: d.Heading, ctx: _Ctx) -> None:
        """Heading 1-3 (deeper levels use Heading 3)."""
        level = min(max(block.level, 1), 3)
        self.inlines(self.para(container, self.st.headings[level - 1]), block.children)

    def paragraph(self, container: Container, block: d.Paragraph, ctx: _Ctx) -> None:
        """A paragraph in the style of its role, or else of its surroundings."""
        style = self.st.roles.get(block.role or "") or ctx.plain
        self.inlines(self.para(container, style), block.children, fmt=ctx.fmt)

    def list(self, container: Container, block: d.List, ctx: _Ctx) -> None:
        """List Bullet / List Number (2, 3 when nested); every numbered list restarts.

        An item's first paragraph carries the number; later ones use List Continue.
        """
        level, fmt = min(ctx.depth, 2), ctx.fmt
        style = (self.st.numbers if block.ordered else self.st.bullets)[level]
        num_id = self._restarted_num(level, block.start) if block.ordered else None
        for item in block.items:
            first, children = self.para(container, style), item.blocks
            if num_id is not None:
                numpr = first._p.get_or_add_pPr().get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = num_id
            if children and isinstance(children[0], d.Paragraph):
                self.inlines(first, children[0].children, fmt=fmt)
                children = children[1:]
            for child in children:
                if isinstance(child, d.Paragraph) and child.role is None:
                    self.inlines(self.para(container, self.st.continues[level]), child.children,
                                 fmt=fmt)  # fmt: skip
                else:
                    self.blocks(container, (child,), replace(ctx, depth=ctx.depth + 1))

    def _restarted_num(self, level: int, start: int) -> int:
        """A new list instance of the level's numbering, with a start override (restart)."""
        numbering = self.out.part.numbering_part.element
        num = numbering.add_num(self.st.number_abstracts[level])
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def table(self, container: Container, block: d.Table, ctx: _Ctx) -> None:
        """Caption above, Table Grid, a shaded header row repeated on each page, rows that
        never split across pages."""
        rows = ((block.header,) if block.header else ()) + block.rows
        columns = max((len(row) for row in rows), default=0)
        if not columns:
            return
        if block.caption:
            self.inlines(self.para(container, self.st.caption), block.caption)
        table = self._new_table(container, len(rows), ctx.width, columns, block.widths)
        table._tbl.tblPr.style = self.st.table.style_id
        for index, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            is_header = block.header is not None and index == 0
            if is_header:
                _put(row._tr.get_or_add_trPr(), "w:tblHeader")
                for cell in row.cells:
                    _shade(cell._tc.get_or_add_tcPr(), self.colours.table_header)
            fmt = _BOLD if is_header else _PLAIN
            for cell, content in zip(row.cells, cells, strict=False):  # short rows: pad
                width = cell.width - 2 * _CELL_MARGIN
                inner = replace(ctx, plain=self.st.table_text, fmt=fmt, width=width)
                self._fill(cell, content.blocks, inner)

    def quote(self, container: Container, block: d.Quote, ctx: _Ctx) -> None:
        """Quote-style paragraphs; the attribution role is set right aligned."""
        self.blocks(container, block.blocks, replace(ctx, plain=self.st.quote))

    def callout(self, container: Container, block: d.Callout, ctx: _Ctx) -> None:
        """A one-cell shaded box (fill by kind) with a coloured bar on its left, bold title."""
        c = self.colours
        fill = {"editorial": c.editorial, "contested": c.contested}.get(block.kind, c.callout)
        bar = c.accent if block.kind in ("editorial", "contested") else c.primary
        table = self._new_table(container, 1, ctx.width - _CALLOUT_BAR, 1)
        cell = table.rows[0].cells[0]
        tcpr = cell._tc.get_or_add_tcPr()
        _borders(tcpr, "w:tcBorders", left=(bar, 24, 0))
        _shade(tcpr, fill)
        _margins(tcpr, "w:tcMar", top=100, left=170, bottom=60, right=170)
        if block.title:  # written into the cell's first paragraph, so _fill keeps it
            title = cell.paragraphs[0]
            title._p.style = self.st.callout_title.style_id
            self.inlines(title, block.title)
        inner = replace(ctx, plain=self.st.table_text, width=cell.width - Twips(340))
        self._fill(cell, block.blocks, inner)

    def field_list(self, container: Container, block: d.FieldList, ctx: _Ctx) -> None:
        """A borderless two-column table with bold labels, then a rule."""
        if block.fields:
            label = min(0.25, 0.05 + 0.018 * max(len(f.label) for f in block.fields))
            table = self._new_table(container, len(block.fields), ctx.width, 2, (label, 1 - label),
                                    after=self.st.rule)  # fmt: skip
            # No left padding: the labels line up with the title and the body text.
            _margins(table._tbl.tblPr, "w:tblCellMar", left=0, right=108)
            cell_ctx = replace(ctx, plain=self.st.table_text)
            for row, field in zip(table.rows, block.fields, strict=True):
                name = d.Paragraph((d.Strong((d.Text(field.label),)),))
                self._fill(row.cells[0], (name,), cell_ctx)
                self._fill(row.cells[1], (d.Paragraph(field.value),), cell_ctx)
        else:
            self.para(container, self.st.rule)

    def key_figures(self, container: Container, block: d.KeyFigures, ctx: _Ctx) -> None:
        """Shaded cells, up to four a row: each value large, bold, in the accent colour, its
        label below; values shrink (never below body size) so no number breaks mid-way."""
        count = len(block.figures)
        if not count:
            return
        per_row = -(-count // -(-count // 4))  # rows as even as possible
        table = self._new_table(container, -(-count // per_row), ctx.width, per_row)
        gutter = ("#FFFFFF", 48, 0)
        _borders(table._tbl.tblPr, "w:tblBorders", insideH=gutter, insideV=gutter)
        cells = [cell for row in table.rows for cell in row.cells]
        # The widest value must fit on one line of its cell (cell margins are 2 x 5.4 pt),
        # measured with the bundled font's own metrics, as the PDF exporter does.
        room = cells[0].width / 12700 - 10.8
        widest = max(
            fonts.text_width(f.value, self.heading_font, "bold", 1.0) for f in block.figures
        )
        size = max(self.st.body_size, min(self.st.figure_size, room / widest * 0.97))
        for cell, figure in zip(cells, block.figures, strict=False):  # spare cells stay blank
            tcpr = cell._tc.get_or_add_tcPr()
            _shade(tcpr, self.colours.callout)
            _margins(tcpr, "w:tcMar", top=120, left=108, bottom=120, right=108)
            value = cell.paragraphs[0]
            value._p.style = self.st.figure_value.style_id
            run = self._run(value, value._p, figure.value, _PLAIN)
            if size < self.st.figure_size:
                run.font.size = Pt(round(size * 2) / 2)
            self.inlines(self.para(cell, self.st.figure_label), figure.label)

    def rule(self, container: Container, block: d.Rule, ctx: _Ctx) -> None:
        """An empty paragraph with a bottom border."""
        self.para(container, self.st.rule)

    def _new_table(self, container: Container, rows: int, width: int, columns: int,
                   relative: tuple[float, ...] | None = None,
                   after: ParagraphStyle | None = None) -> DocxTable:  # fmt: skip
        """A fixed-layout table ``width`` EMU wide, columns scaled from ``relative``, rows
        that never split across pages, followed by a paragraph (``after``, or a small spacer):
        adjacent tables would merge in Word, tables need air, and cells must end in one."""
        widths = _column_widths(relative, columns, width)
        if isinstance(container, DocxDocument):
            table = container.add_table(rows, columns)
        else:  # not _Cell.add_table, which appends an empty paragraph after the table
            table = BlockItemContainer.add_table(container, rows, columns, Emu(width))
        table.autofit = False
        _put(table._tbl.tblPr, "w:tblW", w=str(round(width / 635)), type="dxa")
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = Emu(column_width)
        for row in table.rows:
            _put(row._tr.get_or_add_trPr(), "w:cantSplit")
            for cell, column_width in zip(row.cells, widths, strict=True):
                cell.width = Emu(column_width)
        self.para(container, after or self.st.spacer)
        return table

    def _fill(self, cell: _Cell, blocks: tuple[d.Block, ...], ctx: _Ctx) -> None:
        """Write ``blocks`` into ``cell``, dropping its placeholder paragraph if unused."""
        tc = cell._tc
        placeholder = tc.p_lst[0] if len(tc.p_lst[0]) == 0 else None  # python-docx's <w:p/>
        self.blocks(cell, blocks, ctx)
        if placeholder is not None and len(tc.xpath("w:p|w:tbl")) > 1:
            tc.remove(placeholder)

    def inlines(self, paragraph: DocxParagraph, inlines: tuple[d.Inline, ...],
                target: BaseOxmlElement | None = None,
                fmt: frozenset[str] = _PLAIN) -> None:  # fmt: skip
        """Append ``inlines`` to ``paragraph``, or to ``target`` (a w:hyperlink in it)."""
        target = paragraph._p if target is None else target
        for node in inlines:
            if isinstance(node, d.Text):
                self._run(paragraph, target, node.text, fmt)
            elif isinstance(node, d.Strong):
                self.inlines(paragraph, node.children, target, fmt | {"bold"})
            elif isinstance(node, d.Emph):
                self.inlines(paragraph, node.children, target, fmt | {"italic"})
            elif isinstance(node, d.Link):
                # Related from the paragraph's own part: the document or the footnotes.
                r_id = paragraph.part.relate_to(_checked(node.href), RT.HYPERLINK, is_external=True)
                anchor = OxmlElement("w:hyperlink", attrs={qn("r:id"): r_id, qn("w:history"): "1"})
                target.append(anchor)
                self.inlines(paragraph, node.children, anchor, fmt | {"link"})
            elif isinstance(node, d.LineBreak):
                self._run(paragraph, target, "", fmt).add_break()
            elif isinstance(node, d.FootnoteRef):
                self._footnote_ref(target, node.number)

    def _run(self, paragraph: DocxParagraph, target: BaseOxmlElement, text: str,
             fmt: frozenset[str]) -> Run:  # fmt: skip
        """One run of ``text``; python-docx escapes it and turns tabs into w:tab."""
        r = OxmlElement("w:r")
        target.append(r)
        run = Run(r, paragraph)
        if "link" in fmt:
            r.get_or_add_rPr().style = self.st.hyperlink.style_id
        if "bold" in fmt:
            run.bold = True
        if "italic" in fmt:
            run.italic = True
        if text:
            run.text = _checked(text)
        return run

    def _footnote_ref(self, target: BaseOxmlElement, number: int) -> None:
        """A real footnote: the reference here, the note's text in the footnotes part."""
        if self.in_note:
            raise BuildError(f"DOCX export: footnote text cannot reference footnote {number}")
        if number not in self.notes:
            raise BuildError(f"DOCX export: footnote {number} is referenced but not defined")
        paragraph = self.footnotes.reference(target, number)
        if paragraph is not None:  # the first reference: write the note
            self.in_note = True
            try:
                self.inlines(paragraph, self.notes[number].children)
            finally:
                self.in_note = False


def _column_widths(relative: tuple[float, ...] | None, columns: int, total: int) -> list[int]:
    """``relative`` widths scaled to ``total`` EMU (equal columns when None)."""
    relative = relative or (1.0,) * columns
    if len(relative) != columns or any(w <= 0 for w in relative):
        raise BuildError(f"DOCX export: table widths {list(relative)} do not fit {columns} columns")
    scale = total / sum(relative)
    widths = [int(w * scale) for w in relative[:-1]]
    return [*widths, total - sum(widths)]


# --------------------------------------------------------------------------- package


def _core_properties(out: DocxDocument, meta: d.Metadata, when: datetime) -> None:
    """Title, subject, author, keywords, language and build-time stamps."""
    props = out.core_properties
    texts = {"title": meta.title, "subject": meta.subject, "author": meta.author,
             "last_modified_by": meta.author, "keywords": ", ".join(meta.keywords),
             "language": meta.language, "comments": ""}  # fmt: skip
    for name, text in texts.items():  # comments: the template's say "generated by python-docx"
        setattr(props, name, _checked(text)[:_CORE_LIMIT])
    props.created = props.modified = props.last_printed = when
    props.revision = 1


def _drop_template_leftovers(out: DocxDocument) -> None:
    """Drop the template's blank-page thumbnail, and its stylesWithEffects part: a stale
    Word 2010 copy of the unstyled styles that Word 2010 could prefer to styles.xml."""
    package, document = out.part.package.rels, out.part.rels
    for rels, reltype in ((package, RT.THUMBNAIL), (document, _STYLES_WITH_EFFECTS)):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == reltype]:
            rels.pop(r_id)


def _normalised_zip(data: bytes, when: datetime, replace_parts: dict[str, bytes]) -> bytes:
    """Rewrite the package zip with a fixed entry order, times and attributes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries.update(replace_parts)
    first = [name for name in ("[Content_Types].xml", "_rels/.rels") if name in entries]
    order = first + sorted(name for name in entries if name not in first)
    # Zip times cannot precede 1980 and are local times without a zone: use UTC.
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below means rw-r--r-- regular file
            info.external_attr = 0o100644 << 16
            target.writestr(info, entries[name], compresslevel=6)
    return buffer.getvalue()
