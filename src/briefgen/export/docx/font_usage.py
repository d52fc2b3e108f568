"""Which faces of the bundled fonts a DOCX memo sets text in, read from the WordprocessingML
itself: every run of the body, headers, footers and notes, and every paragraph mark (Word
sizes a line, an empty one too, from its mark's font).

A run's font and its bold and italic are resolved as Word resolves them (ECMA-376 Part 1
§17.7.2): direct formatting over the character style over the paragraph style over the
document defaults, each style through its ``w:basedOn`` chain; bold and italic set by both
styles toggle (§17.7.3). A run marked complex script (``w:cs``, ``w:rtl``) is set with its
``w:cs`` font and ``w:bCs``/``w:iCs``. Fonts that are not bundled (a reference DOCX's own,
theme fonts) are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from briefgen.fonts.bundled import ALL_FAMILY_KEYS, face_of, family

#: Content types of the parts that hold text Word draws.
_STORIES = frozenset(
    "application/vnd.openxmlformats-officedocument.wordprocessingml." + kind
    for kind in ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml",
                 "endnotes+xml", "comments+xml")
)  # fmt: skip
_OFF = ("0", "false", "off")
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE = (
    qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "rPr", "rStyle")
)
_VAL, _STYLE_ID, _BASED_ON = qn("w:val"), qn("w:styleId"), qn("w:basedOn")
_INHERITED = ("font", "font_cs", "b", "i", "b_cs", "i_cs")


@dataclass(frozen=True)
class _Props:
    """Run properties as far as the face depends on them; None: not set at this level."""

    font: str | None = None  # the w:ascii slot (a theme font counts as set: not ours)
    font_cs: str | None = None
    b: bool | None = None
    i: bool | None = None
    b_cs: bool | None = None
    i_cs: bool | None = None
    complex: bool = False  # w:cs or w:rtl: set with the complex-script font and twins

    def under(self, outer: _Props) -> _Props:
        """These properties, with what they leave unset taken from ``outer``."""
        mine = {name: getattr(self, name) for name in _INHERITED}
        taken = {name: getattr(outer, name) if v is None else v for name, v in mine.items()}
        return _Props(**taken, complex=self.complex or outer.complex)


def _toggle(element: BaseOxmlElement | None) -> bool | None:
    return None if element is None else element.get(_VAL, "1") not in _OFF


def _props(rpr: BaseOxmlElement | None) -> _Props:
    """The face-deciding properties set directly in ``rpr`` (a w:rPr, or None)."""
    if rpr is None:
        return _Props()
    fonts = rpr.find(qn("w:rFonts"))
    font = font_cs = None
    if fonts is not None:
        # A theme font takes precedence over a named one: "" stands for it (never bundled).
        font = "" if fonts.get(qn("w:asciiTheme")) else fonts.get(qn("w:ascii"))
        font_cs = "" if fonts.get(qn("w:cstheme")) else fonts.get(qn("w:cs"))
    tags = ("b", "i", "bCs", "iCs")
    b, i, b_cs, i_cs = (_toggle(rpr.find(qn(f"w:{tag}"))) for tag in tags)
    flags = (_toggle(rpr.find(qn("w:cs"))), _toggle(rpr.find(qn("w:rtl"))))
    return _Props(font, font_cs, b, i, b_cs, i_cs, complex=any(flags))


class _Styles:
    """Each style's properties through its ``w:basedOn`` chain, worked out once a style."""

    def __init__(self, styles: BaseOxmlElement) -> None:
        every = styles.findall(qn("w:style"))
        self._by_id = {style.get(_STYLE_ID): style for style in every}
        defaults = [style.get(_STYLE_ID) for style in every
                    if style.get(qn("w:type")) == "paragraph"
                    and style.get(qn("w:default")) in ("1", "true", "on")]  # fmt: skip
        self._default_para = defaults[0] if defaults else None
        path = f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
        self.defaults = _props(styles.find(path))
        self._cache: dict[str | None, _Props] = {}

    def of(self, style_id: str | None, paragraph: bool = False) -> _Props:
        """Style ``style_id``'s properties (None: the default paragraph style when
        ``paragraph``, else nothing)."""
        if style_id is None and paragraph:
            style_id = self._default_para
        if style_id not in self._cache:
            found, seen = _Props(), set()
            style = self._by_id.get(style_id)
            while style is not None and style.get(_STYLE_ID) not in seen:
                seen.add(style.get(_STYLE_ID))
                found = found.under(_props(style.find(_RPR)))
                based = style.find(_BASED_ON)
                style = None if based is None else self._by_id.get(based.get(_VAL))
            self._cache[style_id] = found
        return self._cache[style_id]


def _stories(out: DocxDocument) -> Iterator[BaseOxmlElement]:
    """The root element of every part whose text Word draws."""
    for part in out.part.package.iter_parts():
        if part.content_type in _STORIES:
            yield part.element if isinstance(part, XmlPart) else parse_xml(part.blob)


def _face(bold: bool, italic: bool) -> str:
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


class _Resolver:
    """The family and face each run is set in, from the styles of one document."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.keys = {family(key).name: key for key in ALL_FAMILY_KEYS}

    def face(self, para: _Props, rpr: BaseOxmlElement | None) -> tuple[str, str] | None:
        """(family key, face) of a run with properties ``rpr`` in a paragraph whose style has
        ``para``; None when the font is not a bundled one."""
        direct, char = _props(rpr), self.styles.of(_style_id(rpr, _RSTYLE))
        merged = direct.under(char).under(para).under(self.styles.defaults)
        # Complex-script text takes the cs font and the complex-script bold and italic.
        font, b, i = ("font_cs", "b_cs", "i_cs") if merged.complex else ("font", "b", "i")
        key = self.keys.get(getattr(merged, font) or "")
        if key is None:
            return None
        levels = (direct, char, para, self.styles.defaults)
        bold, italic = (_toggled(*(getattr(level, name) for level in levels)) for name in (b, i))
        return key, face_of(key, _face(bold, italic))


def _toggled(direct: bool | None, char: bool | None, para: bool | None,
             default: bool | None) -> bool:  # fmt: skip
    """A toggle property (bold, italic): direct formatting decides; else the styles that set
    it toggle it (§17.7.3); else the document default."""
    if direct is not None:
        return direct
    if char is None and para is None:
        return bool(default)
    return bool(char) != bool(para)


def _style_id(props: BaseOxmlElement | None, tag: str) -> str | None:
    child = None if props is None else props.find(tag)
    return None if child is None else child.get(_VAL)


def used_faces(out: DocxDocument) -> dict[str, set[str]]:
    """Family key (``serif``, ``sans-arabic``) -> the faces (``regular``, ``bold``, ...) the
    document sets its runs and paragraph marks in, for the bundled families only."""
    styles = _Styles(out.styles.element)
    resolver = _Resolver(styles)
    # Most runs repeat a few property sets (none, bold, a link): resolve each combination once.
    faces: dict[tuple[str | None, tuple | None], tuple[str, str] | None] = {}
    for root in _stories(out):
        for p in root.iter(_P):
            ppr = p.find(_PPR)
            style_id = _style_id(ppr, _PSTYLE)
            runs = [p.find(_PPR + "/" + _RPR) if ppr is not None else None]  # the mark
            runs += [r.find(_RPR) for r in p.iter(_R) if _drawn(r) and _owner(r) is p]
            for rpr in runs:
                key = (style_id, _signature(rpr))
                if key not in faces:
                    faces[key] = resolver.face(styles.of(style_id, paragraph=True), rpr)
    used: dict[str, set[str]] = {}
    for found in filter(None, faces.values()):
        used.setdefault(found[0], set()).add(found[1])
    return used


def _signature(rpr: BaseOxmlElement | None) -> tuple | None:
    """What run properties ``rpr`` set, as a hashable value (None: none)."""
    if rpr is None:
        return None
    return tuple((child.tag, tuple(child.attrib.items())) for child in rpr)


def _drawn(run: BaseOxmlElement) -> bool:
    """Whether ``run`` draws anything (text, a tab, a note mark, a field): more than rPr."""
    return any(child.tag != _RPR for child in run)


def _owner(run: BaseOxmlElement) -> BaseOxmlElement | None:
    """The paragraph ``run`` belongs to (a text box's paragraph, not the one around it)."""
    parent = run.getparent()
    while parent is not None and parent.tag != _P:  # a hyperlink, a field, a smart tag
        parent = parent.getparent()
    return parent
