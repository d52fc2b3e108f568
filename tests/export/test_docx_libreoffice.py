"""A real client: LibreOffice lays out every DOCX memo of the essay as the PDF exporter does.

All memos are converted in one headless LibreOffice run (with its own profile folder, so a
concurrent LibreOffice cannot interfere); the tests skip where ``soffice`` is not installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_essay import AUDIENCES, essay_memos
from pdf_clients import drawn_sizes

pytestmark = pytest.mark.slow  # LibreOffice: deselect with -m "not slow"

TIMEOUT = 300  # seconds for converting all memos; a hung soffice fails the tests instead


def _pages(data: bytes) -> int:
    pypdf = pytest.importorskip("pypdf")
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Audience -> the PDF LibreOffice made of its DOCX memo."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for name, memo in essay_memos().items():
        sources.append(folder / f"{name}.docx")
        sources[-1].write_bytes(memo.docx)
    profile = (folder / "profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *map(str, sources)],
        capture_output=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return {name: folder / "pdf" / f"{name}.pdf" for name in essay_memos()}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_libreoffice_converts_the_memo(converted: dict[str, Path], audience: str) -> None:
    pdf = converted[audience]
    assert pdf.is_file(), f"LibreOffice wrote no PDF for the {audience} memo"
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_page_count_within_one_page_of_the_pdf(converted: dict[str, Path], audience: str) -> None:
    libreoffice = _pages(converted[audience].read_bytes())
    reportlab = _pages(essay_memos()[audience].pdf)
    assert abs(libreoffice - reportlab) <= 1, f"LibreOffice {libreoffice}, PDF {reportlab}"


def test_executive_memo_stays_one_page(converted: dict[str, Path]) -> None:
    assert _pages(converted["executive"].read_bytes()) == 1


@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_libreoffices_own_note_anchors_are_under_8_pt(
    converted: dict[str, Path], audience: str
) -> None:
    """Note numbers opening the notes and every other text are 8 pt or more. LibreOffice sets
    a note's anchor in the text in its own "Footnote anchor" style, automatic superscript
    (58 %) of the body size, whatever the DOCX asks: Word sets those marks at 8 pt."""
    body = essay_memos()[audience].style.font_size
    pytest.importorskip("pypdf")
    for size, text in (found for found in drawn_sizes(converted[audience]) if found[0] < 7.99):
        assert text.replace(",", "").isdigit(), f"{text!r} at {size:.2f} pt"
        assert size >= body * 0.58 - 0.05, f"note anchor {text!r} at {size:.2f} pt"
