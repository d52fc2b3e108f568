"""Real DOCX footnotes: the /word/footnotes.xml part, its styles and the reference runs.

python-docx has no footnote API, so this module owns that XML. It writes what Word writes:
the separator (id -1) and continuation separator (id 0) notes, a ``footnotePr`` in the
settings pointing at them, the built-in "footnote text" / "footnote reference" styles, and
notes numbered 1, 2, ... in order of first reference (Word numbers them by position, so
ids and visible numbers agree). Word allows one reference per note, so a note referenced
again gets its number repeated as a plain superscript mark.
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

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)

_TEXT_STYLE = (
    '<w:style {ns} w:type="paragraph" w:styleId="FootnoteText">'
    '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="{after}" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
)

_REFERENCE_STYLE = (
    '<w:style {ns} w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
)

_REFERENCE_RUN = '<w:r{ns}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>{content}</w:r>'

# Children of w:settings that follow w:footnotePr (ECMA-376 CT_Settings order).
_SETTINGS_AFTER_FOOTNOTEPR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


class Footnotes:
    """The footnotes of one DOCX, created on the first reference so note-less files have none.

    Word allows exactly one reference per note and numbers notes by position, so a note gets
    DOCX id 1, 2, ... in order of first reference, and later references to the same note
    repeat its number as a plain superscript mark.
    """

    def __init__(self, document: DocxDocument, text_size: float) -> None:
        """Prepare footnotes for ``document``; note text is set at ``text_size`` points."""
        self._document = document
        self._text_size = text_size
        self._part: XmlPart | None = None
        self._ids: dict[int, int] = {}  # the Document's footnote number -> DOCX id

    @property
    def part(self) -> XmlPart:
        """The footnotes part, created (with its relationship and styles) on first use."""
        if self._part is None:
            self._part = self._create_part()
        return self._part

    def reference(self, container: BaseOxmlElement, number: int) -> Paragraph | None:
        """Reference footnote ``number`` at the end of ``container`` (a w:p or w:hyperlink).

        On the first reference, return the new note's paragraph, holding only the note mark,
        for the caller to fill (hyperlinks in it are related from its ``part``, the footnotes
        part); on later references return None.
        """
        note_id = self._ids.get(number)
        if note_id is not None:
            container.append(_reference_run(f"<w:t>{note_id}</w:t>"))
            return None
        note_id = self._ids[number] = len(self._ids) + 1
        container.append(_reference_run(f'<w:footnoteReference w:id="{note_id}"/>'))
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
            '<w:pStyle w:val="FootnoteText"/></w:pPr>'
            f"{_REFERENCE_RUN.format(ns='', content='<w:footnoteRef/>')}"
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        self.part.element.append(note)
        return Paragraph(note[0], self.part)

    def _create_part(self) -> XmlPart:
        document_part = self._document.part
        element = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{_SEPARATORS}</w:footnotes>")
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document_part.package
        )
        document_part.relate_to(part, RT.FOOTNOTES)
        self._add_styles()
        self._add_settings()
        return part

    def _add_styles(self) -> None:
        styles = self._document.styles.element
        half_points = round(self._text_size * 2)
        after = round(self._text_size * 4)  # a fifth of a line, in twentieths of a point
        for template in (_TEXT_STYLE, _REFERENCE_STYLE):
            xml = template.format(ns=nsdecls("w"), size=half_points, after=after)
            style = parse_xml(xml)
            for old in styles.findall(qn("w:style")):
                if old.get(qn("w:styleId")) == style.get(qn("w:styleId")):
                    styles.remove(old)
            styles.append(style)

    def _add_settings(self) -> None:
        # As Word writes it: the settings name the separator notes used on every page.
        settings = self._document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        settings.insert_element_before(footnote_pr, *_SETTINGS_AFTER_FOOTNOTEPR)


def _reference_run(content: str) -> BaseOxmlElement:
    """A run in the FootnoteReference character style holding ``content``."""
    return parse_xml(_REFERENCE_RUN.format(ns=" " + nsdecls("w"), content=content))
