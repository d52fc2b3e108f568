"""Scripts and direction in the HTML: lang and dir on the document, blocks and embedded
stretches; font stacks; logical CSS sides so that a right-to-left memo mirrors."""

from __future__ import annotations

import re

from briefgen.api import render_bytes
from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.export.html import export
from briefgen.export.html_scripts import Direction, font_stack, marked
from conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"


def _html(blocks: tuple[d.Block, ...], language: str = "en", **meta: str) -> str:
    document = d.Document(d.Metadata("T", language=language, **meta), blocks)
    return export(document, Style()).decode("utf-8")


def _para(text: str) -> d.Paragraph:
    return d.Paragraph((d.Text(text),))


def test_an_embedded_hebrew_word_is_isolated_without_its_brackets() -> None:
    html = _html((_para("The city (ירושלים), they said."),))
    assert '<p>The city (<span lang="und-Hebr" dir="rtl">ירושלים</span>), they said.</p>' in html
    assert '<html lang="en">' in html  # a left-to-right memo: dir is the default


def test_digits_after_a_right_to_left_phrase_belong_to_it() -> None:
    where = Direction.of("en")
    assert marked("treaty (اتفاقية 1959), in", where) == (
        'treaty (<span lang="und-Arab" dir="rtl">اتفاقية 1959</span>), in'
    )
    assert (
        marked("in 1959 اتفاقية.", where)
        == 'in 1959 <span lang="und-Arab" dir="rtl">اتفاقية</span>.'
    )


def test_scripts_of_the_same_direction_get_their_language_only() -> None:
    html = _html((_para("Abay ዓባይ and Ganga गंगा and Mekong แม่น้ำโขง."),))
    for tag, word in (("Ethi", "ዓባይ"), ("Deva", "गंगा"), ("Thai", "แม่น้ำโขง")):
        assert f'<span lang="und-{tag}">{word}</span>' in html


def test_a_block_that_starts_right_to_left_runs_right_to_left() -> None:
    html = _html((_para("«الماء حق» is the slogan."), _para("The slogan: «الماء حق».")))
    assert (
        '<p dir="rtl">«<span lang="und-Arab">الماء حق</span>» '
        '<span dir="ltr">is the slogan</span>.</p>'
    ) in html
    assert '<p>The slogan: «<span lang="und-Arab" dir="rtl">الماء حق</span>».</p>' in html


def test_a_right_to_left_memo_sets_its_direction_and_its_own_script_is_unmarked() -> None:
    blocks = (_para("يرى المصدر (GERD) أن ירושלים و ዓባይ"),)
    html = _html(blocks, language="ar", marking="مسودة")
    assert '<html lang="ar" dir="rtl">' in html
    assert (
        '<p>يرى المصدر (<span dir="ltr">GERD</span>) أن <span lang="und-Hebr">ירושלים</span> و '
        '<span lang="und-Ethi" dir="ltr">ዓባይ</span></p>'
    ) in html
    assert '<div class="marking">مسودة</div>' in html


def test_font_stacks_list_the_text_family_then_the_script_families() -> None:
    assert font_stack("serif", "en") == (
        '"DejaVu Serif", "Noto Naskh Arabic", "Noto Serif Hebrew", "Noto Serif Ethiopic", '
        '"Noto Serif Devanagari", "Noto Serif Thai", "Noto Serif", Georgia, serif'
    )
    # A memo in Arabic: its script's family first, so Arabic never takes another font's.
    assert font_stack("sans", "ar").startswith(
        '"Noto Sans Arabic", "DejaVu Sans", "Noto Sans Hebrew"'
    )
    html = _html((_para("x"),))
    assert f"font-family: {font_stack('serif', 'en')};" in html


def test_the_css_uses_logical_sides() -> None:
    css = re.search(r"<style>(.*)</style>", _html((_para("x"),)), re.S).group(1)
    for physical in ("border-left", "padding-left", "margin-left", "text-align: left",
                     "text-align: right"):  # fmt: skip
        assert physical not in css, physical
    for logical in ("border-inline-start:", "text-align: end", "text-align: start"):
        assert logical in css


def test_a_memo_without_fallback_scripts_has_no_spans_and_no_dir(
    sample_document: d.Document, default_style: Style
) -> None:
    html = export(sample_document, default_style).decode("utf-8")
    assert "<span" not in html and " dir=" not in html


def test_the_fixtures_build_html_with_directions() -> None:
    arabic = render_bytes(FIXTURES / "arabic-memo.yaml", "public", "html").decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic
    quoting = render_bytes(FIXTURES / "quoting-scripts.yaml", "public", "html").decode("utf-8")
    assert '<html lang="en">' in quoting
    for tag in ("Arab", "Ethi", "Deva"):
        assert f'lang="und-{tag}"' in quoting, tag


def test_marked_text_is_still_escaped() -> None:
    html = _html((_para("<b>ירושלים & <i>النيل</i></b>"),))
    assert "<b>" not in html and "<i>" not in html
    assert (
        '&lt;b&gt;<span lang="und-Hebr" dir="rtl">ירושלים</span> &amp; &lt;i&gt;'
        '<span lang="und-Arab" dir="rtl">النيل</span>&lt;/i&gt;&lt;/b&gt;'
    ) in html
