"""The timeline graphic in a DOCX: the PDF's drawing as a PNG picture, with alt text.

The picture is drawn from the same layout the PDF draws (:mod:`briefgen.export.timeline.layout`,
rendered by :mod:`briefgen.export.timeline.png`) at the width of the text, so Word shows what
the PDF shows. Its alt text (the picture's description) holds every word it draws, one label a
line, for screen readers and for anyone who copies the memo's text; the caption, if any, is a
Caption paragraph above it, kept with it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.shared import Emu

from briefgen.document import tree as d
from briefgen.export.timeline.layout import for_style, text_alternative
from briefgen.export.timeline.png import render

if TYPE_CHECKING:
    from briefgen.export.docx.writer import Container, _Ctx, _Writer

EMU_PER_POINT = 12700


def timeline(writer: _Writer, container: Container, block: d.TimelineChart, ctx: _Ctx) -> None:
    """Write ``block``: its caption, then the graphic as an inline picture as wide as the text."""
    events = [(event.date, event.label) for event in block.events]
    if not events:
        return
    if block.caption:
        writer.inlines(writer.para(container, writer.st.caption), block.caption)
    geometry = for_style(events, ctx.width / EMU_PER_POINT, writer.style)
    paragraph = writer.para(container, writer.st.normal)
    paragraph.paragraph_format.keep_together = True
    shape = paragraph.add_run().add_picture(
        io.BytesIO(render(geometry, writer.style)), width=Emu(ctx.width)
    )
    properties = shape._inline.docPr
    properties.set("name", "Timeline")
    properties.set("descr", text_alternative(geometry))
