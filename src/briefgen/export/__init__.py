"""Exporters: each turns a Document and a Style into the bytes of one file format.

Every exporter module has ``export(document, style) -> bytes``; they are imported only when
a build asks for their format (reportlab and python-docx are slow to import).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from briefgen.audience.style import Style
from briefgen.document.tree import Document

#: format name (as given to -f, and the file extension) -> exporter module
FORMATS: dict[str, str] = {
    "docx": "briefgen.export.docx.writer",
    "pdf": "briefgen.export.pdf.writer",
    "html": "briefgen.export.html",
    "md": "briefgen.export.markdown",
}


def exporter(fmt: str) -> Callable[[Document, Style], bytes]:
    """The ``export`` function of format ``fmt`` (a key of :data:`FORMATS`)."""
    return importlib.import_module(FORMATS[fmt]).export
