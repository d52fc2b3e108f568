"""The named styles of a DOCX memo, resolved once and set by id.

Word's built-in styles (Title, Heading 1-3, List Number, Quote, Caption, ...) and a few of
briefgen's own (Lead, Table Text, Key Figure, ...) are defined from the audience's Style, so
the body carries almost no direct formatting. With a reference DOCX (:mod:`.docx_reference`)
every style the reference defines is used exactly as it is; briefgen defines only the ones it
lacks (copied from python-docx's default template, then styled as without a reference).
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import BaseStyle, ParagraphStyle, StyleFactory

from briefgen.audience.style import Style, text_size
from briefgen.errors import BuildError
from briefgen.export.docx.scripts import COMPLEX_SCRIPTS
from briefgen.export.docx.wordml import borders, checked, hex_colour, margins, put, remove
from briefgen.fonts import bundled as fonts
from briefgen.fonts.bundled import family
from briefgen.fonts.languages import language_script, leading_factor
from briefgen.fonts.scripts import language_direction

HYPERLINK_BLUE = "#0563C1"  # the colour of Word's own Hyperlink style
CELL_SIDE = 80  # left and right padding of table cells, twentieths of a point (the PDF's 4 pt)


def _look(style: BaseStyle, font: str | None = None, **props: object) -> None:
    """Set a style's font family and other properties, named as python-docx names them
    (``size``/``space_*`` in points, ``colour`` as #RRGGBB, the rest as python-docx takes them).
    """
    if font is not None:
        set_font(style.element.get_or_add_rPr(), font)
    for name, value in props.items():
        if name == "size":
            style.font.size = Pt(value)  # type: ignore[arg-type]
            put(style.element.get_or_add_rPr(), "w:szCs", val=str(round(value * 2)))  # type: ignore[operator]
        elif name == "colour":
            style.font.color.rgb = RGBColor.from_string(hex_colour(str(value)))
        elif name in ("bold", "italic"):
            setattr(style.font, name, value)
            # the same for complex-script text (Arabic, Hebrew, and digits in a right-to-left
            # paragraph), which Word and LibreOffice set from w:bCs / w:iCs
            put(style.element.get_or_add_rPr(), "w:bCs" if name == "bold" else "w:iCs",
                val="1" if value else "0")  # fmt: skip
        elif name == "underline":
            setattr(style.font, name, value)
        elif name in ("space_before", "space_after"):
            setattr(style.paragraph_format, name, Pt(value))  # type: ignore[arg-type]
        else:  # line_spacing (a float: a multiple of single), alignment, keep_with_next, ...
            setattr(style.paragraph_format, name, value)


def set_font(rpr: BaseOxmlElement, name: str) -> None:
    """Use ``name`` for every script slot; theme fonts would otherwise take precedence."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)


class NamedStyles:
    """Every style the writer uses, looked up by name once (python-docx scans styles.xml on
    each lookup); the writer then sets them by id.

    ``reference`` says that ``out`` was opened from a reference DOCX: its styles are then
    kept as they are (see :meth:`ours`).
    """

    def __init__(
        self,
        out: DocxDocument,
        style: Style,
        language: str,
        text_width: int,
        reference: bool = False,
    ) -> None:
        self._out = out
        self._by_name = {s.name.lower(): s for s in out.styles if s.name}
        self._ids = {s.style_id for s in out.styles}
        self._kept = frozenset(self._ids) if reference else frozenset[str]()
        self._numbering = _Numbering(out)
        body, head = family(style.body_font).name, family(style.heading_font).name
        c, fs, small = style.colours, style.font_size, text_size(style.font_size * 0.85)
        right = WD_ALIGN_PARAGRAPH.RIGHT
        document_defaults(out, body, fs, language, reference)
        # Sizes and spacing are the PDF exporter's, so the DOCX and the PDF look alike and a
        # word processor fills as many pages. Line spacing as the PDF's leading: Word's
        # "multiple" is of the font's own line height. Word adds a paragraph's space after to
        # the next one's space before, where reportlab lets them overlap (the larger wins):
        # space before is the PDF's less the space after a body paragraph, its usual
        # predecessor, so a heading after text sits where the PDF puts it.
        single = 1 / fonts.natural_line_height(style.body_font)
        leading: float | Length = style.line_spacing * single
        display = 1.2 * single
        own_script = language_script(language)
        if own_script:  # (the title and subtitle likewise, below)
            # A memo written in a script set in its own family (Arabic: Naskh, whose line
            # height is half as tall again as DejaVu's) would have every line taller than the
            # PDF's: its text lines are set at exactly the PDF's leading instead.
            leading = Pt(fs * style.line_spacing * leading_factor(language))
        after_body = fs * 0.6

        def before(space: float) -> float:
            return max(0.0, space - after_body)

        restyle, derive = self._restyle, self._derive

        self.normal = restyle("Normal", body, size=fs, colour=c.text, space_after=after_body,
                              line_spacing=leading, widow_control=True)  # fmt: skip
        title = style.title_size
        # (a memo in its own script family: exactly the PDF's leading, as the body's)
        title_lines = Pt(title * 1.2) if own_script else display
        self.title = restyle("Title", head, size=title, colour=c.primary, bold=True,
                             space_after=title * 0.3, line_spacing=title_lines,
                             keep_with_next=True)  # fmt: skip
        if self.ours(self.title):
            remove(self.title.element.pPr, "w:pBdr")  # the memo's rule comes after the fields
            if own_script == "arabic":  # letters that join are never spaced apart
                remove(self.title.element.get_or_add_rPr(), "w:spacing")
        subtitle_lines = Pt(title * 0.6 * 1.2) if own_script else display
        self.subtitle = restyle("Subtitle", head, size=title * 0.6, colour=c.muted, italic=False,
                                space_after=fs * 1.2, line_spacing=subtitle_lines)  # fmt: skip
        if self.ours(self.subtitle):
            remove(self.subtitle.element.pPr, "w:numPr")  # template quirk: a level, no list
            remove(self.subtitle.element.rPr, "w:spacing")
        self.headings = tuple(
            restyle(f"Heading {n}", head, size=size, colour=c.primary, bold=True, italic=False,
                    space_before=before(size * (1.1 if n == 1 else 0.9)), space_after=size * 0.45,
                    line_spacing=display, keep_with_next=True, keep_together=True)
            for n, size in enumerate(style.heading_sizes, start=1)
        )  # fmt: skip
        self.quote = restyle("Quote", colour=c.text, italic=True, space_before=before(fs * 0.4),
                             space_after=fs * 0.4, left_indent=Mm(8),
                             right_indent=Mm(8))  # fmt: skip
        if self.ours(self.quote):  # the bar on the side the text starts from
            side = "right" if language_direction(language) == "rtl" else "left"
            borders(self.quote.element.get_or_add_pPr(), "w:pBdr", **{side: (c.primary, 18, 10)})
        self.caption = restyle("Caption", head, size=small, colour=c.muted, bold=True,
                               space_before=before(fs * 0.4), space_after=fs * 0.35,
                               keep_with_next=True)  # fmt: skip
        self.header, self.footer = (
            restyle(n, head, size=text_size(fs * 0.8), colour=c.muted) for n in ("Header", "Footer")
        )
        for running in (self.header, self.footer):
            if self.ours(running):
                running.paragraph_format.tab_stops.clear_all()
                running.paragraph_format.tab_stops.add_tab_stop(
                    Emu(text_width), WD_TAB_ALIGNMENT.RIGHT
                )
        if self.ours(self.header):
            borders(self.header.element.get_or_add_pPr(), "w:pBdr", bottom=(c.rule, 4, 4))
        self.table = self._builtin("Table Grid")
        if self.ours(self.table):
            _restyle_table_grid(self.table, c.rule, fs)
        self.hyperlink = self._hyperlink()

        self.bullets, self.numbers, self.continues = (
            tuple(restyle(f"{name}{suffix}", space_after=fs * 0.25) for suffix in ("", " 2", " 3"))
            for name in ("List Bullet", "List Number", "List Continue")
        )
        for listed in (*self.bullets, *self.numbers, *self.continues):
            if self.ours(listed):  # the PDF's air between items, which Word would suppress
                remove(listed.element.pPr, "w:contextualSpacing")
        for level, continued in enumerate(self.continues, start=1):
            if self.ours(continued):  # under the item's text (see the markers below)
                continued.paragraph_format.left_indent = Pt(fs * 1.8 * level)
        # Lists number through their style; a reference's list style without numbering gets
        # the template's as direct formatting (a num id), so its lists still show markers.
        self.bullet_nums = tuple(self._numbering.for_style(s) for s in self.bullets)
        self.number_abstracts = tuple(
            self._numbering.abstract_of(self._numbering.for_style(s, always=True))
            for s in self.numbers
        )
        # Markers as the PDF's: "•", then "–" when nested, and numbers, in the body font and
        # the primary colour, indented 1.8 x the body size a level (not Symbol's bullet).
        for level, (bullet, number) in enumerate(zip(self.bullets, self.numbers, strict=True)):
            for listed, text in ((bullet, "•" if level == 0 else "–"), (number, None)):
                if self.ours(listed):
                    abstract = self._numbering.abstract_of(
                        self._numbering.for_style(listed, always=True)
                    )
                    indent = round(fs * 1.8 * 20)
                    self._numbering.restyle(abstract, text, body, c.primary,
                                            indent * (level + 1), indent)  # fmt: skip

        # A spacer is as high as the PDF's space after a table or box.
        self.spacer = derive("Spacer", self.normal, size=fs * 0.5, space_after=0,
                             line_spacing=Pt(fs * 0.9))  # fmt: skip
        self.rule = derive("Horizontal Rule", self.spacer, line_spacing=Pt(fs * 0.5),
                           space_after=fs * 0.9)  # fmt: skip
        if self.ours(self.rule):
            borders(self.rule.element.get_or_add_pPr(), "w:pBdr", bottom=(c.rule, 6, 1))
        self.roles = {
            "lead": derive("Lead", self.normal, size=fs * 1.15, space_after=fs * 0.8),
            "small": derive("Small Print", self.normal, size=small, colour=c.muted),
            "label": derive("Label", self.normal, size=text_size(fs * 0.88), colour=c.primary,
                            bold=True, space_after=fs * 0.3, keep_with_next=True),
            "attribution": derive("Attribution", self.normal, size=small, colour=c.muted,
                                  alignment=right),
        }  # fmt: skip
        self.table_text = derive("Table Text", self.normal, size=text_size(fs * 0.92),
                                 space_after=fs * 0.3)  # fmt: skip
        self.table_heading = derive("Table Heading", self.table_text, head,
                                    size=text_size(fs * 0.88), colour=c.primary,
                                    bold=True)  # fmt: skip
        self.field_label = derive("Field Label", self.table_heading, space_after=0)
        # Keep-lines-together: a callout's paragraph never breaks across pages (its box's row
        # cannot split either, see writer.callout). No keep-with-next in a cell: word
        # processors then keep the whole table with what follows it.
        self.callout_text = derive("Callout Text", self.normal, space_after=fs * 0.45,
                                   keep_together=True)  # fmt: skip
        self.callout_title = derive("Callout Title", self.callout_text, head, colour=c.primary,
                                    bold=True, space_after=fs * 0.35)  # fmt: skip
        self.body_size, self.figure_size = fs, fs * 2.0
        # (in a memo set in its own script's family, an exact height: a value in Latin digits
        # alone would otherwise sit higher than its neighbours in the taller script)
        figure_lines = (Pt(self.figure_size * 1.2 * leading_factor(language)) if own_script
                        else display)  # fmt: skip
        self.figure_value = derive("Key Figure", self.table_text, head, size=self.figure_size,
                                   colour=c.accent, bold=True, space_after=fs * 0.15,
                                   line_spacing=figure_lines)  # fmt: skip
        self.figure_label = derive("Key Figure Label", self.table_text, size=small,
                                   colour=c.muted, space_after=0)  # fmt: skip
        # The house style's letterhead, as the PDF's: name in the heading face, lines small.
        self.letterhead = derive("Letterhead", self.table_text, head, size=fs * 1.1,
                                 colour=c.primary, bold=True, space_after=fs * 0.05)  # fmt: skip
        self.letterhead_line = derive("Letterhead Line", self.table_text, head, size=small,
                                      colour=c.muted, space_after=0)  # fmt: skip

    def rebound(self, out: DocxDocument) -> NamedStyles:
        """These styles for ``out``, a copy of the document they were made for (the same
        styles part, saved and opened again): no style is looked up or restyled again."""
        every = list(out.styles)
        by_id = {style.style_id: style for style in every}

        def swap(value: object) -> object:
            if isinstance(value, BaseStyle):
                return by_id[value.style_id]
            if isinstance(value, tuple):
                return tuple(swap(item) for item in value)
            if isinstance(value, dict):
                return {key: swap(item) for key, item in value.items()}
            return value

        copy = object.__new__(NamedStyles)
        copy.__dict__.update({name: swap(value) for name, value in vars(self).items()})
        copy._out, copy._numbering = out, _Numbering(out)
        copy._by_name = {style.name.lower(): style for style in every if style.name}
        return copy

    def detached(self) -> NamedStyles:
        """A copy that no longer holds the document (only its styles' elements), to keep
        for :meth:`rebound` without keeping the memo's whole body alive."""
        copy = object.__new__(NamedStyles)
        copy.__dict__.update(vars(self))
        copy.__dict__.update(_out=None, _numbering=None, _by_name={})
        return copy

    def ours(self, style: BaseStyle) -> bool:
        """True when briefgen defines ``style``; False for a reference DOCX's own styles."""
        return style.style_id not in self._kept

    def existing_ids(self, *names: str) -> dict[str, str]:
        """Name (lower case) -> style id of those of ``names`` the reference DOCX defines."""
        found = {name.lower(): self._by_name.get(name.lower()) for name in names}
        return {name: s.style_id for name, s in found.items() if s is not None and not self.ours(s)}

    def _restyle(self, name: str, font: str | None = None, **props: object) -> ParagraphStyle:
        """Built-in style ``name``, given briefgen's look unless the reference defines it."""
        style = self._builtin(name)
        if self.ours(style):
            _look(style, font, **props)
        return style  # type: ignore[return-value]

    def _builtin(self, name: str) -> BaseStyle:
        """Style ``name`` of the document, or else copied in from python-docx's template."""
        found = self._by_name.get(name.lower())
        return found if found is not None else self._copy(name)

    def _copy(self, name: str) -> BaseStyle:
        """Copy style ``name`` (and its base, and the numbering of its lists) from python-docx's
        default template, which defines every built-in style briefgen uses."""
        template = _template_styles()
        source = template.get(name.lower())
        if source is None:
            raise BuildError(f"DOCX export: no definition of the style {name!r}")
        element = deepcopy(source)
        for tag in ("w:link", "w:rsid"):  # linked character styles are not copied
            remove(element, tag)
        for tag in ("w:basedOn", "w:next"):
            ref = element.find(qn(tag))
            if ref is None:
                continue
            other = _template_name(ref.get(qn("w:val")))
            if tag == "w:basedOn":
                ref.set(qn("w:val"), self._builtin(other).style_id)
            elif other.lower() in self._by_name:
                ref.set(qn("w:val"), self._by_name[other.lower()].style_id)
            else:
                element.remove(ref)
        style_id = self._unique_id(element.get(qn("w:styleId")))
        element.set(qn("w:styleId"), style_id)
        numpr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is not None and numpr.find(qn("w:numId")) is not None:
            num_id = numpr.find(qn("w:numId"))
            num_id.set(
                qn("w:val"),
                str(
                    self._numbering.copy(
                        int(num_id.get(qn("w:val"))), {source.get(qn("w:styleId")): style_id}
                    )
                ),
            )
        self._out.styles.element.append(element)
        copied = StyleFactory(element)
        self._by_name[name.lower()] = copied
        return copied

    def _unique_id(self, wanted: str) -> str:
        style_id, n = wanted, 1
        while style_id in self._ids:
            n += 1
            style_id = f"{wanted}{n}"
        self._ids.add(style_id)
        return style_id

    def _hyperlink(self) -> BaseStyle:
        """Word's Hyperlink character style (python-docx's template lacks it)."""
        found = self._by_name.get("hyperlink")
        if found is not None and not self.ours(found):
            return found
        style = self._add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
        style.element.styleId = self._unique_id("Hyperlink")
        base = self._by_name.get("default paragraph font")
        if base is not None:
            style.base_style = base
        style.priority, style.unhide_when_used = 99, True
        _look(style, colour=HYPERLINK_BLUE, underline=True)
        return style

    def _add_style(self, name: str, kind: WD_STYLE_TYPE, builtin: bool = False) -> BaseStyle:
        """``styles.add_style`` without its scan of every style's name for a clash: the callers
        add only names they have just looked up in ``_by_name``."""
        element = self._out.styles.element.add_style_of_type(
            BabelFish.ui2internal(name), kind, builtin
        )
        return StyleFactory(element)

    def _derive(
        self, name: str, base: ParagraphStyle, font: str | None = None, **props: object
    ) -> ParagraphStyle:
        """Custom paragraph style ``name`` based on ``base``, listed in the gallery (a
        reference DOCX's own style of that name is used as it is)."""
        found = self._by_name.get(name.lower())
        if found is not None and not self.ours(found):
            return found  # type: ignore[return-value]
        style = self._add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = self._unique_id(style.style_id)
        style.base_style, style.quick_style = base, True
        _look(style, font, **props)
        return style


def document_defaults(
    out: DocxDocument, font: str, size: float, language: str, reference: bool = False
) -> None:
    """Font, size and proofing language of everything: Word's 'Set As Default'. A reference
    DOCX keeps its own font and size; the language is the memo's (the complex-script language
    too when the memo is written in one), and a right-to-left memo's paragraphs run right to
    left unless they say otherwise."""
    defaults = out.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    if not reference:
        set_font(rpr, font)
        for tag in ("w:sz", "w:szCs"):
            put(rpr, tag, val=str(round(size * 2)))
    bidi = checked(language) if language_script(language) in COMPLEX_SCRIPTS else "ar-SA"
    put(rpr, "w:lang", val=checked(language) or "en", eastAsia="en-US", bidi=bidi)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if ppr is not None and language_direction(language) == "rtl":
        put(ppr, "w:bidi")


def _restyle_table_grid(table: BaseStyle, colour: str, size: float) -> None:
    """Thin borders in the rule colour; cell padding as the PDF's (4 pt at the sides, 3.2 pt
    above, 4.4 pt below, of which Word counts the last paragraph's space after: 0.3 x size)."""
    tblpr = table.element.find(qn("w:tblPr"))
    line = (colour, 4, 0)
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders(tblpr, "w:tblBorders", **dict.fromkeys(sides, line))
    bottom = max(0, round(88 - size * 0.3 * 20))
    margins(tblpr, "w:tblCellMar", top=64, left=CELL_SIDE, bottom=bottom, right=CELL_SIDE)


# --------------------------------------------------------------------------- the template


@cache
def template() -> DocxDocument:
    """python-docx's default template, read once: the source of styles a reference lacks."""
    return docx.Document()


@cache
def _template_styles() -> dict[str, BaseOxmlElement]:
    return {s.name.lower(): s.element for s in template().styles if s.name}


def _template_name(style_id: str) -> str:
    """The name of the template's style ``style_id``."""
    for style in template().styles:
        if style.style_id == style_id:
            return style.name or style_id
    raise BuildError(f"DOCX export: the template has no style {style_id!r}")


class _Numbering:
    """The memo's numbering part: list definitions copied in from the template as needed."""

    def __init__(self, out: DocxDocument) -> None:
        self._out = out
        self._element: BaseOxmlElement | None = None

    @property
    def element(self) -> BaseOxmlElement:
        """The memo's w:numbering, its part created if the document has none."""
        if self._element is None:
            part = self._out.part
            try:
                self._element = part.part_related_by(RT.NUMBERING).element
            except KeyError:  # python-docx cannot create one (NumberingPart.new is a stub)
                element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
                numbering = NumberingPart(
                    PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
                )
                part.relate_to(numbering, RT.NUMBERING)
                self._element = element
        return self._element

    def for_style(self, style: BaseStyle, always: bool = False) -> int | None:
        """None when list style ``style`` numbers its paragraphs itself (with ``always``, its
        num id); else the id of a copy of the template's numbering for that style, which the
        writer sets on each paragraph."""
        numpr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        own = None if numpr is None else numpr.get(qn("w:val"))
        if own not in (None, "0") and self.element.xpath(f'w:num[@w:numId="{own}"]'):
            return int(own) if always else None  # type: ignore[arg-type]
        source = _template_styles()[style.name.lower()]
        num_id = source.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
        return self.copy(int(num_id), {})

    def abstract_of(self, num_id: int | None) -> int:
        """The abstract numbering definition list instance ``num_id`` points at."""
        found = self.element.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if not found:
            raise BuildError(f"DOCX export: list numbering {num_id} is not defined")
        return int(found[0])

    def restyle(self, abstract_id: int, text: str | None, font: str, colour: str,
                indent: int, hanging: int) -> None:  # fmt: skip
        """Marker ``text`` (None: keep it), font, colour and indents (twentieths of a point)
        of the first level of abstract numbering definition ``abstract_id``."""
        found = self.element.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl')
        if not found:
            return
        level = found[0]
        if text is not None and level.find(qn("w:lvlText")) is not None:
            level.find(qn("w:lvlText")).set(qn("w:val"), text)
        ppr = level.find(qn("w:pPr"))
        if ppr is not None:
            for tab in ppr.iterfind(f"{qn('w:tabs')}/{qn('w:tab')}"):
                tab.set(qn("w:pos"), str(indent))
            ind = ppr.find(qn("w:ind"))
            if ind is not None:
                ind.set(qn("w:left"), str(indent))
                ind.set(qn("w:hanging"), str(hanging))
        remove(level, "w:rPr")
        rpr = parse_xml(
            f'<w:rPr {nsdecls("w")}><w:rFonts/><w:color w:val="{hex_colour(colour)}"/></w:rPr>'
        )
        set_font(rpr, font)
        level.append(rpr)

    def copy(self, template_num_id: int, style_ids: dict[str, str]) -> int:
        """Copy the template's list instance ``template_num_id`` and its definition; return
        the new num id. ``style_ids`` maps template style ids to the memo's (others dropped)."""
        source = template().part.numbering_part.element
        abstract_id = source.xpath(f'w:num[@w:numId="{template_num_id}"]/w:abstractNumId/@w:val')
        abstract = deepcopy(source.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id[0]}"]')[0])
        numbering = self.element
        taken = [int(v) for v in numbering.xpath("w:abstractNum/@w:abstractNumId")]
        new_id = max(taken, default=-1) + 1
        abstract.set(qn("w:abstractNumId"), str(new_id))
        remove(abstract, "w:nsid")  # the template's list identity is not this memo's
        for link in abstract.iter(qn("w:pStyle")):
            if link.get(qn("w:val")) in style_ids:
                link.set(qn("w:val"), style_ids[link.get(qn("w:val"))])
            else:
                link.getparent().remove(link)
        later = numbering.find(qn("w:num"))
        if later is None:
            later = numbering.find(qn("w:numIdMacAtCleanup"))
        if later is None:
            numbering.append(abstract)
        else:
            later.addprevious(abstract)
        return numbering.add_num(new_id).numId
