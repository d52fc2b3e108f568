"""Bundled fonts: where they are, what they are called, which characters they cover, and
how wide text set in them is.

briefgen never relies on the system's fonts. It ships in its own package (``fonts/files/``,
with their licences) the text families DejaVu Serif and DejaVu Sans, four faces each
(regular, bold, italic, bold italic), which cover Latin with the Azerbaijani letters
(ə ğ ı ş), Greek, Cyrillic, Armenian and Georgian; and, regular and bold, the Noto families
that set the other scripts beside each (Noto Naskh Arabic or Noto Sans Arabic, Noto Serif
or Sans Hebrew, Ethiopic, Devanagari and Thai: :mod:`briefgen.fonts.runs` says which
character goes to which). Each file is read once a process, by reportlab, whose fonts the
PDF then uses as they are.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.fonts.scripts import FALLBACK_SCRIPTS

#: family key -> (family name, {face: file name}). The text families ("serif", "sans") have
#: four faces; a script's family ("serif-arabic") has regular and bold, and its italics are
#: set upright (Noto draws no italic Arabic, Hebrew, Ethiopic, Devanagari or Thai).
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


def _noto(name: str) -> tuple[str, dict[str, str]]:
    stem = name.replace(" ", "")
    return name, {"regular": f"{stem}-Regular.ttf", "bold": f"{stem}-Bold.ttf"}


for _script in ("hebrew", "ethiopic", "devanagari", "thai"):
    _FAMILIES[f"serif-{_script}"] = _noto(f"Noto Serif {_script.title()}")
    _FAMILIES[f"sans-{_script}"] = _noto(f"Noto Sans {_script.title()}")
_FAMILIES["serif-arabic"] = _noto("Noto Naskh Arabic")
_FAMILIES["sans-arabic"] = _noto("Noto Sans Arabic")

FACES = ("regular", "bold", "italic", "bolditalic")
#: The text families a style's ``body_font`` and ``heading_font`` choose from.
FAMILY_KEYS = ("sans", "serif")
#: Every bundled family: the text families and the script families beside them.
ALL_FAMILY_KEYS = tuple(_FAMILIES)
#: A face a family lacks -> the face set in its place.
_STAND_IN = {"italic": "regular", "bolditalic": "bold"}


def fallback_key(text_family: str, script: str) -> str:
    """The family that sets ``script`` (``"arabic"``) beside text family ``text_family``."""
    return f"{text_family}-{script}"


@dataclass(frozen=True)
class FontFamily:
    """A family's display name and the paths of its four faces."""

    key: str
    name: str
    files: dict[str, Path]


def font_dir() -> Path:
    """The folder holding the bundled TrueType files (package data of briefgen)."""
    return Path(__file__).parent / "files"


@cache
def family(key: str) -> FontFamily:
    """The font family for a key: a text family (``sans``/``serif``) or a script's family
    (``serif-arabic``)."""
    name, faces = _FAMILIES[key]
    files = {face: font_dir() / file for face, file in faces.items()}
    missing = [path.name for path in files.values() if not path.is_file()]
    if missing:
        raise BriefgenError(
            f"bundled fonts missing from {font_dir()}: {', '.join(missing)} "
            "(they come with briefgen: pip install --force-reinstall briefgen)"
        )
    return FontFamily(key=key, name=name, files=files)


_PDF_SUFFIX = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bolditalic": "-BoldItalic"}


def face_of(key: str, face: str) -> str:
    """The face family ``key`` sets ``face`` in: the face itself, or the upright one when
    the family has no italic."""
    return face if face in _FAMILIES[key][1] else _STAND_IN[face]


def pdf_name(key: str, face: str = "regular") -> str:
    """The name the PDF knows family ``key``'s ``face`` by (``BriefgenSerif-Bold``,
    ``BriefgenSerifArabic-Bold``)."""
    base = "Briefgen" + "".join(part.title() for part in key.split("-"))
    return base + _PDF_SUFFIX[face_of(key, face)]


def face_font(key: str, face: str) -> Any:
    """reportlab's TrueType font for family ``key``'s ``face``, read once a process.

    The one parse of the file serves everything: the glyph-coverage check, text widths,
    line height, and the PDF, which registers these very objects. An unreadable file is a
    :class:`BriefgenError`.
    """
    return _face_font(key, face_of(key, face))  # one object for a face and its stand-ins


@cache
def _face_font(key: str, face: str) -> Any:
    from briefgen.fonts.glyph_font import GlyphFont

    path = family(key).files[face]
    try:
        return GlyphFont(pdf_name(key, face), str(path))
    except Exception as exc:  # reportlab raises many types for damaged files
        raise BriefgenError(
            f"bundled font {path} is unreadable ({exc}); "
            "reinstall briefgen, which carries it: pip install --force-reinstall briefgen"
        ) from None


@cache
def coverage(key: str) -> frozenset[int]:
    """Code points that every face of family ``key`` has a glyph for."""
    covered: frozenset[int] | None = None
    for face in family(key).files:
        cmap = frozenset(face_font(key, face).face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


# Characters that are layout controls, not glyphs: never reported as missing.
_IGNORABLE = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD}


@cache
def _drawable(keys: tuple[str, ...]) -> frozenset[str]:
    """Characters some text family of ``keys`` draws, plus the layout controls (computed
    once)."""
    codes = frozenset().union(*(coverage(key) for key in keys)) | _IGNORABLE
    return frozenset(map(chr, codes))


@cache
def _drawable_beside(keys: tuple[str, ...]) -> frozenset[str]:
    """Characters the script families beside the text families ``keys`` draw (their files
    are read only when a text holds a character the text families lack)."""
    families = [fallback_key(key, script) for key in keys for script in FALLBACK_SCRIPTS]
    return frozenset(map(chr, frozenset().union(*(coverage(key) for key in families))))


def missing_characters(text: str, keys: tuple[str, ...]) -> list[str]:
    """The distinct characters of ``text`` that none of the text families ``keys`` can
    draw, nor the script families beside them, in order of first appearance."""
    missing = set(text) - _drawable(keys)  # the common case: empty, one set operation
    if missing:
        missing -= _drawable_beside(keys)
    return [char for char in dict.fromkeys(text) if char in missing] if missing else []


def describe(char: str) -> str:
    """``'U+0259 LATIN SMALL LETTER SCHWA'`` for error messages."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def text_width(text: str, key: str, face: str, size: float) -> float:
    """Width in points of ``text`` set in family ``key``'s ``face`` at ``size`` points
    (the font's advance widths, as the PDF sets it; no kerning)."""
    font = face_font(key, face).face
    widths, default = font.charWidths, font.defaultWidth  # per 1000 units of the em
    return sum(widths.get(ord(char), default) for char in text) * size / 1000


@cache
def natural_line_height(key: str) -> float:
    """Single line spacing of family ``key`` in ems, as Word and LibreOffice compute it.

    Word processors set "single" spacing from the font's Windows ascent and descent (for
    DejaVu, 1.164 em) while reportlab's leading is an absolute size; dividing a leading factor
    by this gives the "multiple" that makes DOCX lines as tall as the PDF's.
    """
    font = face_font(key, "regular").face
    font.seek_table("OS/2", 74)  # usWinAscent, then usWinDescent (OpenType OS/2 table)
    ascent, descent = font.read_ushort(), font.read_ushort()
    return (ascent + descent) / font.unitsPerEm
