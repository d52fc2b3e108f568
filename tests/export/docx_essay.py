"""The essay brief's real memos, for the DOCX tests that need more than a hand-built Document.

Every audience on the repository's search path (the four built-ins and ``templates/``'s
legislative one, which brands its DOCX with a reference DOCX) is rendered once per test run
and exported as DOCX and PDF in memory.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache

from lxml import etree

from briefgen.audience.profiles import resolve, search_path
from briefgen.audience.style import Style
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.export import exporter
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, REPO

AUDIENCES = ("executive", "negotiator", "donor", "public", "legislative")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


@dataclass(frozen=True)
class Memo:
    """One audience's memo: the Document, its Style and both exports."""

    audience: str
    document: d.Document
    style: Style
    docx: bytes
    pdf: bytes

    def part(self, name: str) -> etree._Element | None:
        """The DOCX part ``name`` (``word/document.xml``, ...) parsed, or None if absent."""
        with zipfile.ZipFile(io.BytesIO(self.docx)) as package:
            if name not in package.namelist():
                return None
            return etree.fromstring(package.read(name))


@cache
def essay_memos() -> dict[str, Memo]:
    """Audience name -> its memo of the essay brief (rendered and exported once)."""
    brief = load_brief(ESSAY_BRIEF)
    path = search_path(REPO / "templates")
    memos = {}
    for name in AUDIENCES:
        audience = resolve(name, path)
        document = render(brief, audience, str(ESSAY_BRIEF)).document
        style = audience.config.style
        docx, pdf = (exporter(fmt)(document, style) for fmt in ("docx", "pdf"))
        memos[name] = Memo(name, document, style, docx, pdf)
    return memos
