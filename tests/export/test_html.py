"""HTML exporter, from the hand-built sample Document."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.html import COLUMN, export


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_holds_every_block(
    sample_document: d.Document, default_style: Style
) -> None:
    html = export(sample_document, default_style).decode("utf-8")
    parser = _Collector()
    parser.feed(html)
    text = "".join(parser.text)
    for word in (
        "Azərbaycan",
        "Հայաստան",
        "საქართველო",
        "Россия",
        "Positions by party",
        "700,000+",
    ):
        assert word in text
    assert "Obstacles & positions <not a tag>" in text  # escaped, read back as text
    assert "<not a tag>" not in html
    for tag in ("h1", "h2", "h3", "ol", "ul", "table", "thead", "blockquote", "aside", "dl", "hr"):
        assert tag in parser.tags
    assert "script" not in parser.tags and "<link" not in html  # one file, nothing fetched
    assert '<a href="https://www.e-ir.info/">' in html
    assert 'id="fn-1"' in html and 'href="#fnref-1"' in html
    assert "@page" in html and "@media print" in html


def test_html_is_deterministic(sample_document: d.Document, default_style: Style) -> None:
    assert export(sample_document, default_style) == export(sample_document, default_style)


def test_timeline_is_an_inline_svg_figure(default_style: Style) -> None:
    chart = d.TimelineChart(
        (d.TimelineEntry("1994", "First war <won>"), d.TimelineEntry("2020", "Second war")),
        (d.Text("Dates given"),),
    )
    html = export(d.Document(d.Metadata("T"), (chart,)), default_style).decode("utf-8")
    parser = _Collector()
    parser.feed(html)
    start = parser.tags.index("figure")
    assert parser.tags[start : start + 4] == ["figure", "figcaption", "svg", "title"]
    assert "First war &lt;won&gt;</text>" in html  # escaped, drawn as text
    assert 'role="img" aria-label="1994 First war &lt;won&gt;. 2020 Second war"' in html
    assert "<img" not in html and "href=" not in html  # nothing fetched
    # As wide as the text column, so the browser draws it at its size: labels at 7.5 pt or more.
    svg = re.search(r'<svg [^>]*width="([\d.]+)pt"[^>]*font-size="([\d.]+)"', html)
    assert svg and float(svg[1]) == pytest.approx(COLUMN * default_style.font_size, abs=0.01)
    assert float(svg[2]) >= 7.5
    assert f"max-width: {COLUMN}em" in html


def test_number_ranges_never_break_after_their_dash(default_style: Style) -> None:
    body = d.Paragraph((d.Text("between 20,000-30,000 dead in 2020–2023 & a well-known case"),))
    figures = d.KeyFigures((d.Figure("20,000-30,000", (d.Text("killed"),)),))
    page = export(d.Document(d.Metadata(title="Ranges"), (body, figures)), default_style).decode()
    assert ".nowrap { white-space: nowrap; }" in page
    assert (
        'between <span class="nowrap">20,000-30,000</span> dead in '
        '<span class="nowrap">2020–2023</span> &amp; a well-known case'
    ) in page
    assert '<dt><span class="nowrap">20,000-30,000</span></dt>' in page


def test_key_figures_are_set_in_the_pdfs_balanced_rows(default_style: Style) -> None:
    figures = d.KeyFigures(tuple(d.Figure(str(n), (d.Text(f"label {n}"),)) for n in range(7)))
    page = export(d.Document(d.Metadata(title="Figures"), (figures,)), default_style).decode()
    assert '<dl class="figures" style="grid-template-columns: repeat(8, 1fr)">' in page
    spans = re.findall(r'<div style="grid-column: ([^"]+)">', page)
    # 4 + 3: the second row starts one half-column in, so it is centred under the first.
    assert spans == ["span 2"] * 4 + ["2 / span 2", "span 2", "span 2"]
