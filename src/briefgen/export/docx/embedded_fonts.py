"""The bundled fonts embedded in a DOCX memo, as Word's "Embed fonts in the file" does, so
the memo looks the same on a machine without DejaVu or Noto.

Each face the memo sets text in (:func:`.font_usage.used_faces`) goes into the package whole
(not subset: the reader may edit the memo) as an obfuscated font, ECMA-376 Part 1 §17.8.1:
``word/fonts/fontN.odttf``, the file with its first 32 bytes XORed with its font key, related
from ``word/fontTable.xml``, whose entry for the family names the part and the key
(``w:embedRegular``, ``w:embedBold``, ...); ``w:embedTrueTypeFonts`` in the settings says the
file carries fonts. A key is derived from the face's bytes, so a build's bytes stay the same
from run to run. A face whose licence (OS/2 ``fsType``) forbids embedding in an editable
document is left out, and the build says so.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

from briefgen.export.docx.font_usage import used_faces
from briefgen.export.docx.wordml import element
from briefgen.fonts.bundled import ALL_FAMILY_KEYS, FACES, family

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
_EMBED = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic",
          "bolditalic": "embedBoldItalic"}  # fmt: skip
# Font keys are name-based UUIDs of the face's digest in this namespace: fixed, so the same
# face always gets the same key.
_KEY_SPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://briefgen.invalid/docx-font-key")
# Children of w:settings that precede w:embedTrueTypeFonts (CT_Settings order).
_BEFORE_EMBED = tuple(
    qn(f"w:{tag}")
    for tag in ("writeProtection", "view", "zoom", "removePersonalInformation",
                "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData")
)  # fmt: skip


def font_key(data: bytes) -> uuid.UUID:
    """The font key of a face with bytes ``data``: the same face, the same key."""
    return uuid.uuid5(_KEY_SPACE, hashlib.sha256(data).hexdigest())


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """``data`` with its first 32 bytes XORed with ``key`` (ECMA-376 Part 1 §17.8.1): the
    key's 16 bytes taken from the last pair of hex digits of its GUID string to the first,
    twice over. Its own inverse."""
    mask = key.bytes[::-1] * 2  # UUID.bytes are the GUID string's hex digits in order
    return bytes(byte ^ m for byte, m in zip(data[:32], mask, strict=False)) + data[32:]


def fs_type(data: bytes) -> int | None:
    """The OS/2 table's ``fsType`` (embedding permissions) of TrueType/OpenType ``data``, or
    None when the font has no readable OS/2 table."""
    count = int.from_bytes(data[4:6], "big")
    for index in range(count):
        record = data[12 + 16 * index : 28 + 16 * index]  # tag, checksum, offset, length
        if len(record) < 16:
            return None
        if record[:4] == b"OS/2":
            offset = int.from_bytes(record[8:12], "big")
            field = data[offset + 8 : offset + 10]
            return int.from_bytes(field, "big") if len(field) == 2 else None
    return None


def embedding_refusal(data: bytes) -> str | None:
    """Why the licence of font ``data`` does not let an editable document carry it, or None
    when it does (OS/2 fsType installable or editable; the least restrictive bit rules)."""
    permissions = fs_type(data)
    if permissions is None:
        return "it has no OS/2 table saying whether its licence allows embedding"
    if permissions & 0x0200:
        return f"its licence allows bitmap embedding only (OS/2 fsType 0x{permissions:04X})"
    if permissions & 0x0008 or not permissions & 0x0006:
        return None  # editable or installable
    if permissions & 0x0004:
        return (f"its licence allows embedding only in documents opened read-only "
                f"(OS/2 fsType 0x{permissions:04X}, preview & print)")  # fmt: skip
    return f"its licence forbids embedding (OS/2 fsType 0x{permissions:04X}, restricted)"


@cache
def _face_file(path: Path) -> bytes:
    """A bundled face's bytes, read once a process."""
    return path.read_bytes()


@dataclass(frozen=True)
class Embedded:
    """What :func:`embed_fonts` did: the font parts' contents by zip entry name, and the faces
    left out and why, one line each, for the build's warnings."""

    parts: dict[str, bytes] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def embed_fonts(out: DocxDocument) -> Embedded:
    """Embed in ``out`` every bundled face its text is set in.

    The font parts are added empty, with their relationships and content types: their
    contents, returned, go into the zip when it is written (:func:`.package.normalised_zip`),
    so a face is deflated once, not once by python-docx and again there.
    """
    used = used_faces(out)
    if not used:
        return Embedded()
    table_part = _font_table_part(out)
    table = table_part.element if isinstance(table_part, XmlPart) else parse_xml(table_part.blob)
    embedded = Embedded()
    for key in (key for key in ALL_FAMILY_KEYS if key in used):
        entry = _entry(table, table_part, key)
        for face in (face for face in FACES if face in used[key]):
            embedded = _embed_face(out, table_part, entry, key, face, embedded)
    if embedded.parts:
        _say_embedded(out.settings.element)
    if not isinstance(table_part, XmlPart):  # python-docx keeps the font table as bytes
        table_part._blob = serialize_part_xml(table)
    return embedded


def _embed_face(out: DocxDocument, table_part: Part, entry: BaseOxmlElement, key: str,
                face: str, so_far: Embedded) -> Embedded:  # fmt: skip
    """``so_far`` with family ``key``'s ``face`` embedded (an empty part related from the font
    table, named in the family's ``entry`` with its key), or with the reason it is not."""
    path = family(key).files[face]
    data = _face_file(path)
    refusal = embedding_refusal(data)
    if refusal:
        note = f"{family(key).name} {face} ({path.name}) is not embedded in the DOCX: {refusal}"
        return Embedded(so_far.parts, (*so_far.notes, note))
    package, face_key = out.part.package, font_key(data)
    name = package.next_partname("/word/fonts/font%d.odttf")
    r_id = table_part.relate_to(Part(PackURI(name), OBFUSCATED_FONT, b"", package), RT.FONT)
    key_text = "{" + str(face_key).upper() + "}"
    entry.append(element(f"w:{_EMBED[face]}", {qn("r:id"): r_id, qn("w:fontKey"): key_text}))
    return Embedded({**so_far.parts, name.lstrip("/"): obfuscate(data, face_key)}, so_far.notes)


def _font_table_part(out: DocxDocument) -> Part:
    """The document's font table part, made (empty) if its package has none."""
    for rel in out.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return rel.target_part
    fonts = parse_xml(f"<w:fonts {nsdecls('w', 'r')}/>")
    package = out.part.package
    part = XmlPart(PackURI("/word/fontTable.xml"), _FONT_TABLE, fonts, package)
    out.part.relate_to(part, RT.FONT_TABLE)
    return part


def _entry(table: BaseOxmlElement, table_part: Part, key: str) -> BaseOxmlElement:
    """Family ``key``'s w:font in the font table, made if missing, without embedded faces
    (a reference DOCX may carry its own copy of the family: ours replace it)."""
    name = family(key).name
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) == name:
            for tag in _EMBED.values():
                for old in font.findall(qn(f"w:{tag}")):
                    table_part.rels.pop(old.get(qn("r:id")), None)
                    font.remove(old)
            return font
    kind = "roman" if key.startswith("serif") else "swiss"  # Noto Naskh is a serif design
    font = parse_xml(
        f'<w:font {nsdecls("w")} w:name="{name}"><w:charset w:val="00"/>'
        f'<w:family w:val="{kind}"/><w:pitch w:val="variable"/></w:font>'
    )
    table.append(font)
    return font


def _say_embedded(settings: BaseOxmlElement) -> None:
    """Add w:embedTrueTypeFonts to the settings (in schema order) unless already there."""
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    flag = element("w:embedTrueTypeFonts")
    earlier = [child for child in settings if child.tag in _BEFORE_EMBED]
    if earlier:
        earlier[-1].addnext(flag)
    else:
        settings.insert(0, flag)
