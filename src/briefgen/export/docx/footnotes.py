"""Real DOCX footnotes: the /word/footnotes.xml part, its styles and the reference runs.

python-docx has no footnote API, so this module owns that XML. It writes what Word writes:
the separator (id -1) and continuation separator (id 0) notes, a ``footnotePr`` in the
settings pointing at them, the built-in "footnote text" / "footnote reference" styles, and
notes numbered 1, 2, ... in order of first reference (Word numbers them by position, so
ids and visible numbers agree). Word allows one reference per note, so a note referenced
again gets its number repeated as a plain superscript mark. A reference DOCX's own footnotes
part (its separators) and footnote styles are used as they are.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from briefgen.audience.style import MIN_TEXT_SIZE
from briefgen.export.docx.wordml import add_setting

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)

_TEXT_STYLE = (
    '<w:style {ns} w:type="paragraph" w:styleId="{id}">'
    '<w:name w:val="footnote text"/><w:basedOn w:val="{base}"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="{after}" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
)

# A note mark is set at the 8 pt floor, as the PDF's, and raised by each mark's own position
# (see Footnotes._run): Word's automatic superscript would shrink it to about two thirds of the
# body size (6 pt beside 9.5 pt text), and LibreOffice reads a position in a style as one.
_REFERENCE_STYLE = (
    '<w:style {ns} w:type="character" w:styleId="{id}">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="{base}"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:rPr><w:sz w:val="{mark}"/><w:szCs w:val="{mark}"/></w:rPr></w:style>'
)

# LibreOffice draws every note anchor in the text in its own "Footnote anchor" character style,
# as automatic superscript (58 % of the size), whatever the run says. That style is given the
# body size, so the anchor is LibreOffice's usual superscript of the text: a size that made it
# 8 pt would make every line holding one taller than the others. Word does not use the style.
_LIBREOFFICE_ANCHOR_STYLE = (
    '<w:style {ns} w:type="character" w:styleId="{id}">'
    '<w:name w:val="Footnote anchor"/><w:semiHidden/>'
    '<w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/>'
    "</w:rPr></w:style>"
)

_NOTE_NUMBER = "<w:footnoteRef/>"  # the note's own number, opening its text
_REFERENCE_RUN = '<w:r{ns}><w:rPr><w:rStyle w:val="{style}"/>{look}</w:rPr>{content}</w:r>'


class Footnotes:
    """The footnotes of one DOCX, created on the first reference so note-less files have none.

    Word allows exactly one reference per note and numbers notes by position, so a note gets
    DOCX id 1, 2, ... in order of first reference (after the ids of the separator notes a
    reference DOCX's footnotes part already has), and later references to the same note
    repeat its number as a plain superscript mark.
    """

    def __init__(self, document: DocxDocument, text_size: float, body_size: float,
                 keep: dict[str, str] | None = None) -> None:  # fmt: skip
        """Prepare footnotes for ``document``; note text is set at ``text_size`` points, the
        text the marks stand in at ``body_size``.

        ``keep`` maps "footnote text" and "footnote reference" to the ids of those styles
        when a reference DOCX defines them: they are used as they are.
        """
        self._document = document
        self._text_size = text_size
        self._body_size = body_size
        self._keep = keep or {}
        self._text_id = self._keep.get("footnote text", "FootnoteText")
        self._reference_id = self._keep.get("footnote reference", "FootnoteReference")
        # briefgen sets the marks' look unless a reference DOCX brings its own mark style
        self._own_marks = "footnote reference" not in self._keep
        self._part: XmlPart | None = None
        self._first_id = 1
        self._ids: dict[int, int] = {}  # the Document's footnote number -> DOCX id

    @property
    def part(self) -> XmlPart:
        """The footnotes part, created (with its relationship and styles) on first use."""
        if self._part is None:
            self._part = self._create_part()
        return self._part

    @property
    def written(self) -> XmlPart | None:
        """The footnotes part if a note was written (None: no part was created)."""
        return self._part

    def reference(self, container: BaseOxmlElement, number: int) -> Paragraph | None:
        """Reference footnote ``number`` at the end of ``container`` (a w:p or w:hyperlink).

        On the first reference, return the new note's paragraph, holding only the note mark,
        for the caller to fill (hyperlinks in it are related from its ``part``, the footnotes
        part); on later references return None.
        """
        note_id = self._ids.get(number)
        if note_id is not None:
            position = list(self._ids.values()).index(note_id) + 1  # the number Word shows
            container.append(self._run(f"<w:t>{position}</w:t>"))
            return None
        part = self.part
        note_id = self._ids[number] = self._first_id + len(self._ids)
        container.append(self._run(f'<w:footnoteReference w:id="{note_id}"/>'))
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{self._text_id}"/></w:pPr>{self._note_number()}'
            "</w:p></w:footnote>"
        )
        part.element.append(note)
        return Paragraph(note[0], part)

    def _note_number(self) -> str:
        """The runs that open a note: its number, then a space. With briefgen's own styles the
        number is set as the PDF's, on the line at the note's size and followed by a full
        stop ("3. Ibid."); a reference DOCX's note mark keeps that document's look."""
        style = self._reference_id
        if not self._own_marks:
            mark = _REFERENCE_RUN.format(ns="", style=style, look="", content=_NOTE_NUMBER)
            return mark + '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
        size = round(self._text_size * 2)
        on_the_line = (
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:vertAlign w:val="baseline"/>'
        )
        mark = _REFERENCE_RUN.format(ns="", style=style, look=on_the_line, content=_NOTE_NUMBER)
        return mark + '<w:r><w:t xml:space="preserve">. </w:t></w:r>'

    def separate(self, container: BaseOxmlElement) -> None:
        """A superscript comma between two adjacent note marks, so 1 and 2 never read as 12."""
        container.append(self._run("<w:t>,</w:t>"))

    def _run(self, content: str) -> BaseOxmlElement:
        """A run in the footnote reference character style holding ``content``."""
        ns = " " + nsdecls("w")
        raised = ""
        if self._own_marks:
            raised = f'<w:position w:val="{mark_raise(self._body_size)}"/>'
        run = _REFERENCE_RUN.format(ns=ns, style=self._reference_id, look=raised, content=content)
        return parse_xml(run)

    def _create_part(self) -> XmlPart:
        document_part = self._document.part
        try:  # a reference DOCX's own part (see docx_reference), holding its separators
            part = document_part.part_related_by(RT.FOOTNOTES)
        except KeyError:
            element = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{_SEPARATORS}</w:footnotes>")
            part = XmlPart(
                PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document_part.package
            )
            document_part.relate_to(part, RT.FOOTNOTES)
        ids = [int(n.get(qn("w:id"))) for n in part.element.findall(qn("w:footnote"))]
        self._first_id = max([0, *ids]) + 1
        self._add_styles()
        self._add_settings(part.element)
        return part

    def _add_styles(self) -> None:
        styles = self._document.styles.element
        sizes = {
            "size": round(self._text_size * 2),
            "after": round(self._text_size * 4),  # a fifth of a line, in twentieths of a point
            "mark": round(MIN_TEXT_SIZE * 2),
            "body": round(self._body_size * 2),
        }
        for name, template, style_id, base_name in (
            ("footnote text", _TEXT_STYLE, self._text_id, "Normal"),
            ("footnote reference", _REFERENCE_STYLE, self._reference_id, "Default Paragraph Font"),
            ("footnote anchor", _LIBREOFFICE_ANCHOR_STYLE, "FootnoteAnchor", None),
        ):
            if name in self._keep or (base_name is None and not self._own_marks):
                continue  # the reference DOCX's own
            base = _style_id_named(styles, base_name) if base_name else None
            xml = template.format(ns=nsdecls("w"), id=style_id, base=base or "", **sizes)
            style = parse_xml(xml)
            if base is None and style.find(qn("w:basedOn")) is not None:
                style.remove(style.find(qn("w:basedOn")))
            for old in styles.findall(qn("w:style")):
                if old.get(qn("w:styleId")) == style_id:
                    styles.remove(old)
            styles.append(style)

    def _add_settings(self, notes: BaseOxmlElement) -> None:
        # As Word writes it: the settings name the separator notes used on every page.
        settings = self._document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        separators = "".join(
            f'<w:footnote w:id="{n.get(qn("w:id"))}"/>'
            for n in notes.findall(qn("w:footnote"))
            if n.get(qn("w:type")) in ("separator", "continuationSeparator")
        )
        add_setting(
            settings, parse_xml(f"<w:footnotePr {nsdecls('w')}>{separators}</w:footnotePr>")
        )


def mark_raise(body_size: float) -> int:
    """How far a note mark is raised, in half-points: as far as keeps its top under the body
    text's (ascent about 0.93 of the size), so Word, which makes a line holding raised text
    taller, keeps every line of a paragraph the same height; 1 pt at least."""
    return max(2, round((body_size - MIN_TEXT_SIZE) * 0.93 * 2))


def _style_id_named(styles: BaseOxmlElement, name: str) -> str | None:
    """The id of the style called ``name`` (case-insensitive) in w:styles, if any."""
    for style in styles.findall(qn("w:style")):
        found = style.find(qn("w:name"))
        if found is not None and (found.get(qn("w:val")) or "").lower() == name.lower():
            return style.get(qn("w:styleId"))
    return None
