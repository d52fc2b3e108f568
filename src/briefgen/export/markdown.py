"""Markdown exporter: CommonMark with pipe tables and footnotes (Pandoc and GitHub read it).

Every ASCII punctuation character that Markdown or Pandoc could read as syntax is escaped
with a backslash (always allowed by CommonMark), so brief text stays text.
"""

from __future__ import annotations

import re

from briefgen.audience.style import Style
from briefgen.document import tree as d

# Inline syntax of CommonMark and Pandoc's Markdown ($ math, ^ ~ super/subscript, @ citations).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~^$@])")
_LIST_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _inlines(nodes: tuple[d.Inline, ...], *, in_table: bool = False) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, d.Text):
            out.append(_escape(node.text))
        elif isinstance(node, d.Strong):
            out.append(f"**{_inlines(node.children, in_table=in_table)}**")
        elif isinstance(node, d.Emph):
            out.append(f"*{_inlines(node.children, in_table=in_table)}*")
        elif isinstance(node, d.Link):
            href = node.href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{_inlines(node.children, in_table=in_table)}]({href})")
        elif isinstance(node, d.LineBreak):
            out.append(" " if in_table else "\\\n")
        elif isinstance(node, d.FootnoteRef):
            out.append(f"[^{node.number}]")
    return "".join(out)


def _paragraph(text: str) -> str:
    # A paragraph that starts like a list item or a setext underline would not stay a paragraph.
    return _LIST_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def _cell(cell: d.Cell) -> str:
    parts = []
    for block in d.iter_blocks(cell.blocks):
        if isinstance(block, (d.Paragraph, d.Heading)):
            parts.append(_inlines(block.children, in_table=True))
    return " ".join(parts).replace("\n", " ") or " "


def _indent(text: str, prefix: str) -> str:
    first, *rest = text.split("\n")
    pad = " " * len(prefix)
    return "\n".join([prefix + first, *[(pad + line) if line else "" for line in rest]])


def _block(block: d.Block) -> str:
    if isinstance(block, d.Heading):
        return f"{'#' * block.level} {_inlines(block.children)}"
    if isinstance(block, d.Paragraph):
        return _paragraph(_inlines(block.children))
    if isinstance(block, d.List):
        items = []
        for offset, item in enumerate(block.items):
            marker = f"{block.start + offset}. " if block.ordered else "- "
            items.append(_indent(_blocks(item.blocks), marker))
        return "\n".join(items)
    if isinstance(block, d.Table):
        header = block.header or tuple(d.Cell(()) for _ in block.rows[0])
        lines = []
        if block.caption:
            lines.append(f"*{_inlines(block.caption)}*\n")
        lines.append("| " + " | ".join(_cell(c) for c in header) + " |")
        lines.append("|" + "|".join(" --- " for _ in header) + "|")
        lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows)
        return "\n".join(lines)
    if isinstance(block, d.Quote):
        return "\n".join(("> " + line).rstrip() for line in _blocks(block.blocks).split("\n"))
    if isinstance(block, d.Callout):
        body = _blocks(block.blocks)
        if block.title:
            body = f"**{_inlines(block.title)}**\n\n{body}"
        return "\n".join(("> " + line).rstrip() for line in body.split("\n"))
    if isinstance(block, d.FieldList):
        return "\\\n".join(f"**{_escape(f.label)}:** {_inlines(f.value)}" for f in block.fields)
    if isinstance(block, d.KeyFigures):
        return "\n".join(f"- **{_escape(f.value)}** {_inlines(f.label)}" for f in block.figures)
    if isinstance(block, d.Rule):
        return "---"
    if isinstance(block, d.TimelineChart):
        # No picture: the events as a list; the caption, which describes the drawing, is left out.
        items = (f"- **{_escape(e.shown or e.date)}** {_escape(e.label)}" for e in block.events)
        return "\n".join(items)
    return ""


def _blocks(blocks: tuple[d.Block, ...]) -> str:
    return "\n\n".join(text for text in (_block(b) for b in blocks) if text)


def export(document: d.Document, style: Style) -> bytes:
    """The memo as Markdown with a YAML-free plain header, pipe tables and footnotes."""
    meta = document.meta
    marking = style.marking or meta.marking
    parts = []
    if marking:
        parts.append(f"**{_escape(marking)}**")
    parts.append(f"# {_escape(meta.title)}")
    if meta.subtitle:
        parts.append(f"*{_escape(meta.subtitle)}*")
    parts.append(_blocks(document.blocks))
    notes = [_indent(_inlines(fn.children), f"[^{fn.number}]: ") for fn in document.footnotes]
    if notes:
        parts.append("\n".join(notes))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
