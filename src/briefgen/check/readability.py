"""Reading grade of a memo's text, by the published formula for the memo's language.

The formulas and their sources are in :mod:`briefgen.check.grade_formulas`, the syllable
counters in :mod:`briefgen.check.syllables`. A language without a published grade formula has
no grade: its audience's target is reported as not checked, never as passed (:class:`Grade`).

Words are runs of letters of any script with their combining marks (Devanagari vowel signs,
Hebrew and Arabic points), an apostrophe inside a word joining its parts. Sentences end at
``.``, ``!``, ``?`` and the other scripts' full stops and question marks (Armenian ``։``,
Arabic ``؟``, Urdu ``۔``, Devanagari ``।``, Ethiopic ``።`` ``፧``, Greek ``;``, CJK ``。！？``)
followed by a space or the end of the block, and at the end of every block (a heading or a
table cell is a unit of reading even without a full stop). The Arabic comma ``،`` and
semicolon ``؛`` end no sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from briefgen.check.grade_formulas import Readability, formula_for, primary_language
from briefgen.check.syllables import COUNTERS, vowel_groups
from briefgen.document.tree import Document, Heading, Paragraph, iter_blocks, plain_text

__all__ = ["Grade", "Readability", "grade_of", "measure", "reading_grade", "running_text"]


@cache
def _words() -> re.Pattern[str]:
    """Words: letters (``[^\\W\\d_]``) with the combining marks (Unicode category M) up to
    U+1FFF and of the combining blocks after it; ``re`` has no ``\\p{M}``. Made on first use
    (scanning the code points takes some milliseconds)."""
    points = [*range(0x0300, 0x2000), *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)]
    marks = "".join(re.escape(chr(c)) for c in points if unicodedata.category(chr(c))[0] == "M")
    letter = rf"(?:[^\W\d_]|[{marks}])"
    return re.compile(rf"{letter}+(?:['’]{letter}+)?")


# Full stops and question and exclamation marks: Latin, Armenian, Arabic, Urdu, Devanagari,
# Ethiopic, Greek, CJK, and the double marks.
_STOPS = ".!?\u0589\u061f\u06d4\u0964\u0965\u1362\u1367\u1368\u037e\u3002\uff01\uff1f"
_STOPS += "\u203c\u2047\u2048\u2049"
_SENTENCE_END = re.compile(rf"[{re.escape(_STOPS)}]+(?=\s|$)")
_ENDS_WITH_STOP = re.compile(rf"[{re.escape(_STOPS)}]\W*$")


def measure(blocks: list[str], language: str = "en") -> Readability:
    """Count a text given as its blocks (paragraphs, headings, cells) in reading order, its
    syllables by the counter for ``language`` (a BCP 47 tag; vowel groups for a language
    without a grade formula)."""
    count = COUNTERS.get(primary_language(language), vowel_groups)
    words = sentences = total = poly = mono = long = 0
    for block in blocks:
        found = _words().findall(block)
        if not found:
            continue
        words += len(found)
        for word in found:
            syllables_of = count(word)
            total += syllables_of
            poly += syllables_of >= 3
            mono += syllables_of == 1
            long += sum(c.isalpha() for c in word) > 6
        ends = len(_SENTENCE_END.findall(block.strip()))
        sentences += ends if _ENDS_WITH_STOP.search(block.strip()) else ends + 1
    return Readability(words, sentences, total, poly, mono, long)


def grade_of(blocks: list[str], language: str) -> float | None:
    """The grade of ``blocks`` by ``language``'s formula, to one decimal; None when the
    language has no published grade formula."""
    formula = formula_for(language)
    if formula is None:
        return None
    return round(formula.grade(measure(blocks, language)), 1)


def running_text(document: Document) -> list[str]:
    """The memo's running text (its headings and paragraphs), the reading grade's input."""
    return [
        plain_text(block.children)
        for block in iter_blocks(document.blocks)
        if isinstance(block, (Heading, Paragraph))
    ]


def reading_grade(document: Document) -> float | None:
    """The grade of the memo's running text by the formula for its language (``meta.language``);
    None when there is none."""
    return grade_of(running_text(document), document.meta.language)


@dataclass(frozen=True)
class Grade:
    """A memo's reading grade against its audience's target (None: no target): within the
    target, over it, or not checked (no published grade formula for the memo's language)."""

    audience: str
    grade: float | None  # None: the language has no published grade formula
    target: float | None
    language: str = "en"

    @property
    def status(self) -> str:
        """``within``, ``over`` or ``not checked``."""
        if self.grade is None:
            return "not checked"
        return "over" if self.target is not None and self.grade > self.target else "within"

    def not_checked(self) -> str:
        """Why the grade is not checked (say it only when :attr:`status` is ``not checked``)."""
        return f"not checked ({self._reason()})"

    def _reason(self) -> str:
        return f"no published grade formula for {self.language}"

    def summary(self) -> str:
        """``public 6.7 (target 9)``, or ``public not checked (no published grade formula for
        ar; target 9)``."""
        target = f"target {self.target:g}" if self.target else ""
        if self.grade is None:
            return (
                f"{self.audience} not checked ({'; '.join(filter(None, (self._reason(), target)))})"
            )
        return f"{self.audience} {self.grade:.1f}" + (f" ({target})" if target else "")
