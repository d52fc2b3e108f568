"""The fast tokeniser gives exactly reportlab's own paragraph fragments, or steps aside."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from briefgen.export.pdf.paragraph_fragments import fragments
from briefgen.export.pdf.writer import register_fonts

register_fonts()
STYLE = ParagraphStyle("body", fontName="BriefgenSerif", fontSize=9.5, leading=12.2)


def comparable(frag: object) -> dict:
    """A fragment's attributes, with the ABag values (anchors) as their own attributes."""
    return {key: comparable(value) if isinstance(value, ABag) else value
            for key, value in vars(frag).items()}  # fmt: skip


def reportlab_frags(markup: str) -> list[dict]:
    """What reportlab's HTMLParser-based parse makes of ``markup``."""
    return [comparable(frag) for frag in Paragraph(markup, STYLE).frags]


def ours(markup: str) -> list[dict] | None:
    frags = fragments(markup, STYLE)
    return None if frags is None else [comparable(frag) for frag in frags]


@pytest.mark.parametrize(
    "markup",
    [
        "plain text",
        "  leading, trailing and   inner   runs of space  ",
        "line one\nline two\n\n  line three",
        "Bakı, Երևան, თბილისი, Москва",
        "a &amp; b &lt;c&gt; d",
        "non\u00a0breaking and narrow\u202fspace",
        "mark&nbsp;text and &#169; and &#x2014; and &unknownentity;",
        "<b>bold</b> and <i>italic</i> and <b><i>both</i></b>",
        '<a href="https://example.org/a?b=1&amp;c=2" color="#1f3a5f" underline="1">a link</a>',
        '<a name="fnref-3"/>text<a href="#fn-3" color="#1f3a5f"><super>3</super></a>',
        "<super>,</super> between marks",
        "first<br/>second <br/> third",
        '<a name="h-1"/>Heading <b>with</b> anchor',
        "<nosuchtag>ignored as reportlab ignores it</nosuchtag>",
        "",
    ],
)
def test_fragments_are_reportlabs(markup: str) -> None:
    assert ours(markup) == reportlab_frags(markup)


@pytest.mark.parametrize("markup", ["a < b", "fish & chips", "<b>unclosed"])
def test_markup_outside_the_subset_is_left_to_reportlab(markup: str) -> None:
    assert fragments(markup, STYLE) is None


_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "b", "i", "super"]), _TEXT), max_size=6))
def test_any_escaped_text_in_known_tags_gives_reportlabs_fragments(
    pieces: list[tuple[str, str]],
) -> None:
    markup = "".join(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text)
                     for tag, text in pieces)  # fmt: skip
    assert ours(markup) == reportlab_frags(markup)
