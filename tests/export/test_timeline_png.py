"""The timeline graphic as a PNG (the DOCX's picture): reproducible, sized, unstamped."""

from __future__ import annotations

import io
import struct
import zlib

import matplotlib
import pytest

from briefgen.export.timeline_png import DPI, render
from briefgen.style import Style
from briefgen.timeline_layout import for_style

EVENTS = [
    ("1994", "First Karabakh War: Armenian victory"),
    ("2020", "Second Karabakh War: Armenian defeat"),
    ("2020", "Ceasefire; Russian peacekeepers deployed"),
    ("2024", "Azərbaycan, Հայաստան, საქართველო, Россия"),
]


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


def test_png_is_the_layout_at_the_fixed_resolution(style: Style) -> None:
    geometry = for_style(EVENTS, 480, style)
    chunks = _chunks(render(geometry, style))
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    assert (width, height) == (round(480 / 72 * DPI), round(geometry.height / 72 * DPI))


def test_png_carries_no_time_or_software_stamp(style: Style) -> None:
    kinds = {kind for kind, _ in _chunks(render(for_style(EVENTS, 480, style), style))}
    assert not kinds & {b"tIME", b"tEXt", b"iTXt", b"zTXt"}, kinds


def test_png_is_reproducible_whatever_matplotlib_is_set_to(style: Style) -> None:
    geometry = for_style(EVENTS, 480, style)
    first = render(geometry, style)
    with matplotlib.rc_context({"lines.linewidth": 7, "text.antialiased": False}):
        assert render(geometry, style) == first
        assert matplotlib.rcParams["lines.linewidth"] == 7  # and the user's settings stay


def test_dollar_signs_are_text_not_math(style: Style) -> None:
    geometry = for_style([("2000", r"costs $5 and $\frac{ broken")], 300, style)
    assert render(geometry, style)[:4] == b"\x89PNG"  # math text would refuse \frac{


def test_picture_shows_ink_where_the_layout_puts_text(style: Style) -> None:
    from PIL import Image

    geometry = for_style(EVENTS, 480, style)
    image = Image.open(io.BytesIO(render(geometry, style))).convert("L")
    scale = DPI / 72
    for label in geometry.labels:
        left, right = (int(x * scale) for x in label.span)
        line = label.lines[0]
        top = int((geometry.height - line.y - geometry.font_size * 0.7) * scale)
        bottom = int((geometry.height - line.y) * scale)
        box = image.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
        assert box.getextrema()[0] < 128, f"no text drawn for {line.text!r}"
