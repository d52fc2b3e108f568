"""WordprocessingML helpers shared by the DOCX modules: checked text, property children in
schema order, borders, margins and shading.

python-docx's proxies cover only part of WordprocessingML; what they lack is set here on the
oxml elements, always in the child order ECMA-376 prescribes (Word refuses files that break it).
"""

from __future__ import annotations

import re
from functools import cache

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement

from briefgen.errors import BuildError

# Characters XML 1.0 cannot hold at all (tab, newline and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# ECMA-376 order of the property children put() sets, from the first one set onwards.
_ORDER = {
    "pPr": "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
    "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
    "divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position "
    "sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath",
    "tblPr": "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cantSplit trHeight tblHeader tblCellSpacing jc hidden ins del trPrChange",
    "tcPr": "tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
}


@cache
def _resolved(tag: str) -> tuple[str, dict[str, str]]:
    """``w:p`` -> (its Clark name, its one namespace declaration), worked out once a tag."""
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def element(tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new element ``tag`` (``w:p``) of python-docx's element class, with ``attrs``.

    python-docx's ``OxmlElement``, with the prefixed tag resolved once instead of on every
    call: memos create tens of thousands of elements.
    """
    clark, nsmap = _resolved(tag)
    return oxml_parser.makeelement(clark, attrib=attrs, nsmap=nsmap)


def checked(text: str) -> str:
    """``text`` unchanged, or BuildError if it holds a character XML 1.0 cannot store."""
    bad = _NOT_XML.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise BuildError(f"DOCX cannot hold the control character {code} in {text[:60]!r}")
    return text


def put(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Set child ``tag`` of a property element (replacing any), in schema order."""
    remove(parent, tag)
    child = element(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})
    sequence = _ORDER[parent.tag.rsplit("}", 1)[1]].split()
    later = sequence[sequence.index(tag[2:]) + 1 :]
    parent.insert_element_before(child, *(f"w:{name}" for name in later))
    return child


def box(parent: BaseOxmlElement, tag: str, sides: dict[str, dict[str, str]]) -> None:
    """A container of per-side children (borders, margins) in top-left-bottom-right order."""
    container = put(parent, tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            attrs = {qn(f"w:{k}"): v for k, v in sides[side].items()}
            container.append(element(f"w:{side}", attrs=attrs))


def borders(parent: BaseOxmlElement, tag: str, **sides: tuple[str, int, int]) -> None:
    """Single-line borders (pBdr, tblBorders, tcBorders): side=(colour, eighths pt, space)."""
    spec = {
        side: {"val": "single", "sz": str(size), "space": str(space), "color": hex_colour(colour)}
        for side, (colour, size, space) in sides.items()
    }
    box(parent, tag, spec)


def margins(parent: BaseOxmlElement, tag: str, **sides: int) -> None:
    """Cell padding in twentieths of a point, of a cell (tcMar) or table (tblCellMar)."""
    box(parent, tag, {side: {"w": str(w), "type": "dxa"} for side, w in sides.items()})


def shade(parent: BaseOxmlElement, colour: str) -> None:
    """Fill a cell or paragraph with a solid ``colour``."""
    put(parent, "w:shd", val="clear", color="auto", fill=hex_colour(colour))


def remove(parent: BaseOxmlElement | None, tag: str) -> None:
    """Remove every child ``tag`` (a prefixed name such as ``w:pBdr``) of ``parent``."""
    if parent is not None:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def hex_colour(colour: str) -> str:
    """``#1f3a5f`` -> ``1F3A5F``, as WordprocessingML writes colours."""
    return colour.lstrip("#").upper()


# Children of w:settings from w:footnotePr onwards, in ECMA-376 CT_Settings order.
_SETTINGS_TAIL = (
    "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def add_setting(settings: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    """Insert ``child`` (w:footnotePr, w:compat, ...) into w:settings in schema order."""
    tag = child.tag.rsplit("}", 1)[1]
    later = _SETTINGS_TAIL[_SETTINGS_TAIL.index(f"w:{tag}") + 1 :]
    settings.insert_element_before(child, *later)
    return child
