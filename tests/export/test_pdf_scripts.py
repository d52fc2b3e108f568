"""PDF text in any script: fallback fonts, shaping, bidirectional order, right-to-left layout.

Checked with poppler where it is installed: every word of the Arabic, Hebrew, Amharic, Hindi,
Armenian and Georgian texts comes out of ``pdftotext`` as written, in logical letter order,
from a paragraph of its own script and from runs inside an English sentence; the script
families are embedded; a right-to-left memo puts its first table column on the right.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_clients import needs, pdftotext, run, words

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.pdf.writer import export
from briefgen.fonts.bidi_levels import embedding_levels, visual_order
from briefgen.fonts.shaping import shape
from conftest import para, t

ARABIC = (
    "تتقاسم الدول المتشاطئة مياه النهر وفقاً لمبدأ الاستخدام المنصف (المادة 5) كما يقول تقرير CRS."
)
MIXED = (
    "The Nile (النيل, ዓባይ), the Jordan (הירדן), the Ganges (गंगा), the Araks (Արաքս) and "
    "the Mtkvari (მტკვარი); a phrase שלום עולם and نهر النيل الطويل inside English; "
    "the Hindi हिन्दी संधि क्षत्रिय and the Thai ภาษาไทย."
)
_MARKS = re.compile("[\u202a-\u202e\u200e\u200f]")  # embedding marks pdftotext adds


def _document(language: str, *blocks: d.Block) -> d.Document:
    meta = d.Metadata(title="النيل" if language == "ar" else "Rivers", language=language)
    return d.Document(meta=meta, blocks=blocks)


def _table() -> d.Table:
    cell = lambda text: d.Cell((para(text),))  # noqa: E731
    return d.Table(header=(cell("الأول"), cell("الثاني")), rows=((cell("أ"), cell("ب")),))


def _placed(path: Path) -> dict[str, tuple[float, float]]:
    """Word -> (xMin, xMax); ``pdftotext -bbox`` gives right-to-left words in drawing order,
    so each is also listed reversed."""
    found = {}
    for _page, x_min, x_max, word in words(path):
        found[word] = found[word[::-1]] = (x_min, x_max)
    return found


def _words_of(text: str, pattern: str) -> set[str]:
    return {w.strip("(),.;") for w in text.split() if re.search(pattern, w)} - {""}


def test_levels_and_visual_order_follow_uax9() -> None:
    levels = embedding_levels("abc שלום עולם def", rtl=False)
    assert levels[:4] == [0, 0, 0, 0] and set(levels[4:13]) == {1} and levels[-3:] == [0, 0, 0]
    assert embedding_levels("النيل 1997 CRS", rtl=True)[-3:] == [2, 2, 2]
    assert visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]


def test_shaping_joins_arabic_and_mirrors_brackets_in_a_right_to_left_run() -> None:
    joined, _width = shape("النيل", "serif-arabic", "regular", True)
    assert len(joined) == 5 and any(ord(g.code) >= 0xF0000 for g in joined)  # contextual forms
    (bracket,), _ = shape("(", "serif", "regular", True)
    (plain,), _ = shape(")", "serif", "regular", False)
    assert bracket.code != "(" and bracket.advance == plain.advance  # the mirrored glyph


@needs("pdftotext", "pdffonts")
def test_words_in_every_script_come_out_in_logical_order(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    doc = _document("en", para(MIXED), para(ARABIC))
    path.write_bytes(export(doc, Style()))
    text = _MARKS.sub("", pdftotext(path))
    for pattern in ("[\u0600-\u06ff]", "[\u0590-\u05ff]", "[\u1200-\u137f]", "[\u0900-\u097f]",
                    "[\u0530-\u058f]", "[\u10a0-\u10ff]", "[\u0e00-\u0e7f]"):  # fmt: skip
        expected = _words_of(MIXED + " " + ARABIC, pattern)
        assert expected and not [w for w in expected if w not in text], pattern
    fonts = run("pdffonts", str(path)).stdout
    for name in ("NotoNaskhArabic", "NotoSerifHebrew", "NotoSerifEthiopic", "NotoSerifDevanagari"):
        assert name in fonts
    assert "no" not in [line.split()[-5] for line in fonts.splitlines()[2:]]  # all embedded


@needs("pdftotext")
def test_a_right_to_left_memo_mirrors_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    path.write_bytes(export(_document("ar", para(ARABIC), _table()), Style()))
    found = _placed(path)
    assert found["الأول"] > found["الثاني"]  # the first column is on the right
    left_to_right = tmp_path / "en.pdf"
    left_to_right.write_bytes(export(_document("en", _table()), Style()))
    found = _placed(left_to_right)
    assert found["الأول"] < found["الثاني"]


@needs("pdftotext")
def test_a_right_to_left_paragraph_is_right_aligned_and_reads_in_order(tmp_path: Path) -> None:
    path = tmp_path / "ar.pdf"
    path.write_bytes(export(_document("ar", para(ARABIC)), Style()))
    lines = [_MARKS.sub("", line) for line in pdftotext(path).splitlines() if line.strip()]
    body = " ".join(line for line in lines if "تتقاسم" in line or "CRS" in line)
    assert body.index("تتقاسم") < body.index("الدول") < body.index("المنصف")
    placed = _placed(path)
    right_edge = max(x_max for _x_min, x_max in placed.values())
    assert placed["تتقاسم"][1] == pytest.approx(right_edge, abs=1.0)  # it starts at the right


def test_the_title_in_any_script_is_a_paragraph_that_shapes() -> None:
    pdf = export(_document("ar", para("نص")), Style())
    assert pdf.startswith(b"%PDF") and b"NotoNaskhArabic" in pdf
    assert t("x")  # the conftest helpers stay importable here


@needs("pdftotext")
def test_timeline_labels_in_other_scripts_are_shaped_in_the_pdf(tmp_path: Path) -> None:
    events = (d.TimelineEntry("2020-01-01", "توقيع الاتفاق في القاهرة"),
              d.TimelineEntry("2021-06-01", "The Jordan (הירדן) talks"))  # fmt: skip
    path = tmp_path / "timeline.pdf"
    path.write_bytes(export(_document("en", d.TimelineChart(events)), Style()))
    text = _MARKS.sub("", pdftotext(path))
    assert "הירדן" in text and "القاهرة" in text and "توقيع" in text


def test_a_long_right_to_left_paragraph_splits_across_pages_keeping_every_line() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from briefgen.export.pdf.script_paragraph import ScriptParagraph, Span, pieces_of
    from briefgen.export.pdf.writer import register_fonts

    register_fonts()
    style = ParagraphStyle("p", fontName="BriefgenSerif", fontSize=10, leading=14)
    pieces = pieces_of([Span(ARABIC * 6, "serif", "regular", 10, None)], rtl=True)
    paragraph = ScriptParagraph(pieces, style, rtl=True)
    _width, height = paragraph.wrap(300, 1000)
    total = len(paragraph.lines)
    head, tail = paragraph.split(300, height / 2)
    assert len(head.lines) + len(tail.wrap(300, 1000)[1:] and tail.lines) == total
    assert paragraph.split(300, 14) == []  # one line would be an orphan
    assert " ".join(p.text for line in head.lines for p in line.pieces).startswith("تتقاسم")


def test_an_arabic_memo_sets_its_lines_with_more_leading() -> None:
    from briefgen.export.pdf import writer

    arabic, english = writer._styles(Style(), "ar")["body"], writer._styles(Style(), "en")["body"]
    assert arabic.leading == pytest.approx(english.leading * 1.15)


def test_a_note_mark_after_a_number_is_its_own_unit_in_a_right_to_left_line() -> None:
    """ "2026." then mark 6 is not the number "2026.6": the mark goes after the full stop,
    at the line's left end, and a mark of two digits reads "12", not "21"."""
    from briefgen.export.pdf.script_paragraph import Span, pieces_of
    from briefgen.fonts.bidi_levels import visual_order

    for mark in ("6", "12"):
        spans = [
            Span("منذ 1 مارس 2026.", "sans", "regular", 10, None),
            Span(mark, "sans", "regular", 8, None, rise=4.0),
        ]
        pieces = pieces_of(spans, rtl=True)
        drawn = [pieces[i] for i in visual_order([p.level for p in pieces])]
        assert drawn[0].span.rise > 0 and drawn[0].text == mark  # leftmost, read last
        assert drawn[1].text == "." and drawn[2].text == "2026"
