"""The timeline graphic in a DOCX: the PDF's drawing as a PNG picture, with alt text.

The picture is drawn from the same layout the PDF draws (:mod:`briefgen.export.timeline.layout`,
rendered by :mod:`briefgen.export.timeline.png`) at the width of the text, so Word shows what
the PDF shows. Its alt text (the picture's description) holds every word it draws, one label a
line, for screen readers and for anyone who copies the memo's text; the caption, if any, is a
Caption paragraph above it, kept with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.timeline.layout import for_style, text_alternative
from briefgen.export.timeline.png import render


@dataclass(frozen=True)
class TimelinePicture:
    """The timeline drawn for a DOCX: PNG bytes and the alt text that carries every label."""

    png: bytes
    description: str


def timeline_picture(
    block: d.TimelineChart, width_pt: float, style: Style
) -> TimelinePicture | None:
    """``block`` drawn ``width_pt`` wide in ``style``; None for a timeline without events.

    Why here and not in the writer: the drawing needs only the layout and the style, so the
    writer places the picture and this module never needs the writer (no import cycle).
    """
    events = [(event.date, event.label, event.shown) for event in block.events]
    if not events:
        return None
    geometry = for_style(events, width_pt, style)
    return TimelinePicture(render(geometry, style), text_alternative(geometry))
