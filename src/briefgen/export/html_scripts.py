"""Scripts and direction in the HTML memo: which way a block runs, which stretches of its
text are marked with their language and direction, and the CSS font stacks.

A browser orders text by the Unicode bidirectional algorithm and picks, per character, the
first font of the stack that draws it; what it cannot know is the language of a stretch
and where an embedded phrase of the other direction begins and ends. So a stretch of a
fallback script (:mod:`briefgen.fonts.scripts`) other than the memo's own gets
``<span lang="und-Hebr">``, and each stretch that runs the other way than its block (a
Hebrew name in English, a Latin citation or a date in Arabic:
:mod:`briefgen.fonts.direction_stretches`, grouped by :mod:`.html_isolates`) is an element
with ``dir``, which is isolated as ``<bdi>`` is; one span carries both when they coincide.
The span holds the stretch from its first to its last letter, with the neutrals between;
the brackets and punctuation around it stay outside, resolved by the block's direction, so
"(ירושלים)," keeps its brackets in an English sentence instead of having them mirrored
inside the Hebrew.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from html import escape

from briefgen.fonts.bundled import fallback_key, family
from briefgen.fonts.languages import SCRIPT_CODES, language_script
from briefgen.fonts.runs import needs_fallback
from briefgen.fonts.scripts import (
    FALLBACK_SCRIPTS,
    RTL_SCRIPTS,
    first_strong_direction,
    language_direction,
    script_of,
)

_GENERIC = {"serif": ("Georgia", "serif"), "sans": ("Verdana", "sans-serif")}
_OTHER_FAMILY = {"serif": "Noto Serif", "sans": "Noto Sans"}  # the stack's earlier fallback


@dataclass(frozen=True)
class Direction:
    """The memo's language and script, and whether the block being written runs right to
    left (``rtl``) and whether the memo does (``memo_rtl``)."""

    language: str
    script: str | None
    memo_rtl: bool
    rtl: bool

    @classmethod
    def of(cls, language: str) -> Direction:
        """The direction of a memo in ``language`` (BCP 47), at its top level."""
        rtl = language_direction(language) == "rtl"
        return cls(language, language_script(language), rtl, rtl)

    def block(self, text: str, own: bool = False) -> tuple[Direction, str]:
        """The direction of a block holding ``text`` and the ``dir`` attribute it needs
        (``' dir="rtl"'`` when its first strong character is right to left in a
        left-to-right memo, else ``''``): a right-to-left memo's blocks all run its way,
        but those that run their ``own`` (fine print) whose first letter is left to right."""
        if own and self.memo_rtl and first_strong_direction(text) == "ltr":
            return replace(self, rtl=False), ' dir="ltr"'
        if self.memo_rtl or first_strong_direction(text) != "rtl":
            return self, ""  # blocks are written with the memo's own direction
        return replace(self, rtl=True), ' dir="rtl"'

    def isolated(self, rtl: bool) -> Direction:
        """The direction inside an isolated stretch running right to left when ``rtl``."""
        return replace(self, rtl=rtl)


_ONE_SPAN = re.compile(r'<span( lang="[^"]*")>([^<]*)</span>')


def isolate_span(inner: str, where: Direction) -> str:
    """``inner`` (HTML) in a span isolating it in direction ``where`` (inside the stretch);
    a stretch that is one span of a script's language becomes one span with both."""
    way = f' dir="{"rtl" if where.rtl else "ltr"}"'
    one = _ONE_SPAN.fullmatch(inner)
    if one:
        return f"<span{one.group(1)}{way}>{one.group(2)}</span>"
    return f"<span{way}>{inner}</span>"


def marked(text: str, where: Direction) -> str:
    """``text`` escaped for HTML, each stretch of a fallback script that is not the memo's
    own, or runs the other way than its block, in a span with its ``lang`` and ``dir``."""
    if not needs_fallback(text):
        return escape(text, quote=False)
    out: list[str] = []
    done = 0
    for start, end, script in _stretches(text):
        lang = "" if script == where.script else f' lang="und-{SCRIPT_CODES[script]}"'
        rtl = script in RTL_SCRIPTS
        way = "" if rtl == where.rtl else f' dir="{"rtl" if rtl else "ltr"}"'
        if lang or way:
            out.append(escape(text[done:start], quote=False))
            out.append(f"<span{lang}{way}>{escape(text[start:end], quote=False)}</span>")
            done = end
    out.append(escape(text[done:], quote=False))
    return "".join(out)


def _stretches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, script) of each stretch of a fallback script in ``text``: from a
    character of the script to the last one before a letter of another script, so the
    neutrals inside a stretch belong to it and those around it do not. Digits after a
    right-to-left stretch belong to it, as the bidi algorithm has it ("اتفاقية 1959" reads
    right to left, the number last)."""
    found: list[tuple[int, int, str]] = []
    current: str | None = None
    start = last = 0
    for index, char in enumerate(text):
        script = script_of(char)
        if script is None and not char.isalpha():
            if current in RTL_SCRIPTS and unicodedata.bidirectional(char) in ("EN", "AN"):
                last = index
            continue  # neutral, digit or punctuation: decided by what follows
        if script != current:
            if current is not None:
                found.append((start, last + 1, current))
            current, start = script, index
        last = index
    if current is not None:
        found.append((start, last + 1, current))
    return found


def font_stack(text_family: str, language: str) -> str:
    """The CSS font-family list of text family ``text_family`` (``serif``): the bundled text
    family, then the family of each fallback script, then common stand-ins; a memo written
    in a fallback script puts that script's family first, so its own text never takes
    another font's glyphs for that script (the text families lack most of the letters
    such a family has, so the browser still falls back to them for Latin)."""
    own = language_script(language)
    scripts = [s for s in FALLBACK_SCRIPTS if s != own]
    names = [family(fallback_key(text_family, own)).name] if own else []
    names.append(family(text_family).name)
    names += [family(fallback_key(text_family, script)).name for script in scripts]
    names.append(_OTHER_FAMILY[text_family])
    quoted = [f'"{name}"' for name in names]
    return ", ".join([*quoted, *_GENERIC[text_family]])
