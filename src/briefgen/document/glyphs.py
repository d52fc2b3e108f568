"""No character of a memo is drawn as a box: each must have a glyph in the font that sets it.

A brief's texts are checked at load against every bundled family (they may go to any
audience), but a memo sets each run in one family: headings, titles, table headers, captions,
callout titles, figure values, timeline labels and the running header and footer in the
style's heading family, everything else in its body family (as the PDF's paragraph styles do,
and the DOCX, HTML and Markdown follow the same style). :func:`uncovered` lists the characters
of a rendered Document that the family setting them lacks in any of its faces. Coverage is read
through :mod:`briefgen.fonts.bundled`, so the check follows the fonts when they change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.document import tree as d
from briefgen.fonts import bundled as fonts


@dataclass(frozen=True)
class Uncovered:
    """A character the family ``family`` (a key of :data:`fonts.FAMILY_KEYS`) cannot draw,
    met first in ``text``, which sets ``what`` (``body text``, ``headings``...)."""

    char: str
    family: str
    what: str
    text: str


def uncovered(
    document: d.Document, body: str, heading: str, running: tuple[str, ...] = ()
) -> list[Uncovered]:
    """Characters of ``document`` (and of the ``running`` header and footer texts) that the
    family setting them (``body`` or ``heading``, family keys) has no glyph for, each once."""
    found: dict[tuple[str, str], Uncovered] = {}
    runs = [
        *_meta_runs(document.meta),
        *((text, "the running header and footer") for text in running),
    ]
    pieces = [(text, True, what) for text, what in runs]
    pieces += list(_blocks(document.blocks, False))
    pieces += [(text, False, "footnotes") for note in document.footnotes
               for text in _texts(note.children)]  # fmt: skip
    for text, in_heading_font, what in pieces:
        family = heading if in_heading_font else body
        for char in fonts.missing_characters(text, (family,)):
            found.setdefault((char, family), Uncovered(char, family, what, text))
    return list(found.values())


def _meta_runs(meta: d.Metadata) -> Iterator[tuple[str, str]]:
    yield meta.title, "the title"
    yield meta.subtitle, "the subtitle"
    yield meta.marking, "the marking"
    labels = meta.labels  # the words exporters print themselves: the folio, "Notes"
    yield labels.folio("0123456789", "0123456789"), "the page numbers"
    yield labels.notes, "the notes heading"
    yield labels.untitled, "the bookmarks"
    yield labels.continued, "continued boxes"


Piece = tuple[str, bool, str]  # text, set in the heading family?, what it is


def _blocks(blocks: tuple[d.Block, ...], heading: bool) -> Iterator[Piece]:
    """The texts of ``blocks``; roleless paragraphs in the heading family when ``heading``
    (the cells of a table's header row)."""
    for block in blocks:
        yield from _block(block, heading)


def _block(block: d.Block, heading: bool) -> Iterator[Piece]:
    if isinstance(block, d.Heading):
        yield from _inline_pieces(block.children, True, "headings")
    elif isinstance(block, d.Paragraph):
        in_heading = heading and block.role is None
        yield from _inline_pieces(
            block.children, in_heading, "table headers" if in_heading else "body text"
        )
    elif isinstance(block, d.Quote):
        yield from _blocks(block.blocks, False)
    elif isinstance(block, d.List):
        for item in block.items:
            yield from _blocks(item.blocks, False)
    elif isinstance(block, d.Callout):
        yield from _inline_pieces(block.title or (), True, "callout titles")
        yield from _blocks(block.blocks, False)
    elif isinstance(block, d.Table):
        yield from _inline_pieces(block.caption or (), True, "captions")
        for cell in block.header or ():
            yield from _blocks(cell.blocks, True)
        for row in block.rows:
            for cell in row:
                yield from _blocks(cell.blocks, False)
    elif isinstance(block, d.FieldList):
        for item in block.fields:
            yield item.label, True, "field labels"
            yield from _inline_pieces(item.value, False, "body text")
    elif isinstance(block, d.KeyFigures):
        for figure in block.figures:
            yield figure.value, True, "key figures"
            yield from _inline_pieces(figure.label, False, "body text")
    elif isinstance(block, d.TimelineChart):
        yield from _inline_pieces(block.caption or (), True, "captions")
        for entry in block.events:
            yield entry.date + entry.label, True, "the timeline"


def _inline_pieces(nodes: tuple[d.Inline, ...], heading: bool, what: str) -> Iterator[Piece]:
    for text in _texts(nodes):
        yield text, heading, what


def _texts(nodes: tuple[d.Inline, ...]) -> Iterator[str]:
    """The drawn texts of ``nodes`` (a link's text, not its target)."""
    for node in nodes:
        if isinstance(node, d.Text):
            yield node.text
        elif isinstance(node, (d.Strong, d.Emph, d.Link)):
            yield from _texts(node.children)
