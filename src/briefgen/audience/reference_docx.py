"""Branding with a reference DOCX, as Pandoc's ``--reference-doc``: an audience's asset.

It belongs to the audience (checked and reduced when the audience loads, confined to its
folder); the DOCX exporter opens it with :func:`open_reference`.

The memo starts from the reference's own package: its styles, theme, fonts, settings, page
setup (the last section's page size, margins and orientation) and the header and footer parts
that section uses are kept; its body, and whatever only the body used (pictures, links,
comments, notes), is dropped, and so are settings about the file rather than its look
(protection, tracked changes, mail merge, attached template). Headers and footers keep only
text, pictures stored in the file and PAGE, NUMPAGES and DATE fields; any other field, link,
embedded object, external relationship or custom XML is removed (:mod:`.reference_filter`),
and :func:`dropped_contents` names what was removed, for a warning. briefgen then writes the
memo into it, defining only the styles the reference lacks (:mod:`briefgen.export.docx.styles`).

:func:`problem` checks a file before a build starts, so a bad reference is an input error
naming the setting, not a failed export.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from briefgen.audience.reference_filter import filter_reference

MAX_BYTES = 32 * 2**20  # a reference is a style sheet: a few hundred KiB, logos included
MAX_UNPACKED_BYTES = 128 * 2**20
MAX_ENTRIES = 1000

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# What the document part may relate to without naming it in document.xml: kept.
_STRUCTURAL = {
    RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME, RT.WEB_SETTINGS,
    RT.FOOTNOTES, RT.ENDNOTES, RT.CUSTOM_XML, RT.GLOSSARY_DOCUMENT,
}  # fmt: skip


def problem(path: Path) -> str | None:
    """What makes ``path`` unusable as a reference DOCX, or None when python-docx reads it as
    a Word document of reasonable size."""
    try:
        if not path.is_file():
            return "no such file" if not path.exists() else "not a file"
        if path.stat().st_size > MAX_BYTES:
            return f"larger than {MAX_BYTES // 2**20} MiB; a reference DOCX holds styles only"
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except zipfile.BadZipFile:
        return "not a DOCX file (not a zip package)"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        return f"unpacks to more than {MAX_ENTRIES} files or {MAX_UNPACKED_BYTES // 2**20} MiB"
    try:
        _opened(path)  # opened and filtered as a build will: any failure is reported here
    except ValueError as exc:  # python-docx: another kind of Office file (.dotx, .docm, ...)
        if "content type is" in str(exc):
            kind = str(exc).rsplit("content type is", 1)[1].strip(" '")
            return f"not a Word document but {kind}: save it as a Word document (.docx)"
        return f"not a DOCX file ({exc})"
    except Exception as exc:  # a broken package raises many types (KeyError, XMLSyntaxError)
        return f"not a DOCX file python-docx can read ({type(exc).__name__}: {exc})"
    return None


def _open(path: Path) -> DocxDocument:
    import docx  # python-docx is slow to import: only when a reference is used

    return docx.Document(str(path))


def open_reference(path: Path) -> DocxDocument:
    """The reference DOCX at ``path`` with its body emptied (the last section's properties
    stay), relationships only the body used dropped, its notes reduced to separators and
    whatever a reference may not carry removed (see :mod:`.reference_filter`)."""
    return _opened(path)[0]


def dropped_contents(path: Path) -> list[str]:
    """The kinds of content that :func:`open_reference` removes from the reference at
    ``path`` besides its body (one phrase each: ``field INCLUDETEXT``, ``hyperlink``...)."""
    return _opened(path)[1]


def _opened(path: Path) -> tuple[DocxDocument, list[str]]:
    out = _open(path)
    body = out.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    part = out.part
    used = {value for node in out.element.iter() for key, value in node.attrib.items()
            if key.startswith(f"{{{_R}}}")}  # fmt: skip
    for r_id, rel in list(part.rels.items()):
        if rel.reltype not in _STRUCTURAL and r_id not in used:
            part.rels.pop(r_id)
    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        _keep_separators(out, reltype)
    _drop_settings(out)
    return out, filter_reference(out)


# Settings that concern the reference file itself, not its look: they would lock, track,
# mail-merge or re-template the memo.
_FILE_SETTINGS = (
    "w:writeProtection", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:documentProtection", "w:trackRevisions", "w:mailMerge", "w:attachedTemplate",
    "w:docVars", "w:rsids",
)  # fmt: skip


def _drop_settings(out: DocxDocument) -> None:
    """Remove the reference's :data:`_FILE_SETTINGS` and what only they related to."""
    try:
        part = out.part.part_related_by(RT.SETTINGS)
    except KeyError:
        return  # no settings part: nothing to drop
    settings = part.element
    for tag in _FILE_SETTINGS:
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    used = {value for node in settings.iter() for key, value in node.attrib.items()
            if key.startswith(f"{{{_R}}}")}  # fmt: skip
    for r_id in [r_id for r_id in part.rels if r_id not in used]:
        part.rels.pop(r_id)


def _keep_separators(out: DocxDocument, reltype: str) -> None:
    """Replace the footnotes (endnotes) part by an XML part holding only its separators:
    python-docx loads it as opaque bytes, and the notes belonged to the dropped body."""
    part = out.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype != reltype or rel.is_external:
            continue
        old: Part = rel.target_part
        element = parse_xml(old.blob)
        for note in list(element):
            if note.get(qn("w:type")) in (None, "normal"):
                element.remove(note)
        part.rels.pop(r_id)
        part.relate_to(XmlPart(old.partname, old.content_type, element, old.package), reltype)
