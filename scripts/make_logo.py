"""Draw the worked example's logo: templates/logo.png.

    python scripts/make_logo.py [OUTPUT]

A made-up mark for the made-up sender of the example briefs (templates/house-style.yaml): a
rounded square in the house's primary colour holding three lines of "text" and an accent
corner, drawn with Pillow from shapes alone (no font, no randomness), so every run writes the
same bytes (for one Pillow version).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 240  # pixels a side; drawn at 4x and scaled down for smooth edges
PRIMARY, ACCENT, PAPER = (31, 58, 95, 255), (156, 74, 26, 255), (255, 255, 255, 255)
OUTPUT = Path(__file__).parents[1] / "templates" / "logo.png"


def draw() -> Image.Image:
    """The logo as an RGBA image, transparent around its rounded square."""
    scale = 4
    big = SIZE * scale
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=PRIMARY)
    pen.polygon([(big * 0.62, big - 1), (big - 1, big * 0.62), (big - 1, big - 1)], fill=ACCENT)
    left = big * 0.2
    for row, length in enumerate((0.6, 0.6, 0.38)):  # two full lines of "text", one short
        top = big * (0.24 + row * 0.17)
        pen.rectangle((left, top, left + big * length, top + big * 0.08), fill=PAPER)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main(argv: list[str]) -> int:
    """Write the logo to ``argv[0]`` (default: templates/logo.png)."""
    out = Path(argv[0]) if argv else OUTPUT
    draw().save(out, "PNG", optimize=False, compress_level=9)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
