"""The layout section of ``briefgen check``: each memo laid out as its PDF, and the
typographic rules it breaks (L001-L006), per page.

The PDF writer records where everything landed as it lays the memo out
(:func:`briefgen.export.pdf.writer.export_with_layout`); nothing reads the PDF back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.audience.style import Style
from briefgen.check.findings import Finding
from briefgen.document.tree import Document

if TYPE_CHECKING:  # (reportlab is imported only when a memo is laid out)
    from briefgen.export.pdf.layout import Fault, Layout

#: the writer's rule name -> the finding code
RULE_CODES = {
    "stranded-heading": "L001",
    "split-callout": "L002",
    "short-page": "L003",
    "overfull": "L004",
    "figure-grid": "L005",
    "broken-range": "L006",
}


@dataclass(frozen=True)
class MemoLayout:
    """One memo's laid-out PDF: its audience, how full each page is, its faults."""

    audience: str
    fill: tuple[float, ...]
    faults: tuple[Fault, ...]

    @property
    def pages(self) -> int:
        """The memo's pages."""
        return len(self.fill)

    def summary(self) -> str:
        """``donor 3 pages`` (with its faults counted, if any)."""
        text = f"{self.audience} {self.pages} page{'s' * (self.pages != 1)}"
        count = len(self.faults)
        return text + (f" ({count} problem{'s' * (count != 1)})" if count else "")


def fault_message(fault: Fault) -> str:
    """A fault as one line: the page, what is wrong and the text it concerns."""
    text = " ".join(fault.text.split())
    text = text if len(text) <= 70 else text[:69] + "…"
    return f"page {fault.page}: {fault.detail}" + (f" at “{text}”" if text else "")


def lay_out(document: Document, style: Style, audience: str) -> MemoLayout:
    """Lay ``document`` out as its PDF in ``style`` and keep what the layout tells."""
    from briefgen.export.pdf.writer import export_with_layout  # reportlab: slow to import

    _data, layout = export_with_layout(document, style)
    return memo_layout(layout, audience)


def memo_layout(layout: Layout, audience: str) -> MemoLayout:
    """The check's view of one memo's :class:`Layout`."""
    return MemoLayout(audience, layout.fill, layout.faults)


def layout_findings(memo: MemoLayout, filename: str) -> list[Finding]:
    """One finding per fault of ``memo``, named by its audience."""
    return [
        Finding(RULE_CODES[fault.rule], fault_message(fault), filename, audience=memo.audience)
        for fault in memo.faults
    ]
