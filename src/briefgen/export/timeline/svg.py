"""The timeline graphic as inline SVG (for the HTML memo): vector, self-contained, searchable.

The geometry is :mod:`briefgen.export.timeline.layout`'s, the layout the PDF draws, with y flipped
(SVG's y points down). The SVG scales with the page (``viewBox``); its text is real text in the
page's heading fonts, and its accessible name (``aria-label``, and a ``<title>`` tooltip) holds
every word it draws. Numbers are written with fixed precision, so the output is reproducible.
"""

from __future__ import annotations

from html import escape

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import TimelineLayout, colours, text_alternative


def _n(value: float) -> str:
    """A coordinate with two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg(geometry: TimelineLayout, style: Style, font_family: str) -> str:
    """An ``<svg>`` element drawing ``geometry`` in ``style``'s colours and ``font_family``
    (a CSS font-family list)."""
    colour = colours(style)
    width, height = geometry.width, geometry.height
    axis = height - geometry.axis_y
    alt = escape(". ".join(line.rstrip(".") for line in text_alternative(geometry).split("\n")))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}pt" height="{_n(height)}pt" role="img" aria-label="{alt}" '
        f'style="max-width:100%;height:auto" font-family="{escape(font_family)}" '
        f'font-size="{_n(geometry.font_size)}">',
        f"<title>{alt}</title>",
        f'<line x1="0" y1="{_n(axis)}" x2="{_n(width)}" y2="{_n(axis)}" '
        f'stroke="{colour["axis"]}" stroke-width="1.2"/>',
    ]
    for label in geometry.labels:
        x, (y0, y1) = _n(label.tick), label.stem
        out.append(
            f'<line x1="{x}" y1="{_n(height - y0)}" x2="{x}" y2="{_n(height - y1)}" '
            f'stroke="{colour["stem"]}" stroke-width="0.5"/>'
        )
        for line in label.lines:
            weight = ' font-weight="bold"' if line.bold else ""
            fill = colour["date" if line.bold else "label"]
            out.append(
                f'<text x="{_n(label.text_x + line.indent)}" y="{_n(height - line.y)}" '
                f'fill="{fill}"{weight}>'
                f"{escape(line.text, quote=False)}</text>"
            )
    out.extend(
        f'<circle cx="{_n(x)}" cy="{_n(axis)}" r="{_n(geometry.dot)}" fill="{colour["tick"]}"/>'
        for x in geometry.ticks
    )
    out.append("</svg>")
    return "\n".join(out)
