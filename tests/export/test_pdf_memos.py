"""Every built-in audience's PDF of the essay brief, checked with real clients.

qpdf checks the file's structure, pdffonts that every font is embedded, pdftotext (poppler)
that the text reads in order with the right characters, pypdf the bookmarks and metadata.
A brief whose title mixes Azerbaijani, Armenian, Georgian and Russian is built through the
command line for every audience, as PDF and DOCX, and every letter must survive in both.
Each check skips where its client is not installed.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pdf_clients import assert_within_margins, drawn_sizes, needs, pdftotext, run
from pypdf import PdfReader
from pypdf.generic import Destination

from briefgen.audience.profiles import resolve, search_path
from briefgen.audience.style import Style
from briefgen.brief.load import load_brief
from briefgen.cli import main
from briefgen.document import tree as d
from briefgen.export.pdf.writer import export
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF

AUDIENCES = ("executive", "negotiator", "donor", "public")
MIXED_TITLE = "Azərbaycan — Հայաստան — საქართველო — Россия: what the essay proposes"
# Ligatures, the replacement character and the private use area: none may come out.
_BAD = {chr(c) for c in range(0xFB00, 0xFB07)} | {"\ufffd"}


@dataclass(frozen=True)
class Memo:
    """One audience's PDF of the essay brief, on disk, with the Document it was made from."""

    audience: str
    document: d.Document
    style: Style
    path: Path


@pytest.fixture(scope="module")
def memos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Memo]:
    """The four built-in memos of the essay brief, exported once."""
    folder = tmp_path_factory.mktemp("memos")
    brief = load_brief(ESSAY_BRIEF)
    built = {}
    for name in AUDIENCES:
        audience = resolve(name, search_path(None))
        document = render(brief, audience).document
        path = folder / f"{name}.pdf"
        path.write_bytes(export(document, audience.config.style))
        built[name] = Memo(name, document, audience.config.style, path)
    return built


def _flat(text: str) -> str:
    """``text`` with all whitespace runs as single spaces (lines wrap differently)."""
    return " ".join(text.split())


def _headings(document: d.Document) -> list[str]:
    return [
        " ".join(d.plain_text(block.children).split())
        for block in d.iter_blocks(document.blocks)
        if isinstance(block, d.Heading)
    ]


@needs("qpdf")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_qpdf_finds_no_fault(memos: dict[str, Memo], audience: str) -> None:
    result = run("qpdf", "--check", str(memos[audience].path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@needs("pdffonts")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_font_is_an_embedded_dejavu_subset(memos: dict[str, Memo], audience: str) -> None:
    result = run("pdffonts", str(memos[audience].path))
    assert result.returncode == 0, result.stderr
    header, _, *rows = result.stdout.splitlines()
    emb, sub = header.index(" emb ") + 1, header.index(" sub ") + 1  # fixed-width columns
    assert rows
    for row in rows:
        name = row.split()[0]
        assert row[emb : emb + 3] == "yes" and row[sub : sub + 3] == "yes", row
        assert "+DejaVu" in name, row  # a subset (XXXXXX+) of a bundled face


@needs("pdftotext")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_text_reads_in_order_with_every_character_intact(
    memos: dict[str, Memo], audience: str
) -> None:
    memo = memos[audience]
    text = pdftotext(memo.path)
    assert not _BAD & set(text), sorted(_BAD & set(text))
    assert not [c for c in text if unicodedata.category(c) == "Co"]  # private use: a lost glyph
    flat, position = _flat(text), 0
    for heading in _headings(memo.document):
        found = flat.find(heading, position)
        assert found >= 0, f"{heading!r} missing or out of order"
        position = found + len(heading)
    pages = text.split("\f")[:-1]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))


@needs("pdftotext")
@pytest.mark.parametrize("audience", ["negotiator", "public"])
def test_obstacles_in_order_and_the_timeline_graphic(memos: dict[str, Memo], audience: str) -> None:
    flat = _flat(pdftotext(memos[audience].path))
    brief = load_brief(ESSAY_BRIEF)
    positions = [flat.find(obstacle.title) for obstacle in brief.obstacles]
    assert -1 not in positions and positions == sorted(positions), positions
    # The graphic's words are text: each label, whole on one line or wrapped.
    for event in brief.context.timeline:
        assert all(word in flat for word in (event.short or "").split()), event.short


@needs("pdftotext")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_overflows_the_margins(memos: dict[str, Memo], audience: str) -> None:
    assert_within_margins(memos[audience].path, memos[audience].style)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_bookmarks_are_the_headings_and_metadata_is_set(
    memos: dict[str, Memo], audience: str
) -> None:
    memo = memos[audience]
    reader = PdfReader(memo.path)

    def titles(outline: list) -> list[str]:
        return [
            title
            for entry in outline
            for title in (titles(entry) if isinstance(entry, list) else [entry.title])
            if isinstance(entry, (list, Destination))
        ]

    expected = _headings(memo.document) + (["Notes"] if memo.document.footnotes else [])
    assert titles(reader.outline) == expected
    for entry in reader.outline:  # every top entry opens a page of this file
        if isinstance(entry, Destination):
            assert 0 <= reader.get_destination_page_number(entry) < len(reader.pages)
    meta = memo.document.meta
    assert reader.metadata.title == meta.title
    assert reader.metadata.author == meta.author
    assert reader.metadata.subject == meta.subject
    assert reader.metadata.creator == "briefgen"


# --------------------------------------------------------------------------- a multilingual title


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The essay brief titled in four scripts, built for every audience as PDF and DOCX."""
    folder = tmp_path_factory.mktemp("mixed")
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    title = load_brief(ESSAY_BRIEF).meta.title
    line = f'  title: "{title}"\n'
    assert text.count(line) == 1
    brief = folder / "mixed.yaml"
    brief.write_text(text.replace(line, f'  title: "{MIXED_TITLE}"\n'), encoding="utf-8")
    arguments = ["build", str(brief), "-a", ",".join(AUDIENCES), "-f", "pdf,docx"]
    result = CliRunner().invoke(main, [*arguments, "-o", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out" / "mixed"


@needs("pdftotext", "pdffonts")
@pytest.mark.parametrize("audience", AUDIENCES)
def test_mixed_script_title_survives_in_the_pdf(mixed: Path, audience: str) -> None:
    path = mixed / f"{audience}.pdf"
    text = pdftotext(path)
    assert MIXED_TITLE in _flat(text)
    for word in ("Azərbaycan", "Հայաստան", "საქართველო", "Россия"):
        assert word in text  # no letter decomposed, dropped or replaced
    assert not _BAD & set(text)
    assert PdfReader(path).metadata.title == MIXED_TITLE
    fonts = run("pdffonts", str(path)).stdout.splitlines()[2:]
    assert fonts and all(" yes " in row for row in fonts)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_mixed_script_title_survives_in_the_docx(mixed: Path, audience: str) -> None:
    opened = docx.Document(io.BytesIO((mixed / f"{audience}.docx").read_bytes()))
    titles = [p.text for p in opened.paragraphs if p.style is not None and p.style.name == "Title"]
    assert titles == [MIXED_TITLE]  # (after the letterhead, a table)
    assert opened.core_properties.title == MIXED_TITLE


@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_is_drawn_under_8_pt_note_marks_included(
    memos: dict[str, Memo], audience: str
) -> None:
    size, text = min(drawn_sizes(memos[audience].path))
    assert size >= 7.99, f"{text!r} at {size:.2f} pt"
