"""Poppler and qpdf, the command-line PDF clients the PDF tests check memos with."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefgen.audience.style import Style

MM = 72 / 25.4  # points per millimetre
_PAGE_WIDTH = {"A4": 595.28, "Letter": 612.0}
_WORD = re.compile(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>')


def needs(*tools: str) -> pytest.MarkDecorator:
    """Skip the test unless every command in ``tools`` is installed."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing), reason=f"not installed: {', '.join(missing)}")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command``, capturing its output as text (a non-zero exit is the caller's to judge)."""
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def pdftotext(path: Path, *options: str) -> str:
    """The text of the PDF at ``path`` as poppler extracts it (UTF-8)."""
    result = run("pdftotext", "-enc", "UTF-8", *options, str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def words(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) of every word of the PDF at ``path`` (``pdftotext -bbox``)."""
    found, page = [], 0
    for line in pdftotext(path, "-bbox").splitlines():
        if "<page " in line:
            page += 1
        match = _WORD.search(line)
        if match:
            found.append((page, float(match[1]), float(match[2]), match[3]))
    return found


def assert_within_margins(path: Path, style: Style) -> None:
    """Every word of the PDF at ``path`` lies between ``style``'s left and right margins."""
    left = style.margins.left * MM
    right = _PAGE_WIDTH[style.page_size] - style.margins.right * MM
    outside = [w for w in words(path) if w[1] < left - 0.5 or w[2] > right + 0.5]
    assert not outside, f"words outside the margins: {outside[:5]}"


def drawn_sizes(path: Path) -> list[tuple[float, str]]:
    """Each piece of text the PDF at ``path`` draws, with the size (pt) it is drawn at: the
    font size times the text and current matrices' scale (pypdf's text visitor)."""
    from pypdf import PdfReader  # a test extra; the callers skip without it

    drawn: list[tuple[float, str]] = []

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if text.strip():
            drawn.append((size * tm[0] * cm[0] if tm[0] and cm[0] else size, text.strip()))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return drawn
