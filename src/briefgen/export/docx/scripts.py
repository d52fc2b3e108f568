"""Scripts and direction in a DOCX memo: the fonts, language and direction of runs of text in
a fallback script (Arabic, Hebrew, Ethiopic, Devanagari, Thai), and right-to-left paragraphs.

Word picks one of a run's four font slots (``w:rFonts`` ascii, hAnsi, eastAsia, cs) for each
character by its script, and sets complex-script text (Arabic, Hebrew, Devanagari, Thai) with
the complex-script properties (``w:bCs``, ``w:iCs``, ``w:szCs``) instead of ``w:b``, ``w:i``,
``w:sz``. A run of a fallback script (:func:`briefgen.fonts.runs.font_runs`) therefore names its
Noto family in every slot, mirrors bold, italic and size into the complex-script properties,
and is marked ``w:rtl`` when right to left and ``w:cs`` when complex. Text in the text
families' own scripts keeps the styles' fonts and carries no direct formatting, so a Latin
memo's XML is exactly what it was before scripts were handled.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from briefgen.export.docx.wordml import put
from briefgen.fonts.bundled import FAMILY_KEYS, family
from briefgen.fonts.languages import language_script
from briefgen.fonts.runs import FontRun
from briefgen.fonts.scripts import first_strong_direction, language_direction

#: Scripts Word sets with its complex-script font slot and properties.
COMPLEX_SCRIPTS = frozenset({"arabic", "hebrew", "devanagari", "thai"})
_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_OFF = ("0", "false", "off")
_TAGS = ("font", "b", "bCs", "i", "iCs", "sz", "szCs")  # what a Look is resolved from


@dataclass(frozen=True)
class Look:
    """What a paragraph style gives its text, as far as script runs need it: the bundled text
    family (key) it is set in, bold and italic and their complex-script twins (which Word's
    template sets apart: its Subtitle is ``w:i`` off but ``w:iCs`` on), and a complex-script
    size (half points) for complex runs when its ``w:szCs`` differs from its ``w:sz``."""

    family: str
    bold: bool = False
    italic: bool = False
    cs_size: int | None = None
    bold_cs: bool = False
    italic_cs: bool = False


@dataclass(frozen=True)
class MemoScript:
    """The memo's language, the fallback script it is written in, and its base direction."""

    language: str
    script: str | None
    rtl: bool

    @classmethod
    def of(cls, language: str) -> MemoScript:
        """The script and direction of a memo in ``language`` (BCP 47)."""
        rtl = language_direction(language) == "rtl"
        return cls(language, language_script(language), rtl)

    def paragraph_rtl(self, text: str) -> bool:
        """Whether a paragraph of ``text`` runs right to left: every paragraph of a
        right-to-left memo, and those whose first strong character is right to left."""
        return self.rtl or first_strong_direction(text) == "rtl"


def mark_script(rpr: BaseOxmlElement, run: FontRun, memo: MemoScript, look: Look,
                fmt: frozenset[str], size: int | None = None) -> None:  # fmt: skip
    """Give a run of fallback-script text (its ``w:rPr``, which may already hold rStyle, b, i
    and sz) its family in every font slot, the complex-script twins of bold, italic and size,
    ``w:rtl``, ``w:cs`` and, in the memo's own script, the memo's language."""
    name = family(run.family).name
    fonts = rpr.get_or_add_rFonts()
    for slot in _SLOTS:
        fonts.set(qn(f"w:{slot}"), name)
    if run.script not in COMPLEX_SCRIPTS:  # Ethiopic: set through the ordinary slots
        if run.script == memo.script:
            put(rpr, "w:lang", val=memo.language)
        return
    # The twins follow the Latin properties (Word slants the upright Noto face for italic).
    for tag, wanted, styled in (
        ("bCs", "bold" in fmt or look.bold, look.bold_cs),
        ("iCs", "italic" in fmt or look.italic, look.italic_cs),
    ):
        if wanted or styled:
            twin = getattr(rpr, f"get_or_add_{tag}")()
            if not wanted:
                twin.set(qn("w:val"), "0")
    cs_size = size or look.cs_size
    if cs_size:
        put(rpr, "w:szCs", val=str(cs_size))
    if run.rtl:
        put(rpr, "w:rtl")
    put(rpr, "w:cs")
    if run.script == memo.script:
        put(rpr, "w:lang", bidi=memo.language)


def set_bidi(ppr: BaseOxmlElement, rtl: bool = True) -> None:
    """Mark a paragraph (its ``w:pPr``) right to left (its start is the right edge), or
    left to right against a right-to-left memo's default (``rtl`` False)."""
    if rtl:
        put(ppr, "w:bidi")
    else:
        put(ppr, "w:bidi", val="0")


class StyleLooks:
    """The :class:`Look` of each paragraph style of a document, worked out once a style by
    following ``w:basedOn`` up to the document defaults (a reference DOCX's styles too)."""

    def __init__(self, styles: BaseOxmlElement, body_family: str) -> None:
        self._styles = styles
        self._body = body_family
        self._keys = {family(key).name: key for key in FAMILY_KEYS}
        self._cache: dict[str | None, Look] = {}

    def of(self, style_id: str | None) -> Look:
        """The look of the paragraph style ``style_id`` (None: the default style)."""
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str | None) -> Look:
        found: dict[str, str | None] = dict.fromkeys(_TAGS)
        seen: set[str] = set()
        style = self._style(style_id)
        while style is not None and style.get(qn("w:styleId")) not in seen:
            seen.add(style.get(qn("w:styleId")))
            _fill(found, style.find(qn("w:rPr")))
            based = style.find(qn("w:basedOn"))
            style = None if based is None else self._style(based.get(qn("w:val")))
        defaults = self._styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        _fill(found, defaults)
        sz, sz_cs = found["sz"], found["szCs"]
        return Look(
            family=self._keys.get(found["font"] or "", self._body),
            bold=found["b"] not in (None, *_OFF),
            italic=found["i"] not in (None, *_OFF),
            cs_size=int(sz) if sz and sz != sz_cs and sz.isdigit() else None,
            bold_cs=found["bCs"] not in (None, *_OFF),
            italic_cs=found["iCs"] not in (None, *_OFF),
        )

    def _style(self, style_id: str | None) -> BaseOxmlElement | None:
        if style_id is None:
            for style in self._styles.findall(qn("w:style")):
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in (
                    "1", "true", "on"
                ):  # fmt: skip
                    return style
            return None
        return self._styles.get_by_id(style_id)


def _fill(found: dict[str, str | None], rpr: BaseOxmlElement | None) -> None:
    """Fill what ``found`` lacks from run properties ``rpr`` (a style's, nearest first)."""
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if found["font"] is None and fonts is not None:
        found["font"] = fonts.get(qn("w:ascii"))
    for tag in _TAGS[1:]:
        child = rpr.find(qn(f"w:{tag}"))
        if found[tag] is None and child is not None:
            found[tag] = child.get(qn("w:val"), "1")
