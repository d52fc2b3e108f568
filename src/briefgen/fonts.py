"""Bundled fonts: where they are, what they are called, and which characters they cover.

briefgen never relies on the system's fonts. It uses the DejaVu Sans and DejaVu Serif
families that the matplotlib wheel carries (regular, bold, italic, bold italic), which cover
Latin with the Azerbaijani letters (ə ğ ı ş), Cyrillic, Armenian and Georgian. The files are
located without importing matplotlib (that import is slow and pulls in numpy).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError

#: family key -> (family name, {face: file name})
_FAMILIES: dict[str, tuple[str, dict[str, str]]] = {
    "sans": (
        "DejaVu Sans",
        {
            "regular": "DejaVuSans.ttf",
            "bold": "DejaVuSans-Bold.ttf",
            "italic": "DejaVuSans-Oblique.ttf",
            "bolditalic": "DejaVuSans-BoldOblique.ttf",
        },
    ),
    "serif": (
        "DejaVu Serif",
        {
            "regular": "DejaVuSerif.ttf",
            "bold": "DejaVuSerif-Bold.ttf",
            "italic": "DejaVuSerif-Italic.ttf",
            "bolditalic": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
}

FACES = ("regular", "bold", "italic", "bolditalic")
FAMILY_KEYS = tuple(_FAMILIES)


@dataclass(frozen=True)
class FontFamily:
    """A family's display name and the paths of its four faces."""

    key: str
    name: str
    files: dict[str, Path]


@cache
def font_dir() -> Path:
    """The folder holding the bundled TrueType files (matplotlib's mpl-data/fonts/ttf)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise BriefgenError(
            "the bundled fonts are missing: the 'matplotlib' package, which carries them, "
            "is not installed (pip install briefgen installs it)"
        )
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


@cache
def family(key: str) -> FontFamily:
    """The font family for a style's ``body_font``/``heading_font`` key (``sans``/``serif``)."""
    name, faces = _FAMILIES[key]
    files = {face: font_dir() / file for face, file in faces.items()}
    missing = [path.name for path in files.values() if not path.is_file()]
    if missing:
        raise BriefgenError(
            f"bundled fonts missing from {font_dir()}: {', '.join(missing)} "
            "(they come with matplotlib: pip install --force-reinstall matplotlib)"
        )
    return FontFamily(key=key, name=name, files=files)


def _open_font(path: Path) -> Any:
    """fontTools' TTFont for ``path``; an unreadable file is a :class:`BriefgenError`."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
        font.getBestCmap()  # reads the file: a damaged one fails here, not mid-export
    except Exception as exc:  # fontTools raises many types for damaged files
        raise BriefgenError(
            f"bundled font {path} is unreadable ({exc}); "
            "reinstall matplotlib, which carries it: pip install --force-reinstall matplotlib"
        ) from None
    return font


@cache
def coverage(key: str) -> frozenset[int]:
    """Code points that every face of family ``key`` has a glyph for."""
    covered: frozenset[int] | None = None
    for path in family(key).files.values():
        cmap = frozenset(_open_font(path).getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


# Characters that are layout controls, not glyphs: never reported as missing.
_IGNORABLE = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD}


@cache
def _drawable(keys: tuple[str, ...]) -> frozenset[str]:
    """Characters some family of ``keys`` draws, plus the layout controls (computed once)."""
    codes = frozenset().union(*(coverage(key) for key in keys)) | _IGNORABLE
    return frozenset(map(chr, codes))


def missing_characters(text: str, keys: tuple[str, ...]) -> list[str]:
    """The distinct characters of ``text`` that none of the families ``keys`` can draw,
    in order of first appearance."""
    missing = set(text) - _drawable(keys)  # the common case: empty, one set operation
    return [char for char in dict.fromkeys(text) if char in missing] if missing else []


def describe(char: str) -> str:
    """``'U+0259 LATIN SMALL LETTER SCHWA'`` for error messages."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


@cache
def _advance_widths(key: str, face: str) -> tuple[dict[int, int], int, int]:
    """(code point -> advance width, units per em, default width) of one face."""
    font = _open_font(family(key).files[face])
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm, metrics[".notdef"][0]


def text_width(text: str, key: str, face: str, size: float) -> float:
    """Width in points of ``text`` set in family ``key``'s ``face`` at ``size`` points."""
    widths, units, default = _advance_widths(key, face)
    return sum(widths.get(ord(char), default) for char in text) * size / units


@cache
def natural_line_height(key: str) -> float:
    """Single line spacing of family ``key`` in ems, as Word and LibreOffice compute it.

    Word processors set "single" spacing from the font's ascent and descent (for DejaVu,
    1.164 em) while reportlab's leading is an absolute size; dividing a leading factor by this
    gives the "multiple" that makes DOCX lines as tall as the PDF's.
    """
    font = _open_font(family(key).files["regular"])
    os2 = font["OS/2"]
    return (os2.usWinAscent + os2.usWinDescent) / font["head"].unitsPerEm
