"""The brief markup: a small, strict HTML subset that templates emit, parsed into a Document.

Templates are untrusted, so the parser is an allowlist: an element or attribute it does not
know, a link to anything but http(s)/mailto, or mismatched tags is an error naming the template
and the line of its output. Text is only ever text: entities are decoded, never interpreted.

Elements (attributes):
  h1 h2 h3 (id)            headings
  p (class)                paragraph; class: lead, small, label, attribution
  ul, ol (start), li       lists; every <ol> restarts its numbering
  table (data-widths), caption, thead, tbody, tr, th, td
  blockquote               a verbatim quotation
  aside (class, title)     callout; class: note, summary, editorial, contested
  dl (class), dt, dd       class "fields": memo header lines; class "figures": key figures;
                           class "glossary": terms (<dt>) and definitions (<dd>)
  figure (class), figcaption, ol, li (data-date)
                           class "timeline": the timeline graphic, one <li data-date> an event
  hr                       rule
  section, div             grouping only (transparent)
  strong, b, em, i, a (href), br
  footnote (data-cite)     a note; data-cite="report:3 report:9" (space-separated ID:N refs)
                           makes it a citation, written by render in the memo's citation
                           style (its own text, if any, follows the citation)

Elements nest at most :data:`MAX_DEPTH` deep (every exporter lays out that much; deeper is an
error at the element that crosses it). Text must not hold C0 or C1 control characters (tab and
line breaks aside), bidirectional embeddings, overrides or isolates (U+202A-202E,
U+2066-2069) or noncharacters, written literally or as character references; CDATA sections,
declarations and processing instructions are errors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from briefgen.brief.model import SOURCE_REF_PATTERN
from briefgen.brief.text_checks import FORBIDDEN, forbidden_message
from briefgen.document import tree as d
from briefgen.errors import InputError, Problem

_ATTRS: dict[str, set[str]] = {
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"},
    "p": {"class"}, "ul": set(), "ol": {"start"}, "li": {"data-date"},
    "table": {"data-widths"}, "caption": set(), "thead": set(), "tbody": set(),
    "tr": set(), "th": set(), "td": set(),
    "blockquote": set(), "aside": {"class", "title"},
    "dl": {"class"}, "dt": set(), "dd": set(),
    "figure": {"class"}, "figcaption": set(),
    "hr": set(), "section": set(), "div": set(),
    "strong": set(), "b": set(), "em": set(), "i": set(), "a": {"href"}, "br": set(),
    "footnote": {"data-cite"},
}  # fmt: skip
_VOID = {"br", "hr"}
# HTML's other void elements: refused as unknown, but never waiting for a closing tag.
_VOID |= {"area", "base", "col", "embed", "img", "input", "link", "meta", "source", "track", "wbr"}
_INLINE = {"strong", "b", "em", "i", "a", "br", "footnote"}
_PARAGRAPH_ROLES = {"lead", "small", "label", "attribution"}
_CALLOUT_KINDS = {"note", "summary", "editorial", "contested"}
_DL_KINDS = {"fields", "figures", "glossary"}
_FIGURE_KINDS = {"timeline"}
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_SAFE_HREF = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CITE = re.compile(SOURCE_REF_PATTERN)
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX][0-9a-fA-F]+|[0-9]+);?")

#: How deep elements may nest: far beyond what a memo needs (the built-in audiences nest
#: under 10), and within what the PDF and DOCX exporters lay out without recursing further.
MAX_DEPTH = 32


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Element | str] = field(default_factory=list)
    column: int = 1


class MarkupError(InputError):
    """A problem in the markup a template produced."""


class _TooDeep(Exception):
    """Nesting crossed :data:`MAX_DEPTH`: parsing stops (the tree would only get deeper)."""


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = _Element("#root", {}, 1)
        self.stack = [self.root]
        self.problems: list[Problem] = []

    def _problem(self, message: str) -> None:
        line, column = self.getpos()
        self.problems.append(Problem(self.source, line, column + 1, "", message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = _ATTRS.get(tag)
        if allowed is None:
            self._problem(f"unknown element <{tag}> in the template's output")
            allowed = set()
        values: dict[str, str] = {}
        for name, value in attrs:
            if name not in allowed:
                if tag in _ATTRS:  # an unknown element is reported once, not per attribute
                    self._problem(f"attribute {name!r} is not allowed on <{tag}>")
            else:
                values[name] = value or ""
        if tag == "a" and not _SAFE_HREF.match(values.get("href", "")):
            self._problem(f"link target {values.get('href', '')!r} is not an http(s) or mailto URL")
        line, column = self.getpos()
        element = _Element(tag, values, line, column=column + 1)
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)
            if len(self.stack) - 1 > MAX_DEPTH:
                self._problem(f"<{tag}> nests elements deeper than {MAX_DEPTH} levels")
                raise _TooDeep

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.stack[-1].tag != tag:
            self._problem(f"</{tag}> does not close <{self.stack[-1].tag}>")
            if any(element.tag == tag for element in self.stack[1:]):
                while self.stack[-1].tag != tag:
                    self.stack.pop()
            else:
                return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        pass  # template comments are allowed and dropped

    def handle_decl(self, decl: str) -> None:
        self._problem("declarations are not allowed in the markup")

    def handle_pi(self, data: str) -> None:
        self._problem("processing instructions are not allowed in the markup")

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):  # never silently dropped: its text would vanish
            self._problem("CDATA sections are not allowed in the markup: write the text escaped")
        else:
            self._problem(f"<![{data}]> is not allowed in the markup")


def _character_problems(markup: str, source: str) -> list[Problem]:
    """Forbidden characters in ``markup``, literal or as character references, located."""
    found = [(m.start(), m.group(), m.group()) for m in FORBIDDEN.finditer(markup)]
    for match in _CHARACTER_REFERENCE.finditer(markup):
        # The code point written, not what HTML makes of it: HTML reads &#x85; as U+2026 and
        # drops &#xFDD0; silently, but either says something other than what was meant.
        digits = match.group().strip("&#;")
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        char = chr(code) if code <= 0x10FFFF else "\ufffe"
        if FORBIDDEN.match(char):
            found.append((match.start(), char, match.group()))
    problems = []
    for offset, char, written in sorted(found):
        line = markup.count("\n", 0, offset) + 1
        column = offset - (markup.rfind("\n", 0, offset) + 1) + 1
        message = forbidden_message(char)
        if written != char:
            message += f" (written {written})"
        problems.append(Problem(source, line, column, "", message))
    return problems


class _Converter:
    """Element tree -> Document blocks; numbers footnotes in reading order."""

    def __init__(self, source: str, sources: Mapping[str, int | None] | None = None) -> None:
        self.source = source
        self.sources = sources
        self.footnotes: list[d.Footnote] = []
        self.problems: list[Problem] = []

    def _problem(self, element: _Element, message: str) -> None:
        self.problems.append(Problem(self.source, element.line, element.column, "", message))

    # ---- blocks
    def blocks(self, children: list[_Element | str]) -> list[d.Block]:
        out: list[d.Block] = []
        pending: list[_Element | str] = []

        def flush() -> None:
            inlines = self.inlines(pending)
            if inlines:
                out.append(d.Paragraph(inlines))
            pending.clear()

        for child in children:
            if isinstance(child, str) or child.tag in _INLINE:
                pending.append(child)
            else:
                flush()
                out.extend(self.block(child))
        flush()
        return out

    def block(self, el: _Element) -> list[d.Block]:
        tag = el.tag
        if tag in {"h1", "h2", "h3"}:
            return [d.Heading(int(tag[1]), self.inlines(el.children), el.attrs.get("id") or None)]
        if tag == "p":
            role = el.attrs.get("class") or None
            if role is not None and role not in _PARAGRAPH_ROLES:
                self._problem(
                    el, f"<p class={role!r}>: class must be one of {sorted(_PARAGRAPH_ROLES)}"
                )
            inlines = self.inlines(el.children)
            return [d.Paragraph(inlines, role)] if inlines else []
        if tag in {"ul", "ol"}:
            return self.list(el)
        if tag == "table":
            return self.table(el)
        if tag == "blockquote":
            return [d.Quote(tuple(self.blocks(el.children)))]
        if tag == "aside":
            kind = el.attrs.get("class", "note")
            if kind not in _CALLOUT_KINDS:
                self._problem(
                    el, f"<aside class={kind!r}>: class must be one of {sorted(_CALLOUT_KINDS)}"
                )
            title = el.attrs.get("title")
            title_inlines = (d.Text(_SPACE.sub(" ", title).strip()),) if title else None
            return [d.Callout(kind, title_inlines, tuple(self.blocks(el.children)))]
        if tag == "dl":
            return self.definition_list(el)
        if tag == "figure":
            return self.timeline(el)
        if tag == "hr":
            return [d.Rule()]
        if tag in {"section", "div"}:
            return self.blocks(el.children)
        if tag in _ATTRS:  # an element in the wrong place (<li> outside a list, ...)
            self._problem(el, f"<{tag}> is not allowed here")
        return []

    def _elements(self, el: _Element, allowed: set[str]) -> list[_Element]:
        found = []
        for child in el.children:
            if isinstance(child, str):
                if child.strip():
                    self._problem(el, f"text directly inside <{el.tag}> must be in an element")
            elif child.tag in allowed:
                found.append(child)
            else:
                self._problem(child, f"<{child.tag}> is not allowed inside <{el.tag}>")
        return found

    def list(self, el: _Element) -> list[d.Block]:
        if any(isinstance(li, _Element) and "data-date" in li.attrs for li in el.children):
            self._problem(el, 'data-date belongs on the <li> of a <figure class="timeline">')
        items = tuple(
            d.ListItem(tuple(self.blocks(li.children))) for li in self._elements(el, {"li"})
        )
        start = 1
        if "start" in el.attrs:
            try:
                start = int(el.attrs["start"])
            except ValueError:
                self._problem(el, f"<ol start={el.attrs['start']!r}> is not a whole number")
        return [d.List(el.tag == "ol", items, start)] if items else []

    def table(self, el: _Element) -> list[d.Block]:
        caption = None
        header = None
        rows: list[tuple[d.Cell, ...]] = []
        for part in self._elements(el, {"caption", "thead", "tbody", "tr"}):
            if part.tag == "caption":
                caption = self.inlines(part.children)
                continue
            for tr in [part] if part.tag == "tr" else self._elements(part, {"tr"}):
                cells = self._elements(tr, {"th", "td"})
                row = tuple(d.Cell(tuple(self.blocks(c.children))) for c in cells)
                if part.tag == "thead" or (
                    header is None and not rows and cells and all(c.tag == "th" for c in cells)
                ):
                    header = row
                else:
                    rows.append(row)
        widths = None
        if "data-widths" in el.attrs:
            try:
                widths = tuple(float(w) for w in el.attrs["data-widths"].split(","))
            except ValueError:
                self._problem(
                    el, f"data-widths={el.attrs['data-widths']!r} is not a list of numbers"
                )
        columns = {len(r) for r in ([header] if header else []) + rows}
        if len(columns) > 1:
            self._problem(el, "table rows have different numbers of cells")
        elif widths and columns and len(widths) not in columns:
            self._problem(el, "data-widths has a different number of columns than the table")
        if not rows and header is None:
            return []
        return [d.Table(header, tuple(rows), widths, caption)]

    def definition_list(self, el: _Element) -> list[d.Block]:
        kind = el.attrs.get("class", "fields")
        if kind not in _DL_KINDS:
            self._problem(el, f"<dl class={kind!r}>: class must be one of {sorted(_DL_KINDS)}")
        parts = self._elements(el, {"dt", "dd"})
        pairs: list[tuple[str, tuple[d.Inline, ...]]] = []
        for index in range(0, len(parts) - 1, 2):
            term, value = parts[index], parts[index + 1]
            if term.tag != "dt" or value.tag != "dd":
                self._problem(term, f"<dl class={kind!r}> needs <dt> and <dd> in pairs")
                return []
            pairs.append((d.plain_text(self.inlines(term.children)), self.inlines(value.children)))
        if len(parts) % 2:
            self._problem(el, f"<dl class={kind!r}> needs <dt> and <dd> in pairs")
        if kind == "figures":
            return [d.KeyFigures(tuple(d.Figure(v, lab) for v, lab in pairs))] if pairs else []
        role = "glossary" if kind == "glossary" else None
        return [d.FieldList(tuple(d.Field(lab, v) for lab, v in pairs), role)] if pairs else []

    def timeline(self, el: _Element) -> list[d.Block]:
        """``<figure class="timeline">``: an optional ``<figcaption>`` and one ``<ol>`` whose
        ``<li data-date="YYYY[-MM[-DD]]">`` hold each event's short plain-text label."""
        kind = el.attrs.get("class", "")
        if kind not in _FIGURE_KINDS:
            self._problem(
                el, f"<figure class={kind!r}>: class must be one of {sorted(_FIGURE_KINDS)}"
            )
        caption = None
        entries: list[d.TimelineEntry] = []
        for part in self._elements(el, {"figcaption", "ol"}):
            if part.tag == "figcaption":
                caption = self.inlines(part.children) or None
                continue
            for li in self._elements(part, {"li"}):
                date = li.attrs.get("data-date", "")
                if not _ISO_DATE.match(date):
                    message = f"data-date={date!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    self._problem(li, f"timeline event: {message}")
                if any(isinstance(child, _Element) for child in li.children):
                    self._problem(li, "a timeline event's label must be plain text")
                label = _SPACE.sub(" ", "".join(c for c in li.children if isinstance(c, str)))
                if label.strip():
                    entries.append(d.TimelineEntry(date, label.strip()))
                else:
                    self._problem(li, "a timeline event needs a label")
        return [d.TimelineChart(tuple(entries), caption)] if entries else []

    # ---- inlines
    def inlines(self, children: list[_Element | str]) -> tuple[d.Inline, ...]:
        return _normalise_space(self._inline_nodes(children))

    def _inline_nodes(self, children: list[_Element | str]) -> list[d.Inline]:
        out: list[d.Inline] = []
        for child in children:
            if isinstance(child, str):
                out.append(d.Text(child))
                continue
            tag = child.tag
            if tag in {"strong", "b"}:
                out.append(d.Strong(tuple(self._inline_nodes(child.children))))
            elif tag in {"em", "i"}:
                out.append(d.Emph(tuple(self._inline_nodes(child.children))))
            elif tag == "a":
                out.append(
                    d.Link(child.attrs.get("href", ""), tuple(self._inline_nodes(child.children)))
                )
            elif tag == "br":
                out.append(d.LineBreak())
            elif tag == "footnote":
                number = len(self.footnotes) + 1
                cites = self.cites(child)
                self.footnotes.append(d.Footnote(number, (), cites))
                children = self.inlines(child.children)  # numbers any notes inside it after
                self.footnotes[number - 1] = d.Footnote(number, children, cites)
                out.append(d.FootnoteRef(number))
            elif tag in _ATTRS:  # unknown elements were reported by the tree builder
                self._problem(child, f"<{tag}> is a block element and cannot appear inside text")
        return out

    def cites(self, el: _Element) -> d.Cites:
        """A footnote's ``data-cite`` refs grouped by source, in the order written; each
        checked against ``sources`` (id -> paragraph count) when the parse was given them."""
        if "data-cite" not in el.attrs:
            return ()
        grouped: dict[str, list[int]] = {}
        for ref in el.attrs["data-cite"].split():
            match = _CITE.match(ref)
            if not match:
                self._problem(el, f"data-cite: {ref!r} is not a reference ID:N (e.g. report:3)")
                continue
            source, paragraph = match[1], int(match[2])
            if self.sources is not None and source not in self.sources:
                known = ", ".join(sorted(self.sources)) or "none"
                self._problem(el, f"data-cite: no source {source!r} (sources: {known})")
            elif self.sources is not None and paragraph > (self.sources[source] or paragraph):
                count = self.sources[source]
                self._problem(el, f"data-cite: {ref} is past the source's {count} paragraphs")
            elif paragraph not in grouped.setdefault(source, []):
                grouped[source].append(paragraph)
        if not el.attrs["data-cite"].split():
            self._problem(el, "data-cite: no reference given")
        return tuple((source, tuple(numbers)) for source, numbers in grouped.items() if numbers)


def _normalise_space(nodes: list[d.Inline]) -> tuple[d.Inline, ...]:
    """Collapse whitespace as HTML does and trim it at both ends of the run."""
    state = {"space": True}  # at the start, leading space is dropped

    def walk(items: tuple[d.Inline, ...] | list[d.Inline]) -> list[d.Inline]:
        result: list[d.Inline] = []
        for node in items:
            if isinstance(node, d.Text):
                text = _SPACE.sub(" ", node.text)
                if state["space"] and text.startswith(" "):
                    text = text[1:]
                if text:
                    state["space"] = text.endswith(" ")
                    result.append(d.Text(text))
            elif isinstance(node, d.LineBreak):
                _trim_end(result)
                state["space"] = True
                result.append(node)
            elif isinstance(node, (d.Strong, d.Emph, d.Link)):
                inner = walk(node.children)
                if inner:
                    result.append(type(node)(*_rebuild_args(node, tuple(inner))))
            else:
                state["space"] = False
                result.append(node)
        return result

    out = walk(nodes)
    _trim_end(out)
    return tuple(out)


def _rebuild_args(node: d.Strong | d.Emph | d.Link, children: tuple[d.Inline, ...]) -> tuple:
    return (node.href, children) if isinstance(node, d.Link) else (children,)


def _trim_end(nodes: list[d.Inline]) -> None:
    while nodes:
        last = nodes[-1]
        if isinstance(last, d.Text):
            text = last.text.rstrip(" ")
            if text:
                nodes[-1] = d.Text(text)
                return
            nodes.pop()
        elif isinstance(last, (d.Strong, d.Emph, d.Link)):
            inner = list(last.children)
            _trim_end(inner)
            if inner:
                nodes[-1] = type(last)(*_rebuild_args(last, tuple(inner)))
                return
            nodes.pop()
        else:
            return


def parse(
    markup: str, source: str, sources: Mapping[str, int | None] | None = None
) -> tuple[tuple[d.Block, ...], tuple[d.Footnote, ...]]:
    """Parse template output ``markup`` (``source`` names the template) into blocks and footnotes.

    ``sources`` (the brief's source ids and paragraph counts, None where unknown), when given,
    is what a ``<footnote data-cite>`` may cite.

    Raises :class:`MarkupError` listing every problem, each with the output line.
    """
    characters = _character_problems(markup, source)
    builder = _TreeBuilder(source)
    try:
        builder.feed(markup)
        builder.close()
    except _TooDeep:  # nothing deeper is converted: report what was found so far
        raise MarkupError(characters + builder.problems) from None
    for element in builder.stack[1:]:
        builder.problems.append(
            Problem(source, element.line, element.column, "", f"<{element.tag}> is never closed")
        )
    converter = _Converter(source, sources)
    blocks = converter.blocks(builder.root.children)
    problems = characters + builder.problems + converter.problems
    if problems:
        raise MarkupError(problems)
    return tuple(blocks), tuple(converter.footnotes)
