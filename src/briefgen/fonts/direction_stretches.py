"""The stretches of a paragraph that run the other way than the paragraph and must be
isolated, as one unit, from the text around them (what HTML's ``<bdi>`` and Unicode's
LRI/RLI ... PDI do).

The Unicode bidirectional algorithm resolves the numbers, spaces and punctuation between
two pieces of text by what surrounds them: in an Arabic paragraph a date after an Arabic
word becomes an Arabic number whose hyphens run right to left ("2026-03-17" reads
"17-03-2026"), and the neutrals between two Latin phrases join them into one run. An
isolated stretch is resolved on its own, in its own direction, and counts as one neutral
in the paragraph, so each citation or title keeps its order and the paragraph orders the
stretches among themselves. Every exporter isolates the same stretches in its own terms:
the PDF in its embedding levels (:mod:`.bidi_levels`), the DOCX with isolate characters,
the HTML with ``dir``.

In a right-to-left paragraph a stretch starts at a strong left-to-right character (bidi
class L), at a section or paragraph sign before a digit ("¶5"), or at a number holding a
separator the algorithm would turn round (a hyphen or dash: "2026-04-07", "1–3"); digits
touching such a start belong to it ("2nd"). A lone number, or one with only common
separators ("130", "1,000", "3.5"), is not isolated: in Arabic text it already reads right,
and isolating it would change nothing. In a left-to-right paragraph a stretch starts at a
strong right-to-left character (R, AL), and the digits after it belong to it, as the
algorithm has it ("اتفاقية 1959").

A stretch runs to its last character of its own direction (or its last digit) with the
neutrals between, and stops at a strong character of the other direction, at an Arabic
number, at a tab or paragraph break, and at punctuation from a right-to-left script's block
(the Arabic comma is bidi class CS, but it is the Arabic text's). Brackets and quotation
marks opened inside a stretch and closed inside it belong to it ("Service (CRS) report");
those around it stay outside, resolved by the paragraph ("«Title»", "(ירושלים)").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from briefgen.fonts.scripts import RTL_SCRIPTS, script_of

#: Bidi classes that end any stretch: paragraph and segment separators, the explicit
#: formatting characters (a stretch never spans text its author has directed already).
_BREAKS = frozenset({"B", "S", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
#: Signs that cite by number and read with it as one token: "¶5", "§3".
_NUMBER_SIGNS = frozenset("¶§")
#: Weak classes of a number's own characters (digits, separators, terminators, joiners).
_NUMBER_PARTS = frozenset({"EN", "ES", "CS", "ET", "BN", "NSM"})
_APOSTROPHES = frozenset("'\u2019")


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph's text read once: each character's class, where each bracket opened in it
    closes, and the next character at or after each position that no stretch crosses (so
    that finding the stretches takes time in proportion to the text, whatever it holds)."""

    text: str
    rtl: bool
    classes: list[str]
    closes: dict[int, int]  # opening bracket -> its closing bracket
    next_stop: list[int]

    @classmethod
    def of(cls, text: str, rtl: bool) -> _Paragraph:
        classes = [_class(char) for char in text]
        stops = ("R", "AL", "AN") if rtl else ("L",)
        next_stop = [len(text)] * (len(text) + 1)
        for position in range(len(text) - 1, -1, -1):
            kind = classes[position]
            stop = kind in stops or kind in _BREAKS
            next_stop[position] = position if stop else next_stop[position + 1]
        return cls(text, rtl, classes, _bracket_pairs(text), next_stop)


def isolated_stretches(text: str, rtl: bool) -> list[tuple[int, int]]:
    """(start, end) of each stretch of ``text``, a paragraph whose base direction is right
    to left when ``rtl``, that runs the other way and is to be isolated (see the module
    notes); in logical order, not overlapping."""
    paragraph = _Paragraph.of(text, rtl)
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        start, after = _start(paragraph, index)
        if start is None:
            index = after
            continue
        end = _end(paragraph, index)
        found.append((max(start, found[-1][1] if found else 0), end))
        index = end
    return found


def _class(char: str) -> str:
    """``char``'s bidi class, punctuation of a right-to-left script's block counted as AL."""
    kind = unicodedata.bidirectional(char)
    if kind not in ("R", "AL", "L") and script_of(char) in RTL_SCRIPTS:
        return "AL" if kind != "AN" else "AN"
    return kind


def _bracket_pairs(text: str) -> dict[int, int]:
    """Where each opening bracket or quotation mark of ``text`` closes (any closing mark
    closes the innermost one open; an apostrophe between letters is none)."""
    pairs: dict[int, int] = {}
    open_at: list[int] = []
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if char in _APOSTROPHES and _between_letters(text, position):
            continue
        if category in ("Ps", "Pi"):
            open_at.append(position)
        elif category in ("Pe", "Pf") and open_at:
            pairs[open_at.pop()] = position
    return pairs


def _start(paragraph: _Paragraph, index: int) -> tuple[int | None, int]:
    """Where a stretch found at ``index`` starts (before it, when digits touch it), or None
    and the position to look at next (past a number that stays as it is)."""
    text, classes = paragraph.text, paragraph.classes
    kind = classes[index]
    if not paragraph.rtl:
        return (index if kind in ("R", "AL") else None), index + 1
    if kind == "L":
        start = index
        while start and classes[start - 1] in _NUMBER_PARTS and not text[start - 1].isspace():
            start -= 1
        while start < index and classes[start] != "EN":  # the touching part starts at a digit
            start += 1
        return start, index + 1
    if text[index] in _NUMBER_SIGNS and index + 1 < len(text) and classes[index + 1] == "EN":
        return index, index + 1
    if kind == "EN" and (not index or classes[index - 1] != "EN"):
        turned, after = _number(classes, index)
        return (index if turned else None), after
    return None, index + 1


def _number(classes: list[str], index: int) -> tuple[bool, int]:
    """Whether the number starting at ``index`` holds, between two of its digits, a
    separator the algorithm turns round after Arabic text (a hyphen, a dash), as opposed to
    the common separators (comma, full stop, colon, slash) an Arabic number keeps; and
    where the number ends."""
    separator = False
    position = index + 1
    while position < len(classes):
        kind = classes[position]
        if kind == "EN":
            if separator:
                return True, position
        elif kind in ("ES", "ON") or (kind == "ET" and separator):
            separator = True
        elif kind not in ("CS", "BN"):
            break
        position += 1
    return False, position


def _end(paragraph: _Paragraph, index: int) -> int:
    """The end (exclusive) of the stretch found at ``index``: after its last character of
    its own direction or digit, or after a bracket it opened and closed."""
    own = ("L", "EN") if paragraph.rtl else ("R", "AL", "EN", "AN")
    end, position = index + 1, index
    while position < paragraph.next_stop[index]:
        kind = paragraph.classes[position]
        closing = paragraph.closes.get(position)
        if kind in own:
            end = position + 1
        elif closing is not None:
            if paragraph.next_stop[position] < closing:
                break  # it closes past a stop: the stretch ends before it
            end = position = closing + 1
            continue
        elif _bracket(paragraph.text, position):
            break  # one that closes a bracket opened before the stretch, or never closes
        position += 1
    return end


def _bracket(text: str, position: int) -> bool:
    """Whether the character at ``position`` is a bracket or quotation mark (an apostrophe
    between letters, "Hormuz’s", is none)."""
    if text[position] in _APOSTROPHES and _between_letters(text, position):
        return False
    return unicodedata.category(text[position]) in ("Ps", "Pe", "Pi", "Pf")


def _between_letters(text: str, position: int) -> bool:
    inside = 0 < position < len(text) - 1
    return inside and text[position - 1].isalpha() and text[position + 1].isalpha()
