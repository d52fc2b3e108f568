"""Hostile logos in a house style: refused at their line before any pixel is decoded or any
byte past the cap is read, never a traceback (see briefgen.audience.logo)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from briefgen.audience.logo import MAX_BYTES
from briefgen.audience.profiles import resolve, search_path
from briefgen.errors import InputError


def _png(size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 255)).save(out, "PNG")
    return out.getvalue()


def _house(folder: Path, text: str, logo: bytes) -> None:
    (folder / "logo.png").write_bytes(logo)
    (folder / "house-style.yaml").write_text(text, encoding="utf-8")


def _bomb() -> bytes:
    """A PNG of a few hundred bytes declaring 100000 x 100000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 100_001 * 4)  # a few rows; the rest would be decoded
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_bomb(), "pixels; at most 4096 a side"),
        (b"just some text, not an image\n", "must be a PNG or JPEG image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (MAX_BYTES + 10), "larger than 2 MB"),
        (b"GIF89a" + b"\0" * 40, "must be a PNG or JPEG image"),
        (_png()[:60], "cannot be read"),
    ],
    ids=["png-bomb", "text", "svg", "oversized", "gif", "truncated"],
)
def test_a_hostile_logo_is_refused_at_its_line(tmp_path: Path, data: bytes, message: str) -> None:
    _house(tmp_path, "sender: X\nlogo: logo.png\n", data)
    with pytest.raises(InputError) as info:
        resolve("donor", search_path(tmp_path))
    (line,) = info.value.lines()
    assert line.startswith(f"{tmp_path / 'house-style.yaml'}:2:7: logo: logo.png: "), line
    assert message in line
