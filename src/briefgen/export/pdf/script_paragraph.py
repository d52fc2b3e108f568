"""A paragraph in any script: fallback fonts, HarfBuzz shaping and bidirectional order.

reportlab's Paragraph sets Latin, Greek, Cyrillic, Armenian and Georgian well, and briefgen
keeps it for every paragraph in those scripts. A paragraph holding Arabic, Hebrew, Ethiopic,
Devanagari or Thai, or any paragraph of a right-to-left memo, is set here instead, in the
order UAX #9 prescribes: the paragraph's characters get their embedding levels once, the
text is cut into pieces of one style, one font (:mod:`briefgen.fonts.runs`) and one level,
each piece is shaped (:mod:`.shaping`), lines are broken between words in logical order,
and each line's pieces are then drawn in visual order (:mod:`.bidi_levels`). A right-to-left
paragraph mirrors its alignment and its indents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import Flowable

from briefgen.fonts.bidi_levels import embedding_levels, visual_order
from briefgen.fonts.bundled import FACES, face_font, pdf_name
from briefgen.fonts.runs import font_runs
from briefgen.fonts.shaping import Glyph, shape

_SPACE = " "
_BREAK = "\u2028"  # stands for <br/> in the paragraph's text (bidi class WS)


@dataclass(frozen=True)
class Span:
    """A stretch of the paragraph's text in one style (a reportlab fragment)."""

    text: str
    family: str  # text family key
    face: str
    size: float
    colour: Any
    rise: float = 0.0
    href: str | None = None
    underline: bool = False
    anchor: str | None = None  # a named destination placed before the text


@dataclass
class Piece:
    """Shaped text of one span, one font family and one level, within one word (or one
    run of spaces), in logical order."""

    text: str
    span: Span
    family: str
    level: int
    glyphs: tuple[Glyph, ...]
    width: float  # points
    space: bool = False
    hard_break: bool = False


@dataclass
class Line:
    """A laid line: its pieces in logical order, its width and where it starts."""

    pieces: list[Piece]  # drawn: without trailing spaces
    laid: list[Piece]  # all the pieces the line took, its trailing spaces included
    width: float
    start: float  # indent from the paragraph's start edge (left, or right when RTL)
    room: float  # the width available to it
    last: bool = False  # the paragraph's last line, or one ended by a <br/>


def spans_from_fragments(frags: list[Any], families: dict[str, tuple[str, str]]) -> list[Span]:
    """Spans from reportlab's paragraph fragments; ``families`` maps a PDF font name to its
    (family key, face)."""
    spans: list[Span] = []
    anchor: str | None = None
    for frag in frags:
        definition = getattr(frag, "cbDefn", None)
        if definition is not None:
            if getattr(definition, "kind", "") == "anchor":
                anchor = definition.name
            continue
        text = _BREAK if getattr(frag, "lineBreak", False) else frag.text
        if not text:
            continue
        key, face = families[frag.fontName]
        links = [target for _kind, target in frag.link] if frag.link else []
        spans.append(Span(text, key, face, frag.fontSize, frag.textColor, frag.rise,
                          links[0] if links else None, bool(frag.us_lines), anchor))  # fmt: skip
        anchor = None
    return spans


def pieces_of(spans: list[Span], rtl: bool) -> list[Piece]:
    """The paragraph's pieces, shaped, in logical order."""
    levels = _mark_levels(spans, embedding_levels(_marks_as_neutrals(spans), rtl))
    pieces: list[Piece] = []
    offset = 0
    for span in spans:
        runs = font_runs(span.text, span.family) if span.text != _BREAK else []
        if not runs:
            level = levels[offset]
            pieces.append(Piece(_BREAK, span, span.family, level, (), 0.0, hard_break=True))
        position = offset
        for run in runs:
            for chunk, level in _chunks(run.text, levels[position : position + len(run.text)]):
                pieces.append(_shaped(chunk, span, run.family, level))
            position += len(run.text)
        offset += len(span.text)
    return pieces


def _marks_as_neutrals(spans: list[Span]) -> str:
    """The paragraph's text with each raised span (a note mark) as neutrals: a mark is its
    own unit, as Word's note reference is, never a digit of the number it follows ("2026."
    and mark 6 are not the number "2026.6", which a right-to-left line would set with the
    mark between the word before it and the year)."""
    return "".join(_MARK * len(s.text) if s.rise > 0 else s.text for s in spans)


def _mark_levels(spans: list[Span], levels: list[int]) -> list[int]:
    """``levels`` with each note mark's digits at the even level above the one its place
    resolved to, so a mark of two digits reads left to right ("12", not "21")."""
    levels, offset = list(levels), 0
    for span in spans:
        if span.rise > 0:
            for index in range(offset, offset + len(span.text)):
                levels[index] += levels[index] % 2
        offset += len(span.text)
    return levels


_MARK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER, bidi class ON: a note mark to its paragraph


def _chunks(text: str, levels: list[int]) -> list[tuple[str, int]]:
    """``text`` cut where its level changes and around runs of spaces."""
    chunks: list[tuple[str, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if (
            index == len(text)
            or levels[index] != levels[start]
            or ((text[index] == _SPACE) != (text[start] == _SPACE))
        ):
            chunks.append((text[start:index], levels[start]))
            start = index
    return chunks


def _shaped(text: str, span: Span, family: str, level: int) -> Piece:
    glyphs, ems = shape(text, family, span.face, bool(level % 2))
    return Piece(text, span, family, level, glyphs, ems * span.size, space=text.isspace())


class ScriptParagraph(Flowable):
    """A paragraph set by briefgen itself (see the module notes); ``style`` is the reportlab
    ParagraphStyle whose sizes, leading, indents, alignment and spacing it follows."""

    def __init__(self, pieces: list[Piece], style: Any, rtl: bool, first: bool = True) -> None:
        """A paragraph of shaped ``pieces`` (logical order) whose base direction is right to
        left when ``rtl``; ``first`` is False for the part after a page break."""
        super().__init__()
        self.pieces, self.style, self.rtl, self.first = pieces, style, rtl, first
        self.lines: list[Line] = []
        self._laid_width: float | None = None

    # ------------------------------------------------------------------ layout

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the lines for ``availWidth``; the height is the lines' leading."""
        if self._laid_width != availWidth:
            self.lines = self._break_lines(availWidth)
            self._laid_width = availWidth
        self.width, self.height = availWidth, len(self.lines) * self.style.leading
        return self.width, self.height

    def _edges(self) -> tuple[float, float]:
        """The indents at the start and the end edge (mirrored when right to left)."""
        left, right = self.style.leftIndent, self.style.rightIndent
        return (right, left) if self.rtl else (left, right)

    def _break_lines(self, width: float) -> list[Line]:
        """Greedy breaks between words, in logical order; a word wider than a whole line
        (a long URL) is cut by characters."""
        start_indent, end_indent = self._edges()
        first_indent = self.style.firstLineIndent if self.first else 0.0
        lines: list[Line] = []
        current: list[Piece] = []

        def room() -> float:
            return width - start_indent - end_indent - (0.0 if lines else first_indent)

        def close(last: bool) -> None:
            drawn = list(current)
            while drawn and drawn[-1].space:  # rule L1: a line's trailing spaces are not drawn
                drawn.pop()
            indent = start_indent + (0.0 if lines else first_indent)
            used = sum(piece.width for piece in drawn)
            lines.append(Line(drawn, list(current), used, indent, room(), last))
            current.clear()

        for word in _words(self.pieces):
            if word[0].hard_break:
                close(True)
            elif word[0].space:
                if current:
                    current.extend(word)
            else:
                used = sum(piece.width for piece in current)
                if current and used + sum(piece.width for piece in word) > room() + 1e-6:
                    close(False)
                *whole_lines, rest = _fit(word, room()) if not current else [word]
                for part in whole_lines:
                    current.extend(part)
                    close(False)
                current.extend(rest)
        close(True)
        return lines

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The lines that fit in ``availHeight`` and the rest, each as a paragraph; widows
        and orphans are kept away as the style asks."""
        self.wrap(availWidth, availHeight)
        fits = int((availHeight + 1e-6) // self.style.leading)
        total = len(self.lines)
        if fits >= total:
            return [self]
        keep = 1 if self.style.allowOrphans else 2
        if not self.style.allowWidows and total - fits < 2:
            fits = total - 2
        if fits < keep:
            return []
        head_pieces = [piece for line in self.lines[:fits] for piece in line.laid]
        tail_pieces = [piece for line in self.lines[fits:] for piece in line.laid]
        head = ScriptParagraph(head_pieces, self.style, self.rtl, self.first)
        head.lines, head._laid_width = self.lines[:fits], availWidth
        return [head, ScriptParagraph(tail_pieces, self.style, self.rtl, first=False)]

    def getSpaceBefore(self) -> float:
        """The style's space before."""
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        """The style's space after."""
        return self.style.spaceAfter

    # ------------------------------------------------------------------ drawing

    def draw(self) -> None:
        """Draw every line, its pieces in visual order, each glyph where HarfBuzz put it;
        the first baseline where reportlab's Paragraph puts it (as the rl_config says)."""
        canvas = self.canv
        if rl_config.paraFontSizeHeightOffset:
            first = self.style.fontSize
        else:
            first = getAscentDescent(self.style.fontName, self.style.fontSize)[0]
        y = self.height - first
        for line in self.lines:
            self._draw_line(canvas, line, y)
            y -= self.style.leading

    def _draw_line(self, canvas: Any, line: Line, y: float) -> None:
        pieces = [line.pieces[i] for i in visual_order([p.level for p in line.pieces])]
        _draw_pieces(canvas, pieces, self._line_x(line), y, self._justify(line))

    def _line_x(self, line: Line) -> float:
        """Where the line's first (leftmost) piece starts."""
        alignment = self.style.alignment
        if self.rtl and alignment in (TA_LEFT, TA_RIGHT):
            alignment = TA_RIGHT if alignment == TA_LEFT else TA_LEFT
        slack = line.room - line.width
        if alignment == TA_JUSTIFY and not line.last:
            slack = 0.0
        start = line.start if not self.rtl else self.width - line.start - line.room
        if alignment == TA_RIGHT or (self.rtl and alignment == TA_JUSTIFY):
            return start + slack
        if alignment == TA_CENTER:
            return start + slack / 2
        return start

    def _justify(self, line: Line) -> float:
        """Extra width per space for a justified line (0 otherwise)."""
        if self.style.alignment != TA_JUSTIFY or line.last:
            return 0.0
        spaces = sum(1 for piece in line.pieces if piece.space)
        return (line.room - line.width) / spaces if spaces else 0.0


def _decorate(canvas: Any, span: Span, x0: float, x1: float, y: float) -> None:
    """Underline and link rectangle of a piece drawn from ``x0`` to ``x1``."""
    if x1 <= x0:
        return
    if span.underline:
        canvas.saveState()
        canvas.setStrokeColor(span.colour)
        canvas.setLineWidth(span.size * 0.05)
        canvas.line(x0, y - span.size * 0.125, x1, y - span.size * 0.125)
        canvas.restoreState()
    if span.href:
        rect = (x0, y - span.size * 0.2, x1, y + span.rise + span.size * 0.8)
        if span.href.startswith("#"):
            canvas.linkRect("", span.href[1:], rect, relative=1, Border="[0 0 0]")
        else:
            canvas.linkURL(span.href, rect, relative=1, Border="[0 0 0]")


def _draw_pieces(canvas: Any, pieces: list[Piece], x: float, y: float, gap: float) -> None:
    """Draw ``pieces`` (visual order) from ``x`` on baseline ``y``, each glyph where
    HarfBuzz put it; ``gap`` is added to every space (justification)."""
    text = canvas.beginText()
    marks = []
    for piece in pieces:
        span = piece.span
        if span.anchor:
            canvas.bookmarkHorizontal(span.anchor, x, y + span.size)
        text.setFont(_pdf_name(piece), span.size)
        text.setFillColor(span.colour)
        start = x
        actual = _needs_actual_text(piece)
        if actual:
            text._code.append(f"/Span <</ActualText <{_utf16_hex(piece.text)}>>> BDC")
        for glyph in piece.glyphs:
            text.setTextOrigin(x + glyph.x_offset * span.size,
                               y + span.rise + glyph.y_offset * span.size)  # fmt: skip
            text.textOut(glyph.code)
            x += glyph.advance * span.size
        if actual:
            text._code.append("EMC")
        if piece.space:
            x += gap
        marks.append((span, start, x))
    canvas.drawText(text)
    for span, start, end in marks:
        _decorate(canvas, span, start, end, y)


def _needs_actual_text(piece: Piece) -> bool:
    """Whether a piece's glyphs are reordered against its text (a left-to-right script whose
    vowel signs go before their consonants): its text is then given whole, as ActualText.
    (Right-to-left pieces are not: readers reverse an ActualText there; their glyphs carry
    their text through the ToUnicode map instead, :mod:`briefgen.fonts.shaping`.)"""
    return (
        not piece.space
        and not piece.level % 2
        and piece.family.split("-")[-1] in ("devanagari", "thai", "ethiopic")
    )


def _utf16_hex(text: str) -> str:
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def _pdf_name(piece: Piece) -> str:
    register_family(piece.family)
    return pdf_name(piece.family, piece.span.face)


@cache
def register_family(key: str) -> None:
    """Register bundled family ``key``'s faces with reportlab, once a process, with
    <b>/<i> mapped to them (a script family's italics to its upright faces)."""
    for face in FACES:
        pdfmetrics.registerFont(face_font(key, face))
    regular, bold, italic, bolditalic = (pdf_name(key, face) for face in FACES)
    pdfmetrics.registerFontFamily(regular, regular, bold, italic, bolditalic)


def draw_text_line(canvas: Any, span: Span, x: float, y: float, align: str, rtl: bool) -> None:
    """Draw ``span``'s text as one line on baseline ``y``, starting at ``x`` (``align``
    "left"), ending there ("right") or centred on it ("centre"): the running head and foot."""
    pieces = pieces_of([span], rtl)
    width = sum(piece.width for piece in pieces)
    left = {"left": x, "right": x - width, "centre": x - width / 2}[align]
    visual = [pieces[i] for i in visual_order([piece.level for piece in pieces])]
    _draw_pieces(canvas, visual, left, y, 0.0)


def _words(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into words and runs of spaces (break opportunities lie between)."""
    words: list[list[Piece]] = []
    for piece in pieces:
        kind = "break" if piece.hard_break else "space" if piece.space else "word"
        previous = words[-1][0] if words else None
        previous_kind = (
            None if previous is None
            else "break" if previous.hard_break else "space" if previous.space else "word"
        )  # fmt: skip
        if kind == previous_kind and kind != "break":
            words[-1].append(piece)
        else:
            words.append([piece])
    return words


def _fit(word: list[Piece], room: float) -> list[list[Piece]]:
    """``word`` cut into parts no wider than ``room`` where it is wider (a long URL), by
    characters; a word that fits comes back whole."""
    if sum(piece.width for piece in word) <= room or room <= 0:
        return [word]
    parts: list[list[Piece]] = [[]]
    used = 0.0
    for piece in word:
        for char in piece.text:
            bit = _shaped(char, piece.span, piece.family, piece.level)
            if used + bit.width > room and parts[-1]:
                parts.append([])
                used = 0.0
            parts[-1].append(bit)
            used += bit.width
    return [_merge(part) for part in parts]


def _merge(part: list[Piece]) -> list[Piece]:
    """Adjacent one-character pieces of the same span, family and level shaped together."""
    merged: list[Piece] = []
    for piece in part:
        last = merged[-1] if merged else None
        if last and (last.span, last.family, last.level) == (piece.span, piece.family, piece.level):
            merged[-1] = _shaped(last.text + piece.text, piece.span, piece.family, piece.level)
        else:
            merged.append(piece)
    return merged
