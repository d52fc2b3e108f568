"""Acronyms in a memo's text, for the plain-language rule (G002), in any cased script.

An acronym is a word of two or more letters all in capitals (``str.isupper``): ``EU``, ``ООН``,
``ΟΗΕ``, ``ՀՀ``; ``U.S.`` counts as ``US`` and ``NGOs`` as ``NGO``. A word touching a digit
(``COVID19``) is none, nor is a Roman numeral (II, IV, ...). Scripts without capital letters
(Arabic, Hebrew, Georgian Mkhedruli, Devanagari and the other Indic scripts, Ethiopic, Thai,
Chinese, ...) cannot mark an acronym by case, so the rule does not apply to a memo written in
one (:func:`uncased_script`): that is reported, not passed as checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.check.grade_formulas import primary_language

# Letters with dots (U.S.), else whole words (letters with their combining marks, digits),
# split at apostrophes and hyphens; one pass, so acronyms come in the text's order.
_WORD = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}|[\w\u0300-\u036f]+")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# Languages written (by default, per CLDR) in a script without capital letters, and its name.
_UNCASED = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ks"), "Arabic"),
    **dict.fromkeys(("he", "yi"), "Hebrew"),
    "ka": "Georgian",
    **dict.fromkeys(("hi", "mr", "ne", "sa", "kok", "mai", "bho"), "Devanagari"),
    **dict.fromkeys(("bn", "as"), "Bengali"),
    "pa": "Gurmukhi", "gu": "Gujarati", "or": "Odia", "ta": "Tamil", "te": "Telugu",
    "kn": "Kannada", "ml": "Malayalam", "si": "Sinhala",
    **dict.fromkeys(("am", "ti", "gez"), "Ethiopic"),
    "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Myanmar", "bo": "Tibetan", "dz": "Tibetan",
    "dv": "Thaana", "zh": "Han", "ja": "Japanese", "ko": "Hangul",
}  # fmt: skip


def uncased_script(language: str) -> str | None:
    """The name of the script without capitals that the BCP 47 tag ``language`` is written in,
    or None when it is written in a cased one (Latin, Cyrillic, Greek, Armenian, ...)."""
    return _UNCASED.get(primary_language(language))


def _capitals(word: str) -> bool:
    return len(word) >= 2 and all(c.isalpha() and c.isupper() for c in word)


def acronyms(text: str) -> Iterator[str]:
    """Every acronym in ``text``, in order, dots dropped and a plural ``s`` removed."""
    for word in _WORD.findall(text):
        word = word.replace(".", "")
        core = word[:-1] if word.endswith("s") and _capitals(word[:-1]) else word
        if _capitals(core) and not _ROMAN.match(core):
            yield core
