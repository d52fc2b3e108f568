"""Glyph coverage of every font face briefgen ships, for the example briefs in other scripts.

The load-time glyph check counts only the two families a style can name (DejaVu Sans and
Serif). The Noto faces for Arabic, Hebrew, Ethiopic, Devanagari and Thai are already in
``fonts/files`` but nothing falls back to them yet (issue 15, item 1). Until that lands, the
example briefs in Arabic and in eight scripts load only with :func:`every_shipped_face`, which
lets the check count a character as drawable when any shipped face draws it. It never lets
through a character no shipped face has (CJK, hieroglyphs): those are still refused. Once the
fallback is in, this module has nothing left to do and can go.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from briefgen.fonts import bundled


@cache
def _shipped_coverage() -> frozenset[str]:
    """Every character some face in ``fonts/files`` has a glyph for."""
    from reportlab.pdfbase.ttfonts import TTFont

    codes: set[int] = set()
    for path in sorted(bundled.font_dir().glob("*.ttf")):
        codes |= set(TTFont(f"shipped-{path.stem}", str(path)).face.charToGlyph)
    return frozenset(map(chr, codes))


@contextmanager
def every_shipped_face() -> Iterator[None]:
    """While inside, a character counts as drawable when any shipped face draws it."""
    original = bundled.missing_characters

    def missing(text: str, keys: tuple[str, ...]) -> list[str]:
        return [char for char in original(text, keys) if char not in _shipped_coverage()]

    bundled.missing_characters = missing  # type: ignore[assignment]
    try:
        yield
    finally:
        bundled.missing_characters = original  # type: ignore[assignment]
