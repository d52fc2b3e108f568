"""Timeline labels in a fallback script (Arabic, Hebrew, Ethiopic, Devanagari, Thai) drawn in
the PNG: each stretch in its Noto family, shaped, and the stretches in their visual order.

Latin labels are drawn letter by letter at the PDF's advances (:mod:`.png`); that cannot set
Arabic, whose letters join, nor Devanagari, whose marks stack, nor put a right-to-left word
in its order. A label line holding such text is cut by :func:`briefgen.fonts.runs.font_runs`,
each run is set whole by Pillow's complex layout (raqm, HarfBuzz and FriBiDi) where the Pillow
build has it, else by its basic layout (the letters unjoined, as before), and the runs are
ordered by their directions: a right-to-left group of runs is reversed, and in a line that
starts right to left so are the groups.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageDraw, ImageFont, features

from briefgen.fonts.bundled import face_of, family
from briefgen.fonts.runs import FontRun, font_runs
from briefgen.fonts.scripts import first_strong_direction

_SHIFT = {"left": 0.0, "centre": 0.5, "right": 1.0}  # share of a line's width left of text_x


@lru_cache(maxsize=32)
def _shaping_font(key: str, face: str, pixels: float) -> ImageFont.FreeTypeFont:
    """Family ``key``'s ``face`` at ``pixels`` per em, with the complex layout when present."""
    path = family(key).files[face_of(key, face)]
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), pixels, layout_engine=engine)


def draw_line(draw: ImageDraw.ImageDraw, text: str, text_family: str, bold: bool,
              anchor: tuple[float, float], align: str, pixels: float,
              fill: str) -> None:  # fmt: skip
    """Draw ``text`` on the baseline at ``anchor`` (pixels), ``align``ed on its x."""
    face = "bold" if bold else "regular"
    pieces = []
    for run in _visual_order(font_runs(text, text_family), text):
        font = _shaping_font(run.family, face, pixels)
        direction = "rtl" if run.rtl else "ltr"
        pieces.append((run.text, font, direction, font.getlength(run.text, direction=direction)))
    x = anchor[0] - _SHIFT[align] * sum(width for *_, width in pieces)
    for piece, font, direction, width in pieces:
        draw.text((x, anchor[1]), piece, fill=fill, font=font, anchor="ls", direction=direction)
        x += width


def _visual_order(runs: list[FontRun], text: str) -> list[FontRun]:
    """``runs`` left to right as the line shows them: each group of consecutive right-to-left
    runs (with the neutral runs between them) reversed, and the groups reversed when the
    line's first strong character is right to left."""
    groups: list[tuple[bool, list[FontRun]]] = []
    for index, run in enumerate(runs):
        rtl = run.rtl or (_neutral(run) and _between_rtl(runs, index))
        if groups and groups[-1][0] == rtl:
            groups[-1][1].append(run)
        else:
            groups.append((rtl, [run]))
    ordered = [list(reversed(group)) if rtl else group for rtl, group in groups]
    if first_strong_direction(text) == "rtl":
        ordered.reverse()
    return [run for group in ordered for run in group]


def _neutral(run: FontRun) -> bool:
    """Whether ``run`` holds no letter (spaces, digits, punctuation in the text family)."""
    return run.script is None and first_strong_direction(run.text) is None


def _between_rtl(runs: list[FontRun], index: int) -> bool:
    """Whether the nearest runs with letters on both sides of ``index`` are right to left."""
    before = next((r for r in reversed(runs[:index]) if not _neutral(r)), None)
    after = next((r for r in runs[index + 1 :] if not _neutral(r)), None)
    return bool(before and after and before.rtl and after.rtl)
