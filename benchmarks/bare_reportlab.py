"""Lay out briefgen's Markdown memo as a PDF with reportlab directly: the benchmark's peer.

``benchmarks/run.py`` compares briefgen's PDF export with "a bare reportlab script that lays
out the same paragraphs", to measure what the framework adds on top of reportlab. For that
comparison to be fair the peer has to do the same layout work, so this is the script a
competent developer would write to turn the memo into a PDF with reportlab and nothing else:

* it parses the very Markdown briefgen writes (markdown-it-py, with pipe tables) and maps
  every construct the memo uses to the usual platypus flowable: headings, paragraphs with
  inline bold, italic and links, bulleted and numbered lists (``ListFlowable``), blockquotes
  (indented italic text), pipe tables (``Table`` of ``Paragraph`` cells, header row styled and
  repeated on every page, grid lines, even column widths) and horizontal rules;
* Pandoc-style notes (``[^n]`` references, ``[^n]: text`` definitions) are handled with two
  regular expressions: references become superscript links, definitions endnotes at the end;
* text is set in the same bundled DejaVu TrueType files briefgen uses (only their paths are
  taken from briefgen; none of its rendering code is used), on A4 with 20 mm margins, body
  9.5 pt on 12.2 pt leading, with a page number at the foot of each page.

What it leaves out is what a framework adds beyond plain layout: running heads and feet with a
page total, callout boxes and key-figure panels (the Markdown has them as blockquotes and
bullets, and they are set as such), column widths fitted to the content, notes in balanced
columns, outline bookmarks, checks. Images are skipped (the memo's Markdown has none). So its
PDF runs somewhat longer than briefgen's (taller table rows, one-column notes) while setting
the same text. It keeps no state between runs beyond the fonts reportlab registers once a
process, as any script would.

Usage: ``python benchmarks/bare_reportlab.py IN.md OUT.pdf`` (prints the page count).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Indenter,
    ListFlowable,
    Paragraph,
    Preformatted,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from briefgen.fonts import bundled as fonts

FACES = ("regular", "bold", "italic", "bolditalic")
FONT_NAMES = {"serif": "BareSerif", "sans": "BareSans"}
BODY_SIZE, BODY_LEADING = 9.5, 12.2
MARGIN = 20 * mm
CELL_PAD = 4.0

# A note definition: "[^label]: text" at the start of a line, plus any indented lines after it.
NOTE_DEFINITION = re.compile(r"^\[\^([\w.:-]+)\]:[ \t]*(.*(?:\n[ \t]+\S.*)*)\n?", re.MULTILINE)
# A note reference, as it reads after escaping (escape() leaves brackets and carets alone).
NOTE_REFERENCE = re.compile(r"\[\^([\w.:-]+)\]")


def register_fonts() -> None:
    """Register the DejaVu Serif and Sans faces once a process, with <b>/<i> mapped."""
    if FONT_NAMES["serif"] in pdfmetrics.getRegisteredFontNames():
        return
    for key, base in FONT_NAMES.items():
        files = fonts.family(key).files
        names = [base if face == "regular" else f"{base}-{face}" for face in FACES]
        for name, face in zip(names, FACES, strict=True):
            pdfmetrics.registerFont(TTFont(name, str(files[face])))
        pdfmetrics.registerFontFamily(base, *names)


def make_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles: body, headings h1-h3, quote, table cells, list items, notes."""
    serif, sans = FONT_NAMES["serif"], FONT_NAMES["sans"]
    body = ParagraphStyle(
        "body", fontName=serif, fontSize=BODY_SIZE, leading=BODY_LEADING, spaceAfter=5.5
    )
    body.bulletFontName = serif

    def heading(name: str, size: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            parent=body,
            fontName=sans + "-bold",
            fontSize=size,
            leading=size * 1.2,
            spaceBefore=before,
            spaceAfter=size * 0.45,
            textColor=colors.HexColor("#1f3a5f"),
            keepWithNext=1,
        )

    return {
        "body": body,
        "h1": heading("h1", 15, 16),
        "h2": heading("h2", 12.5, 11),
        "h3": heading("h3", 10.5, 9),
        "quote": ParagraphStyle("quote", parent=body, fontName=serif + "-italic", spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11.2, spaceAfter=0),
        "th": ParagraphStyle(
            "th", parent=body, fontName=sans + "-bold", fontSize=8.4, leading=10.8, spaceAfter=0
        ),
        "item": ParagraphStyle("item", parent=body, spaceAfter=2),
        "note": ParagraphStyle(
            "note",
            parent=body,
            fontSize=8.4,
            leading=10.8,
            spaceAfter=2,
            leftIndent=18,
            firstLineIndent=-18,
        ),
        "code": ParagraphStyle("code", parent=body, fontName="Courier", fontSize=8.5, leading=11),
    }


def split_notes(markdown: str) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown without its note definitions, and the definitions as (label, text)."""
    notes = [(m.group(1), m.group(2)) for m in NOTE_DEFINITION.finditer(markdown)]
    return NOTE_DEFINITION.sub("", markdown), notes


class Renderer:
    """Turns a markdown-it syntax tree into a list of reportlab flowables."""

    def __init__(self, md: MarkdownIt, styles: dict[str, ParagraphStyle], labels: set[str]) -> None:
        self.md = md
        self.styles = styles
        self.labels = labels  # the labels of the notes defined, which references link to

    def inline(self, node: SyntaxTreeNode | None) -> str:
        """reportlab paragraph markup for an inline node: escaped text, <b>, <i>, <a>."""
        if node is None:
            return ""
        out: list[str] = []
        for child in node.children:
            kind = child.type
            if kind == "text":
                out.append(escape(child.content))
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("<br/>")
            elif kind == "strong":
                out.append(f"<b>{self.inline(child)}</b>")
            elif kind == "em":
                out.append(f"<i>{self.inline(child)}</i>")
            elif kind == "link":
                href = quoteattr(str(child.attrs.get("href", "")))
                out.append(f'<a href={href} color="#1f5fa8">{self.inline(child)}</a>')
            elif kind == "code_inline":
                out.append(f'<font name="Courier">{escape(child.content)}</font>')
            elif kind in ("html_inline", "text_special"):
                out.append(escape(child.content))
            # images are skipped
        markup = "".join(out)
        return NOTE_REFERENCE.sub(self.note_mark, markup)

    def note_mark(self, match: re.Match[str]) -> str:
        """A note reference as a superscript, linked to its note if the note is defined."""
        label = match.group(1)
        if label in self.labels:
            return f'<super><a href="#note-{label}">{label}</a></super>'
        return f"<super>{label}</super>"

    def paragraph(self, node: SyntaxTreeNode, style: ParagraphStyle) -> Paragraph:
        """A paragraph node (its one child is the inline content)."""
        return Paragraph(self.inline(node.children[0] if node.children else None), style)

    def blocks(
        self, nodes: list[SyntaxTreeNode], style: ParagraphStyle, width: float
    ) -> list[Flowable]:
        """The flowables for a run of block nodes, paragraphs set in ``style``."""
        story: list[Flowable] = []
        for node in nodes:
            story += self.block(node, style, width)
        return story

    def block(self, node: SyntaxTreeNode, style: ParagraphStyle, width: float) -> list[Flowable]:
        """The flowables for one block node."""
        kind = node.type
        if kind == "paragraph":
            return [self.paragraph(node, style)]
        if kind == "heading":
            level = min(int(node.tag[1]), 3)
            return [self.paragraph(node, self.styles[f"h{level}"])]
        if kind in ("bullet_list", "ordered_list"):
            return [self.list_(node, style, width)]
        if kind == "blockquote":
            indent = 14.0
            inner = self.blocks(node.children, self.styles["quote"], width - indent)
            return [Indenter(left=indent), *inner, Indenter(left=-indent), Spacer(1, 4)]
        if kind == "table":
            return [self.table(node, width)]
        if kind == "hr":
            return [HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceAfter=6)]
        if kind in ("fence", "code_block"):
            return [Preformatted(node.content.rstrip("\n"), self.styles["code"])]
        if kind == "html_block":
            return [Paragraph(escape(node.content), style)]
        return []

    def list_(self, node: SyntaxTreeNode, style: ParagraphStyle, width: float) -> ListFlowable:
        """A bulleted or numbered list; items in the item style (in ``style`` inside quotes)."""
        indent = 17.0
        item_style = self.styles["item"] if style is self.styles["body"] else style
        items = [self.blocks(item.children, item_style, width - indent) for item in node.children]
        if node.type == "ordered_list":
            start = int(node.attrs.get("start", 1))
            kind = {"bulletType": "1", "start": start, "bulletFormat": "%s."}
        else:
            kind = {"bulletType": "bullet", "start": "•"}
        return ListFlowable(
            items,
            leftIndent=indent,
            bulletFontName=FONT_NAMES["serif"],
            bulletFontSize=BODY_SIZE,
            spaceAfter=4,
            **kind,
        )

    def table(self, node: SyntaxTreeNode, width: float) -> Table:
        """A pipe table: Paragraph cells, even columns, a styled header repeated on each page."""
        rows: list[list[Paragraph]] = []
        header = 0
        for section in node.children:  # thead, tbody
            for tr in section.children:
                cells = []
                for cell in tr.children:
                    style = self.styles["th" if cell.type == "th" else "cell"]
                    cells.append(self.paragraph(cell, style))
                rows.append(cells)
                header += section.type == "thead"
        columns = max(len(row) for row in rows)
        for row in rows:  # a short row gets empty cells
            row += [Paragraph("", self.styles["cell"])] * (columns - len(row))
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b8bec6")),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD * 0.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, header - 1), colors.HexColor("#e4e9f0")))
        # splitInRow lets a row taller than a page (the memo's source table has some) run on
        # to the next page instead of raising LayoutError.
        table = Table(
            rows, colWidths=[width / columns] * columns, repeatRows=header, splitInRow=0.01
        )
        table.hAlign = "LEFT"
        table.spaceBefore, table.spaceAfter = 2, 8
        table.setStyle(TableStyle(commands))
        return table

    def endnotes(self, notes: list[tuple[str, str]]) -> list[Flowable]:
        """A "Notes" heading and one hanging-indent paragraph per note definition."""
        if not notes:
            return []
        story: list[Flowable] = [Paragraph("Notes", self.styles["h1"])]
        for label, text in notes:
            content = self.inline(SyntaxTreeNode(self.md.parseInline(text)).children[0])
            markup = f'<a name="note-{escape(label)}"/>{escape(label)}.&nbsp;{content}'
            story.append(Paragraph(markup, self.styles["note"]))
        return story


def page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Draw the page number centred at the foot of the page."""
    canvas.saveState()
    canvas.setFont(FONT_NAMES["sans"], 8)
    canvas.drawCentredString(A4[0] / 2, MARGIN / 2, str(doc.page))
    canvas.restoreState()


def layout(markdown: Path, pdf: Path) -> int:
    """Lay out the Markdown file ``markdown`` as an A4 PDF at ``pdf``; return its page count."""
    register_fonts()
    md = MarkdownIt("commonmark").enable("table")
    source, notes = split_notes(markdown.read_text(encoding="utf-8"))
    styles = make_styles()
    doc = SimpleDocTemplate(
        str(pdf),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=markdown.stem,
    )
    renderer = Renderer(md, styles, {label for label, _ in notes})
    tree = SyntaxTreeNode(md.parse(source))
    story = renderer.blocks(tree.children, styles["body"], doc.width)
    story += renderer.endnotes(notes)
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return doc.page


def main(argv: list[str]) -> int:
    """``bare_reportlab.py IN.md OUT.pdf``: lay out, print the page count."""
    if len(argv) != 2:
        print("usage: python benchmarks/bare_reportlab.py IN.md OUT.pdf", file=sys.stderr)
        return 2
    pages = layout(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
