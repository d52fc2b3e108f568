"""Text shaped by HarfBuzz into the glyphs a PDF draws.

Arabic letters join, Devanagari conjuncts form and marks sit on their bases only when a
shaper picks the glyphs; reportlab's own shaping shapes a whole word with its first
fragment's font, so a word whose brackets come from another font loses its letters. Here
each piece of text is shaped in its own font and direction, and each glyph gets the code
that draws it in the PDF and carries the text it stands for (:mod:`briefgen.fonts.glyph_font`).
Results are kept per (text, family, face, direction) in ems, so a size change costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import uharfbuzz as hb

from briefgen.fonts.bundled import face_font, face_of, family, text_width
from briefgen.fonts.runs import font_runs, needs_fallback

#: HarfBuzz's defaults plus kerning; no discretionary ligatures.
_FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True)
class Glyph:
    """One glyph: the character code that draws it, its advance and its offsets, in ems."""

    code: str
    advance: float
    x_offset: float
    y_offset: float


@cache
def _hb_font(key: str, face: str) -> tuple[Any, int]:
    """HarfBuzz's font for family ``key``'s ``face`` and its units per em, read once."""
    blob = hb.Blob.from_file_path(str(family(key).files[face]))
    hb_face = hb.Face(blob)
    return hb.Font(hb_face), hb_face.upem


@lru_cache(maxsize=50_000)
def shape(text: str, key: str, face: str, rtl: bool) -> tuple[tuple[Glyph, ...], float]:
    """The glyphs of ``text`` set in family ``key``'s ``face`` in one direction (drawing
    order: right-to-left text comes out reversed, as it is drawn), and its width in ems."""
    face = face_of(key, face)
    font, upem = _hb_font(key, face)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buffer, _FEATURES)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    # A cluster's text goes to one glyph: left to right, the first (a Devanagari vowel sign
    # drawn before its consonant carries the syllable); right to left, the widest (the
    # letter, not a mark drawn over it). PDF readers then read each word whole.
    carrier: dict[int, int] = {}
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or (rtl and position.x_advance > positions[best].x_advance):
            carrier[info.cluster] = index
    pdf_font = face_font(key, face)
    glyphs = []
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        stands_for = text[cluster : ends[cluster]] if carrier[cluster] == index else ""
        if rtl:  # PDF readers reverse a right-to-left glyph's letters with the line's
            stands_for = stands_for[::-1]
        advance = position.x_advance / upem
        code = pdf_font.code_for(info.codepoint, stands_for, advance * 1000)
        glyphs.append(Glyph(code, advance, position.x_offset / upem, position.y_offset / upem))
    return tuple(glyphs), sum(glyph.advance for glyph in glyphs)


def measure(text: str, key: str, face: str, size: float) -> float:
    """Width in points of one line of ``text`` in text family ``key``'s ``face`` at ``size``:
    its advance widths where it is all in the text family, else each run shaped in its own
    family (a right-to-left script's run shaped right to left)."""
    if not needs_fallback(text):
        return text_width(text, key, face, size)
    return size * sum(shape(run.text, run.family, face, run.rtl)[1] for run in font_runs(text, key))
