"""One style description per audience, read by both the DOCX and the PDF exporter.

An audience's ``audience.yaml`` carries a ``style:`` mapping validated by :class:`Style`.
Exporters never invent their own sizes or colours: everything visual that differs between
audiences is here, so the DOCX and the PDF of one audience look alike.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_HEX = r"^#[0-9A-Fa-f]{6}$"

#: No text is drawn smaller than this (points): every size derived from the body size is
#: raised to it (notes, captions, labels, running lines, timeline labels).
MIN_TEXT_SIZE = 8.0
#: Body text of at least this size (points); ``check`` reports a smaller one (T001).
MIN_BODY_SIZE = 9.5


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    """Page margins in millimetres."""

    top: float = Field(22, ge=5, le=80, description="Top margin (mm).")
    bottom: float = Field(22, ge=5, le=80, description="Bottom margin (mm).")
    left: float = Field(22, ge=5, le=80, description="Left margin (mm).")
    right: float = Field(22, ge=5, le=80, description="Right margin (mm).")


class Colours(_Strict):
    """Colours as #RRGGBB."""

    primary: str = Field("#1F3A5F", pattern=_HEX, description="Title, headings, rules.")
    accent: str = Field("#9C4A1A", pattern=_HEX, description="Marking, key-figure values.")
    text: str = Field("#1A1A1A", pattern=_HEX, description="Body text.")
    muted: str = Field("#5A6270", pattern=_HEX, description="Header, footer, captions.")
    rule: str = Field("#C5CBD3", pattern=_HEX, description="Table borders and rules.")
    table_header: str = Field("#E4E9F0", pattern=_HEX, description="Table header row fill.")
    callout: str = Field("#EEF2F7", pattern=_HEX, description="Fill of note and summary boxes.")
    editorial: str = Field("#FFF4DB", pattern=_HEX, description="Fill of editorial notes.")
    contested: str = Field("#FBE9E7", pattern=_HEX, description="Fill of contested-claim boxes.")


def short_lines(lines: list[str]) -> list[str]:
    """``lines`` of a letterhead, once each is known to be at most 120 characters."""
    if any(len(line) > 120 for line in lines):
        raise ValueError("a letterhead line is at most 120 characters")
    return lines


class Letterhead(_Strict):
    """The letterhead at the top of a memo's first page (PDF, DOCX and HTML alike).

    Set in the house style (``house-style.yaml``); ``logo`` is then the absolute path of a
    logo the house-style loader has checked (see :mod:`briefgen.audience.logo`).
    """

    organisation: str = Field(
        "", max_length=120, description="The organisation's name, the letterhead's first line."
    )
    lines: list[str] = Field(
        default_factory=list,
        max_length=3,
        description="Up to three short lines under the name (unit, address, web site).",
    )
    logo: str | None = Field(None, description="The logo's path (PNG or JPEG).")
    logo_position: Literal["left", "right"] = Field(
        "left", description="Which side of the letterhead the logo sits on."
    )

    @field_validator("lines")
    @classmethod
    def _short_lines(cls, lines: list[str]) -> list[str]:
        return short_lines(lines)

    @property
    def shown(self) -> bool:
        """Whether there is anything to draw."""
        return bool(self.organisation.strip() or self.logo or any(s.strip() for s in self.lines))


class Style(_Strict):
    """Page, type and running heads of one audience's memo (DOCX and PDF alike)."""

    page_size: Literal["A4", "Letter"] = Field("A4", description="Paper size.")
    margins: Margins = Field(default_factory=Margins, description="Page margins.")
    body_font: Literal["serif", "sans"] = Field(
        "serif", description="Family of body text (DejaVu Serif or DejaVu Sans, bundled)."
    )
    heading_font: Literal["serif", "sans"] = Field(
        "sans", description="Family of the title and headings."
    )
    font_size: float = Field(10.0, ge=7, le=16, description="Body text size in points.")
    line_spacing: float = Field(1.3, ge=1.0, le=2.0, description="Line height / font size.")
    heading_sizes: tuple[float, float, float] = Field(
        (15.0, 12.5, 10.5), description="Point sizes of heading levels 1, 2 and 3."
    )
    title_size: float = Field(20.0, ge=10, le=40, description="Title size in points.")
    colours: Colours = Field(default_factory=Colours, description="Colour scheme.")
    letterhead: Letterhead = Field(
        default_factory=Letterhead,
        description="Letterhead of the first page; set by the house style (house-style.yaml).",
    )
    header: str = Field(
        "", max_length=120, description="Running header text (right); the marking is on the left."
    )
    footer: str = Field(
        "", max_length=120, description="Running footer text (left); 'Page X of Y' is on the right."
    )
    marking: str | None = Field(
        None, max_length=60, description="Overrides the brief's marking (e.g. DRAFT) when set."
    )
    watermark: str | None = Field(
        None, max_length=30, description="Diagonal watermark on every PDF page (e.g. DRAFT)."
    )
    citation_style: str = Field(
        "chicago-notes-bibliography",
        min_length=1,
        max_length=4096,
        description="The CSL style of notes and the reference list: a bundled style "
        "(chicago-notes-bibliography, chicago-notes-bibliography-subsequent-ibid, apa, "
        "harvard-cite-them-right) or a .csl file's path relative to the audience's folder or "
        "the templates folder.",
    )
    reference_docx: str | None = Field(
        None,
        min_length=1,
        max_length=4096,
        description="A DOCX whose styles, page setup, header and footer the DOCX memo takes "
        "(as Pandoc's --reference-doc); a relative path is relative to the folder of the "
        "audience.yaml that sets it. It governs the DOCX only: the PDF and HTML keep this "
        "style, so the formats then differ (check reports T004).",
    )
    embed_fonts: bool = Field(
        True,
        description="Embed the bundled fonts the DOCX memo uses in it (as Word's 'Embed "
        "fonts in the file'), so it looks the same on a machine without them.",
    )

    @field_validator("heading_sizes")
    @classmethod
    def _sizes_descend(cls, sizes: tuple[float, float, float]) -> tuple[float, float, float]:
        if not all(6 <= s <= 40 for s in sizes):
            raise ValueError("heading sizes must be between 6 and 40 points")
        return sizes


def text_size(size: float) -> float:
    """``size`` (points), raised to :data:`MIN_TEXT_SIZE` if smaller."""
    return max(size, MIN_TEXT_SIZE)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``"#1F3A5F"`` -> ``(31, 58, 95)``."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
