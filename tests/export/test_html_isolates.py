"""Directional isolates in the HTML: a span with ``dir`` around each stretch running the
other way than its block, grouped across inline elements."""

from __future__ import annotations

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.html import export
from briefgen.export.html_isolates import Isolate, isolated


def _html(inlines: tuple[d.Inline, ...], language: str = "ar") -> str:
    document = d.Document(d.Metadata("T", language=language), (d.Paragraph(inlines),))
    return export(document, Style()).decode("utf-8")


def test_a_citation_and_a_date_in_arabic_are_isolated() -> None:
    html = _html((d.Text("1 R48903 ¶5, ¶6؛ في؛ 2026-04-07 و نحو 130 سفينة"),))
    assert (
        '<p>1 <span dir="ltr">R48903 ¶5, ¶6</span>؛ في؛ <span dir="ltr">'
        '<span class="nowrap">2026-04-07</span></span> و نحو 130 سفينة</p>'
    ) in html


def test_a_stretch_across_emphasis_and_a_link_is_one_span() -> None:
    inlines = (
        d.Text("و Ben Goldman. "),
        d.Emph((d.Text("The Strait"),)),
        d.Text(". No. R48903. "),
        d.Link("https://example.org/R48903", (d.Text("https://example.org/R48903"),)),
        d.Text("."),
    )
    html = _html(inlines)
    assert (
        '<p>و <span dir="ltr">Ben Goldman. <em>The Strait</em>. No. R48903. '
        '<a href="https://example.org/R48903">https://example.org/R48903</a></span>.</p>'
    ) in html


def test_a_stretch_that_cannot_nest_is_held_between_isolate_characters() -> None:
    nodes = isolated((d.Emph((d.Text("عنوان Title"),)), d.Text(" more Latin و")), rtl=True)
    assert nodes == (d.Emph((d.Text("عنوان \u2066Title"),)), d.Text(" more Latin\u2069 و"))


def test_hebrew_in_english_keeps_one_span_with_language_and_direction() -> None:
    html = _html((d.Text("The city (ירושלים) is old."),), language="en")
    assert '<p>The city (<span lang="und-Hebr" dir="rtl">ירושלים</span>) is old.</p>' in html
    assert isolated((d.Text("Latin only, 2026-04-07."),), rtl=False) == (
        d.Text("Latin only, 2026-04-07."),
    )
    assert isolated((d.Strong((d.Text("R48903"),)),), rtl=True) == (
        d.Strong((Isolate((d.Text("R48903"),), rtl=False),)),
    )


def test_fine_print_runs_its_first_letters_way_as_in_the_pdf() -> None:
    blocks = (
        d.Paragraph((d.Text("Frittelli, John, و Ben Goldman."),), role="small"),
        d.Paragraph((d.Text("Latin في نص"),)),
    )
    document = d.Document(d.Metadata("T", language="ar"), blocks)
    html = export(document, Style()).decode("utf-8")
    assert (
        '<p class="small" dir="ltr">Frittelli, John, <span dir="rtl">و</span> Ben Goldman.</p>'
    ) in html
    assert '<p><span dir="ltr">Latin</span> في نص</p>' in html
