"""Where the PDF's flowables landed, and which layout rules that breaks.

The PDF writer records every flowable it places (its page, its top and bottom, what it is)
as reportlab lays the memo out, and each page's end; :meth:`Recorder.layout` then checks
the typographic rules on that record, so nothing has to read the PDF back:

- ``stranded-heading``: a heading with fewer than two lines of its text under it on its page
  (a table's or box's first row counts as two), its text going on overleaf;
- ``split-callout``: a callout broken across pages though it is no taller than a page (and
  its page would otherwise have been under a quarter full), or a continuation that does not
  repeat its title;
- ``short-page``: a page other than the last under a quarter full, unless a part (a
  level-1 heading) starts on the next one;
- ``overfull``: a line or cell running past its frame;
- ``figure-grid``: key-figure rows of unequal length (more than one apart);
- ``broken-range``: a line break inside a number range such as "20,000-30,000".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table

from briefgen.document.number_ranges import broken_range
from briefgen.export.pdf.script_paragraph import ScriptParagraph

SHORT_PAGE = 0.25  # a page filled less than this (a fraction of the frame's height) is short
_FUZZ = 0.5  # pt a line may run over before it is overfull (rounding in the line breaker)


@dataclass(frozen=True)
class Fault:
    """One broken rule: which, on which page, the text it concerns and what is wrong."""

    rule: str
    page: int
    text: str
    detail: str


@dataclass(frozen=True)
class Placed:
    """One flowable as placed: ``kind`` is heading, paragraph, box, table or other; ``lines``
    its lines (paragraphs) and ``part`` "head" or "tail" for a split box."""

    page: int
    kind: str
    text: str
    lines: int = 0
    level: int = 0
    part: str | None = None
    whole: float = 0.0  # a box's height before it was split
    continued: bool = False  # a box's continuation that repeats its title
    fills: bool = False  # a box split so that its page is not left under a quarter full
    bottom: float = 0.0  # pt from the page's foot


@dataclass(frozen=True)
class Layout:
    """A laid-out memo: its page count, how full each page is (0-1), its faults and every
    flowable as placed, in order."""

    pages: int
    fill: tuple[float, ...]
    faults: tuple[Fault, ...]
    placed: tuple[Placed, ...] = ()


@dataclass
class Recorder:
    """Collects what the writer placed (see the module notes); ``top`` is the frame's top
    (pt from the page's foot) and ``height`` its height."""

    top: float
    height: float
    width: float
    placed: list[Placed] = field(default_factory=list)
    fill: dict[int, float] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)

    def place(self, flowable: Flowable, page: int, bottom: float) -> None:
        """Record ``flowable``, drawn on ``page`` with its foot at ``bottom``."""
        if not _size(flowable, "height"):
            return
        item = replace(_describe(flowable, page), bottom=bottom)
        self.placed.append(item)
        used = (self.top - bottom) / self.height
        self.fill[page] = max(self.fill.get(page, 0.0), used)
        self._lines(flowable, page, item.text)
        grid = getattr(flowable, "_briefgen_figure_rows", None)
        if grid and max(grid) - min(grid) > 1:
            rows = " + ".join(map(str, grid))
            self.faults.append(Fault("figure-grid", page, rows, f"key-figure rows {rows}"))

    def page_ended(self, page: int) -> None:
        """Note that ``page`` is done (an empty page counts as filled 0)."""
        self.fill.setdefault(page, 0.0)

    def _lines(self, flowable: Flowable, page: int, context: str) -> None:
        """Overfull lines and broken ranges in ``flowable`` and what it holds."""
        wide = _size(flowable, "width") - self.width
        if wide > _FUZZ:
            self.faults.append(Fault("overfull", page, context, f"{wide:.1f} pt too wide"))
        for paragraph in _paragraphs(flowable):
            texts = _line_texts(paragraph)
            for text, over in texts:
                if over > _FUZZ:
                    detail = f"a line runs {over:.1f} pt past its frame: “{_short(text)}”"
                    self.faults.append(Fault("overfull", page, context, detail))
            for (line, _), (following, _) in pairwise(texts):
                if broken_range(line, following):
                    detail = f"a line breaks inside a number range: “{_short(line[-20:])}”"
                    self.faults.append(Fault("broken-range", page, context, detail))

    def layout(self) -> Layout:
        """The layout: pages, fill and every fault, in page order."""
        pages = max(self.fill, default=0)
        fill = tuple(self.fill.get(page, 0.0) for page in range(1, pages + 1))
        faults = [*self.faults, *_stranded(self.placed), *_split_boxes(self.placed, self.height)]
        faults += _short_pages(self.placed, fill)
        faults.sort(key=lambda fault: fault.page)
        return Layout(pages, fill, tuple(faults), tuple(self.placed))


def _describe(flowable: Flowable, page: int) -> Placed:
    """What ``flowable`` is, for the rules."""
    outline = getattr(flowable, "_briefgen_outline", None)
    if outline is not None:
        return Placed(page, "heading", outline[1], level=outline[0])
    callout = getattr(flowable, "_briefgen_callout", None)
    if callout is not None:
        part = getattr(flowable, "_briefgen_part", None)
        whole = getattr(flowable, "_briefgen_whole", _size(flowable, "height"))
        continued = getattr(flowable, "_briefgen_continued", False)
        fills = getattr(flowable, "_briefgen_fills", False)
        return Placed(
            page, "box", callout, part=part, whole=whole, continued=continued, fills=fills
        )
    if isinstance(flowable, (Paragraph, ScriptParagraph)):
        texts = _line_texts(flowable)
        return Placed(page, "paragraph", " ".join(t for t, _ in texts), lines=len(texts))
    if isinstance(flowable, Table):
        return Placed(page, "table", _first_text(flowable))
    return Placed(page, "other", _first_text(flowable))


def _size(flowable: Flowable, name: str) -> float:
    """A placed flowable's ``name`` ("width" or "height"); a Table keeps them as _width, _height."""
    value = getattr(flowable, name, None)
    return float(value if value is not None else getattr(flowable, f"_{name}", 0.0) or 0.0)


def _paragraphs(flowable: Any) -> Iterator[Any]:
    """Every paragraph in ``flowable`` (itself, a table's cells, a list's items, notes)."""
    if isinstance(flowable, (Paragraph, ScriptParagraph)):
        yield flowable
        return
    if isinstance(flowable, (list, tuple)):
        for inner in flowable:
            yield from _paragraphs(inner)
        return
    for name in ("_cellvalues", "_content", "_flowable", "notes"):
        inner = getattr(flowable, name, None)
        if inner is not None and not isinstance(inner, str):
            yield from _paragraphs(inner)


def _line_texts(paragraph: Any) -> list[tuple[str, float]]:
    """Each laid line's text and how far it runs past its room (pt, negative: short)."""
    if isinstance(paragraph, ScriptParagraph):
        return [
            ("".join(piece.text for piece in line.pieces), line.width - line.room)
            for line in paragraph.lines
        ]
    para = getattr(paragraph, "blPara", None)
    if para is None:
        return []
    out = []
    for line in para.lines:
        if isinstance(line, tuple):  # (extra space, words) of a paragraph of one style
            extra, words = line
            out.append((" ".join(words), -extra))
        else:
            words = getattr(line, "words", [])
            text = "".join(getattr(word, "text", "") for word in words)
            out.append((text, -getattr(line, "extraSpace", 0.0)))
    return out


def _first_text(flowable: Any) -> str:
    """The text of the first paragraph in ``flowable`` (what names it in a report)."""
    first = next(_paragraphs(flowable), None)
    return " ".join(t for t, _ in _line_texts(first)) if first is not None else ""


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _stranded(placed: list[Placed]) -> Iterator[Fault]:
    """Headings with under two lines of their text on their page while it goes on overleaf."""
    for index, item in enumerate(placed):
        if item.kind != "heading":
            continue
        body = index + 1
        while body < len(placed) and placed[body].kind == "heading":
            body += 1  # a heading right under it: their texts are one
        end = next((j for j in range(body, len(placed)) if placed[j].kind == "heading"), None)
        section = placed[body : end if end is not None else len(placed)]
        here = [part for part in section if part.page == item.page]
        lines = sum(part.lines if part.kind == "paragraph" else 2 for part in here)
        if lines < 2 and len(here) < len(section):
            got = f"{lines} line{'s' * (lines != 1)}" if lines else "none"
            detail = f"heading at the foot of the page: {got} of its text under it"
            yield Fault("stranded-heading", item.page, item.text, detail)


def _split_boxes(placed: list[Placed], page_height: float) -> Iterator[Fault]:
    """Callouts split though no taller than a page; continuations without their title."""
    for item in placed:
        if item.kind != "box":
            continue
        if item.part == "head" and item.whole <= page_height + _FUZZ and not item.fills:
            yield Fault("split-callout", item.page, item.text, "callout split across pages")
        elif item.part == "tail" and not item.continued:
            yield Fault("split-callout", item.page, item.text, "continued without its title")


def _short_pages(placed: list[Placed], fill: tuple[float, ...]) -> Iterator[Fault]:
    """Pages but the last under a quarter full, unless a part starts on the next page."""
    for page, used in enumerate(fill[:-1], start=1):
        following = [item for item in placed if item.page == page + 1]
        if used >= SHORT_PAGE or (following and following[0].kind == "heading"
                                  and following[0].level == 1):  # fmt: skip
            continue
        last = next((item.text for item in reversed(placed) if item.page == page), "")
        yield Fault("short-page", page, last, f"the page is {used:.0%} full")


def line_count(paragraph: Paragraph | ScriptParagraph) -> int:
    """The lines of a wrapped paragraph."""
    return len(_line_texts(paragraph))
