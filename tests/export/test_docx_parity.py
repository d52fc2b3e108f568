"""The DOCX and the PDF of one memo carry the same words, for every audience of the essay.

Words are compared as multisets: pypdf returns text in layout order (wrapped cells of a table
row interleave, notes come in balanced columns), so sequences would compare layouts, not
content. A dropped or duplicated block, cell, note or sentence changes the multiset.

The DOCX's words are those of its body (paragraphs and tables, nested ones included), the
alt text of its pictures (the timeline graphic, which the PDF draws as text) and its footnotes
part; a footnote reference reads as the number Word shows for it. What only the PDF
prints as text is removed from the PDF's words first, each item exactly as often as the
Document says it occurs, and the test fails if one is missing:

- running heads: on every page the marking, header text, footer text and "Page i of n" (the
  DOCX has them in header and footer parts, once);
- list markers: "•" / "–" and "1.", "2.", ... (Word numbers lists itself; they are not text);
  the timeline's "•" before each of several events stacked at one date (its alt text gives
  one line per event instead);
- the endnotes' heading "Notes" and each note's number "n." (the DOCX has real footnotes,
  numbered by Word);
- table header rows repeated on continuation pages (Word repeats them too, but they are not
  text of the file): only whole header rows, and only as surplus.
"""

from __future__ import annotations

import io
from collections import Counter

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx_essay import AUDIENCES, Memo, essay_memos
from lxml import etree

from briefgen.document import tree as d
from briefgen.export import exporter
from briefgen.export.timeline.layout import when

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_BREAKS = {f"{W}tab": " ", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}


def docx_words(data: bytes) -> Counter[str]:
    """The words of a DOCX's body, pictures' alt text and footnotes (python-docx opens it; the
    XML is walked: python-docx has no footnote API and drops note references from run text)."""
    opened = docx.Document(io.BytesIO(data))
    trees = [opened.element]
    notes: list[str] = []
    for rel in opened.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            footnotes = etree.fromstring(rel.target_part.blob)
            trees.append(footnotes)
            notes = [n.get(f"{W}id") for n in footnotes.iter(f"{W}footnote")
                     if n.get(f"{W}type") in (None, "normal")]  # fmt: skip
    words: Counter[str] = Counter()
    for picture in opened.element.iter(f"{WP}docPr"):
        words.update((picture.get("descr") or "").split())
    for tree in trees:
        for paragraph in tree.iter(f"{W}p"):
            text = []
            for node in paragraph.iter():
                if node.tag == f"{W}t":
                    text.append(node.text or "")
                elif node.tag == f"{W}footnoteReference":
                    text.append(str(notes.index(node.get(f"{W}id")) + 1))
                elif node.tag == f"{W}footnoteRef":  # a note's own number, as Word shows it
                    note = next(node.iterancestors(f"{W}footnote"))
                    text.append(str(notes.index(note.get(f"{W}id")) + 1))
                else:
                    text.append(_BREAKS.get(node.tag, ""))
            # A word joiner (which keeps a number range's en dash on its line) prints nothing.
            words.update("".join(text).replace("\u2060", "").split())
    return words


def pdf_words(data: bytes, running_heads: list[str]) -> Counter[str]:
    """The words of a PDF without its running heads, which must be on every page."""
    pypdf = pytest.importorskip("pypdf")
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    words: Counter[str] = Counter()
    for number, page in enumerate(pages, start=1):
        found = Counter(page.extract_text().split())
        heads = Counter(" ".join([*running_heads, f"Page {number} of {len(pages)}"]).split())
        assert not heads - found, f"page {number} lacks its running heads: {heads - found}"
        words += found - heads
    return words


def pdf_only(document: d.Document) -> tuple[Counter[str], list[Counter[str]]]:
    """What the PDF prints as text and the DOCX does not: list markers, the notes' heading
    and numbers; and the header rows a table may repeat on later pages."""
    markers: Counter[str] = Counter()
    headers: list[Counter[str]] = []

    def walk(blocks: tuple[d.Block, ...], depth: int) -> None:
        for block in blocks:
            if isinstance(block, d.List):
                for index, item in enumerate(block.items):
                    bullet = "•" if depth == 0 else "–"
                    markers[f"{block.start + index}." if block.ordered else bullet] += 1
                    walk(item.blocks, depth + 1)
            elif isinstance(block, (d.Quote, d.Callout)):
                walk(block.blocks, depth)
            elif isinstance(block, d.TimelineChart):
                stacked = Counter(when(event.date) for event in block.events)
                markers["•"] += sum(n for n in stacked.values() if n > 1)
            elif isinstance(block, d.Table):
                rows = ((block.header,) if block.header else ()) + block.rows
                if block.header:
                    header = " ".join(d.plain_text(p.children) for cell in block.header
                                      for p in d.iter_blocks(cell.blocks)
                                      if isinstance(p, d.Paragraph))  # fmt: skip
                    headers.append(Counter(header.split()))
                for row in rows:
                    for cell in row:
                        walk(cell.blocks, depth)

    walk(document.blocks, 0)
    if document.footnotes:
        markers["Notes"] += 1
        markers.update(f"{note.number}." for note in document.footnotes)
    return markers, headers


def differences(memo: Memo, docx_data: bytes | None = None) -> tuple[Counter[str], Counter[str]]:
    """(words only the DOCX has, words only the PDF has), after the documented exceptions."""
    style = memo.style
    heads = [t for t in (style.marking or memo.document.meta.marking, style.header, style.footer)
             if t]  # fmt: skip
    in_docx = docx_words(memo.docx if docx_data is None else docx_data)
    in_pdf = pdf_words(memo.pdf, heads)
    markers, headers = pdf_only(memo.document)
    assert not markers - in_pdf, f"the PDF lacks list markers or note numbers: {markers - in_pdf}"
    in_pdf -= markers
    in_docx -= Counter(f"{note.number}." for note in memo.document.footnotes)  # "3. Ibid."
    surplus = in_pdf - in_docx
    for header in headers:
        while header and not header - surplus:  # a repeated header row
            surplus -= header
    return in_docx - in_pdf, surplus


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_and_pdf_carry_the_same_words(audience: str) -> None:
    only_docx, only_pdf = differences(essay_memos()[audience])
    assert not only_docx, f"only in the DOCX: {dict(only_docx)}"
    assert not only_pdf, f"only in the PDF: {dict(only_pdf)}"


def test_a_dropped_block_is_noticed() -> None:
    """The comparison is strict: the DOCX of a memo missing one short paragraph fails it."""
    memo = essay_memos()["executive"]
    blocks = memo.document.blocks
    index = max(i for i, b in enumerate(blocks) if isinstance(b, d.Paragraph))
    dropped = blocks[index]
    shorter = d.Document(memo.document.meta, blocks[:index] + blocks[index + 1 :])
    only_docx, only_pdf = differences(memo, exporter("docx")(shorter, memo.style))
    assert not only_docx
    assert only_pdf == Counter(d.plain_text(dropped.children).split())


def test_docx_words_read_note_marks_and_the_footnotes_part() -> None:
    memo = essay_memos()["negotiator"]
    words = docx_words(memo.docx)
    cited = next(block for block in d.iter_blocks(memo.document.blocks)
                 if isinstance(block, d.Paragraph)
                 and any(isinstance(node, d.FootnoteRef) for node in block.children))  # fmt: skip
    index = next(i for i, node in enumerate(cited.children) if isinstance(node, d.FootnoteRef))
    word = d.plain_text(cited.children[:index]).split()[-1]
    assert words[f"{word}{cited.children[index].number}"] >= 1  # the mark, as Word shows it
    note = memo.document.footnotes[0]
    assert all(words[w] for w in d.plain_text(note.children).split())  # the footnotes part
