"""Which writing system a character belongs to, and which way text runs.

briefgen's text families (DejaVu Serif and Sans) draw Latin, Greek, Cyrillic, Armenian and
Georgian in all four faces; the scripts listed in :data:`FALLBACK_SCRIPTS` are set in a
family made for them (Noto), whatever the text family happens to hold, so that Arabic is
always a real Naskh and Hebrew always has its own letterforms. A script's ranges are its
Unicode blocks (letters, marks, digits and presentation forms).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Literal

Direction = Literal["ltr", "rtl"]

#: script -> its Unicode blocks (first, last code point)
_BLOCKS: dict[str, tuple[tuple[int, int], ...]] = {
    "arabic": (
        (0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF),
        (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
    ),
    "hebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "devanagari": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "thai": ((0x0E00, 0x0E7F),),
}  # fmt: skip

#: The scripts set in a fallback family of their own, not in the text family.
FALLBACK_SCRIPTS = tuple(_BLOCKS)

#: Scripts written right to left.
RTL_SCRIPTS = frozenset({"arabic", "hebrew"})

_STARTS: list[int] = []
_RANGES: list[tuple[int, int, str]] = []
for _script, _ranges in _BLOCKS.items():
    _RANGES.extend((first, last, _script) for first, last in _ranges)
_RANGES.sort()
_STARTS = [first for first, _, _ in _RANGES]

#: Languages written right to left (ISO 639 codes; the script subtag decides when given).
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "syr", "ug", "ur", "yi"}
)
_RTL_SCRIPT_TAGS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


def script_of(char: str) -> str | None:
    """The fallback script ``char`` belongs to (``"arabic"``...), or None for every other
    character (Latin, Greek, Cyrillic, Armenian, Georgian, punctuation, spaces, digits...)."""
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        first, last, script = _RANGES[index]
        if first <= code <= last:
            return script
    return None


def is_strong_rtl(char: str) -> bool:
    """Whether ``char`` is a strong right-to-left character (bidi class R or AL)."""
    return unicodedata.bidirectional(char) in ("R", "AL")


def first_strong_direction(text: str) -> Direction | None:
    """The direction of ``text``'s first strong character (rules P2 and P3 of the Unicode
    bidirectional algorithm), or None when it has none (digits and punctuation only)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left character (a quick test before the bidi work)."""
    return any(is_strong_rtl(char) for char in text if ord(char) >= 0x0590)


def language_direction(language: str) -> Direction:
    """The direction of a memo written in ``language`` (BCP 47: ``ar``, ``ur-PK``,
    ``az-Arab``): right to left for the languages and scripts that are, else left to right."""
    parts = language.replace("_", "-").lower().split("-")
    if any(part in _RTL_SCRIPT_TAGS for part in parts[1:]):
        return "rtl"
    if any(len(part) == 4 and part.isalpha() for part in parts[1:]):
        return "ltr"  # an explicit script that is not right to left (az-Latn, ku-Latn)
    return "rtl" if parts[0] in _RTL_LANGUAGES else "ltr"
