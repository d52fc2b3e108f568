"""Hostile reference DOCX files: active content in a reference never reaches a memo.

Each reference is built here from python-docx's template, its header given one kind of active
or outside content (a VML picture loaded from the network, INCLUDETEXT, INCLUDEPICTURE,
DDEAUTO, a ``javascript:`` hyperlink, an embedded OLE object, a customXml part) beside what a
reference may carry (text, a picture stored in the file, PAGE / NUMPAGES / DATE fields). The
memo built with it through the command line keeps the latter, has none of the former (no
external relationship, no other field, no embedding, no customXml, no ``javascript:``), and
the build warns, a line per kind, naming the reference. A reference named in an
``audience.yaml`` must be inside the audience's folder; ``--reference-doc`` takes any file.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from briefgen.cli import main
from conftest import ESSAY_BRIEF

NAMESPACES = (
    nsdecls("w", "r")
    + ' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
TRACKER = "http://tracker.example/pixel.gif"


def _png() -> bytes:
    """A 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _field(code: str, result: str) -> str:
    """A complex field: begin, code, separate, a cached result, end."""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _paragraph(header: object, inner: str) -> None:
    header._element.append(parse_xml(f"<w:p {NAMESPACES}>{inner}</w:p>"))  # type: ignore[attr-defined]


def _vml_tracking_pixel(header: object, document: object) -> str:
    r_id = header.part.relate_to(TRACKER, RT.IMAGE, is_external=True)  # type: ignore[attr-defined]
    _paragraph(
        header,
        f'<w:r><w:pict><v:shape id="p1" style="width:1pt;height:1pt">'
        f'<v:imagedata r:id="{r_id}" o:title=""/></v:shape></w:pict></w:r>',
    )
    return "VML drawing (w:pict)"


def _include_text(header: object, document: object) -> str:
    _paragraph(header, _field('INCLUDETEXT "C:\\\\Windows\\\\win.ini"', "[fonts] win.ini"))
    return "field INCLUDETEXT"


def _include_picture(header: object, document: object) -> str:
    code = f"INCLUDEPICTURE &quot;{TRACKER}&quot; \\d"
    _paragraph(header, f'<w:fldSimple w:instr="{code}"><w:r><w:t>x</w:t></w:r></w:fldSimple>')
    return "field INCLUDEPICTURE"


def _dde(header: object, document: object) -> str:
    _paragraph(header, _field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"', "dde"))
    return "field DDEAUTO"


def _javascript_link(header: object, document: object) -> str:
    r_id = header.part.relate_to("javascript:alert(1)", RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
    _paragraph(header, f'<w:hyperlink r:id="{r_id}"><w:r><w:t>click</w:t></w:r></w:hyperlink>')
    return "hyperlink"


def _ole_object(header: object, document: object) -> str:
    part = header.part  # type: ignore[attr-defined]
    embedded = Part(
        PackURI("/word/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        b"\xd0\xcf\x11\xe0 an OLE compound file",
        part.package,
    )
    r_id = part.relate_to(embedded, RT.OLE_OBJECT)
    _paragraph(
        header,
        f'<w:r><w:object><v:shape id="o1" style="width:9pt;height:9pt"/>'
        f'<o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" r:id="{r_id}"/>'
        f"</w:object></w:r>",
    )
    return "embedded object (OLE, w:object)"


def _custom_xml(header: object, document: object) -> str:
    part = document.part  # type: ignore[attr-defined]
    item = Part(PackURI("/customXml/item9.xml"), "application/xml", b"<data>secret</data>",
                part.package)  # fmt: skip
    part.relate_to(item, RT.CUSTOM_XML)
    return "customXml part"


HOSTILE = {
    "vml-tracking-pixel": _vml_tracking_pixel,
    "includetext": _include_text,
    "includepicture": _include_picture,
    "ddeauto": _dde,
    "javascript-hyperlink": _javascript_link,
    "ole-object": _ole_object,
    "custom-xml": _custom_xml,
}


def _reference(path: Path, hostile: list[str]) -> list[str]:
    """Write a reference to ``path`` whose header holds text, a picture in the file, PAGE,
    NUMPAGES and DATE fields and the ``hostile`` contents; returns their warning phrases."""
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.add_run("Ministry header ")
    first.add_run().add_picture(io.BytesIO(_png()))
    numpages = '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
    _paragraph(header, _field("PAGE", "1") + numpages + _field('DATE \\@ "d MMMM yyyy"', "x"))
    phrases = [HOSTILE[name](header, document) for name in hostile]
    document.save(str(path))
    return phrases


def _build(folder: Path, *args: str) -> tuple[int, str, dict[str, bytes]]:
    """Build the negotiator memo as DOCX in ``folder``: (status, stderr, the memo's entries)."""
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(
            main, ["build", str(ESSAY_BRIEF), "-f", "docx", "-o", "out", *args]
        )
    finally:
        os.chdir(cwd)
    assert "Traceback" not in result.output
    memos = list((folder / "out").glob("*/*.docx"))
    if not memos:
        return result.exit_code, result.stderr, {}
    with zipfile.ZipFile(memos[0]) as package:
        return result.exit_code, result.stderr, {n: package.read(n) for n in package.namelist()}


def _assert_inert(entries: dict[str, bytes]) -> None:
    """Nothing active or outside in the memo; the reference's text, picture, fields stay."""
    names = list(entries)
    assert not [n for n in names if n.startswith(("word/embeddings/", "customXml/"))]
    everything = b"".join(entries.values())
    for needle in (b'TargetMode="External"', b"javascript:", b"win.ini", b"cmd.exe",
                   b"tracker.example", b"oleObject", b"w:pict", b"secret"):  # fmt: skip
        assert needle not in everything, needle
    codes = []
    for name, data in entries.items():
        if name.endswith(".xml"):
            text = data.decode("utf-8")
            codes += re.findall(r"<w:instrText[^>]*>([^<]*)<", text)
            codes += re.findall(r'w:instr="([^"]*)"', text)
    assert {code.split()[0] for code in codes} <= {"PAGE", "NUMPAGES", "DATE"}
    assert {"PAGE", "NUMPAGES", "DATE"} <= {code.split()[0] for code in codes}
    header = next(data for name, data in entries.items() if re.match(r"word/header\d*\.xml", name)
                  and b"Ministry header" in data)  # fmt: skip
    assert b"<a:blip r:embed=" in header  # the picture stored in the file stays
    assert any(name.startswith("word/media/") for name in names)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_kind_of_active_content_is_removed_and_named(tmp_path: Path, case: str) -> None:
    reference = tmp_path / "hostile.docx"
    phrases = _reference(reference, [case])
    status, stderr, entries = _build(tmp_path, "--reference-doc", "hostile.docx")
    assert status == 0, stderr
    _assert_inert(entries)
    assert stderr.splitlines() == [
        f"briefgen: warning: hostile.docx: reference DOCX: removed {phrase}" for phrase in phrases
    ]


def test_all_of_them_in_one_reference_named_by_an_audience(tmp_path: Path) -> None:
    audience = tmp_path / "templates" / "branded"
    audience.mkdir(parents=True)
    phrases = _reference(audience / "reference.docx", list(HOSTILE))
    (audience / "audience.yaml").write_text(
        "name: branded\ndescription: Branded\nextends: negotiator\n"
        "style:\n  reference_docx: reference.docx\n",
        encoding="utf-8",
    )
    status, stderr, entries = _build(tmp_path, "-a", "branded")
    assert status == 0, stderr
    _assert_inert(entries)
    shown = os.path.join("templates", "branded", "reference.docx")
    lines = stderr.splitlines()
    assert sorted(lines) == sorted(
        f"briefgen: warning: {shown}: reference DOCX: removed {phrase}" for phrase in phrases
    )


def test_a_clean_reference_gives_no_warning(tmp_path: Path) -> None:
    _reference(tmp_path / "clean.docx", [])
    status, stderr, entries = _build(tmp_path, "--reference-doc", "clean.docx")
    assert (status, stderr) == (0, "")
    _assert_inert(entries)


@pytest.mark.parametrize("where", ["../../outside.docx", "ABSOLUTE", "link.docx"])
def test_an_audience_reference_outside_its_folder_is_refused(tmp_path: Path, where: str) -> None:
    outside = tmp_path / "outside.docx"
    _reference(outside, [])
    audience = tmp_path / "templates" / "branded"
    audience.mkdir(parents=True)
    if where == "ABSOLUTE":
        where = str(outside)
    elif where == "link.docx":
        try:
            (audience / "link.docx").symlink_to(outside)
        except OSError:
            pytest.skip("cannot create symbolic links here")
    (audience / "audience.yaml").write_text(
        "name: branded\ndescription: Branded\nextends: negotiator\n"
        f"style:\n  reference_docx: '{where}'\n",
        encoding="utf-8",
    )
    status, stderr, entries = _build(tmp_path, "-a", "branded")
    shown = os.path.join("templates", "branded")
    assert (status, entries) == (2, {})
    assert stderr == (
        f"{shown}/audience.yaml:5:19: style.reference_docx: {where}: a reference DOCX must be "
        f"inside the audience's folder {shown}, as its templates are (--reference-doc takes a "
        "file from anywhere)\n"
    )


def test_the_command_line_reference_may_be_anywhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _reference(tmp_path / "outside.docx", [])
    status, stderr, entries = _build(elsewhere, "--reference-doc", "../outside.docx")
    assert (status, stderr) == (0, "")
    assert b"Ministry header" in b"".join(entries.values())
