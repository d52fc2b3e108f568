"""Number ranges ("20,000-30,000", "2020–2023") and dates ("2026-04-07"): text a line must
never break inside.

A range is numbers joined by hyphen-minuses or en dashes with no space around them (an ISO
date is three).
Browsers (and Word) may break a line after either dash; reportlab and briefgen's own
paragraph setter break only at spaces. The HTML exporter keeps each range on one line (a
``nowrap`` span), the DOCX exporter writes each range's hyphen as Word's non-breaking hyphen
and joins its en dash to its numbers (:func:`unbroken_pieces`), and the PDF layout check
(:mod:`briefgen.export.pdf.layout`) reports a line that ends inside one.
"""

from __future__ import annotations

import re

#: a number (digits, with thousands separators or decimals), then a dash and a number, once
#: or more
NUMBER_RANGE = re.compile(r"\d(?:[\d,.]*\d)?(?:[-\u2013]\d(?:[\d,.]*\d)?)+")

#: WORD JOINER: no line break on either side of it, and nothing drawn
WORD_JOINER = "\u2060"

_RANGE_END = re.compile(r"\d[-\u2013]$")
_RANGE_START = re.compile(r"^\d")


def ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every number range in ``text``."""
    return [match.span() for match in NUMBER_RANGE.finditer(text)]


def broken_range(line: str, next_line: str) -> bool:
    """Whether a line break between ``line`` and ``next_line`` falls inside a number range
    (the line ends with a digit and a dash, the next starts with a digit)."""
    return bool(_RANGE_END.search(line.rstrip("\u00ad")) and _RANGE_START.match(next_line))


def unbroken_pieces(text: str) -> list[str]:
    """``text`` cut at each hyphen of each number range, the hyphens dropped, and each range's
    en dash held between word joiners: a writer joins the pieces with a hyphen no line breaks
    at (Word's ``w:noBreakHyphen``). Text with no range is one piece."""
    pieces, at, current = [], 0, ""
    for start, end in ranges(text):
        current += text[at:start]
        joined = text[start:end].replace("\u2013", f"{WORD_JOINER}\u2013{WORD_JOINER}")
        *whole, last = joined.split("-")
        if whole:  # the pieces before each hyphen; the last one goes on with the text
            pieces.append(current + whole[0])
            pieces.extend(whole[1:])
            current = last
        else:
            current += last
        at = end
    pieces.append(current + text[at:])
    return pieces
