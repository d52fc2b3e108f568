"""HTML exporter: one self-contained file (inline CSS, screen and print), no scripts.

The memo's language sets ``lang`` and ``dir`` on the document; blocks and stretches of text
in another script or direction are marked as :mod:`.html_scripts` says, and the CSS uses
logical sides (inline start and end), so a right-to-left memo mirrors its layout.
"""

from __future__ import annotations

import base64
from html import escape

from briefgen.audience.logo import letterhead_logo, logo_size
from briefgen.audience.style import Letterhead, Style
from briefgen.document import tree as d
from briefgen.document.figure_rows import figure_grid
from briefgen.document.number_ranges import ranges
from briefgen.export.html_isolates import Isolate, Node, isolated
from briefgen.export.html_scripts import Direction, font_stack, isolate_span, marked
from briefgen.export.timeline.layout import for_style
from briefgen.export.timeline.svg import svg

COLUMN = 46  # width of the text column on screen, in ems of the body size

_CSS = """
:root {{ --primary: {primary}; --accent: {accent}; --text: {text}; --muted: {muted};
  --rule: {rule}; --th: {table_header}; --note: {callout}; --editorial: {editorial};
  --contested: {contested}; }}
html {{ font-size: {size}pt; }}
body {{ font-family: {body_family}; color: var(--text); line-height: {line}; max-width: {column}em;
  margin: 2.5em auto; padding: 0 1.2em; }}
h1, h2, h3, .title {{ font-family: {heading_family}; color: var(--primary); line-height: 1.2;
  break-after: avoid; }}
.title {{ font-size: {title}pt; font-weight: bold; margin: 0.4em 0 0.1em; }}
.subtitle {{ font-size: 1.15rem; color: var(--muted); margin: 0 0 1em; }}
.marking {{ color: var(--accent); font-weight: bold; letter-spacing: 0.08em; }}
h1 {{ font-size: {h1}pt; margin: 1.6em 0 0.5em; border-bottom: 1px solid var(--rule); }}
h2 {{ font-size: {h2}pt; margin: 1.3em 0 0.4em; }}
h3 {{ font-size: {h3}pt; margin: 1.1em 0 0.3em; }}
p {{ margin: 0 0 0.6em; orphans: 2; widows: 2; }}
p.lead {{ font-size: 1.08rem; }}
p.small {{ font-size: 0.88rem; color: var(--muted); }}
p.label {{ font-weight: bold; color: var(--primary); font-size: 0.9rem; }}
p.attribution {{ text-align: end; font-size: 0.85rem; color: var(--muted); }}
a {{ color: var(--primary); }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }}
caption {{ caption-side: top; text-align: start; color: var(--muted); font-size: 0.9rem;
  padding-bottom: 0.3em; }}
th, td {{ border: 1px solid var(--rule); padding: 0.35em 0.5em; vertical-align: top;
  text-align: start; overflow-wrap: anywhere; }}
th {{ background: var(--th); }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
td p:last-child, th p:last-child {{ margin-bottom: 0; }}
dl.fields {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em;
  margin: 0 0 0.8em; }}
dl.fields dt {{ font-weight: bold; color: var(--primary); }}
dl.fields dd {{ margin: 0; }}
dl.figures {{ display: grid; gap: 0.6em; background: var(--note); padding: 0.8em;
  margin: 0.6em 0 1em; }}
dl.figures div {{ margin: 0; }}
dl.figures dt {{ font-size: 1.5rem; font-weight: bold; color: var(--accent); }}
dl.figures dd {{ margin: 0; font-size: 0.85rem; }}
@media (max-width: 32em) {{ dl.figures {{ grid-template-columns: 1fr 1fr !important; }}
  dl.figures div {{ grid-column: auto !important; }} }}
blockquote {{ margin: 0.6em 0 0.9em; padding-block: 0.1em; padding-inline: 1em 0;
  border-inline-start: 3px solid var(--primary); font-style: italic; }}
aside {{ margin: 0.8em 0; padding: 0.6em 0.9em; border-inline-start: 4px solid var(--primary);
  background: var(--note); break-inside: avoid; }}
aside.editorial {{ background: var(--editorial); border-inline-start-color: var(--accent); }}
aside.contested {{ background: var(--contested); border-inline-start-color: var(--accent); }}
aside .callout-title {{ font-weight: bold; font-family: {heading_family}; margin-bottom: 0.3em; }}
figure.timeline {{ margin: 0.4em 0 1em; }}
figure.timeline svg {{ direction: ltr; }}
figure.timeline figcaption {{ color: var(--muted); font-size: 0.9rem; font-weight: bold;
  font-family: {heading_family}; margin-bottom: 0.3em; }}
hr {{ border: 0; border-top: 1px solid var(--rule); margin: 1em 0; }}
.letterhead {{ display: flex; align-items: center; gap: 4mm; margin: 0 0 1em;
  font-family: {heading_family}; }}
.letterhead.logo-right {{ flex-direction: row-reverse; justify-content: space-between; }}
.letterhead img {{ height: 10mm; width: auto; }}
.letterhead p {{ margin: 0; font-size: 0.85rem; color: var(--muted); line-height: 1.3; }}
.letterhead p.organisation {{ font-size: 1.1rem; font-weight: bold; color: var(--primary); }}
sup a {{ text-decoration: none; }}
.nowrap {{ white-space: nowrap; }}
section.notes {{ font-size: 0.85rem; border-top: 1px solid var(--rule); margin-top: 2em; }}
section.notes li:target {{ background: var(--note); }}
@page {{ size: {page}; margin: {mt}mm {mr}mm {mb}mm {ml}mm; }}
@media print {{ body {{ max-width: none; margin: 0; padding: 0; }} a {{ color: inherit; }}
  figure.timeline svg {{ width: 100%; }} }}
"""


def _css(style: Style, language: str) -> str:
    c = style.colours
    h1, h2, h3 = style.heading_sizes
    m = style.margins
    return _CSS.format(
        primary=c.primary, accent=c.accent, text=c.text, muted=c.muted, rule=c.rule,
        table_header=c.table_header, callout=c.callout, editorial=c.editorial,
        contested=c.contested, size=style.font_size, line=style.line_spacing,
        body_family=font_stack(style.body_font, language),
        heading_family=font_stack(style.heading_font, language),
        title=style.title_size, h1=h1, h2=h2, h3=h3, page=style.page_size,
        mt=m.top, mr=m.right, mb=m.bottom, ml=m.left, column=COLUMN,
    )  # fmt: skip


def _text(text: str, where: Direction) -> str:
    """``text`` escaped and marked with its scripts (:func:`.html_scripts.marked`), each
    number range ("20,000-30,000") in a span no line breaks inside (a browser may break
    after a hyphen or an en dash)."""
    out, at = [], 0
    for start, end in ranges(text):
        out.append(marked(text[at:start], where))
        out.append(f'<span class="nowrap">{escape(text[start:end], quote=False)}</span>')
        at = end
    out.append(marked(text[at:], where))
    return "".join(out)


def _inlines(nodes: tuple[Node, ...], where: Direction) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, d.Text):
            out.append(_text(node.text, where))
        elif isinstance(node, Isolate):
            inner = where.isolated(node.rtl)
            out.append(isolate_span(_inlines(node.children, inner), inner))
        elif isinstance(node, d.Strong):
            out.append(f"<strong>{_inlines(node.children, where)}</strong>")
        elif isinstance(node, d.Emph):
            out.append(f"<em>{_inlines(node.children, where)}</em>")
        elif isinstance(node, d.Link):
            out.append(f'<a href="{escape(node.href)}">{_inlines(node.children, where)}</a>')
        elif isinstance(node, d.LineBreak):
            out.append("<br>")
        elif isinstance(node, d.FootnoteRef):
            n = node.number
            out.append(f'<sup id="fnref-{n}"><a href="#fn-{n}">{n}</a></sup>')
    return "".join(out)


def _element(tag: str, inlines: tuple[d.Inline, ...], where: Direction, attrs: str = "",
             own: bool = False) -> str:  # fmt: skip
    """``<tag attrs>inlines</tag>``, with ``dir`` when it runs the other way than the memo
    (``own``: a block that runs its first letter's way, see :meth:`Direction.block`)."""
    inner, way = where.block(d.plain_text(inlines), own)
    return f"<{tag}{attrs}{way}>{_inlines(isolated(inlines, inner.rtl), inner)}</{tag}>"


def _block(block: d.Block, out: list[str], style: Style, where: Direction) -> None:
    if isinstance(block, d.Heading):
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        out.append(_element(f"h{block.level}", block.children, where, anchor))
    elif isinstance(block, d.Paragraph):
        role = f' class="{block.role}"' if block.role else ""
        own = block.role in d.OWN_DIRECTION_ROLES
        out.append(_element("p", block.children, where, role, own))
    elif isinstance(block, d.List):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        out.append(f"<{tag}{start}>")
        for item in block.items:
            out.append("<li>")
            _blocks(item.blocks, out, style, where)
            out.append("</li>")
        out.append(f"</{tag}>")
    elif isinstance(block, d.Table):
        _table(block, out, style, where)
    elif isinstance(block, d.Quote):
        out.append("<blockquote>")
        _blocks(block.blocks, out, style, where)
        out.append("</blockquote>")
    elif isinstance(block, d.Callout):
        out.append(f'<aside class="{block.kind}">')
        if block.title:
            out.append(_element("div", block.title, where, ' class="callout-title"'))
        _blocks(block.blocks, out, style, where)
        out.append("</aside>")
    elif isinstance(block, d.FieldList):
        out.append('<dl class="fields">')
        for f in block.fields:
            out.append(_element("dt", (d.Text(f.label),), where) + _element("dd", f.value, where))
        out.append("</dl>")
    elif isinstance(block, d.KeyFigures):
        _figures(block, out, where)
    elif isinstance(block, d.Rule):
        out.append("<hr>")
    elif isinstance(block, d.TimelineChart) and block.events:
        _timeline(block, out, style, where)


def _figures(block: d.KeyFigures, out: list[str], where: Direction) -> None:
    """The key figures on a grid of half-columns, in the PDF's balanced rows
    (:func:`figure_grid`): each figure two half-columns wide, a shorter row centred."""
    columns, grid = figure_grid(len(block.figures))
    out.append(f'<dl class="figures" style="grid-template-columns: repeat({columns}, 1fr)">')
    for line in grid:
        for index in range(line.count):
            fig = block.figures[line.first + index]
            start = f"{line.offset + 1} / " if index == 0 and line.offset else ""
            value = _element("dt", (d.Text(fig.value),), where)
            out.append(
                f'<div style="grid-column: {start}span 2">'
                f"{value}{_element('dd', fig.label, where)}</div>"
            )
    out.append("</dl>")


def _table(block: d.Table, out: list[str], style: Style, where: Direction) -> None:
    """A table: caption, column widths, a header row, the body rows."""
    out.append("<table>")
    if block.caption:
        out.append(_element("caption", block.caption, where))
    if block.widths:
        total = sum(block.widths)
        cols = "".join(f'<col style="width:{w / total:.1%}">' for w in block.widths)
        out.append(f"<colgroup>{cols}</colgroup>")
    if block.header:
        out.append("<thead><tr>")
        for cell in block.header:
            out.append("<th>")
            _blocks(cell.blocks, out, style, where)
            out.append("</th>")
        out.append("</tr></thead>")
    out.append("<tbody>")
    for row in block.rows:
        out.append("<tr>")
        for cell in row:
            out.append("<td>")
            _blocks(cell.blocks, out, style, where)
            out.append("</td>")
        out.append("</tr>")
    out.append("</tbody></table>")


def _timeline(block: d.TimelineChart, out: list[str], style: Style, where: Direction) -> None:
    """The timeline graphic as inline SVG, laid out as in the PDF at the width of the text
    column (on screen narrower than the page's text width): drawn at its own size, its
    labels keep the size the layout gives them instead of being scaled down."""
    page_width = {"A4": 595.28, "Letter": 612.0}[style.page_size]
    text_width = page_width - (style.margins.left + style.margins.right) * 72 / 25.4
    width = min(text_width, COLUMN * style.font_size)  # the html element's size is the body's
    geometry = for_style([(e.date, e.label, e.shown) for e in block.events], width, style)
    out.append('<figure class="timeline">')
    if block.caption:
        out.append(_element("figcaption", block.caption, where))
    out.append(svg(geometry, style, font_stack(style.heading_font, where.language)))
    out.append("</figure>")


def _blocks(blocks: tuple[d.Block, ...], out: list[str], style: Style, where: Direction) -> None:
    for block in blocks:
        _block(block, out, style, where)


def _letterhead(head: Letterhead, where: Direction) -> list[str]:
    """The house style's letterhead: its logo (embedded, re-encoded) beside its words."""
    if not head.shown:
        return []
    side = " logo-right" if head.logo_position == "right" else ""
    out = [f'<div class="letterhead{side}">']
    data = letterhead_logo(head.logo)
    if data:
        wide, high = logo_size(data)
        source = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        out.append(f'<img src="{source}" alt="" width="{wide}" height="{high}">')
    out.append("<div>")
    if head.organisation.strip():
        out.append(_element("p", (d.Text(head.organisation),), where, ' class="organisation"'))
    out += [_element("p", (d.Text(line),), where) for line in head.lines if line]
    out.append("</div></div>")
    return out


def export(document: d.Document, style: Style) -> bytes:
    """The memo as one UTF-8 HTML file with inline CSS (screen and print)."""
    meta = document.meta
    marking = style.marking or meta.marking
    where = Direction.of(meta.language)
    way = ' dir="rtl"' if where.memo_rtl else ""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(meta.language)}"{way}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(meta.title)}</title>",
        f'<meta name="author" content="{escape(meta.author)}">',
        f'<meta name="description" content="{escape(meta.subject)}">',
        f'<meta name="keywords" content="{escape(", ".join(meta.keywords))}">',
        '<meta name="generator" content="briefgen">',
        f"<style>{_css(style, meta.language)}</style>",
        "</head>",
        "<body>",
        "<header>",
        *_letterhead(style.letterhead, where),
    ]
    if marking:
        out.append(_element("div", (d.Text(marking),), where, ' class="marking"'))
    out.append(_element("div", (d.Text(meta.title),), where, ' class="title"'))
    if meta.subtitle:
        out.append(_element("p", (d.Text(meta.subtitle),), where, ' class="subtitle"'))
    out.append("</header>")
    out.append("<main>")
    _blocks(document.blocks, out, style, where)
    out.append("</main>")
    if document.footnotes:
        back = escape(meta.labels.back_to_text)
        out.append(f'<section class="notes"><h2>{escape(meta.labels.notes)}</h2><ol>')
        for fn in document.footnotes:
            n = fn.number
            inner, way = where.block(d.plain_text(fn.children))
            out.append(
                f'<li id="fn-{n}"{way}>{_inlines(isolated(fn.children, inner.rtl), inner)} '
                f'<a href="#fnref-{n}" aria-label="{back}">↩</a></li>'
            )
        out.append("</ol></section>")
    out.append("</body>")
    out.append("</html>")
    return ("\n".join(out) + "\n").encode("utf-8")
