"""The style section of ``briefgen check`` (and build warnings): type sizes and colour
contrast of each audience's resolved style, located at the setting that made them.

- T001 the body text is under :data:`~briefgen.audience.style.MIN_BODY_SIZE` (9.5 pt);
- T002 a size the style sets (body, heading, title) is under
  :data:`~briefgen.audience.style.MIN_TEXT_SIZE` (8 pt); every size derived from the body
  size is raised to 8 pt by the exporters, so these are the only ones that can be smaller;
- T003 a text colour (text, muted, primary, accent) has a contrast ratio under 4.5:1 (WCAG 2)
  against a fill it is drawn on (the white page, table header, callout, editorial and
  contested boxes);
- T004 the audience sets a reference DOCX: its DOCX takes that file's styles, so the DOCX
  and the PDF of its memo will not look alike (``check`` only; not a build warning).

A setting shared by several audiences (the house style's palette) is one finding naming them.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.audience.profiles import AUDIENCE_FILE, Audience
from briefgen.audience.style import MIN_BODY_SIZE, MIN_TEXT_SIZE, Style, hex_to_rgb
from briefgen.check.findings import Finding

MIN_CONTRAST = 4.5  # WCAG 2, level AA, for normal-size text
TEXT_COLOURS = ("text", "muted", "primary", "accent")
FILLS = ("white", "table_header", "callout", "editorial", "contested")
_WHITE = "#FFFFFF"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_findings(audiences: list[Audience]) -> list[Finding]:
    """T001-T004 for every audience, one finding per setting and problem (naming every
    audience it concerns)."""
    found: dict[tuple[str, str, int, int, str], list[str]] = {}
    for audience in audiences:
        for code, key, message in _problems(audience.config.style):
            file, line, column = _origin(audience, key)
            found.setdefault((code, file, line, column, message), []).append(audience.name)
    return [
        Finding(code, f"{message} ({_named(names)})", file, line, column, path=None)
        for (code, file, line, column, message), names in found.items()
    ]


def _named(names: list[str]) -> str:
    return ("audience " if len(names) == 1 else "audiences ") + ", ".join(names)


def _origin(audience: Audience, key: str) -> tuple[str, int, int]:
    """Where ``key`` was set: the file and place, or the audience's own file (a default)."""
    found = audience.style_origin(key)
    if found is not None:
        return found
    return str(Path(audience.folders[0]) / AUDIENCE_FILE), 0, 0


def _problems(style: Style) -> list[tuple[str, str, str]]:
    """(code, style field, message) for everything ``style`` breaks."""
    problems: list[tuple[str, str, str]] = []
    if style.font_size < MIN_BODY_SIZE:
        message = f"body text {style.font_size:g} pt, at least {MIN_BODY_SIZE:g} pt"
        problems.append(("T001", "font_size", message))
    sizes = [("font_size", "body text", style.font_size), ("title_size", "title", style.title_size)]
    sizes += [("heading_sizes", f"heading {n}", s) for n, s in enumerate(style.heading_sizes, 1)]
    for key, what, size in sizes:
        if size < MIN_TEXT_SIZE:
            message = f"{what} {size:g} pt: nothing is set under {MIN_TEXT_SIZE:g} pt"
            problems.append(("T002", key, message))
    colours = style.colours.model_dump()
    for text in TEXT_COLOURS:
        for fill in FILLS:
            background = _WHITE if fill == "white" else colours[fill]
            ratio = contrast_ratio(colours[text], background)
            if ratio < MIN_CONTRAST:
                where = "the white page" if fill == "white" else f"{fill} {background}"
                message = (
                    f"{text} {colours[text]} on {where}: contrast {ratio:.2f}:1, at least "
                    f"{MIN_CONTRAST:g}:1"
                )
                problems.append(("T003", f"colours.{text}", message))
    if style.reference_docx:
        message = (
            "the DOCX takes the reference DOCX's styles, page setup and header; the PDF and "
            "HTML keep the house style: the formats of one memo will not look alike"
        )
        problems.append(("T004", "reference_docx", message))
    return problems


#: Findings already printed as build warnings (a --watch session resolves again and again).
_WARNED: set[str] = set()


def style_warnings(audiences: list[Audience]) -> list[str]:
    """The build's warning lines for ``audiences``' styles (T001-T003: a reference DOCX is
    the user's own choice, reported by ``check`` only), each line once a process."""
    found = [f for f in style_findings(audiences) if f.code != "T004"]
    lines = [f"style: {finding}" for finding in found]
    fresh = [line for line in lines if line not in _WARNED]
    _WARNED.update(fresh)
    return fresh
