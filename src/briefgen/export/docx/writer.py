"""DOCX export: a Document and a Style become a Word file, built as a Word expert would.

Word's named styles (Title, Heading 1-3, List Number, Quote, Caption, ...) and a few custom
ones (Lead, Table Text, ...) are defined once from the Style (:mod:`.docx_styles`), so the
body carries almost no direct formatting. Footnotes are real footnotes
(:mod:`.docx_footnotes`), links real links; page setup and running heads are
:mod:`.docx_page`'s. With a reference DOCX (``Style.reference_docx``, :mod:`.docx_reference`)
the memo takes the reference's styles, page setup, header and footer.
With SOURCE_DATE_EPOCH set the bytes are identical from run to run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml.etree import SubElement

from briefgen.audience.reference_docx import open_reference
from briefgen.audience.style import Style, text_size
from briefgen.document import tree as d
from briefgen.document.figure_rows import figure_grid, value_size
from briefgen.document.number_ranges import WORD_JOINER, unbroken_pieces
from briefgen.errors import BriefgenError, BuildError
from briefgen.export.docx.chart import timeline_picture
from briefgen.export.docx.embedded_fonts import Embedded, embed_fonts
from briefgen.export.docx.footnotes import Footnotes
from briefgen.export.docx.isolates import isolate_stretches
from briefgen.export.docx.letterhead import write_letterhead
from briefgen.export.docx.package import APP_XML, core_properties, drop_leftovers, normalised_zip
from briefgen.export.docx.page import page_setup, running_heads
from briefgen.export.docx.scripts import MemoScript, StyleLooks, mark_script, set_bidi
from briefgen.export.docx.styles import CELL_SIDE, NamedStyles
from briefgen.export.docx.wordml import borders, checked, element, margins, put, shade
from briefgen.fonts.runs import font_runs, needs_fallback
from briefgen.fonts.scripts import first_strong_direction
from briefgen.fonts.shaping import measure
from briefgen.reproducible import build_datetime

Container = DocxDocument | _Cell
EMU_PER_POINT = 12700

_CALLOUT_BAR = Twips(30)  # half the 3 pt bar on a callout's left, drawn centred on the edge
# Box padding in twentieths of a point, as the PDF's: callouts 10.5 pt left (after half the
# bar), 9 pt right, 7.65 pt above and below; key figures 9 pt, 4 pt on the right.
_CALLOUT_PAD = {"top": 153, "left": 210, "bottom": 153, "right": 180}
_FIGURE_PAD = {"top": 180, "left": 180, "bottom": 180, "right": 80}


def export(document: d.Document, style: Style) -> bytes:
    """Lay out ``document`` with ``style`` as a DOCX file and return its bytes (see
    :func:`export_with_notes`)."""
    return export_with_notes(document, style)[0]


def export_with_notes(document: d.Document, style: Style) -> tuple[bytes, tuple[str, ...]]:
    """Lay out ``document`` with ``style`` as a DOCX file; return its bytes and the build's
    warnings about it (fonts whose licence kept them out of it).

    With ``style.reference_docx`` set the memo starts from that file (its styles, page
    setup, header and footer; see :mod:`.docx_reference`), else from python-docx's template.
    Raises :class:`BuildError` when the document cannot be written (for example text with
    control characters XML cannot hold); no python-docx or lxml exception escapes.
    """
    when = build_datetime()
    try:
        meta = document.meta
        out, styles, text_width = _start(style, meta.language)
        memo = MemoScript.of(meta.language)
        writer = _Writer(out, styles, style, document.footnotes, memo)
        write_letterhead(writer, out, style.letterhead, text_width)
        for text, title in ((meta.title, styles.title), (meta.subtitle, styles.subtitle)):
            if text:
                writer.inlines(writer.para(out, title), (d.Text(text),))
        writer.blocks(out, document.blocks, _Ctx(text_width, styles.normal))
        marking = style.marking or meta.marking
        running_heads(out, styles, style, marking, text_width, meta.labels.page_of, memo)
        isolate_stretches(out.element.body, memo.rtl)
        if writer.footnotes.written is not None:
            isolate_stretches(writer.footnotes.written.element, memo.rtl)
        core_properties(out, meta, when)
        drop_leftovers(out)
        fonts = embed_fonts(out) if style.embed_fonts else Embedded()
        buffer = io.BytesIO()
        out.save(buffer)
        parts = {"docProps/app.xml": APP_XML, **fonts.parts}
        return normalised_zip(buffer.getvalue(), when, parts), fonts.notes
    except BriefgenError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types: report them as one
        raise BuildError(f"DOCX export failed: {type(exc).__name__}: {exc}") from exc


# A memo's document as it stands before its body is written (page set up, styles defined),
# saved, with its styles and text width, per style and language: memos of one audience, and
# every rebuild under --watch, start from it instead of defining sixty styles again.
_STARTS: dict[tuple[str, str], tuple[bytes, NamedStyles, int]] = {}


def _start(style: Style, language: str) -> tuple[DocxDocument, NamedStyles, int]:
    """A new document for a memo in ``style``: page set up and styles defined."""
    reference = style.reference_docx
    if reference:  # the reference file may change between builds: always read it
        out = open_reference(Path(reference))
        text_width = page_setup(out, style, keep=True)
        return out, NamedStyles(out, style, language, text_width, reference=True), text_width
    key = (style.model_dump_json(), language)
    if key in _STARTS:
        saved, styles, text_width = _STARTS[key]
        out = docx.Document(io.BytesIO(saved))
        return out, styles.rebound(out), text_width
    out = docx.Document()
    text_width = page_setup(out, style)
    styles = NamedStyles(out, style, language, text_width)
    buffer = io.BytesIO()
    out.save(buffer)
    if len(_STARTS) >= 32:  # a long --watch session of style edits: start the store afresh
        _STARTS.clear()
    _STARTS[key] = (buffer.getvalue(), styles.detached(), text_width)
    return out, styles, text_width


# --------------------------------------------------------------------------- body


@dataclass(frozen=True)
class _Ctx:
    """Where blocks are being written: the width available and what encloses them."""

    width: int  # EMU
    plain: ParagraphStyle  # of paragraphs without a role: Normal, Table Text or Quote
    depth: int = 0  # list nesting
    fmt: frozenset[str] = frozenset()  # bold in header-row cells


@dataclass(frozen=True)
class _Row:
    """A table row written by :meth:`_Writer.new_table`: its w:tr and its cells."""

    tr: BaseOxmlElement
    cells: list[_Cell]


@dataclass(frozen=True)
class _Grid:
    """A table written by :meth:`_Writer.new_table`: its w:tbl and its rows."""

    tbl: BaseOxmlElement
    rows: list[_Row]


_VAL, _TBL, _TR, _TC = qn("w:val"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _B, _I, _T = (
    qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "b", "i", "t")
)
_SPACE = qn("xml:space")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
# python-docx's own table look (CT_Tbl.new_tbl), kept so tables read as before in Word.
_TBL_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def _twips(emu: int) -> int:
    """EMU to twentieths of a point, rounded as python-docx rounds them."""
    return round(emu / 635)


def _figure_cells(row: _Row, offset: int, count: int) -> list[_Cell]:
    """The cells of a key-figures row of half-columns: each figure's two half-columns merged
    into one cell (w:gridSpan), the ``offset`` half-columns before and after it kept as the
    half-cells that centre a shorter row."""
    kept = row.cells[:offset]
    for index in range(count):
        first, second = row.cells[offset + 2 * index : offset + 2 * index + 2]
        tcw = first._tc.tcPr.find(qn("w:tcW"))
        tcw.set(qn("w:w"), str(int(tcw.get(qn("w:w"))) * 2))
        tcw.addnext(element("w:gridSpan", {qn("w:val"): "2"}))
        row.tr.remove(second._tc)
        kept.append(first)
    return kept + row.cells[offset + 2 * count :]


# Character formatting inherited by nested inlines: a set of "bold", "italic", "link".
_PLAIN = frozenset[str]()


class _Writer:
    """Writes blocks and inlines into python-docx containers (the body or table cells)."""

    def __init__(self, out: DocxDocument, styles: NamedStyles, style: Style,
                 notes: tuple[d.Footnote, ...], memo: MemoScript) -> None:  # fmt: skip
        self.out, self.st, self.style, self.colours = out, styles, style, style.colours
        self.memo = memo  # the memo's language, script and direction
        self.looks = StyleLooks(out.styles.element, style.body_font)
        self._sectpr: BaseOxmlElement | None = None  # the body's final sectPr, found once
        self.heading_font = style.heading_font
        keep = styles.existing_ids("footnote text", "footnote reference")
        self.footnotes = Footnotes(out, text_size(style.font_size * 0.88), style.font_size, keep)
        self.notes = {note.number: note for note in notes}
        self.in_note = False
        self.handlers = {
            d.Heading: self.heading, d.Paragraph: self.paragraph, d.List: self.list,
            d.Table: self.table, d.Quote: self.quote, d.Callout: self.callout,
            d.FieldList: self.field_list, d.KeyFigures: self.key_figures, d.Rule: self.rule,
            d.TimelineChart: self.timeline,
        }  # fmt: skip

    def blocks(self, container: Container, blocks: tuple[d.Block, ...], ctx: _Ctx) -> None:
        """Write ``blocks`` in order at the end of ``container``."""
        for block in blocks:
            handler = self.handlers.get(type(block))
            if handler is None:
                raise BuildError(f"DOCX export: unknown block {type(block).__name__}")
            handler(container, block, ctx)

    def _before_sectpr(self, child: BaseOxmlElement) -> None:
        """Add ``child`` at the end of the body, before its section properties."""
        body = self.out.element.body
        if self._sectpr is None:
            self._sectpr = body.sectPr
        if self._sectpr is None:
            body.append(child)
        else:
            self._sectpr.addprevious(child)

    def para(self, container: Container, style: ParagraphStyle) -> DocxParagraph:
        """A new paragraph in ``style``, set by id (no lookup by name)."""
        # Built with lxml directly: python-docx searches the body for its final sectPr and
        # each property's schema position on every insertion, which grows with the memo.
        # Children are made with SubElement, in their parent's document: an element made on
        # its own carries a namespace declaration that lxml must reconcile when it is moved.
        if isinstance(container, DocxDocument):
            p = self.out.element.body.makeelement(_P)
            self._before_sectpr(p)
            parent = container._body
        else:
            p = SubElement(container._tc, _P)  # a cell's paragraphs and tables follow its tcPr
            parent = container
        if style is not self.st.normal:
            SubElement(SubElement(p, _PPR), _PSTYLE, {_VAL: style.style_id})
        return DocxParagraph(p, parent)

    def heading(self, container: Container, block: d.Heading, ctx: _Ctx) -> None:
        """Heading 1-3 (deeper levels use Heading 3)."""
        level = min(max(block.level, 1), 3)
        self._drop_table_spacer(container)
        self.inlines(self.para(container, self.st.headings[level - 1]), block.children)

    def _drop_table_spacer(self, container: Container) -> None:
        """Remove the spacer after a table that a heading follows: the heading's space before
        is the air (in the PDF a table's space after and a heading's before overlap), and
        LibreOffice lets a heading that follows an empty paragraph stay at a page's foot
        despite its keep-with-next."""
        if isinstance(container, DocxDocument):
            body = self.out.element.body
            last = body.sectPr.getprevious() if body.sectPr is not None else body[-1]
        else:
            last = container._tc[-1]
        if last is None or last.tag != _P or len(last) != 1:  # a paragraph of its pPr alone
            return
        style, before = last[0].find(_PSTYLE), last.getprevious()
        is_spacer = style is not None and style.get(_VAL) == self.st.spacer.style_id
        if is_spacer and before is not None and before.tag == _TBL:
            last.getparent().remove(last)

    def paragraph(self, container: Container, block: d.Paragraph, ctx: _Ctx) -> None:
        """A paragraph in the style of its role, or else of its surroundings."""
        style = self.st.roles.get(block.role or "") or ctx.plain
        paragraph = self.para(container, style)
        self.inlines(paragraph, block.children, fmt=ctx.fmt)
        if (  # fine print runs its first letter's way (the PDF's and the HTML's rule)
            self.memo.rtl
            and block.role in d.OWN_DIRECTION_ROLES
            and first_strong_direction(d.plain_text(block.children)) == "ltr"
        ):
            set_bidi(paragraph._p.get_or_add_pPr(), rtl=False)

    def list(self, container: Container, block: d.List, ctx: _Ctx) -> None:
        """List Bullet / List Number (2, 3 when nested); every numbered list restarts.

        An item's first paragraph carries the number; later ones use List Continue.
        """
        level, fmt = min(ctx.depth, 2), ctx.fmt
        style = (self.st.numbers if block.ordered else self.st.bullets)[level]
        if block.ordered:
            num_id = self._restarted_num(level, block.start)
        else:  # None when the style numbers (bullets) its paragraphs itself
            num_id = self.st.bullet_nums[level]
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
        never split across pages; header cells in Table Heading, the others in Table Text."""
        rows = ((block.header,) if block.header else ()) + block.rows
        columns = max((len(row) for row in rows), default=0)
        if not columns:
            return
        if block.caption:
            self.inlines(self.para(container, self.st.caption), block.caption)
        table = self.new_table(container, len(rows), ctx.width, columns, block.widths)
        table.tbl.tblPr.style = self.st.table.style_id
        for index, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            is_header = block.header is not None and index == 0
            if is_header:
                put(row.tr.get_or_add_trPr(), "w:tblHeader")
                for cell in row.cells:  # shaded and ruled off in the primary colour, as the PDF
                    tcpr = cell._tc.get_or_add_tcPr()
                    borders(tcpr, "w:tcBorders", bottom=(self.colours.primary, 7, 0))
                    shade(tcpr, self.colours.table_header)
            plain = self.st.table_heading if is_header else self.st.table_text
            for cell, content in zip(row.cells, cells, strict=False):  # short rows: pad
                width = cell.width - 2 * Twips(CELL_SIDE)
                inner = replace(ctx, plain=plain, width=width)
                self._fill(cell, content.blocks, inner)

    def quote(self, container: Container, block: d.Quote, ctx: _Ctx) -> None:
        """Quote-style paragraphs; the attribution role is set right aligned."""
        self.blocks(container, block.blocks, replace(ctx, plain=self.st.quote))

    def callout(self, container: Container, block: d.Callout, ctx: _Ctx) -> None:
        """A one-cell shaded box (fill by kind) with a coloured bar on its left, bold title.

        Like the PDF's, the box is never split across pages: its row cannot split (Word
        splits a row only when it is taller than a page)."""
        c = self.colours
        fill = {"editorial": c.editorial, "contested": c.contested}.get(block.kind, c.callout)
        bar = c.accent if block.kind in ("editorial", "contested") else c.primary
        # In a right-to-left memo the table is bidiVisual: Word and LibreOffice then take
        # its cells' left border and padding as the leading (right) side: the bar moves over.
        table = self.new_table(container, 1, ctx.width - _CALLOUT_BAR, 1)
        cell = table.rows[0].cells[0]
        tcpr = cell._tc.get_or_add_tcPr()
        borders(tcpr, "w:tcBorders", left=(bar, 24, 0))
        shade(tcpr, fill)
        pad = dict(_CALLOUT_PAD)  # Word counts the last paragraph's space after as padding
        pad["bottom"] = max(0, pad["bottom"] - round(self.st.body_size * 0.45 * 20))
        margins(tcpr, "w:tcMar", **pad)
        if block.title:  # written into the cell's first paragraph, so _fill keeps it
            title = cell.paragraphs[0]
            title._p.style = self.st.callout_title.style_id
            self.inlines(title, block.title)
        width = cell.width - Twips(pad["left"] + pad["right"])
        self._fill(cell, block.blocks, replace(ctx, plain=self.st.callout_text, width=width))

    def field_list(self, container: Container, block: d.FieldList, ctx: _Ctx) -> None:
        """A borderless two-column table, labels in Field Label, as the PDF's: the label
        column as wide as the widest label and 12 pt (14-35 % of the width). The rule under
        a memo header is the template's ``<hr>`` (one rule, as in the PDF and HTML)."""
        if block.fields:
            fs = self.st.body_size
            widest = max(measure(f.label, self.heading_font, "bold", fs * 0.88)
                         for f in block.fields) * 12700  # fmt: skip
            label = min(max(widest + Pt(12), ctx.width * 0.14), ctx.width * 0.35) / ctx.width
            table = self.new_table(container, len(block.fields), ctx.width, 2, (label, 1 - label))
            # No left padding: the labels line up with the title and the body text.
            # 1.5 pt above and below each line; the value's space after is the room below.
            margins(table.tbl.tblPr, "w:tblCellMar", top=30, left=0, bottom=0, right=CELL_SIDE)
            labels = replace(ctx, plain=self.st.field_label)
            values = replace(ctx, plain=self.st.table_text)
            for row, field in zip(table.rows, block.fields, strict=True):
                self._fill(row.cells[0], (d.Paragraph((d.Text(field.label),)),), labels)
                self._fill(row.cells[1], (d.Paragraph(field.value),), values)
        else:
            self.para(container, self.st.rule)

    def key_figures(self, container: Container, block: d.KeyFigures, ctx: _Ctx) -> None:
        """A shaded panel under a rule, figures in balanced rows parted by hairlines (as the
        PDF's: :func:`figure_grid`, a shorter row centred, no empty cell): each value large,
        bold, in the accent colour, its label below; values shrink (never below body size)
        so no number breaks mid-way."""
        columns, grid = figure_grid(len(block.figures))
        if not grid:
            return
        table = self.new_table(container, len(grid), ctx.width, columns)
        borders(table.tbl.tblPr, "w:tblBorders", top=(self.colours.primary, 12, 0))
        figure_width = table.rows[0].cells[0].width * 2
        # The widest value must fit on one line of its cell (inside its padding), measured
        # shaped in the bundled fonts, as the PDF exporter measures it.
        room = figure_width / 12700 - (_FIGURE_PAD["left"] + _FIGURE_PAD["right"]) / 20
        values = [f.value for f in block.figures]
        size = value_size(values, self.heading_font, room, self.st.figure_size, self.st.body_size)
        shrunk = size if size < self.st.figure_size else None
        for row, line in zip(table.rows, grid, strict=True):
            for index, cell in enumerate(_figure_cells(row, line.offset, line.count)):
                tcpr = cell._tc.get_or_add_tcPr()
                shade(tcpr, self.colours.callout)
                place = index - bool(line.offset)  # the figure's place in its row
                if not 0 <= place < line.count:
                    continue  # a half-cell centring a shorter row: shaded, nothing beside it
                # A hairline between figures, set on both cells beside it: Word reads a
                # right-to-left table's w:left as the cell's start, LibreOffice as its left.
                hairline = (self.colours.rule, 4, 0)
                sides = {"left": hairline} if place else {}
                sides |= {"right": hairline} if place < line.count - 1 else {}
                if sides:
                    borders(tcpr, "w:tcBorders", **sides)
                margins(tcpr, "w:tcMar", **_FIGURE_PAD)
                figure = block.figures[line.first + place]
                value = cell.paragraphs[0]
                value._p.style = self.st.figure_value.style_id
                if self.memo.paragraph_rtl(figure.value):
                    set_bidi(value._p.get_or_add_pPr())
                self._run(value, value._p, figure.value, _PLAIN, shrunk)
                self.inlines(self.para(cell, self.st.figure_label), figure.label)

    def timeline(self, container: Container, block: d.TimelineChart, ctx: _Ctx) -> None:
        """The caption, then the graphic as an inline picture as wide as the text, with alt text."""
        picture = timeline_picture(block, ctx.width / EMU_PER_POINT, self.style)
        if picture is None:
            return
        if block.caption:
            self.inlines(self.para(container, self.st.caption), block.caption)
        paragraph = self.para(container, self.st.normal)
        paragraph.paragraph_format.keep_together = True
        # Single spacing: a memo in its own script's family sets body lines at an exact
        # height, which would cut the picture to one line.
        paragraph.paragraph_format.line_spacing = 1.0
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.png), width=Emu(ctx.width))
        # No wrapping distance: without these LibreOffice sets the picture about 9 pt in,
        # past the right margin (Word reads a missing distance as none).
        for side in ("distT", "distB", "distL", "distR"):
            shape._inline.set(side, "0")
        properties = shape._inline.docPr
        properties.set("name", "Timeline")
        properties.set("descr", picture.description)

    def rule(self, container: Container, block: d.Rule, ctx: _Ctx) -> None:
        """An empty paragraph with a bottom border."""
        self.para(container, self.st.rule)

    def new_table(self, container: Container, rows: int, width: int, columns: int,
                   relative: tuple[float, ...] | None = None,
                   after: ParagraphStyle | None = None) -> _Grid:  # fmt: skip
        """A fixed-layout table ``width`` EMU wide, columns scaled from ``relative``, rows
        that never split across pages, followed by a paragraph (``after``, or a small spacer):
        adjacent tables would merge in Word, tables need air, and cells must end in one.
        In a right-to-left memo its columns run from the right (bidiVisual)."""
        widths = _column_widths(relative, columns, width)
        # One parse of the whole table's XML: python-docx's table proxies search for each
        # child's schema position and recompute the cell grid on every access.
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{_twips(w)}"/></w:tcPr><w:p/></w:tc>'
            for w in widths
        )
        row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
        grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths)
        bidi = "<w:bidiVisual/>" if self.memo.rtl else ""
        tbl = parse_xml(
            f"<w:tbl {nsdecls('w')}><w:tblPr>{bidi}"
            f'<w:tblW w:w="{round(width / 635)}" w:type="dxa"/>'
            f'<w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{row * rows}</w:tbl>"
        )
        if isinstance(container, DocxDocument):
            self._before_sectpr(tbl)
        else:
            container._tc.append(tbl)
        table = _Grid(tbl, [])
        for tr in tbl.iterchildren(_TR):
            table.rows.append(_Row(tr, [_Cell(tc, container) for tc in tr.iterchildren(_TC)]))
        self.para(container, after or self.st.spacer)
        return table

    def _fill(self, cell: _Cell, blocks: tuple[d.Block, ...], ctx: _Ctx) -> None:
        """Write ``blocks`` into ``cell``, dropping its placeholder paragraph if unused."""
        tc = cell._tc
        placeholder = tc.p_lst[0] if len(tc.p_lst[0]) == 0 else None  # python-docx's <w:p/>
        self.blocks(cell, blocks, ctx)
        if placeholder is not None and len(tc) > 2:  # tcPr, the placeholder, and more
            tc.remove(placeholder)

    def inlines(self, paragraph: DocxParagraph, inlines: tuple[d.Inline, ...],
                target: BaseOxmlElement | None = None,
                fmt: frozenset[str] = _PLAIN) -> None:  # fmt: skip
        """Append ``inlines`` to ``paragraph``, or to ``target`` (a w:hyperlink in it); the
        paragraph runs right to left when the memo does or its text starts right to left."""
        if target is None:
            if self.memo.paragraph_rtl(d.plain_text(inlines)):
                set_bidi(paragraph._p.get_or_add_pPr())
            target = paragraph._p
        previous: d.Inline | None = None
        for node in inlines:
            if isinstance(node, d.FootnoteRef) and isinstance(previous, d.FootnoteRef):
                self.footnotes.separate(target)  # marks 1 and 2 must not read as 12
            previous = node
            if isinstance(node, d.Text):
                self._run(paragraph, target, node.text, fmt)
            elif isinstance(node, d.Strong):
                self.inlines(paragraph, node.children, target, fmt | {"bold"})
            elif isinstance(node, d.Emph):
                self.inlines(paragraph, node.children, target, fmt | {"italic"})
            elif isinstance(node, d.Link):
                # Related from the paragraph's own part: the document or the footnotes.
                r_id = paragraph.part.relate_to(checked(node.href), RT.HYPERLINK, is_external=True)
                anchor = element("w:hyperlink", attrs={qn("r:id"): r_id, qn("w:history"): "1"})
                target.append(anchor)
                self.inlines(paragraph, node.children, anchor, fmt | {"link"})
            elif isinstance(node, d.LineBreak):
                self._run(paragraph, target, "", fmt).add_break()
            elif isinstance(node, d.FootnoteRef):
                self._footnote_ref(target, node.number)

    def _run(self, paragraph: DocxParagraph, target: BaseOxmlElement, text: str,
             fmt: frozenset[str], size: float | None = None) -> Run:  # fmt: skip
        """The runs of ``text`` (one, or one per stretch of a fallback script), ``size`` points
        when given (else the style's); return the last."""
        if self.memo.rtl:
            # A range's hyphen between word joiners, not Word's non-breaking hyphen, after
            # which LibreOffice breaks a line in right-to-left text ("2026-04-" / "07");
            # joined before the text is cut into font runs, which may cut a date.
            text = f"{WORD_JOINER}-{WORD_JOINER}".join(unbroken_pieces(text))
        if not needs_fallback(text):
            run = self._one_run(paragraph, target, text, fmt)
            if size is not None:
                run.font.size = Pt(size)
            return run
        look = self.looks.of(paragraph._p.style)
        half_points = None if size is None else round(size * 2)
        for piece in font_runs(text, look.family):
            run = self._one_run(paragraph, target, piece.text, fmt)
            if size is not None:
                run.font.size = Pt(size)
            if piece.script is not None:
                mark_script(run._r.get_or_add_rPr(), piece, self.memo, look, fmt, half_points)
        return run

    def _one_run(self, paragraph: DocxParagraph, target: BaseOxmlElement, text: str,
                 fmt: frozenset[str]) -> Run:  # fmt: skip
        """One run of ``text``; python-docx escapes it and turns tabs into w:tab."""
        # Built with lxml directly: python-docx's proxies insert each child by searching for
        # its schema position and set text one character at a time, which dominated the time.
        r = SubElement(target, _R)
        if fmt:
            rpr = SubElement(r, _RPR)  # children in schema order: rStyle, b, i
            if "link" in fmt:
                SubElement(rpr, _RSTYLE, {_VAL: self.st.hyperlink.style_id})
            if "bold" in fmt:
                SubElement(rpr, _B)
            if "italic" in fmt:
                SubElement(rpr, _I)
        run = Run(r, paragraph)
        if text and ("\t" in text or "\n" in text or "\r" in text):
            run.text = checked(text)  # python-docx turns these into w:tab and w:br
        elif text:
            # A number range's hyphen is Word's non-breaking hyphen (the HTML's nowrap span).
            for index, piece in enumerate(unbroken_pieces(text)):
                if index:
                    SubElement(r, _NO_BREAK_HYPHEN)
                if piece:
                    t = SubElement(r, _T)
                    t.text = checked(piece)
                    if piece.strip() != piece:
                        t.set(_SPACE, "preserve")
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
