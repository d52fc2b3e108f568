"""The Document: the small tree every exporter reads, and its plain-text dump.

Render decides everything that goes into a Document (what, in which order, numbering,
footnote numbers); exporters only lay it out. The tree is deliberately small, in the spirit
of the docutils doctree: a handful of block and inline node types, all immutable dataclasses.

The text dump (:func:`dump`) is the contract the golden tests compare against, so it is
stable, line-oriented and shows structure (node types, classes, footnote numbers) as well as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields

from briefgen.i18n.builtin import english

# --------------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """A run of plain text (already unescaped: exporters escape for their own format)."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    """Italic text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink to an absolute http(s) or mailto URL (render refuses other schemes)."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """A forced line break inside a paragraph."""


@dataclass(frozen=True)
class FootnoteRef:
    """A reference mark to footnote ``number`` in :attr:`Document.footnotes`."""

    number: int


Inline = Text | Strong | Emph | Link | LineBreak | FootnoteRef

# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1 (section) to 3 (sub-subsection)."""

    level: int
    children: tuple[Inline, ...]
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``role`` selects a paragraph style (None is body text).

    Roles: ``lead`` (opening summary), ``small`` (fine print), ``label`` (a run-in label
    line such as "Addressed to: ..."), ``attribution`` (the source line under a quote).
    """

    children: tuple[Inline, ...]
    role: str | None = None


#: Roles whose paragraphs run their first letter's way, not the memo's: fine print (the
#: references, often in their source's language) reads as its text does, in every exporter.
OWN_DIRECTION_ROLES = frozenset({"small"})


@dataclass(frozen=True)
class ListItem:
    """One item of a :class:`List`; holds blocks so items can nest lists."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class List:
    """A bulleted (``ordered=False``) or numbered list; numbered lists start at ``start``."""

    ordered: bool
    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True)
class Cell:
    """A table cell: blocks, so every cell wraps (a plain string never would in reportlab)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A table with an optional header row (repeated on every page) and relative widths."""

    header: tuple[Cell, ...] | None
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] | None = None
    caption: tuple[Inline, ...] | None = None


@dataclass(frozen=True)
class Quote:
    """A verbatim quotation from the source, set apart."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Callout:
    """A box set apart from the text: ``kind`` is note, editorial, contested or summary."""

    kind: str
    title: tuple[Inline, ...] | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Field:
    """One label/value line of a :class:`FieldList`."""

    label: str
    value: tuple[Inline, ...]


@dataclass(frozen=True)
class FieldList:
    """Label/value pairs: the memo header (To / From / Date / Subject), or a glossary
    (``role="glossary"``: render keeps only the entries the rest of the memo uses)."""

    fields: tuple[Field, ...]
    role: str | None = None


@dataclass(frozen=True)
class Figure:
    """One key figure: a short value ("700,000+") and what it counts."""

    value: str
    label: tuple[Inline, ...]


@dataclass(frozen=True)
class KeyFigures:
    """The key-figures panel: a row of large numbers with their labels."""

    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Rule:
    """A horizontal rule between parts of the memo."""


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a :class:`TimelineChart`: an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), a
    short plain-text label (a graphic has no room for emphasis, links or notes), and the date
    as the memo's language writes it (render fills it in; exporters print it, else the ISO
    date)."""

    date: str
    label: str
    shown: str = ""


@dataclass(frozen=True)
class TimelineChart:
    """The timeline drawn as a graphic: dated events along a horizontal axis.

    Exporters that cannot draw it write each date and label as text instead.
    """

    events: tuple[TimelineEntry, ...]
    caption: tuple[Inline, ...] | None = None


Block = (
    Heading | Paragraph | List | Table | Quote | Callout | FieldList | KeyFigures | Rule
    | TimelineChart
)  # fmt: skip

# --------------------------------------------------------------------------- document


#: What a note cites: each source's id with the paragraphs cited, in the order written.
Cites = tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Footnote:
    """Footnote ``number`` (1-based, in order of first reference) and its text.

    ``cites`` names the sources and paragraphs a citing note cites (markup ``<footnote
    data-cite="report:3 report:9">``); render writes its text from them in the memo's citation
    style, so by export ``children`` holds the formatted note."""

    number: int
    children: tuple[Inline, ...]
    cites: Cites = ()


@dataclass(frozen=True)
class Labels:
    """The words exporters print themselves, in the memo's language (render sets them from
    its label catalogue; a Document built by hand gets the English ones)."""

    notes: str  # the heading of the notes at the end
    page_of: str  # the folio, with {page} and {pages}: "Page {page} of {pages}"
    back_to_text: str  # the name of a note's link back to its mark
    untitled: str  # an outline entry for a heading with no text
    continued: str  # after a box's title where the box goes on from the page before

    @classmethod
    def of(cls, text: Callable[[str], str]) -> Labels:
        """The labels as ``text(key)`` gives them, key by key (a catalogue's keys)."""
        return cls(**{f.name: text(f.name) for f in fields(cls)})

    def folio(self, page: int | str, pages: int | str) -> str:
        """ "Page 3 of 7", in the memo's language."""
        return self.page_of.replace("{page}", str(page)).replace("{pages}", str(pages))


def _english_labels() -> Labels:
    return Labels.of(english().unfilled)


@dataclass(frozen=True)
class Metadata:
    """Document properties that exporters write as PDF info / DOCX core properties, and the
    words they print around the memo (labels, running header and footer text)."""

    title: str
    subtitle: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    date: str = ""
    language: str = "en"
    marking: str = ""
    labels: Labels = field(default_factory=_english_labels)
    header: str | None = None  # running header text in the memo's language (None: the style's)
    footer: str | None = None  # running footer text in the memo's language (None: the style's)
    #: the letterhead's organisation and lines in the memo's language (None: the style's)
    letterhead: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Document:
    """A whole memo: metadata, body blocks and footnotes."""

    meta: Metadata
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = field(default=())


# --------------------------------------------------------------------------- helpers


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Concatenate the text of ``inlines`` (footnote marks become ``[n]``)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Strong, Emph, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, FootnoteRef):
            parts.append(f"[{node.number}]")
    return "".join(parts)


def cites_text(cites: Cites) -> str:
    """``(("report", (3, 9)),)`` -> ``"report:3 report:9"``, as the markup writes it."""
    return " ".join(f"{source}:{n}" for source, numbers in cites for n in numbers)


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Yield every block in ``blocks``, depth first, including blocks nested in lists etc."""
    for block in blocks:
        yield block
        if isinstance(block, List):
            for item in block.items:
                yield from iter_blocks(item.blocks)
        elif isinstance(block, Table):
            for row in ((block.header,) if block.header else ()) + block.rows:
                for cell in row:
                    yield from iter_blocks(cell.blocks)
        elif isinstance(block, (Quote, Callout)):
            yield from iter_blocks(block.blocks)


def words(document: Document) -> int:
    """Count the words of the body and footnotes (what a reader reads, headers excluded)."""
    return len(dump_text(document).split())


def own_text(block: Block) -> list[str]:
    """The lines of text ``block`` holds itself (a callout's title, not its blocks)."""
    if isinstance(block, (Heading, Paragraph)):
        return [plain_text(block.children)]
    if isinstance(block, (Callout, Table)):
        title = block.title if isinstance(block, Callout) else block.caption
        return [plain_text(title)] if title else []
    if isinstance(block, FieldList):
        return [f"{f.label}: {plain_text(f.value)}" for f in block.fields]
    if isinstance(block, KeyFigures):
        return [f"{f.value} {plain_text(f.label)}" for f in block.figures]
    if isinstance(block, TimelineChart):
        caption = [plain_text(block.caption)] if block.caption else []
        return caption + [f"{e.date} {e.label}" for e in block.events]
    return []


def dump_text(document: Document) -> str:
    """The reader's text of ``document``: every block's words in order, then the footnotes."""
    lines = [line for block in iter_blocks(document.blocks) for line in own_text(block)]
    lines.extend(f"{fn.number}. {plain_text(fn.children)}" for fn in document.footnotes)
    return "\n".join(lines)


# --------------------------------------------------------------------------- golden dump


def _inline_dump(inlines: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Strong):
            parts.append(f"**{_inline_dump(node.children)}**")
        elif isinstance(node, Emph):
            parts.append(f"_{_inline_dump(node.children)}_")
        elif isinstance(node, Link):
            parts.append(f"[{_inline_dump(node.children)}]<{node.href}>")
        elif isinstance(node, LineBreak):
            parts.append("\\n")
        elif isinstance(node, FootnoteRef):
            parts.append(f"[^{node.number}]")
    return "".join(parts)


def _block_dump(block: Block, indent: str, out: list[str]) -> None:
    if isinstance(block, Heading):
        out.append(f"{indent}H{block.level} {_inline_dump(block.children)}")
    elif isinstance(block, Paragraph):
        role = f"({block.role}) " if block.role else ""
        out.append(f"{indent}P {role}{_inline_dump(block.children)}")
    elif isinstance(block, List):
        for offset, item in enumerate(block.items):
            mark = f"{block.start + offset}." if block.ordered else "-"
            out.append(f"{indent}{mark}")
            for child in item.blocks:
                _block_dump(child, indent + "    ", out)
    elif isinstance(block, Table):
        widths = f" widths={list(block.widths)}" if block.widths else ""
        out.append(f"{indent}TABLE{widths}")
        if block.caption:
            out.append(f"{indent}  caption: {_inline_dump(block.caption)}")
        rows = ([("th", block.header)] if block.header else []) + [("td", r) for r in block.rows]
        for kind, row in rows:
            out.append(f"{indent}  {kind.upper()}")
            for cell in row:
                out.append(f"{indent}    |")
                for child in cell.blocks:
                    _block_dump(child, indent + "      ", out)
    elif isinstance(block, Quote):
        out.append(f"{indent}QUOTE")
        for child in block.blocks:
            _block_dump(child, indent + "  ", out)
    elif isinstance(block, Callout):
        title = f" {_inline_dump(block.title)}" if block.title else ""
        out.append(f"{indent}CALLOUT[{block.kind}]{title}")
        for child in block.blocks:
            _block_dump(child, indent + "  ", out)
    elif isinstance(block, FieldList):
        out.append(f"{indent}FIELDS" + (f" ({block.role})" if block.role else ""))
        out.extend(f"{indent}  {f.label}: {_inline_dump(f.value)}" for f in block.fields)
    elif isinstance(block, KeyFigures):
        out.append(f"{indent}FIGURES")
        out.extend(f"{indent}  {f.value} = {_inline_dump(f.label)}" for f in block.figures)
    elif isinstance(block, TimelineChart):
        out.append(f"{indent}TIMELINE")
        if block.caption:
            out.append(f"{indent}  caption: {_inline_dump(block.caption)}")
        out.extend(f"{indent}  {e.date} = {e.label}" for e in block.events)
    elif isinstance(block, Rule):
        out.append(f"{indent}RULE")


def dump(document: Document) -> str:
    """A stable, line-oriented dump of the whole tree, for golden-file tests."""
    meta = document.meta
    out = [
        f"META title={meta.title!r} subtitle={meta.subtitle!r} author={meta.author!r}",
        f"META subject={meta.subject!r} date={meta.date!r} language={meta.language!r}"
        f" marking={meta.marking!r} keywords={list(meta.keywords)!r}",
        f"META header={meta.header!r} footer={meta.footer!r}",
        *([f"META letterhead={meta.letterhead!r}"] if meta.letterhead is not None else []),
        "META labels "
        + " ".join(f"{f.name}={getattr(meta.labels, f.name)!r}" for f in fields(meta.labels)),
    ]
    for block in document.blocks:
        _block_dump(block, "", out)
    for footnote in document.footnotes:
        cites = f" [{cites_text(footnote.cites)}]" if footnote.cites else ""
        out.append(f"FN {footnote.number}{cites}: {_inline_dump(footnote.children)}")
    return "\n".join(out) + "\n"
