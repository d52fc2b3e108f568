"""PDF exporter: lays a :class:`~briefgen.document.tree.Document` out with reportlab platypus.

Everything visual comes from the audience's :class:`~briefgen.audience.style.Style`.
Text is set in the
bundled DejaVu faces (embedded as subsets), so Azerbaijani, Armenian, Georgian and Cyrillic
all render. The layout runs once: each page draws its "Page X of Y" as a form XObject that is
defined after the last page, when Y is known. (The deferred-``showPage`` "NumberedCanvas"
trick is not used because it binds every bookmark and internal link made on a deferred page to
page 1; a second layout pass would double the time.)
The timeline graphic is drawn as vectors (reportlab.graphics) from the layout the DOCX and
HTML exporters draw too (:mod:`briefgen.export.timeline.layout`).
Output is byte-identical for equal input when SOURCE_DATE_EPOCH is set: reportlab runs in
invariant mode (per document, not globally) and the dates come from :func:`build_datetime`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import cache, partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from briefgen.audience.style import MIN_TEXT_SIZE, Style, text_size
from briefgen.document import tree as d
from briefgen.document.figure_rows import figure_grid, figure_rows, value_size
from briefgen.document.tree import Document
from briefgen.errors import BriefgenError, BuildError
from briefgen.export.pdf.hyphenation import hyphenation_language, hyphenator
from briefgen.export.pdf.layout import SHORT_PAGE, Layout, Recorder, line_count
from briefgen.export.pdf.letterhead import letterhead_table
from briefgen.export.pdf.note_columns import NoteColumns
from briefgen.export.pdf.paragraph_fragments import fragments
from briefgen.export.pdf.script_paragraph import (
    ScriptParagraph,
    Span,
    draw_text_line,
    pieces_of,
    register_family,
    spans_from_fragments,
)
from briefgen.export.timeline.layout import TimelineLayout, colours, for_style
from briefgen.fonts.bundled import FACES, FAMILY_KEYS, pdf_name
from briefgen.fonts.languages import leading_factor
from briefgen.fonts.runs import needs_fallback
from briefgen.fonts.scripts import first_strong_direction, language_direction
from briefgen.fonts.shaping import measure
from briefgen.reproducible import build_datetime

__all__ = ["export", "export_with_layout"]

_PAGE_SIZES = {"A4": A4, "Letter": LETTER}
_ROLES = ("lead", "small", "label", "attribution")
# callout kind -> (fill colour, bar colour), both names of Style.colours fields
_CALLOUTS = {
    "note": ("callout", "primary"),
    "summary": ("callout", "primary"),
    "editorial": ("editorial", "accent"),
    "contested": ("contested", "accent"),
}
_PAD = 4.0  # table cell padding (pt)
_BOX_PAD = 9.0  # callout and key-figure panel padding (pt)
_MIN_SPLIT = 36.0  # least room (pt) in which a table or box may start before a page break

# A note mark is set at the 8 pt floor (reportlab's superscript is the text less 2 pt: 7.6 pt
# beside 9.5 pt body), raised by its default half of the text size.
_SUPER = f'<super size="{MIN_TEXT_SIZE:g}">'


@cache
def register_fonts() -> None:
    """Register the text families once a process, with <b>/<i> mapped to their faces (a
    script family is registered when a paragraph first needs it: reading its files costs a
    Latin memo nothing then)."""
    for key in FAMILY_KEYS:
        register_family(key)


#: PDF font name of a text family's face -> (family key, face)
_TEXT_FACES = {pdf_name(key, face): (key, face) for key in FAMILY_KEYS for face in FACES}


def _styles(style: Style, language: str = "en") -> dict[str, ParagraphStyle]:
    """Every paragraph style the memo uses, derived from the Style and the memo's language (its
    hyphenation) only; the same objects for the same both, memo after memo (paragraphs'
    layouts are kept per style object)."""
    hyphenation = hyphenation_language(language)
    taller = leading_factor(language)
    key = (style.model_dump_json(), hyphenation, taller)
    sheet = _SHEETS.get(key)
    if sheet is None:
        if len(_SHEETS) >= 32:
            _SHEETS.clear()
        sheet = _SHEETS[key] = _new_styles(style, hyphenation, taller)
    return sheet


#: Paragraph styles that take their text's own direction in a right-to-left memo.
_OWN_DIRECTION = d.OWN_DIRECTION_ROLES  # its styles are named after the roles

_SHEETS: dict[tuple[str, str, float], dict[str, ParagraphStyle]] = {}


def _new_styles(
    style: Style, hyphenation: str = "", taller: float = 1.0
) -> dict[str, ParagraphStyle]:
    """The paragraph styles of :func:`_styles`, made anew; ``hyphenation`` names Pyphen's
    patterns (see :mod:`.hyphenation`), every style inheriting them from the body's;
    ``taller`` multiplies the line spacing (for a script whose letters need it)."""
    c = style.colours
    fs, ls = style.font_size, style.line_spacing * taller
    body_font, head = style.body_font, style.heading_font
    primary, muted, accent = HexColor(c.primary), HexColor(c.muted), HexColor(c.accent)
    body = ParagraphStyle("body", fontName=pdf_name(body_font), fontSize=fs, leading=fs * ls)
    body.textColor, body.spaceAfter = HexColor(c.text), fs * 0.6
    body.allowWidows = body.allowOrphans = 0
    body.bulletFontName, body.bulletFontSize = body.fontName, fs  # the default is Helvetica
    # splitLongWords breaks any word or URL wider than the line. (uriWasteReduce is not
    # used: it splits a long URL only once and lets the rest overrun the margin.)
    body.splitLongWords = 1
    if hyphenation:
        body.hyphenationLang = hyphenator(hyphenation)
    # reportlab lets a line take up to 5% less space between words than the font gives and
    # then, in ragged-right text, draws it past the margin: no line may run over.
    body.spaceShrinkage = 0

    def derive(name: str, font: str | None, size: float, after: float, **kw: Any) -> ParagraphStyle:
        """``size`` and ``after`` (the space after) are multiples of the body size."""
        if font:
            kw["fontName"] = font
        leading = ls if size < 1.3 else 1.2  # display sizes need less air
        kw.update(fontSize=text_size(fs * size), leading=fs * size * leading, spaceAfter=fs * after)
        return ParagraphStyle(name, parent=body, **kw)

    bold = pdf_name(body_font, "bold")
    head_regular, head_bold = pdf_name(head), pdf_name(head, "bold")
    title = style.title_size / fs
    sheet = {
        "body": body,
        "lead": derive("lead", None, 1.15, 0.8),
        "small": derive("small", None, 0.85, 0.6, textColor=muted),
        "label": derive("label", bold, 0.88, 0.3, textColor=primary),
        "attribution": derive("attribution", None, 0.85, 0.6, textColor=muted, alignment=TA_RIGHT),
        "item": derive("item", None, 1, 0.25),
        "cell": derive("cell", None, 0.92, 0.3),
        "th": derive("th", head_bold, 0.88, 0.3, textColor=primary),
        "quote": derive("quote", pdf_name(body_font, "italic"), 1, 0.4),
        "box": derive("box", None, 1, 0.45),
        "title": derive("title", head_bold, title, title * 0.3, textColor=primary),
        "subtitle": derive("subtitle", head_regular, title * 0.6, 1.2, textColor=muted),
        "caption": derive("caption", head_bold, 0.85, 0.35, textColor=muted, keepWithNext=1),
        "box_title": derive("box_title", head_bold, 1, 0.35, textColor=primary),
        "note": derive("note", None, 0.88, 0.3, leftIndent=fs * 1.8, firstLineIndent=-fs * 1.8),
        "figure_value": derive("figure_value", head_bold, 2.0, 0.15, textColor=accent),
        "figure_label": derive("figure_label", None, 0.85, 0, textColor=muted),
        "field_label": derive("field_label", head_bold, 0.88, 0, textColor=primary),
        "letterhead": derive("letterhead", head_bold, 1.1, 0.05, textColor=primary),
        "letterhead_line": derive("letterhead_line", head_regular, 0.85, 0, textColor=muted),
    }
    sheet["caption"].spaceBefore = fs * 0.4
    # Notes are citations, full of names and URLs: not hyphenated (reportlab, hyphenating,
    # leaves a URL's tail wider than a note column instead of cutting it to fit).
    sheet["note"].hyphenationLang = ""
    for level, size in enumerate(style.heading_sizes, start=1):
        sheet[f"h{level}"] = derive(
            f"h{level}", head_bold, size / fs, size / fs * 0.45, textColor=primary, keepWithNext=1
        )
        sheet[f"h{level}"].spaceBefore = size * (1.1 if level == 1 else 0.9)
    return sheet


def _outline_text(inlines: tuple[d.Inline, ...]) -> str:
    """A heading's text for the bookmark panel: footnote marks dropped, breaks as spaces."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, d.Text):
            parts.append(node.text)
        elif isinstance(node, (d.Strong, d.Emph, d.Link)):
            parts.append(_outline_text(node.children))
        elif isinstance(node, d.LineBreak):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


_MIRRORED_COMMANDS = {
    "LINEBEFORE": "LINEAFTER",
    "LINEAFTER": "LINEBEFORE",
    "LEFTPADDING": "RIGHTPADDING",
    "RIGHTPADDING": "LEFTPADDING",
}


def _mirrored(command: tuple[Any, ...], ncols: int) -> tuple[Any, ...]:
    """A table style command for the table with its columns in reverse order: column
    ranges mirrored, left and right swapped."""
    name, (c0, r0), (c1, r1), *rest = command
    first, last = (c if c >= 0 else ncols + c for c in (c0, c1))
    if first > last:
        return command  # an empty range (separators of a one-column row) stays empty
    mirrored = (ncols - 1 - last, r0), (ncols - 1 - first, r1)
    return (_MIRRORED_COMMANDS.get(name, name), *mirrored, *rest)


def _padding(left: float, right: float, top: float, bottom: float) -> list[tuple[Any, ...]]:
    """TableStyle commands giving every cell these paddings (pt)."""
    sides = {"LEFT": left, "RIGHT": right, "TOP": top, "BOTTOM": bottom}
    return [(f"{side}PADDING", (0, 0), (-1, -1), value) for side, value in sides.items()]


class _Para(Paragraph):
    """A Paragraph parsed without HTMLParser, that breaks its lines once per width and, under
    --watch, reuses both from an earlier paragraph of the same markup and style.

    reportlab breaks a paragraph's lines anew on every ``wrap``, and a paragraph is wrapped
    several times at the same width: by its table while the table sizes its rows and again
    while it draws them, by keep-with-next groups, by note columns. Parsing and line breaking
    depend only on the markup, the style and the width, so both are kept: by the paragraph,
    and, with :data:`KEEP_LAYOUTS` on, for every (markup, style) pair in this process
    (:data:`_LAID`), so that a rebuild parses and breaks only the paragraphs an edit changed.
    Styles come from :func:`_styles`, kept per Style: a style is the same object from memo to
    memo.
    """

    _laid: dict[float, tuple[Any, ...]] | None = None  # width -> the state wrap leaves

    def __init__(self, text: str | None, style: ParagraphStyle, **kwargs: Any) -> None:
        """A paragraph of briefgen's markup ``text``, tokenised without HTMLParser (see
        :mod:`.pdf_frags`); reportlab's own ways (``frags=`` from a split) are left as are."""
        if text is not None and not kwargs:
            key = (text, style)
            known = _LAID.get(key) if KEEP_LAYOUTS else None
            if known is None:
                known = (fragments(text, style), {})
                if KEEP_LAYOUTS:
                    if len(_LAID) >= _LAID_MAX:  # a long --watch session: start afresh
                        _LAID.clear()
                    _LAID[key] = known
            frags, laid = known
            kwargs["frags"] = frags  # None: reportlab parses it, and nothing is shared
            self._laid = laid if frags is not None else None
        super().__init__(text, style, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """As Paragraph.wrap, reusing the line breaks made at the same width."""
        laid = self._laid if self._laid is not None else self.__dict__.setdefault("_own", {})
        state = laid.get(availWidth)
        if state is not None:
            self.width, self.height, self.blPara, self._wrapWidths = state
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            laid[availWidth] = (self.width, self.height, self.blPara, self._wrapWidths)
        return size


# Whether paragraphs keep their layouts for later memos of this process (see _Para): on under
# --watch, where every rebuild sets mostly the same paragraphs; off for one build, where the
# kept layouts would hold every paragraph in memory until the end (a quarter more at 300 pages).
KEEP_LAYOUTS = False

# (markup, paragraph style) -> (fragments, {width: line breaks}); see _Para.
_LAID: dict[tuple[str, ParagraphStyle], tuple[list[Any] | None, dict[float, tuple[Any, ...]]]] = {}
_LAID_MAX = 50_000


class _Table(Table):
    """A Table that moves to the next page rather than leave a sliver at the foot of this one.

    With in-row splitting on, reportlab would otherwise split a box in the last few points
    of a page into an empty strip of padding and the real box overleaf.
    """

    keep_below = 0.0  # a table no taller than this (pt) is never split: it moves on whole
    # A callout's own splitter (see _Story.split_callout): its continuation repeats the title.
    rebox: Callable[[float, float], list[Flowable]] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split as Table does, unless there is almost no room left or it should stay whole.

        A callout that would stay whole is split all the same where moving it on would leave
        its page under a quarter full (more than three quarters of the frame still free):
        a box continued under its title reads better than a near-empty page."""
        if availHeight < _MIN_SPLIT:
            return []
        if availHeight < self._height <= self.keep_below:
            if self.rebox is None or availHeight < self.keep_below * (1 - SHORT_PAGE):
                return []
            return self.rebox(self._height, availHeight)
        if self.rebox is not None:
            return self.rebox(self._height, availHeight)
        return super().split(availWidth, availHeight)


def _drawing(geometry: TimelineLayout, style: Style) -> Drawing:
    """The timeline graphic as vector shapes and text (:mod:`briefgen.export.timeline.layout`)."""
    colour = {role: HexColor(value) for role, value in colours(style).items()}
    drawing = Drawing(geometry.width, geometry.height)
    drawing.__dict__["_briefgen_texts"] = []  # (Drawing refuses unknown attributes)
    # The renderer starts from Helvetica unless told otherwise, and would put that unembedded
    # font in the page's resources though no text uses it.
    drawing.initialFontName = pdf_name(geometry.font)
    drawing.initialFontSize = geometry.font_size
    y = geometry.axis_y
    drawing.add(Line(0, y, geometry.width, y, strokeColor=colour["axis"], strokeWidth=1.2))
    for label in geometry.labels:
        x, (y0, y1) = label.tick, label.stem
        drawing.add(Line(x, y0, x, y1, strokeColor=colour["stem"], strokeWidth=0.5))
        for line in label.lines:
            x = label.text_x + line.indent  # every line flush left
            face, role = ("bold", "date") if line.bold else ("regular", "label")
            if needs_fallback(line.text):  # shaped: drawn by the flowable (see _Graphic)
                span = Span(line.text, geometry.font, face, geometry.font_size, colour[role])
                drawing._briefgen_texts.append((span, x, line.y))
                continue
            text = String(x, line.y, line.text, textAnchor="start")
            text.fontName, text.fontSize = pdf_name(geometry.font, face), geometry.font_size
            text.fillColor = colour[role]
            drawing.add(text)
    for x in geometry.ticks:
        drawing.add(Circle(x, y, geometry.dot, fillColor=colour["tick"], strokeColor=None))
    return drawing


class _Graphic(Flowable):
    """A reportlab.graphics Drawing as a flowable with space around it (a Drawing refuses
    attributes it does not know, spaceBefore and spaceAfter among them)."""

    def __init__(self, drawing: Drawing, before: float, after: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height
        self.spaceBefore, self.spaceAfter = before, after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The drawing's own size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the shapes at the flowable's origin, as vectors; then the texts in other
        scripts, shaped, in the drawing's coordinates."""
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        texts = self.drawing.__dict__.get("_briefgen_texts", [])
        if texts:
            self.canv.saveState()
            self.canv.transform(*self.drawing.transform)
            for span, x, y in texts:
                rtl = first_strong_direction(span.text) == "rtl"
                draw_text_line(self.canv, span, x, y, "left", rtl)
            self.canv.restoreState()


class _KeepWithNext(KeepTogether):
    """keepWithNext that needs room for the heading and the start of what follows only: two
    lines of a paragraph (its style allows no orphan), a table's first row.

    reportlab's KeepTogether wants all of the next flowable on the page, so a heading before
    a long paragraph or table left a large hole at the foot of the page.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Flow on if the last flowable can split so that its first part fits after the rest."""
        self.wrap(aW, aH)
        last = self._content[-1]
        room = aH - (self._H - last.wrap(aW, aH)[1])
        parts = last.split(aW, room) if 0 < room < aH else []
        if parts and 0 < parts[0].wrap(aW, room)[1] <= room:
            return list(self._content)
        return super().split(aW, aH)


def _keep_with_next(story: list[Flowable], width: float) -> list[Flowable]:
    """Group each run of keep-with-next flowables (headings, captions) with what follows;
    ``width`` is the frame's.

    Done here rather than by reportlab, which never groups a heading with a list. A heading
    needs two lines of its text on its page: a one-line paragraph under it is grouped with
    what follows it too.
    """
    out: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in story:
        if flowable.getKeepWithNext() or _one_line_under_heading(run, flowable, width):
            run.append(flowable)
            continue
        if run:
            for kept in run:
                kept.keepWithNext = 0  # grouped already: reportlab must not group it again
            flowable = _KeepWithNext([*run, flowable])
            run = []
        out.append(flowable)
    return out + run


def _one_line_under_heading(run: list[Flowable], flowable: Flowable, width: float) -> bool:
    """Whether ``flowable`` is a paragraph of one line right under the heading ending ``run``."""
    if not run or getattr(run[-1], "_briefgen_outline", None) is None:
        return False
    if not isinstance(flowable, (Paragraph, ScriptParagraph)):
        return False
    flowable.wrap(width, 1e9)
    return line_count(flowable) < 2


class _Story:
    """Turns the Document's blocks into platypus flowables (one instance per build pass)."""

    def __init__(self, document: Document, style: Style) -> None:
        self.document = document
        self.style = style
        self.fs = style.font_size
        self.sheet = _styles(style, document.meta.language)
        self.colour = {k: HexColor(v) for k, v in style.colours.model_dump().items()}
        self.notes = {fn.number for fn in document.footnotes}
        self.rtl = language_direction(document.meta.language or "en") == "rtl"
        self.cited: set[int] = set()  # footnotes whose first reference carries the anchor
        self.headings = 0
        self.depth = 0  # list nesting, for the bullet character
        page_width, page_height = _PAGE_SIZES[style.page_size]
        margins = style.margins
        self.frame_width = page_width - (margins.left + margins.right) * mm
        self.frame_height = page_height - (margins.top + margins.bottom) * mm

    # ------------------------------------------------------------------ inline markup

    def inline(self, nodes: tuple[d.Inline, ...]) -> str:
        """reportlab paragraph XML for ``nodes``; every piece of text is escaped."""
        out: list[str] = []
        link = self.style.colours.primary
        for i, node in enumerate(nodes):
            if isinstance(node, d.Text):
                out.append(escape(node.text))
            elif isinstance(node, d.Strong):
                out.append(f"<b>{self.inline(node.children)}</b>")
            elif isinstance(node, d.Emph):
                out.append(f"<i>{self.inline(node.children)}</i>")
            elif isinstance(node, d.Link):
                href, text = _attr(node.href), self.inline(node.children)
                out.append(f'<a href="{href}" color="{link}" underline="1">{text}</a>')
            elif isinstance(node, d.LineBreak):
                out.append("<br/>")
            elif isinstance(node, d.FootnoteRef):
                if i and isinstance(nodes[i - 1], d.FootnoteRef):
                    out.append(f"{_SUPER},</super>")  # marks 1 and 2 must not read as 12
                out.append(self._note_mark(node.number))
        return "".join(out)

    def _note_mark(self, n: int) -> str:
        # Only the first reference gets the back-link target: bookmark names must be unique.
        anchor = "" if n in self.cited else f'<a name="fnref-{n}"/>'
        self.cited.add(n)
        if n not in self.notes:  # a link to a missing note would abort the whole build
            return f"{_SUPER}{n}</super>"
        colour = self.style.colours.primary
        return f'{anchor}<a href="#fn-{n}" color="{colour}">{_SUPER}{n}</super></a>'

    def para(self, inlines: tuple[d.Inline, ...], key: str) -> Flowable:
        """A paragraph of ``inlines`` in paragraph style ``key``."""
        return self.paragraph(self.inline(inlines), self.sheet[key])

    def paragraph(self, markup: str, style: ParagraphStyle) -> Flowable:
        """A paragraph of reportlab markup: reportlab's own for left-to-right text in the
        text families' scripts; briefgen's shaped, bidirectional one for any other script
        and for every paragraph of a right-to-left memo."""
        if not (self.rtl or needs_fallback(markup)):
            return _Para(markup, style)
        frags = fragments(markup, style)
        if frags is None:  # markup outside the tokeniser's form: reportlab parses it
            frags = Paragraph(markup, style).frags
        # A paragraph runs the memo's way; small print (references, often in their
        # source's language) and any paragraph of a left-to-right memo run their first
        # letter's way. (Notes keep the memo's: a column of notes aligned both ways reads
        # as a mess.)
        own = first_strong_direction("".join(getattr(f, "text", "") for f in frags))
        rtl = (own or ("rtl" if self.rtl else "ltr")) == "rtl"
        if self.rtl and style.name not in _OWN_DIRECTION:
            rtl = True
        return ScriptParagraph(pieces_of(spans_from_fragments(frags, _TEXT_FACES), rtl), style, rtl)

    # ------------------------------------------------------------------ blocks

    def build(self) -> list[Flowable]:
        """The whole story: title block, body, endnotes."""
        meta = self.document.meta
        story: list[Flowable] = self.letterhead()
        story.append(self.paragraph(escape(meta.title), self.sheet["title"]))
        if meta.subtitle:
            story.append(self.paragraph(escape(meta.subtitle), self.sheet["subtitle"]))
        else:
            story.append(Spacer(1, self.fs))
        story += self.blocks(self.document.blocks, self.frame_width, "body") + self.endnotes()
        return _keep_with_next(story, self.frame_width)

    def letterhead(self) -> list[Flowable]:
        """The house style's letterhead (logo, organisation, lines), if it has one."""
        head = self.style.letterhead
        if not head.shown:
            return []
        table = letterhead_table(
            head, self.sheet, self.paragraph, self._table, self.frame_width, self.rtl
        )
        return [table]

    def blocks(self, blocks: tuple[d.Block, ...], width: float, base: str) -> list[Flowable]:
        """Flowables for ``blocks`` set in ``width``; roleless paragraphs use style ``base``."""
        return [flowable for block in blocks for flowable in self.block(block, width, base)]

    def block(self, block: d.Block, width: float, base: str) -> list[Flowable]:
        """Flowables for one block."""
        if isinstance(block, d.Paragraph):
            return [self.para(block.children, block.role if block.role in _ROLES else base)]
        if isinstance(block, d.Heading):
            return [self.heading(block)]
        if isinstance(block, d.Table):
            return self.table(block, width)
        if isinstance(block, d.TimelineChart):
            return self.timeline(block, width)
        if isinstance(block, (d.Quote, d.Callout)) and width < self.frame_width / 3:
            return self.flattened(block, width, base)
        if isinstance(block, d.List) and width - self.fs * 1.8 < self.fs * 4:
            # Nested so deep (or in so narrow a cell) that an indented item would be under
            # four ems wide: its items' blocks are laid out without the indent and bullet.
            return [f for item in block.items for f in self.blocks(item.blocks, width, "item")]
        if isinstance(block, d.Rule):
            gap = {"spaceBefore": self.fs * 0.5, "spaceAfter": self.fs * 0.9}
            return [HRFlowable(width="100%", thickness=0.6, color=self.colour["rule"], **gap)]
        makers: dict[type, Callable[[Any, float], Flowable]] = {
            d.List: self.list_,
            d.Quote: self.quote,
            d.Callout: self.callout,
            d.FieldList: self.fields,
            d.KeyFigures: self.figures,
        }
        maker = makers.get(type(block))
        if maker is None:
            raise BuildError(f"PDF export: unknown block type {type(block).__name__}")
        return [maker(block, width)]

    def heading(self, heading: d.Heading) -> Paragraph:
        """A heading paragraph tagged for the outline (see :meth:`_MemoTemplate.afterFlowable`)."""
        level = min(max(heading.level, 1), 3)
        anchor = f'<a name="{_attr(heading.anchor)}"/>' if heading.anchor else ""
        flowable = self.paragraph(anchor + self.inline(heading.children), self.sheet[f"h{level}"])
        self.headings += 1
        flowable._briefgen_outline = (level, _outline_text(heading.children), f"h-{self.headings}")
        return flowable

    def list_(self, block: d.List, width: float) -> ListFlowable:
        """A bulleted or numbered list; numbering restarts at ``start`` for each List."""
        indent = self.fs * 1.8  # one indent for both kinds keeps mixed lists aligned
        self.depth += 1
        items = [self.blocks(item.blocks, width - indent, "item") for item in block.items]
        self.depth -= 1
        bullet = {"bulletType": "1", "start": block.start, "bulletFormat": "%s."}
        if not block.ordered:
            bullet = {"bulletType": "bullet", "start": "•" if self.depth == 0 else "–"}
        # A right-to-left memo hangs its markers on the right, right-aligned to the edge.
        sides = (
            {"rightIndent": indent, "leftIndent": 0, "bulletAlign": "right"}
            if self.rtl
            else {"leftIndent": indent}
        )
        return ListFlowable(
            [item or [Spacer(1, 0)] for item in items],
            bulletFontName=self.sheet["body"].fontName,
            bulletFontSize=self.fs,
            bulletColor=self.colour["primary"],
            spaceAfter=self.fs * 0.35 if self.depth == 0 else 0,
            **sides,
            **({"bulletDir": "rtl"} if self.rtl else {}),
            **bullet,
        )

    def table(self, block: d.Table, width: float) -> list[Flowable]:
        """A data table: wrapping cells, relative widths, header repeated on every page."""
        rows = ([block.header] if block.header else []) + list(block.rows)
        ncols = max((len(row) for row in rows), default=0)
        if not ncols:
            return []
        weights = block.widths if block.widths and len(block.widths) == ncols else (1.0,) * ncols
        cols = [width * w / sum(weights) for w in weights]
        if min(cols) < 2 * _PAD + 2 * self.fs:
            raise BuildError(f"PDF export: a table with {ncols} columns does not fit the page")
        data = [
            self._row(row, cols, "th" if block.header and r == 0 else "cell")
            for r, row in enumerate(rows)
        ]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, self.colour["rule"]),
            *_padding(_PAD, _PAD, _PAD * 0.8, _PAD * 1.1),
        ]
        if block.header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), self.colour["table_header"]))
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.9, self.colour["primary"]))
        table = self._table(data, cols, commands, repeat=1 if block.header else 0)
        table.spaceBefore, table.spaceAfter = 2, self.fs * 0.9
        return ([self.para(block.caption, "caption")] if block.caption else []) + [table]

    def timeline(self, block: d.TimelineChart, width: float) -> list[Flowable]:
        """The timeline graphic, its caption above it; scaled down if it would not fit a page
        with its caption and heading (only ever for many events with long labels)."""
        if not block.events:
            return []
        geometry = for_style([(e.date, e.label, e.shown) for e in block.events], width, self.style)
        drawing = _drawing(geometry, self.style)
        room = self.frame_height * 0.8
        if geometry.height > room:
            drawing.scale(room / geometry.height, room / geometry.height)
            drawing.width, drawing.height = width * room / geometry.height, room
        graphic = _Graphic(drawing, before=self.fs * 0.3, after=self.fs * 0.9)
        return ([self.para(block.caption, "caption")] if block.caption else []) + [graphic]

    def _row(self, row: tuple[d.Cell, ...], cols: list[float], base: str) -> list[Any]:
        """One table row: every cell a list of flowables (so it wraps); missing cells empty."""
        return [
            self.blocks(row[i].blocks, width - 2 * _PAD, base) if i < len(row) else []
            for i, width in enumerate(cols)
        ]

    def _table(
        self, data: list[list[Any]], cols: list[float], commands: list[Any], repeat: int = 0
    ) -> Table:
        # splitInRow lets a row taller than the page continue on the next page instead of
        # raising LayoutError. Its value is the least height (pt) of either part: keep it tiny,
        # or reportlab refuses rows that are only slightly taller than a page.
        if self.rtl:  # columns run from the right: the first column is the rightmost
            data, cols = [row[::-1] for row in data], cols[::-1]
            commands = [_mirrored(command, len(cols)) for command in commands]
        table = _Table(data, cols, repeatRows=repeat, splitInRow=0.01, hAlign="LEFT")
        # Tables set their cell font even for flowable cells: keep it an embedded one.
        font = ("FONT", (0, 0), (-1, -1), pdf_name(self.style.body_font), self.fs)
        table.setStyle(TableStyle([font, *commands]))
        return table

    def _box(self, content: list[Flowable], width: float, fill: str | None, bar: str) -> Table:
        """A one-cell box, filled with colour ``fill`` (or not), with a bar on its left."""
        bar_width = 3.0 if fill else 2.0
        vertical = 0.85 if fill else 0.25
        commands = [
            ("LINEBEFORE", (0, 0), (0, -1), bar_width, self.colour[bar], "butt"),
            *_padding(_BOX_PAD + bar_width / 2, _BOX_PAD, _BOX_PAD * vertical, _BOX_PAD * vertical),
        ]
        if fill:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), self.colour[fill]))
        box = self._table([[content]], [width], commands)
        box.spaceBefore, box.spaceAfter = self.fs * 0.4, self.fs
        return box

    def quote(self, block: d.Quote, width: float) -> Table:
        """An indented italic quotation with a bar in the primary colour."""
        width -= self.fs * 1.2
        content = self.blocks(block.blocks, width - 2 * _BOX_PAD - 2, "quote")
        box = self._box(content, width, None, "primary")
        box.hAlign = "LEFT" if self.rtl else "RIGHT"  # indented from the start edge
        return box

    def flattened(self, block: d.Quote | d.Callout, width: float, base: str) -> list[Flowable]:
        """A quotation or callout nested so deep that a box would leave its text under a third
        of the page's width: its title and blocks laid out without the box, at ``width``."""
        if isinstance(block, d.Quote):
            return self.blocks(block.blocks, width, "quote")
        title = [self.para(block.title, "box_title")] if block.title else []
        return title + self.blocks(block.blocks, width, base)

    def callout(self, block: d.Callout, width: float) -> Table:
        """A filled box with a bold title line and a bar; the colours follow the kind.

        A callout is never split across pages unless it is taller than a page; then each
        continuation repeats its title, marked as continued (see :meth:`split_callout`)."""
        content = [self.para(block.title, "box_title")] if block.title else []
        content += self.blocks(block.blocks, width - 2 * _BOX_PAD - 3, "box")
        return self._callout_box(block, content, width)

    def _callout_box(
        self, block: d.Callout, content: list[Flowable], width: float, continued: bool = False
    ) -> _Table:
        """The box of ``block`` holding ``content`` (its title first, if any; the title
        marked as continued in a ``continued`` box)."""
        fill, bar = _CALLOUTS.get(block.kind, _CALLOUTS["note"])
        box = self._box(content, width, fill, bar)
        box.keep_below = self.frame_height
        box.rebox = partial(self.split_callout, block, content, width, continued)
        box._briefgen_callout = _outline_text(block.title) if block.title else block.kind
        box._briefgen_continued = continued
        return box

    def split_callout(
        self,
        block: d.Callout,
        content: list[Flowable],
        width: float,
        continued: bool,
        whole: float,
        room: float,
    ) -> list[Flowable]:
        """A callout ``whole`` pt tall (taller than a page) split to fit ``room``: what fits,
        then a box that starts with the title marked as continued and holds the rest."""
        inner = width - 2 * _BOX_PAD - 1.5  # the cell's width inside its paddings
        head, tail = _split_flowables(content, inner, room - 2 * _BOX_PAD * 0.85 - 1)
        titled = 1 if block.title or continued else 0
        if len(head) <= titled or not tail:
            return []  # not even a line of the text fits here: the whole box moves on
        title = (*block.title, d.Text(" ")) if block.title else ()
        label = (d.Emph((d.Text(_continued_label(self.document)),)),)
        first = self._callout_box(block, head, width, continued)
        rest = self._callout_box(block, [self.para(title + label, "box_title"), *tail], width, True)
        first._briefgen_part, first._briefgen_whole = "head", whole
        first._briefgen_fills = whole <= self.frame_height  # split only to fill its page
        rest._briefgen_part = "tail"
        return [first, rest]

    def fields(self, block: d.FieldList, width: float) -> Flowable:
        """The memo header: a two-column label/value table (the rule under it is the
        template's ``<hr>``, so there is one rule, as in the DOCX and HTML)."""
        if not block.fields:
            return Spacer(1, 0)
        label = self.sheet["field_label"]
        font = (self.style.heading_font, "bold")
        widest = max(measure(f.label, *font, label.fontSize) for f in block.fields)
        label_width = min(max(widest + 3 * _PAD, width * 0.14), width * 0.35)
        data = [[self.paragraph(escape(f.label), label), self.para(f.value, "cell")]
                for f in block.fields]  # fmt: skip
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *_padding(0, _PAD, 1.5, 1.5),
        ]
        table = self._table(data, [label_width, width - label_width], commands)
        table.spaceAfter = self.fs * 0.3
        return table

    def figures(self, block: d.KeyFigures, width: float) -> Flowable:
        """The key-figures panel: big accent values over small labels in balanced rows.

        Rows of at most four, as even as they can be (7 figures: 4 + 3; 9: 3 + 3 + 3), the
        longer first, every figure as wide as the others and a shorter row centred under the
        full one: no empty cell. Each figure spans two half-columns, so a row one figure short
        starts half a figure in."""
        if not block.figures:
            return Spacer(1, 0)
        columns, grid = figure_grid(len(block.figures))
        per_row = columns // 2
        value = self._figure_value_style(block, width / per_row - 2 * _BOX_PAD)
        cells: list[list[Flowable]] = [
            [self.paragraph(escape(f.value), value), self.para(f.label, "figure_label")]
            for f in block.figures
        ]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), self.colour["callout"]),
            ("LINEABOVE", (0, 0), (-1, 0), 1.5, self.colour["primary"], "butt"),
            *_padding(_BOX_PAD, _PAD, _BOX_PAD, _BOX_PAD),
        ]
        data: list[list[Any]] = []
        for r, line in enumerate(grid):
            row: list[Any] = [""] * columns
            for i in range(line.count):
                col = line.offset + 2 * i
                # (a span shows its first cell's content: the right one once _table mirrors)
                row[col + self.rtl] = cells[line.first + i]
                commands.append(("SPAN", (col, r), (col + 1, r)))
                if i:  # a hairline between figures
                    commands.append(("LINEBEFORE", (col, r), (col, r), 0.5, self.colour["rule"]))
            data.append(row)
        table = self._table(data, [width / per_row / 2] * (2 * per_row), commands)
        table.spaceBefore, table.spaceAfter = self.fs * 0.4, self.fs
        table.keep_below = self.frame_height  # (not KeepTogether: headings could not keep with it)
        table._briefgen_figure_rows = figure_rows(len(block.figures))
        return table

    def _figure_value_style(self, block: d.KeyFigures, inner_width: float) -> ParagraphStyle:
        """The value style, shrunk (to no less than the body size) so the widest value fits."""
        style = self.sheet["figure_value"]
        values = [f.value for f in block.figures]
        size = value_size(values, self.style.heading_font, inner_width, style.fontSize, self.fs)
        if size == style.fontSize:
            return style
        return ParagraphStyle(
            "figure_value_fit",
            parent=style,
            fontSize=size,
            leading=size * style.leading / style.fontSize,
        )

    def endnotes(self) -> list[Flowable]:
        """The "Notes" section: each note anchored at fn-n, its number linking back."""
        if not self.document.footnotes:
            return []
        colour = self.style.colours.primary
        notes: list[Flowable] = []
        for fn in self.document.footnotes:
            n = fn.number
            mark = f'<a href="#fnref-{n}" color="{colour}">{n}.</a>' if n in self.cited else f"{n}."
            text = f'<a name="fn-{n}"/>{mark}&nbsp;{self.inline(fn.children)}'
            notes.append(self.paragraph(text, self.sheet["note"]))
        columns = self._note_columns(notes)
        body: list[Flowable] = notes
        if columns > 1 and len(notes) > columns:
            body = [NoteColumns(notes, columns, gap=self.fs, rtl=self.rtl)]
        return [self.heading(d.Heading(1, (d.Text(self.document.meta.labels.notes),))), *body]

    def _note_columns(self, notes: list[Flowable]) -> int:
        """How many columns (1 to 3) the notes take: short notes (source paragraphs) read best
        in balanced columns, as in print. Whichever count sets them in the least height wins,
        measured on the notes themselves (a citation style's long first note of each source
        wraps in its column, its short notes then fit); fewer columns unless that saves 5%."""
        best_height, best = float("inf"), 1
        for count in (1, 2, 3):
            column = (self.frame_width - self.fs * (count - 1)) / count
            lines = sum(note.wrap(column, 1e9)[1] + note.getSpaceAfter() for note in notes)
            if lines / count < best_height * 0.95:
                best_height, best = lines / count, count
        return best


def _continued_label(document: Document) -> str:
    """The mark of a continued callout's title, in the memo's language."""
    return document.meta.labels.continued


def _split_flowables(
    flowables: list[Flowable], width: float, height: float
) -> tuple[list[Flowable], list[Flowable]]:
    """``flowables`` stacked in a column ``width`` wide: those that fit in ``height`` (the
    last perhaps split) and the rest, as a frame would place them."""
    used = 0.0
    for index, flowable in enumerate(flowables):
        space = flowable.getSpaceBefore() if index else 0.0
        tall = flowable.wrap(width, max(height - used - space, 0.0))[1]
        if used + space + tall <= height:
            used += space + tall + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, height - used - space) if height - used - space > 0 else []
        if len(parts) > 1:
            return [*flowables[:index], parts[0]], [*parts[1:], *flowables[index + 1 :]]
        return flowables[:index], flowables[index:]
    return list(flowables), []


class _MemoTemplate(BaseDocTemplate):
    """One frame per page, running head and foot, and bookmarks for tagged headings."""

    def __init__(self, buffer: io.BytesIO, document: Document, style: Style) -> None:
        meta, m = document.meta, style.margins
        margins = {"leftMargin": m.left * mm, "rightMargin": m.right * mm}
        margins |= {"topMargin": m.top * mm, "bottomMargin": m.bottom * mm}
        info = {"title": meta.title, "author": meta.author, "subject": meta.subject}
        info |= {"keywords": ", ".join(meta.keywords), "creator": "briefgen"}
        # invariant=1 holds for this document only: a fixed ID and no clock reads. The canvas's
        # initial font lands in every page's resources, so it must be an embedded one.
        font = pdf_name(style.body_font)
        options = {"invariant": 1, "pageCompression": 1, "initialFontName": font}
        pagesize, lang = _PAGE_SIZES[style.page_size], meta.language or None
        super().__init__(buffer, pagesize=pagesize, lang=lang, **margins, **info, **options)
        self.style = style
        self.marking = style.marking or meta.marking
        self.rtl = language_direction(meta.language or "en") == "rtl"
        self.labels = meta.labels
        self._folio_size: float | None = None
        self._outline_level = -1
        self._bookmarked: set[str] = set()
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, 0, 0, 0, 0, id="body"
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self.recorder = Recorder(self.bottomMargin + self.height, self.height, self.width)

    def handle_pageEnd(self) -> None:
        """Note the page's end for the layout record, then end it."""
        self.recorder.page_ended(self.page)
        super().handle_pageEnd()

    def afterFlowable(self, flowable: Flowable) -> None:
        """Record where ``flowable`` landed; bookmark a tagged heading and add it to the
        outline."""
        if self.frame is not None:  # (an action, such as a page break, is in no frame)
            # frame._y is the position below the flowable and its space after.
            self.recorder.place(flowable, self.page, self.frame._y + flowable.getSpaceAfter())
        tag = getattr(flowable, "_briefgen_outline", None)
        if tag is None or tag[2] in self._bookmarked:
            return
        level, text, key = tag
        self._bookmarked.add(key)
        # aim at the heading's top
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top + 4)
        # An outline entry may go at most one level deeper than the one before it.
        self._outline_level = min(level - 1, self._outline_level + 1)
        self.canv.addOutlineEntry(
            text or self.labels.untitled, key, level=self._outline_level, closed=False
        )

    def _decorate(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        """Watermark (drawn first, so behind the content), running header and footer."""
        style, c = self.style, self.style.colours
        left, right = self.leftMargin, self.pagesize[0] - self.rightMargin
        small = text_size(style.font_size * 0.8)
        canv.saveState()
        if style.watermark and style.watermark.strip():
            self._watermark(canv, style.watermark)
        head_y = self.pagesize[1] - self.topMargin / 2
        page = canv.getPageNumber()
        # The total is not known until the last page: the folio is a form XObject per page,
        # drawn here and defined at the end (see _endBuild), so the layout runs once.
        widest = self.labels.folio(_FOLIO_DIGITS, _FOLIO_DIGITS)
        # Each running line shrinks if its two texts would otherwise overlap or leave the page.
        family = style.heading_font
        head = _fitted(
            small, right - left, family, (self.marking, "bold"), (style.header, "regular")
        )
        foot = _fitted(small, right - left, family, (style.footer, "regular"), (widest, "regular"))
        self._folio_size = foot
        # A right-to-left memo mirrors its running lines: the marking and the footer text on
        # the right, the header text and the folio on the left.
        start, end = (right, left) if self.rtl else (left, right)
        if self.marking:
            self._running(canv, self.marking, start, head_y, ("bold", head, c.accent), "start")
        self._running(canv, style.header, end, head_y, ("regular", head, c.muted), "end")
        canv.setStrokeColor(HexColor(c.rule))
        canv.setLineWidth(0.6)
        canv.line(left, head_y - small * 0.6, right, head_y - small * 0.6)
        foot_y = self.bottomMargin / 2
        # (the fill colour is the header's: muted)
        self._running(canv, style.footer, start, foot_y, ("regular", foot, ""), "start")
        canv.translate(end, foot_y)
        canv.doForm(_folio_form(page))
        canv.restoreState()

    def _running(
        self, canv: Canvas, text: str, x: float, y: float, look: tuple[str, float, str], edge: str
    ) -> None:
        """Draw a running text against the page's ``edge`` ("start" or "end" of the line, which
        are left and right, or right and left in a right-to-left memo) at ``x``; ``look`` is
        (face, size, colour), the colour "" to keep the current one."""
        face, size, colour = look
        align = "left" if (edge == "start") != self.rtl else "right"
        if not (self.rtl or needs_fallback(text)):
            canv.setFont(pdf_name(self.style.heading_font, face), size)
            if colour:
                canv.setFillColor(HexColor(colour))
            (canv.drawString if align == "left" else canv.drawRightString)(x, y, text)
            return
        if not text:
            return
        fill = HexColor(colour or self.style.colours.muted)
        span = Span(text, self.style.heading_font, face, size, fill)
        draw_text_line(canv, span, x, y, align, self.rtl)

    def _endBuild(self) -> None:
        """Define every page's folio ("Page X of Y") now that Y is known, then save."""
        if getattr(self, "_folio_size", None) is not None and getattr(self, "canv", None):
            total, size = self.page, self._folio_size
            muted = self.style.colours.muted
            for page in range(1, total + 1):
                text = self.labels.folio(page, total)
                width = measure(text, self.style.heading_font, "regular", size)
                low, high = (-1, width + 1) if self.rtl else (-width - 1, 1)
                self.canv.beginForm(
                    _folio_form(page), lowerx=low, lowery=-size, upperx=high, uppery=size * 1.5
                )
                self._running(self.canv, text, 0, 0, ("regular", size, muted), "end")
                self.canv.endForm()
        super()._endBuild()

    def _watermark(self, canv: Canvas, text: str) -> None:
        width, height = self.pagesize
        font = pdf_name(self.style.heading_font, "bold")
        family = self.style.heading_font
        size = min(0.7 * math.hypot(width, height) / measure(text, family, "bold", 1), 160)
        canv.saveState()
        canv.translate(width / 2, height / 2)
        canv.rotate(math.degrees(math.atan2(height, width)))
        canv.setFillColor(HexColor(self.style.colours.rule))
        canv.setFillAlpha(0.35)
        if self.rtl or needs_fallback(text):
            colour = HexColor(self.style.colours.rule)
            span = Span(text, family, "bold", size, colour)
            draw_text_line(canv, span, 0, -size * 0.35, "centre", self.rtl)
        else:
            canv.setFont(font, size)
            canv.drawCentredString(0, -size * 0.35, text)
        canv.restoreState()


_FOLIO_DIGITS = "9999"  # the running foot is fitted for folios up to "Page 9999 of 9999"


def _folio_form(page: int) -> str:
    """The name of page ``page``'s folio form."""
    return f"briefgenFolio{page}"


def _fitted(size: float, width: float, family: str, *texts: tuple[str, str]) -> float:
    """``size``, or less if the (text, face) pairs, set side by side in ``family`` 2 em
    apart, would be wider than ``width``; never under :data:`MIN_TEXT_SIZE`."""
    used = [measure(text, family, face, 1.0) for text, face in texts if text]
    total = sum(used) + 2.0 * (len(used) - 1)
    return max(min(size, width / total), MIN_TEXT_SIZE) if total > 0 else size


def _canvas(*args: Any, stamp: str, **kwargs: Any) -> Canvas:
    """A Canvas whose CreationDate/ModDate are ``stamp`` (reportlab's own clock ignored)."""
    canv = Canvas(*args, **kwargs)
    canv.setDateFormatter(lambda *_: stamp)
    canv.showOutline()  # open the bookmarks panel on opening the file
    return canv


def _build(document: Document, style: Style, stamp: str) -> tuple[bytes, Layout]:
    """Lay the document out once and return the PDF bytes and where everything landed."""
    buffer = io.BytesIO()
    template = _MemoTemplate(buffer, document, style)
    template.build(_Story(document, style).build(), canvasmaker=partial(_canvas, stamp=stamp))
    return buffer.getvalue(), template.recorder.layout()


def export(document: Document, style: Style) -> bytes:
    """Lay ``document`` out as a PDF in ``style`` and return the file's bytes.

    Raises :class:`~briefgen.errors.BuildError` when the fonts cannot be loaded or the
    layout cannot be completed; no reportlab exception escapes.
    """
    return export_with_layout(document, style)[0]


def export_with_layout(document: Document, style: Style) -> tuple[bytes, Layout]:
    """As :func:`export`, with the :class:`~briefgen.export.pdf.layout.Layout`: each page's
    fill and every layout rule the laid-out memo breaks."""
    stamp = build_datetime().strftime("D:%Y%m%d%H%M%S+00'00'")
    try:
        register_fonts()
        return _build(document, style, stamp)
    except BriefgenError:
        raise
    except LayoutError as exc:
        raise BuildError(f"PDF export: a block does not fit on a page: {exc}") from exc
    except Exception as exc:  # reportlab signals bad input with assorted exception types
        raise BuildError(f"PDF export failed: {type(exc).__name__}: {exc}") from exc
