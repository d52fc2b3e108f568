"""Which CSL citation style an audience names, found and checked when the audience loads.

An audience's ``style.citation_style`` is a bundled style's name or a ``.csl`` file in the
audience's folder or the templates folder it sits in (confined to them, as templates are).
Render (briefgen.render.citations) formats notes and the reference list with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from briefgen.errors import InputError, Problem

STYLES_FOLDER = Path(__file__).resolve().parents[1] / "citation_styles"
BUNDLED = (
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-subsequent-ibid",
    "apa",
    "harvard-cite-them-right",
)
DEFAULT_STYLE = "chicago-notes-bibliography"
MAX_STYLE_BYTES = 2_000_000  # the largest bundled style is 243 KB


@dataclass(frozen=True)
class CitationStyle:
    """A CSL style file that parsed, and whether it formats notes or in-text citations."""

    name: str
    path: Path
    is_note_style: bool
    xml: bytes = field(repr=False, default=b"")  # the bytes checked, so the file is read once


def citation_style(spec: str, folders: Sequence[Path] = ()) -> CitationStyle:
    """A bundled style by name, or a `.csl` file (name ending .csl) found in one of `folders`
    (the audience's folder and the templates folder; confined to them: no absolute paths, no
    `..`). Raises InputError naming the style and what is available."""
    if not spec.endswith(".csl"):
        if spec not in BUNDLED:
            raise InputError(
                f"citation style {spec!r} is not bundled; bundled styles: {', '.join(BUNDLED)}"
                "; or name a .csl file in the audience's or the templates folder"
            )
        return _parsed(spec, STYLES_FOLDER / f"{spec}.csl")
    relative = PurePosixPath(spec.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", spec):
        raise InputError(
            f"citation style {spec!r}: name a .csl file inside the audience's or the "
            "templates folder, without '..' or an absolute path"
        )
    for folder in folders:
        candidate = (folder / relative).resolve()
        if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
            return _parsed(spec, candidate)
    searched = ", ".join(str(folder) for folder in folders) or "no folder"
    raise InputError(f"citation style {spec!r}: no such file in {searched}")


def _parsed(name: str, path: Path) -> CitationStyle:
    """The style at `path`, checked: small, no DTD (no entity expansion), a CSL citation."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(str(path), 0, 0, "", f"cannot read: {error.strerror}")]) from None
    if len(data) > MAX_STYLE_BYTES:
        raise InputError([Problem(str(path), 0, 0, "", "citation style is over 2 MB")])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError([Problem(str(path), 0, 0, "", "a citation style may not have a DTD")])
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise InputError([Problem(str(path), line, column, "", f"not XML: {error.msg}")]) from None
    csl = "{http://purl.org/net/xbiblio/csl}"
    if root.tag != f"{csl}style" or root.find(f"{csl}citation") is None:
        raise InputError([Problem(str(path), 1, 1, "", "not a CSL style with a <citation>")])
    return CitationStyle(name, path, root.get("class") == "note", data)


def resolved_style(value: str) -> CitationStyle:
    """The style an audience's ``style.citation_style`` holds after loading: a bundled name,
    or the absolute path of the ``.csl`` file the load found (and confined) for it."""
    if value.endswith(".csl") and Path(value).is_absolute():
        return _parsed(value, Path(value))
    return citation_style(value)
