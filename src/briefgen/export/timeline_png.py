"""The timeline graphic as a PNG (for the DOCX), drawn with matplotlib's Agg renderer.

The geometry is :mod:`briefgen.timeline_layout`'s, the very layout the PDF draws as vectors,
and the text is set in the same bundled DejaVu files, so the picture in Word matches the PDF.
The bytes are reproducible: a fixed resolution, matplotlib's default settings whatever the
user's matplotlibrc says, no 'Software' or time stamp in the PNG, and no math-text parsing of
labels (a ``$`` stays a dollar sign). matplotlib is imported only when a PNG is drawn.
"""

from __future__ import annotations

import io

from briefgen.fonts import family
from briefgen.style import Style
from briefgen.timeline_layout import TimelineLayout, colours

DPI = 200
_HA = {"left": "left", "centre": "center", "right": "right"}


def render(geometry: TimelineLayout, style: Style, dpi: int = DPI) -> bytes:
    """PNG bytes of ``geometry`` (its size in points) at ``dpi``, in ``style``'s colours."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Circle

    faces = family(geometry.font).files
    fonts = {
        bold: FontProperties(fname=faces["bold" if bold else "regular"], size=geometry.font_size)
        for bold in (False, True)
    }
    colour = colours(style)
    width, height, y = geometry.width, geometry.height, geometry.axis_y
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # undone on leaving the context
        figure = Figure(figsize=(width / 72, height / 72), dpi=dpi, facecolor="white")
        FigureCanvasAgg(figure)
        axes = figure.add_axes((0, 0, 1, 1))  # one data unit = one point, both ways
        axes.set_xlim(0, width)
        axes.set_ylim(0, height)
        axes.set_axis_off()
        axes.plot([0, width], [y, y], color=colour["axis"], linewidth=1.2, solid_capstyle="butt")
        for label in geometry.labels:
            axes.plot([label.tick] * 2, list(label.stem), color=colour["stem"], linewidth=0.5)
            for line in label.lines:
                axes.text(label.text_x, line.y, line.text, fontproperties=fonts[line.bold],
                          color=colour["date" if line.bold else "label"], ha=_HA[label.align],
                          va="baseline", parse_math=False)  # fmt: skip
        for x in geometry.ticks:
            axes.add_patch(Circle((x, y), geometry.dot, facecolor=colour["tick"], linewidth=0))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
