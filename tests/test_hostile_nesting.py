"""Markup nested as deep as the parser allows is laid out by every exporter.

The parser refuses nesting past :data:`MAX_DEPTH` (see tests/test_hostile_templates.py);
everything up to it must export to DOCX, PDF, HTML and Markdown without a recursion error or a
reportlab layout error: boxes nested too narrow for the page are laid out without their box.
"""

from __future__ import annotations

import pytest

from briefgen.audience.style import Style
from briefgen.document import tree as d
from briefgen.document.markup_parser import MAX_DEPTH, MarkupError, parse
from briefgen.export import FORMATS, exporter

DEEPEST = {
    "asides": "<aside>" * (MAX_DEPTH - 1) + "<p>x</p>" + "</aside>" * (MAX_DEPTH - 1),
    "quotes": "<blockquote>" * MAX_DEPTH + "x" + "</blockquote>" * MAX_DEPTH,
    "lists": "<ul><li>" * (MAX_DEPTH // 2) + "x" + "</li></ul>" * (MAX_DEPTH // 2),
    "numbered": "<ol><li>" * (MAX_DEPTH // 2) + "x" + "</li></ol>" * (MAX_DEPTH // 2),
    "tables": "<table><tr><td>" * 10 + "x" + "</td></tr></table>" * 10,
    "mixed": "<aside><ul><li><blockquote>" * 8 + "x" + "</blockquote></li></ul></aside>" * 8,
    "list-in-a-narrow-cell": "<table><tr>"
    + "<td>x</td>" * 5
    + "<td>"
    + "<ul><li>" * 14
    + "deep"
    + "</li></ul>" * 14
    + "</td></tr></table>",
    "table-in-asides": "<aside>" * 6
    + "<table><tr>"
    + "<td>x</td>" * 6
    + "</tr></table>"
    + "</aside>" * 6,
    "inline": "<p>" + "<strong><em>" * 15 + "x" + "</em></strong>" * 15 + "</p>",
}


def _document(markup: str) -> d.Document:
    blocks, notes = parse(markup, "deep")
    meta = d.Metadata(title="Deep", subtitle="", author="a", subject="s", keywords=(),
                      date="2024-01-01", language="en", marking="")  # fmt: skip
    return d.Document(meta=meta, blocks=blocks, footnotes=notes)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("kind", list(DEEPEST))
def test_the_deepest_allowed_markup_exports(kind: str, fmt: str) -> None:
    data = exporter(fmt)(_document(DEEPEST[kind]), Style())
    assert data


def test_one_level_more_is_refused() -> None:
    with pytest.raises(MarkupError) as caught:
        parse("<div>" * (MAX_DEPTH + 1) + "</div>" * (MAX_DEPTH + 1), "deep")
    assert (
        str(caught.value)
        == f"deep:1:{MAX_DEPTH * 5 + 1}: <div> nests elements deeper than 32 levels"
    )
