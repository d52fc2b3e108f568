"""The notes a citation style writes read the same in Markdown, HTML, DOCX and PDF.

Each format's notes are extracted from its own bytes (Markdown's ``[^n]:`` definitions, the
HTML notes list, the DOCX footnotes part, pdftotext's text of the PDF) and compared with the
Document's note texts: the full first note, the short and "Ibid." notes after it, and a note
citing two sources at once (the Strait of Hormuz brief) must survive every exporter.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.export import exporter
from briefgen.render.assemble import render
from conftest import REPO

BRIEFS = ("triumph-in-defeat", "strait-of-hormuz", "hormuz-shipping-ru")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def _memo(brief: str) -> tuple[d.Document, dict[str, bytes]]:
    audience = resolve("negotiator", search_path(REPO / "templates"))
    document = render(load_brief(REPO / "briefs" / f"{brief}.yaml"), audience).document
    style = audience.config.style
    outputs = {fmt: exporter(fmt)(document, style) for fmt in ("md", "html", "docx", "pdf")}
    return document, outputs


def _expected(document: d.Document) -> list[str]:
    return [_spaced(d.plain_text(note.children)) for note in document.footnotes]


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _markdown_notes(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    notes = re.findall(r"^\[\^\d+\]: (.*(?:\n    .*)*)", text, re.MULTILINE)
    plain = []
    for note in notes:
        note = re.sub(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)", r"\1", note)  # a link's text
        note = re.sub(r"(?<!\\)\*", "", note)  # emphasis marks
        plain.append(_spaced(re.sub(r"\\(.)", r"\1", note)))
    return plain


def _html_notes(data: bytes) -> list[str]:
    section = data.decode("utf-8").split('<section class="notes">', 1)[1]
    items = re.findall(r'<li id="fn-\d+">(.*?) <a href="#fnref-\d+"', section, re.DOTALL)
    return [_spaced(html.unescape(re.sub(r"<[^>]+>", "", item))) for item in items]


def _docx_notes(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{W}footnote"):
        if int(note.get(f"{W}id")) < 1:  # Word's separator and continuation notes
            continue
        # A range's hyphen is a w:noBreakHyphen, its en dash held by word joiners.
        text = "".join(
            "-" if node.tag == f"{W}noBreakHyphen" else node.text or ""
            for node in note.iter(f"{W}t", f"{W}noBreakHyphen")
        )
        # The text opens with ". " after the note's number (a w:footnoteRef, no text of its own).
        notes.append(_spaced(text.replace("\u2060", "").removeprefix(". ")))
    return notes


@pytest.mark.parametrize("brief", BRIEFS)
def test_markdown_html_and_docx_carry_the_documents_notes(brief: str) -> None:
    document, outputs = _memo(brief)
    expected = _expected(document)
    # "Ibid." as the citation style says it in the memo's language (Russian: "Там же").
    assert len(expected) > 20 and any(text.startswith(("Ibid.", "Там же")) for text in expected)
    assert _markdown_notes(outputs["md"]) == expected
    assert _html_notes(outputs["html"]) == expected
    assert _docx_notes(outputs["docx"]) == expected


def test_a_note_citing_two_sources_reads_alike_everywhere() -> None:
    document, outputs = _memo("strait-of-hormuz")
    joined = [text for text in _expected(document) if "; " in text]
    assert joined, "the Hormuz memo has a note citing two sources"
    assert joined[0] in _markdown_notes(outputs["md"])
    assert joined[0] in _docx_notes(outputs["docx"])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")
@pytest.mark.parametrize("brief", BRIEFS)
def test_the_pdf_prints_every_note(brief: str, tmp_path: Path) -> None:
    document, outputs = _memo(brief)
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(outputs["pdf"])
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    # In content order (-raw) the notes come one after another, columns and pages apart
    # (the running heads between pages), and a long link breaks anywhere: so each note,
    # without white space, must follow the one before. Hyphens are left out of the comparison:
    # a memo in a hyphenated language (Russian) adds them where it breaks a word.
    # The folio ("Стр. 7 из 7") ends with a digit: taken out, a note starting a page after it
    # is not read as note 78.
    folio = re.escape(document.meta.labels.page_of).replace(r"\{page\}", r"\d+")
    folio = folio.replace(r"\{pages\}", r"\d+")
    notes = re.sub(folio, "", text.split("\nNotes\n")[-1])
    bare = re.sub(r"[\s-]+", "", notes)
    position = 0
    for number, note in enumerate(_expected(document), 1):
        match = re.compile(rf"(?<!\d){number}\.{re.escape(re.sub(r'[ -]+', '', note))}")
        found = match.search(bare, position)
        assert found, f"note {number} is not in the PDF after note {number - 1}: {note}"
        position = found.end()
