"""Fonts embedded in the DOCX (ECMA-376 Part 1 §17.8.1): the parts, their relationships,
keys and content types agree; each part unmasks to the bundled face; only the faces the text
uses go in; a licence that forbids embedding keeps a face out, with a build warning."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefgen.audience.style import Style
from briefgen.cli import main
from briefgen.document import tree as d
from briefgen.export.docx import embedded_fonts
from briefgen.export.docx.embedded_fonts import (
    embedding_refusal,
    font_key,
    fs_type,
    obfuscate,
)
from briefgen.export.docx.writer import export, export_with_notes
from briefgen.fonts.bundled import font_dir
from conftest import ESSAY_BRIEF

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
EPOCH = "1714521600"
_FACE = {"embedRegular": "regular", "embedBold": "bold", "embedItalic": "italic",
         "embedBoldItalic": "bolditalic"}  # fmt: skip
_BUNDLED = {path.read_bytes(): path.name for path in font_dir().glob("*.ttf")}


def _memo(*blocks: d.Block, language: str = "en", style: Style | None = None) -> bytes:
    return export(d.Document(d.Metadata("Title", language=language), blocks), style or Style())


def _para(*inlines: d.Inline) -> d.Paragraph:
    return d.Paragraph(inlines)


def embedded(data: bytes) -> dict[tuple[str, str], str]:
    """(family, face) -> the bundled file its part unmasks to, checking on the way that the
    font table, its relationships, the keys, the content types and the parts agree."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    table = etree.fromstring(parts["word/fontTable.xml"])
    rels_name = "word/_rels/fontTable.xml.rels"
    rels = etree.fromstring(parts[rels_name]) if rels_name in parts else etree.Element("r")
    targets = {rel.get("Id"): rel for rel in rels.iter(f"{{{PR}}}Relationship")}
    types = etree.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT}}}Override")}
    found: dict[tuple[str, str], str] = {}
    for font in table.iter(f"{{{W}}}font"):
        for child in font:
            tag = etree.QName(child).localname
            if tag not in _FACE:
                continue
            rel = targets.pop(child.get(f"{{{R}}}id"))
            assert rel.get("Type") == FONT_REL
            part = "word/" + rel.get("Target")
            assert re.fullmatch(r"word/fonts/font\d+\.odttf", part)
            assert overrides["/" + part] == OBFUSCATED
            key = child.get(f"{{{W}}}fontKey")
            assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", key)
            # Unmasked the way LibreOffice and docx4j read it: the GUID's hex pairs, last first.
            mask = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
            raw = parts[part]
            plain = bytes(b ^ mask[i % 16] for i, b in enumerate(raw[:32])) + raw[32:]
            found[(font.get(f"{{{W}}}name"), _FACE[tag])] = _BUNDLED[plain]
    assert not targets, f"relationships no entry names: {targets}"
    odttf = {name for name in parts if name.endswith(".odttf")}
    assert len(odttf) == len(found), "font parts the table does not name"
    settings = etree.fromstring(parts["word/settings.xml"])
    assert (settings.find(f"{{{W}}}embedTrueTypeFonts") is not None) == bool(found)
    return found


def test_a_memo_embeds_the_faces_it_uses_and_each_unmasks_to_the_bundled_file(
    sample_document: d.Document, default_style: Style
) -> None:
    found = embedded(export(sample_document, default_style))
    assert found[("DejaVu Serif", "regular")] == "DejaVuSerif.ttf"
    assert found[("DejaVu Serif", "bold")] == "DejaVuSerif-Bold.ttf"
    assert found[("DejaVu Serif", "italic")] == "DejaVuSerif-Italic.ttf"
    assert found[("DejaVu Sans", "bold")] == "DejaVuSans-Bold.ttf"  # headings
    assert not any(name.startswith("Noto") for name, _face in found)


def test_only_the_faces_the_text_uses_are_embedded() -> None:
    plain = set(embedded(_memo(_para(d.Text("Plain words.")))))
    assert ("DejaVu Serif", "regular") in plain
    assert not {face for _name, face in plain} & {"italic", "bolditalic"}
    emphasised = _memo(_para(d.Text("Plain "), d.Emph((d.Text("and slanted"),))))
    assert set(embedded(emphasised)) - plain == {("DejaVu Serif", "italic")}
    both = _memo(_para(d.Strong((d.Emph((d.Text("bold and slanted"),)),))))
    assert set(embedded(both)) - plain == {("DejaVu Serif", "bolditalic")}


def test_a_sans_body_embeds_sans_faces_not_serif_ones() -> None:
    found = embedded(_memo(_para(d.Text("Body.")), style=Style(body_font="sans")))
    assert {name for name, _face in found} == {"DejaVu Sans"}


def test_an_arabic_memo_embeds_noto_naskh_arabic() -> None:
    found = embedded(_memo(_para(d.Text("مضيق هرمز ممر مائي")), language="ar"))
    assert found[("Noto Naskh Arabic", "regular")] == "NotoNaskhArabic-Regular.ttf"
    assert ("Noto Naskh Arabic", "bold") not in found


def test_a_bold_arabic_word_in_an_english_memo_embeds_the_bold_arabic_face() -> None:
    # A complex-script run is set with its cs font and w:bCs, not w:b.
    found = embedded(_memo(_para(d.Text("The "), d.Strong((d.Text("مضيق"),)), d.Text("."))))
    assert found[("Noto Naskh Arabic", "bold")] == "NotoNaskhArabic-Bold.ttf"
    assert ("Noto Naskh Arabic", "regular") not in found


def test_embed_fonts_false_embeds_none(sample_document: d.Document) -> None:
    data = export(sample_document, Style(embed_fonts=False))
    assert embedded(data) == {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"embedRegular" not in package.read("word/fontTable.xml")
        assert "word/_rels/fontTable.xml.rels" not in package.namelist()


def test_embedded_fonts_keep_the_bytes_reproducible(
    monkeypatch: pytest.MonkeyPatch, sample_document: d.Document
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = export(sample_document, Style())
    monkeypatch.setattr(embedded_fonts, "_face_file", embedded_fonts._face_file.__wrapped__)
    assert export(sample_document, Style()) == first  # the files read again: same bytes


def test_font_keys_follow_the_face_and_obfuscation_follows_the_spec() -> None:
    data = (font_dir() / "DejaVuSerif.ttf").read_bytes()
    assert font_key(data) == font_key(bytes(data)) != font_key(data + b"\0")
    key = uuid.UUID("{00112233-4455-6677-8899-AABBCCDDEEFF}")
    masked = obfuscate(bytes(40), key)
    # §17.8.1: byte 0 with the GUID string's last hex pair, byte 15 with its first, repeated.
    assert masked[:16] == bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert masked[16:32] == masked[:16] and masked[32:] == bytes(8)
    assert obfuscate(obfuscate(data, key), key) == data


def _with_fs_type(data: bytes, value: int) -> bytes:
    """``data`` (a TrueType font) with its OS/2 fsType set to ``value``."""
    count = int.from_bytes(data[4:6], "big")
    for index in range(count):
        record = data[12 + 16 * index : 28 + 16 * index]
        if record[:4] == b"OS/2":
            at = int.from_bytes(record[8:12], "big") + 8
            return data[:at] + value.to_bytes(2, "big") + data[at + 2 :]
    raise AssertionError("no OS/2 table")


@pytest.mark.parametrize(
    ("value", "refused"),
    [(0x0000, None), (0x0008, None), (0x000A, None), (0x0102, "forbids"),
     (0x0002, "forbids"), (0x0004, "read-only"), (0x0208, "bitmap")],
)  # fmt: skip
def test_the_os2_fstype_decides_whether_a_face_may_be_embedded(
    value: int, refused: str | None
) -> None:
    data = _with_fs_type((font_dir() / "NotoSansHebrew-Regular.ttf").read_bytes(), value)
    assert fs_type(data) == value
    reason = embedding_refusal(data)
    assert (reason is None) if refused is None else (refused in reason)


def test_every_bundled_face_may_be_embedded() -> None:
    assert {name: fs_type(data) for data, name in _BUNDLED.items()} == dict.fromkeys(
        _BUNDLED.values(), 0
    )


def test_a_font_without_an_os2_table_is_not_embedded() -> None:
    assert "no OS/2 table" in embedding_refusal(b"\0\1\0\0" + bytes(8))


@pytest.fixture
def restricted_bold(monkeypatch: pytest.MonkeyPatch) -> None:
    """DejaVu Sans Bold as if its licence forbade embedding (fsType 2, restricted)."""
    real = embedded_fonts._face_file

    def face_file(path: Path) -> bytes:
        data = real(path)
        return _with_fs_type(data, 0x0002) if path.name == "DejaVuSans-Bold.ttf" else data

    monkeypatch.setattr(embedded_fonts, "_face_file", face_file)


@pytest.mark.usefixtures("restricted_bold")
def test_a_face_whose_licence_forbids_embedding_is_left_out_and_said(
    sample_document: d.Document,
) -> None:
    data, notes = export_with_notes(sample_document, Style())
    assert notes == (
        "DejaVu Sans bold (DejaVuSans-Bold.ttf) is not embedded in the DOCX: its licence "
        "forbids embedding (OS/2 fsType 0x0002, restricted)",
    )
    found = embedded(data)
    assert ("DejaVu Sans", "bold") not in found and ("DejaVu Serif", "bold") in found


@pytest.mark.usefixtures("restricted_bold")
def test_the_build_warns_of_a_face_left_out(tmp_path: Path) -> None:
    args = ["build", str(ESSAY_BRIEF), "-a", "executive", "-f", "docx", "-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (
        "briefgen: warning: executive.docx: DejaVu Sans bold (DejaVuSans-Bold.ttf) is not "
        "embedded in the DOCX" in result.output
    )


def test_a_memo_on_a_reference_docx_embeds_the_fonts_the_reference_styles_name(
    sample_document: d.Document,
) -> None:
    example = ESSAY_BRIEF.parent.parent / "templates" / "legislative" / "reference.docx"
    found = embedded(export(sample_document, Style(reference_docx=str(example))))
    assert found[("DejaVu Serif", "regular")] == "DejaVuSerif.ttf"


def test_fonts_a_reference_already_embeds_are_replaced_not_doubled(
    tmp_path: Path, sample_document: d.Document
) -> None:
    reference = tmp_path / "reference.docx"
    reference.write_bytes(_memo(_para(d.Strong((d.Emph((d.Text("all four"),)),)))))
    assert ("DejaVu Serif", "bolditalic") in embedded(reference.read_bytes())
    data = export(sample_document, Style(reference_docx=str(reference)))
    found = embedded(data)  # every part named once, no stale relationship left
    assert ("DejaVu Serif", "bolditalic") not in found
    table = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml"))
    names = [font.get(f"{{{W}}}name") for font in table.iter(f"{{{W}}}font")]
    assert names.count("DejaVu Serif") == 1


def test_a_reference_without_a_font_table_gets_one_naming_only_bundled_faces(
    tmp_path: Path, sample_document: d.Document
) -> None:
    bare = docx.Document()
    rels = bare.part.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.FONT_TABLE]:
        rels.pop(r_id)
    reference = tmp_path / "reference.docx"
    bare.save(str(reference))
    assert "word/fontTable.xml" not in zipfile.ZipFile(reference).namelist()
    found = embedded(export(sample_document, Style(reference_docx=str(reference))))
    # The body is set in the reference's theme font (not bundled: not embedded); the styles
    # briefgen adds (table headings, field labels) are DejaVu Sans bold.
    assert found == {("DejaVu Sans", "bold"): "DejaVuSans-Bold.ttf"}
