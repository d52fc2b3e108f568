"""The timeline graphic as a PNG (the DOCX's picture): reproducible, sized, unstamped, and
drawn where the layout (and so the PDF) puts each line, dot and word."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zlib

import pytest
from PIL import Image, ImageColor

from briefgen.audience.style import Style
from briefgen.export.timeline.layout import TimelineLayout, colours, for_style
from briefgen.export.timeline.png import DPI, render
from briefgen.fonts.bundled import text_width

EVENTS = [
    ("1994", "First Karabakh War: Armenian victory"),
    ("2020", "Second Karabakh War: Armenian defeat"),
    ("2020", "Ceasefire; Russian peacekeepers deployed"),
    ("2024", "Azərbaycan, Հայաստան, საქართველო, Россия"),
]
SCALE = DPI / 72  # pixels per point


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk of ``png``, checking the signature and each CRC."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind, data = png[offset + 4 : offset + 8], png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks.append((kind, data))
        offset += 12 + length
    return chunks


@pytest.fixture(scope="module")
def style() -> Style:
    return Style(font_size=9.5)


@pytest.fixture(scope="module")
def geometry(style: Style) -> TimelineLayout:
    return for_style(EVENTS, 480, style)


@pytest.fixture(scope="module")
def picture(geometry: TimelineLayout, style: Style) -> Image.Image:
    return Image.open(io.BytesIO(render(geometry, style))).convert("RGB")


@pytest.mark.parametrize("dpi", [50, DPI, 300])
def test_png_is_the_layout_at_the_resolution(
    geometry: TimelineLayout, style: Style, dpi: int
) -> None:
    chunks = dict(_chunks(render(geometry, style, dpi)))
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    size = (round(geometry.width / 72 * dpi), round(geometry.height / 72 * dpi))
    assert (width, height) == size and (depth, colour_type) == (8, 2)  # 8-bit RGB
    x, y, unit = struct.unpack(">IIB", chunks[b"pHYs"])  # Word sizes the picture from this
    assert x == y == round(dpi / 0.0254) and unit == 1
    assert b"IEND" in chunks


def test_png_carries_no_time_or_software_stamp(geometry: TimelineLayout, style: Style) -> None:
    kinds = [kind for kind, _ in _chunks(render(geometry, style))]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert not set(kinds) & {b"tIME", b"tEXt", b"iTXt", b"zTXt", b"eXIf"}, kinds


_FRESH = """
import hashlib, sys
from briefgen.export.timeline.png import render
from briefgen.audience.style import Style
from briefgen.export.timeline.layout import for_style
events = [tuple(line.split("|")) for line in sys.stdin.read().splitlines()]
png = render(for_style(events, 480, Style(font_size=9.5)), Style(font_size=9.5))
print(hashlib.sha256(png).hexdigest(), "matplotlib" in sys.modules)
"""


def test_png_is_reproducible_and_needs_no_matplotlib(
    geometry: TimelineLayout, style: Style
) -> None:
    png = render(geometry, style)
    assert render(geometry, style) == png  # and the cached fonts change nothing
    result = subprocess.run(
        [sys.executable, "-c", _FRESH],
        input="\n".join(f"{when}|{what}" for when, what in EVENTS),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    digest, imported = result.stdout.split()
    assert digest == hashlib.sha256(png).hexdigest()  # same bytes in a fresh process
    assert imported == "False"  # matplotlib's import alone cost a third of a second


def test_dots_axis_and_stems_in_their_colours(
    geometry: TimelineLayout, style: Style, picture: Image.Image
) -> None:
    colour = {role: ImageColor.getrgb(value) for role, value in colours(style).items()}
    axis = (geometry.height - geometry.axis_y) * SCALE

    def near(x: float, y: float, role: str) -> bool:  # within half a pixel (lines are snapped)
        pixels = [
            picture.getpixel((int(x) + dx, int(y) + dy)) for dx in (0, -1, 1) for dy in (0, -1, 1)
        ]
        return colour[role] in pixels

    for tick in geometry.ticks:
        assert near(tick * SCALE, axis, "tick"), tick
        assert picture.getpixel((int(tick * SCALE), int(axis))) == colour["tick"]
    for left, right in zip(geometry.ticks[:-1], geometry.ticks[1:], strict=True):
        assert near((left + right) / 2 * SCALE, axis, "axis")
    for label in geometry.labels:
        middle = (geometry.height - sum(label.stem) / 2) * SCALE
        assert near(label.tick * SCALE, middle, "stem"), label.tick
    assert picture.getpixel((0, 0)) == (255, 255, 255)  # a white background


def test_each_line_of_text_is_inked_where_the_layout_sets_it(
    geometry: TimelineLayout, picture: Image.Image
) -> None:
    grey = picture.convert("L")
    ascent = geometry.font_size * 0.7  # about the height of a capital
    for label in geometry.labels:
        for line in label.lines:
            face = "bold" if line.bold else "regular"
            width = text_width(line.text, geometry.font, face, geometry.font_size)
            left = label.text_x + line.indent  # flush left, as every renderer sets it
            baseline = (geometry.height - line.y) * SCALE
            # Half a font size either side: clear of other labels (a font size apart), and
            # wide enough to find ink set in the wrong place.
            margin = geometry.font_size / 2 * SCALE
            # On the left, only up to halfway to the label's own stem, which is not text.
            near = min(margin, (left - label.tick) / 2 * SCALE)
            band = grey.crop(
                (
                    max(int(left * SCALE - near), 0),
                    int(baseline - ascent * SCALE),
                    min(int((left + width) * SCALE + margin), grey.width),
                    int(baseline),
                )
            )
            assert band.getextrema()[0] < 128, f"no text drawn for {line.text!r}"
            inked = band.point(lambda v: 255 if v < 160 else 0).getbbox()
            assert inked is not None
            start = max(int(left * SCALE - near), 0)
            ink_left, ink_right = start + inked[0], start + inked[2]
            # The ink sits within the advance widths (side bearings aside): as in the PDF.
            assert left * SCALE - 2 <= ink_left <= left * SCALE + 4, line.text
            assert (left + width) * SCALE - 6 <= ink_right <= (left + width) * SCALE + 2, line.text


def test_dollars_backslashes_and_odd_characters_are_drawn_as_text(style: Style) -> None:
    geometry = for_style([("2000", "costs $5 and $\\frac{ broken\u200b \U0001f600")], 300, style)
    image = Image.open(io.BytesIO(render(geometry, style)))
    assert image.size == (round(300 * SCALE), round(geometry.height * SCALE))
