"""Number ranges ("20,000-30,000", "2020–2023"): text a line must never break inside.

A range is two numbers joined by a hyphen-minus or an en dash with no space around it.
Browsers (and Word) may break a line after either dash; reportlab and briefgen's own
paragraph setter break only at spaces. The HTML exporter keeps each range on one line (a
``nowrap`` span), the DOCX exporter writes each range's hyphen as Word's non-breaking hyphen
and joins its en dash to its numbers (:func:`unbroken_pieces`), and the PDF layout check
(:mod:`briefgen.export.pdf.layout`) reports a line that ends inside one.
"""

from __future__ import annotations

import re

#: a number (digits, with thousands separators or decimals), a dash, a number
NUMBER_RANGE = re.compile(r"\d(?:[\d,.]*\d)?[-\u2013]\d(?:[\d,.]*\d)?")

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
    """``text`` cut at the hyphen of each number range, the hyphens dropped, and each range's
    en dash held between word joiners: a writer joins the pieces with a hyphen no line breaks
    at (Word's ``w:noBreakHyphen``). Text with no range is one piece."""
    pieces, at, current = [], 0, ""
    for start, end in ranges(text):
        current += text[at:start]
        number = text[start:end]
        if "-" in number:
            before, after = number.split("-", 1)
            pieces.append(current + before)
            current = after
        else:
            current += number.replace("\u2013", f"{WORD_JOINER}\u2013{WORD_JOINER}")
        at = end
    pieces.append(current + text[at:])
    return pieces
