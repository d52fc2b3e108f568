"""A real client reads the fonts the DOCX embeds: LibreOffice, on a machine without DejaVu
(a fontconfig whose only font is a bundled Noto face), sets the memo in DejaVu all the same
when the DOCX carries it, and falls back to the Noto face when it does not.

Each conversion is its own LibreOffice process with its own profile: the fonts a document
embeds stay installed for the rest of the process, so one run must not lend them to the next.
The tests skip where ``soffice`` or poppler's ``pdffonts`` is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.docx.writer import export
from briefgen.fonts.bundled import font_dir

pytestmark = pytest.mark.slow  # LibreOffice: deselect with -m "not slow"

TIMEOUT = 180  # seconds a conversion may take; a hung soffice fails the test instead
_ONLY_FONT = "NotoSansHebrew-Regular.ttf"  # LibreOffice will not start without any font


def _tools() -> tuple[str, str]:
    soffice, pdffonts = shutil.which("soffice"), shutil.which("pdffonts")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if pdffonts is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    return soffice, pdffonts


def _no_dejavu(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig knows one font, a bundled Noto face, and no DejaVu."""
    fonts, cache = folder / "fonts", folder / "fontcache"
    fonts.mkdir()
    cache.mkdir()
    shutil.copy(font_dir() / _ONLY_FONT, fonts / _ONLY_FONT)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>\n"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(folder)}


def _pdf_fonts(docx: bytes, folder: Path, name: str) -> set[str]:
    """The fonts (subset prefix dropped) of the PDF LibreOffice makes of ``docx`` where
    no DejaVu is installed."""
    soffice, pdffonts = _tools()
    work = folder / name
    work.mkdir()
    source = work / f"{name}.docx"
    source.write_bytes(docx)
    profile = (work / "profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work), str(source)],
        capture_output=True, timeout=TIMEOUT, check=False, env=_no_dejavu(work),
    )  # fmt: skip
    pdf = work / f"{name}.pdf"
    assert pdf.is_file(), result.stderr.decode(errors="replace")
    listing = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]  # after the header and its rule
    return {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in rows if row.strip()}


def test_libreoffice_sets_the_memo_in_the_fonts_the_docx_embeds(
    tmp_path: Path, sample_document: d.Document
) -> None:
    with_fonts = _pdf_fonts(export(sample_document, Style()), tmp_path, "embedded")
    assert {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSans-Bold"} <= (
        with_fonts
    ), with_fonts
    # The control: the same memo without its fonts gets none of them on this machine.
    without = _pdf_fonts(export(sample_document, Style(embed_fonts=False)), tmp_path, "plain")
    assert not any(font.startswith("DejaVu") for font in without), without
    assert "NotoSansHebrew-Regular" in without


def test_libreoffice_sets_an_arabic_memo_in_the_noto_faces_the_docx_embeds(
    tmp_path: Path,
) -> None:
    text = d.Paragraph((d.Text("مضيق هرمز ممر مائي بين الخليج وخليج عمان."),))
    memo = d.Document(d.Metadata("مضيق هرمز", language="ar"), (text,))
    fonts = _pdf_fonts(export(memo, Style()), tmp_path, "arabic")
    # The body beside the serif (Noto Naskh), the title beside the sans, bold.
    assert {"NotoNaskhArabic-Regular", "NotoSansArabic-Bold"} <= fonts, fonts
