"""The DOCX memo's letterhead: the house style's logo beside its organisation and lines, at
the top of the body above the title, sized as the PDF's (:mod:`briefgen.export.pdf.letterhead`).

It is the body's first table rather than a first-page header, so Word and LibreOffice place
it where the PDF does whatever the header distance, and the running header stays the same on
every page.
"""

from __future__ import annotations

import io
from typing import Any

from docx.document import Document as DocxDocument
from docx.shared import Emu, Mm

from briefgen.audience.logo import letterhead_logo, logo_size
from briefgen.audience.style import Letterhead
from briefgen.document import tree as d
from briefgen.export.docx.wordml import margins, put

LOGO_HEIGHT, LOGO_WIDTH, GAP = Mm(10), 0.3, Mm(4)  # as the PDF's


def write_letterhead(writer: Any, out: DocxDocument, head: Letterhead, width: int) -> None:
    """Write ``head`` at the end of ``out``'s body (its start: nothing is written yet) as a
    borderless one-row table ``width`` EMU wide; nothing when it has nothing to show.
    ``writer`` is the DOCX writer (its ``new_table``, ``para``, ``inlines`` and styles; not
    imported here, as the writer imports this module)."""
    if not head.shown:
        return
    data = letterhead_logo(head.logo)
    logo = _logo_extent(data, width) if data else None
    share = (logo[0] + GAP) / width if logo else 0.0
    columns = (share, 1 - share) if logo else None
    table = writer.new_table(out, 1, width, 2 if logo else 1, columns)
    margins(table.tbl.tblPr, "w:tblCellMar", top=0, left=0, bottom=0, right=0)
    cells = table.rows[0].cells
    if logo and head.logo_position == "right":
        cells = cells[::-1]
    for cell in cells:
        put(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")
    words = cells[-1]
    if head.organisation.strip():
        writer.inlines(writer.para(words, writer.st.letterhead), (d.Text(head.organisation),))
    for line in head.lines:
        if line:
            writer.inlines(writer.para(words, writer.st.letterhead_line), (d.Text(line),))
    if data and logo:
        paragraph = writer.para(cells[0], writer.st.letterhead_line)
        # Single spacing: an exact line height (a memo in Arabic script) would clip the logo.
        paragraph.paragraph_format.line_spacing = 1.0
        if head.logo_position == "right":
            paragraph.alignment = 2  # right
        shape = paragraph.add_run().add_picture(io.BytesIO(data), width=logo[0], height=logo[1])
        for side in ("distT", "distB", "distL", "distR"):  # (see the writer's timeline)
            shape._inline.set(side, "0")
        shape._inline.docPr.set("name", "Logo")
        shape._inline.docPr.set("descr", "")  # decorative: the name is beside it
    for cell in cells:  # the placeholder paragraph every new cell holds, now unused
        first = cell._tc.p_lst[0]
        if len(cell._tc.p_lst) > 1 and len(first) == 0:
            cell._tc.remove(first)


def _logo_extent(data: bytes, width: int) -> tuple[Emu, Emu]:
    """The logo's width and height in EMU: :data:`LOGO_HEIGHT` tall, at most
    :data:`LOGO_WIDTH` of ``width`` wide."""
    pixels_wide, pixels_high = logo_size(data)
    wide = min(LOGO_HEIGHT * pixels_wide / pixels_high, width * LOGO_WIDTH)
    return Emu(round(wide)), Emu(round(wide * pixels_high / pixels_wide))
