"""Directional isolates in a DOCX memo: each stretch of a paragraph that runs the other way
than the paragraph (:func:`briefgen.fonts.direction_stretches.isolated_stretches`: a Latin
citation or an ISO date in Arabic text, Hebrew in English) is put between Unicode's isolate
characters, LRI or RLI (U+2066, U+2067) and PDI (U+2069), in the text of its runs.

Why characters and not markup: WordprocessingML's own markup for a directional embedding is
``w:dir`` around the runs (ISO/IEC 29500-1 §17.3.2.8; its Annex I.7 maps LRE/RLE ... PDF to
it and leaves those characters' effect in text unspecified), but it is an embedding, not an
isolate, and LibreOffice's DOCX import ignores it (tried: the text is kept, its direction is
not applied). ``w:rtl`` on a run makes Word treat the run's neutrals and most weak characters
as right to left (§17.3.2.30): it cannot hold a Latin citation together, and a Latin stretch
must not sit in such a run (:func:`_cut_rtl_runs`). The isolate characters are plain text to
the file format: LibreOffice (ICU's bidi) honours them, as its PDF shows. Word's
documentation says only that a consumer resolves a paragraph's text by the Unicode
bidirectional algorithm (Annex I.7, written before isolates came in Unicode 6.3); that Word
honours them is not verified here (there is no Word to try). They are invisible (default
ignorable) and stay with the text when it is copied.

The pass runs once over the finished document and footnotes, paragraph by paragraph, on the
text of the paragraph's own runs (hyperlinks' included): a stretch often crosses runs (a
bold report number, an italic title), so it cannot be found run by run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from copy import deepcopy

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from briefgen.fonts.direction_stretches import isolated_stretches
from briefgen.fonts.scripts import has_rtl

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
_P, _PPR, _BIDI, _T = qn("w:p"), qn("w:pPr"), qn("w:bidi"), qn("w:t")
_R, _RPR, _SPACE = qn("w:r"), qn("w:rPr"), qn("xml:space")
_RTL_PATH = f"{_RPR}/{qn('w:rtl')}"
#: What a paragraph's text holds besides w:t, as the bidi algorithm sees it.
_STAND_INS = {qn("w:noBreakHyphen"): "\u2011", qn("w:tab"): "\t", qn("w:br"): "\n"}
_OFF = ("0", "false", "off")


def isolate_stretches(root: BaseOxmlElement, memo_rtl: bool) -> None:
    """Put each stretch of every paragraph under ``root`` (a document body, a footnotes part)
    between isolate characters; a paragraph runs as its ``w:bidi`` says, else as the memo."""
    for paragraph in root.iter(_P):
        rtl = _paragraph_rtl(paragraph, memo_rtl)
        pieces = _pieces(paragraph)
        text = "".join(piece for _element, piece in pieces)
        if not text or (not rtl and not has_rtl(text)):
            continue  # a left-to-right paragraph without right-to-left text: nothing to do
        stretches = isolated_stretches(text, rtl)
        if not stretches:
            continue
        if rtl:  # a left-to-right stretch must not lie in a run Word reads right to left
            _cut_rtl_runs(pieces, [offset for stretch in stretches for offset in stretch])
            pieces = _pieces(paragraph)
            _drop_rtl(pieces, stretches)
        _insert(pieces, stretches, LRI if rtl else RLI)


def _paragraph_rtl(paragraph: BaseOxmlElement, memo_rtl: bool) -> bool:
    ppr = paragraph.find(_PPR)
    bidi = None if ppr is None else ppr.find(_BIDI)
    return memo_rtl if bidi is None else bidi.get(qn("w:val"), "1") not in _OFF


def _pieces(paragraph: BaseOxmlElement) -> list[tuple[BaseOxmlElement, str]]:
    """The paragraph's own text elements (not a nested paragraph's, as in a text box) in
    document order, each with the text it stands for."""
    pieces = []
    for element in paragraph.iter(_T, *_STAND_INS):
        if next(element.iterancestors(_P)) is not paragraph:
            continue
        piece = element.text or "" if element.tag == _T else _STAND_INS[element.tag]
        pieces.append((element, piece))
    return pieces


def _offsets(pieces: list[tuple[BaseOxmlElement, str]]) -> list[int]:
    """The offset in the paragraph's text at which each piece starts."""
    starts, position = [], 0
    for _element, piece in pieces:
        starts.append(position)
        position += len(piece)
    return starts


def _cut_rtl_runs(pieces: list[tuple[BaseOxmlElement, str]], offsets: list[int]) -> None:
    """Cut each run marked right to left (``w:rtl``) before the characters at ``offsets``
    that fall inside it: digits after Arabic punctuation share its run
    (:mod:`briefgen.fonts.runs`), and Word treats the neutrals of a ``w:rtl`` run as right
    to left (ISO/IEC 29500-1 §17.3.2.30), a date's hyphens included."""
    starts = _offsets(pieces)
    cuts: dict[BaseOxmlElement, set[int]] = defaultdict(set)  # run -> where to cut it
    for offset in offsets:
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < starts[index] + len(pieces[index][1]):
            run = pieces[index][0].getparent()
            if run.tag == _R and run.find(_RTL_PATH) is not None:
                cuts[run].add(offset)
    texts = {
        element: (start, piece) for (element, piece), start in zip(pieces, starts, strict=True)
    }
    for run, at in cuts.items():
        _cut_run(run, sorted(at), texts)


def _cut_run(run: BaseOxmlElement, at: list[int],
             texts: dict[BaseOxmlElement, tuple[int, str]]) -> None:  # fmt: skip
    """Cut ``run`` into runs of the same properties before each offset of ``at`` (those at
    its start cut nothing); ``texts`` gives each text element's offset and text."""
    segments: list[list[BaseOxmlElement]] = [[]]
    cuts = iter(at)
    cut = next(cuts, None)
    for child in [child for child in run if child.tag != _RPR]:
        start, text = texts.get(child, (None, ""))
        while start is not None and cut is not None and cut < start + max(len(text), 1):
            within = cut - start
            if within > 0 and child.tag == _T:  # the cut falls inside this w:t
                head = deepcopy(child)
                head.text, child.text = text[:within], text[within:]
                head.set(_SPACE, "preserve")
                child.set(_SPACE, "preserve")
                child.addprevious(head)
                segments[-1].append(head)
                text, start = text[within:], cut
            if segments[-1]:  # (a list: an lxml element is false when childless)
                segments.append([])
            cut = next(cuts, None)
        segments[-1].append(child)
    properties = run.find(_RPR)
    for segment in reversed(segments[1:]):
        tail = deepcopy(properties) if properties is not None else None
        new = run.makeelement(_R, {})
        if tail is not None:
            new.append(tail)
        for child in segment:
            new.append(child)
        run.addnext(new)


def _drop_rtl(pieces: list[tuple[BaseOxmlElement, str]], stretches: list[tuple[int, int]]) -> None:
    """Drop ``w:rtl`` from each run whose text lies inside a left-to-right stretch."""
    spans: dict[BaseOxmlElement, list[int]] = {}
    for (element, piece), start in zip(pieces, _offsets(pieces), strict=True):
        run = element.getparent()
        first, last = spans.get(run, [start, start + len(piece)])
        spans[run] = [min(first, start), max(last, start + len(piece))]
    firsts = [start for start, _end in stretches]
    for run, (first, last) in spans.items():
        rtl = run.find(_RTL_PATH)
        index = bisect_right(firsts, first) - 1  # the stretch starting at or before the run
        if rtl is not None and index >= 0 and last <= stretches[index][1]:
            rtl.getparent().remove(rtl)


def _insert(pieces: list[tuple[BaseOxmlElement, str]], stretches: list[tuple[int, int]],
            opener: str) -> None:  # fmt: skip
    """Insert ``opener`` before each stretch and PDI after it, in the w:t holding the
    stretch's first and last character (both are always text: letters, digits, signs)."""
    edits: dict[int, list[tuple[int, str]]] = defaultdict(list)  # piece -> (offset, mark)
    starts = _offsets(pieces)
    for start, end in stretches:
        for offset, mark in ((start, opener), (end - 1, PDI)):
            index = bisect_right(starts, offset) - 1  # the piece holding that character
            within = offset - starts[index] + (mark == PDI)
            edits[index].append((within, mark))
    for index, marks in edits.items():
        element, text = pieces[index]
        parts, done = [], 0
        for within, mark in sorted(marks):
            parts += [text[done:within], mark]
            done = within
        element.text = "".join([*parts, text[done:]])
        element.set(_SPACE, "preserve")
