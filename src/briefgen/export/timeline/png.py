"""The timeline graphic as a PNG (for the DOCX), drawn with Pillow.

The geometry is :mod:`briefgen.export.timeline.layout`'s, the very layout the PDF draws as vectors,
and the text is set in the same bundled DejaVu files, so the picture in Word matches the PDF.
Lines and dots are drawn :data:`SUPERSAMPLE` times larger and reduced (smooth edges); text is
drawn at the final size, where FreeType's hinting keeps it crisp. The bytes are reproducible:
a fixed resolution, Pillow's basic text layout whatever optional libraries it was built with,
and no text chunks (no 'Software', no time stamp) in the PNG. Pillow draws text as text, so a
``$`` in a label stays a dollar sign. matplotlib is never imported (its import alone took about
a third of a second, the largest single cost of a build); only its font files are used.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, features

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import TimelineLayout, colours
from briefgen.fonts.bundled import face_of, family, text_width
from briefgen.fonts.line_pieces import line_pieces
from briefgen.fonts.runs import needs_fallback
from briefgen.fonts.scripts import first_strong_direction
from briefgen.fonts.shaping import shape

DPI = 200
SUPERSAMPLE = 4  # shapes are drawn this many times larger, then reduced: anti-aliased edges
AXIS_WIDTH, STEM_WIDTH = 1.2, 0.5  # line widths in points, as the PDF draws them


@lru_cache(maxsize=16)
def _font(path: str, pixels: float) -> ImageFont.FreeTypeFont:
    """The TrueType file ``path`` at ``pixels`` pixels per em, opened once."""
    # The basic layout exists in every Pillow build; raqm does not, and would change pixels.
    return ImageFont.truetype(path, pixels, layout_engine=ImageFont.Layout.BASIC)


def render(geometry: TimelineLayout, style: Style, dpi: int = DPI) -> bytes:
    """PNG bytes of ``geometry`` (its size in points) at ``dpi``, in ``style``'s colours."""
    return _png(geometry, tuple(sorted(colours(style).items())), dpi)


@lru_cache(maxsize=32)
def _png(geometry: TimelineLayout, colour_items: tuple[tuple[str, str], ...], dpi: int) -> bytes:
    # Kept per layout and colours: memos of one brief, and every rebuild under --watch,
    # draw the same timeline again and again.
    scale = dpi / 72  # pixels per point
    size = (round(geometry.width * scale), round(geometry.height * scale))
    colour = dict(colour_items)  # '#RRGGBB' strings, which Pillow takes as they are
    image = _shapes(geometry, colour, size, scale)
    draw = ImageDraw.Draw(image)
    faces = family(geometry.font).files
    pixels = geometry.font_size * scale
    for label in geometry.labels:
        for line in label.lines:
            face = "bold" if line.bold else "regular"
            font = _font(str(faces[face]), pixels)
            fill = colour["date" if line.bold else "label"]
            x = label.text_x + line.indent  # every line flush left
            _text(draw, geometry, (x, line.y), line.text, face, font, fill, scale)
    buffer = io.BytesIO()
    # No pnginfo: Pillow writes no text chunks. pHYs carries dpi, so Word sizes it right.
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=6)
    return buffer.getvalue()


def _shapes(
    geometry: TimelineLayout, colour: dict[str, str], size: tuple[int, int], scale: float
) -> Image.Image:
    """A white picture of ``size`` pixels with the axis, stems and dots, anti-aliased."""
    factor = scale * SUPERSAMPLE

    def centre(points: float) -> float:
        """``points`` in big pixels, moved to the middle of a final pixel (at most half a
        pixel): a thin line centred there has a solid core instead of two grey halves."""
        return (int(points * scale) + 0.5) * SUPERSAMPLE

    def row(y: float) -> float:
        return (geometry.height - y) * factor  # the layout's y points up, image rows down

    big = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), "white")
    draw = ImageDraw.Draw(big)
    axis, half = centre(geometry.height - geometry.axis_y), AXIS_WIDTH / 2 * factor
    _fill(draw, (0, axis - half, big.width, axis + half), colour["axis"])
    half = STEM_WIDTH / 2 * factor
    for label in geometry.labels:  # butt-ended lines, as in the PDF: plain rectangles
        x = centre(label.tick)
        upper, lower = sorted(map(row, label.stem))
        _fill(draw, (x - half, upper, x + half, lower), colour["stem"])
    radius = geometry.dot * factor
    for tick in geometry.ticks:  # drawn last, over the axis and stems, as in the PDF
        x = centre(tick)
        draw.ellipse((x - radius, axis - radius, x + radius, axis + radius), colour["tick"])
    # reduce() averages each SUPERSAMPLE-square block: each pixel's share of ink, no ringing.
    return big.reduce(SUPERSAMPLE)


def _fill(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], fill: str) -> None:
    """Fill the pixels whose centres lie in ``box`` (left, top, right, bottom), at least one
    pixel each way: a line thinner than a big pixel still shows."""
    left, top = round(box[0]), round(box[1])
    # Pillow's rectangle includes its far corner's pixel, hence the - 1.
    right, bottom = max(round(box[2]) - 1, left), max(round(box[3]) - 1, top)
    draw.rectangle((left, top, right, bottom), fill)


def _text(
    draw: ImageDraw.ImageDraw,
    geometry: TimelineLayout,
    start: tuple[float, float],
    text: str,
    face: str,
    font: ImageFont.FreeTypeFont,
    fill: str,
    scale: float,
) -> None:
    """Draw one line from ``start`` (x, baseline y, in points), character by character (text
    in another script: piece by piece, shaped)."""
    if needs_fallback(text):
        _shaped_text(draw, geometry, start, (text, face), fill, scale)
        return
    # Each character goes where the PDF puts it: at the sum of the font's unhinted advance
    # widths (the layout's own measure), without kerning. Pillow would set a whole line with
    # hinted advances rounded to whole pixels, a few pixels off the PDF over a long line.
    key, size = geometry.font, geometry.font_size
    x, baseline = start[0], (geometry.height - start[1]) * scale
    for char in text:
        if not char.isspace():
            draw.text((x * scale, baseline), char, fill=fill, font=font, anchor="ls")
        x += text_width(char, key, face, size)


def _shaped_text(
    draw: ImageDraw.ImageDraw,
    geometry: TimelineLayout,
    start: tuple[float, float],
    line: tuple[str, str],
    fill: str,
    scale: float,
) -> None:
    """Draw a line (text, face) holding another script: each piece of one family and
    direction shaped (Pillow's raqm layout, where this Pillow has it), the pieces in visual
    order, each where the PDF puts it (the layout's shaped measure)."""
    text, face = line
    key, size = geometry.font, geometry.font_size
    x, baseline = start[0], (geometry.height - start[1]) * scale
    pieces = line_pieces(text, key, first_strong_direction(text) == "rtl")
    for piece in pieces:
        path = str(family(piece.family).files[face_of(piece.family, face)])
        font = _shaping_font(path, size * scale)
        direction = "rtl" if piece.rtl else "ltr"
        options = {"direction": direction} if _RAQM else {}
        draw.text((x * scale, baseline), piece.text, fill=fill, font=font, anchor="ls", **options)
        x += size * shape(piece.text, piece.family, face, piece.rtl)[1]


_RAQM = features.check("raqm")


@lru_cache(maxsize=16)
def _shaping_font(path: str, pixels: float) -> ImageFont.FreeTypeFont:
    """The TrueType file ``path`` at ``pixels`` per em with Pillow's shaping layout (raqm)
    where this Pillow has it."""
    layout = ImageFont.Layout.RAQM if _RAQM else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, pixels, layout_engine=layout)
