"""Which fallback script a memo's language is written in, and the script codes that tag a run
of a fallback script whose language is unknown.

The exporters tag text with its language (DOCX ``w:lang``, HTML ``lang``). A run in the
memo's own script is in the memo's language; a run in another script is in a language
briefgen cannot know (Arabic script may be Arabic, Persian or Urdu), so it is tagged
``und-Arab`` (BCP 47: undetermined language, Arabic script) where a tag is needed at all.
"""

from __future__ import annotations

#: fallback script (fonts.scripts.FALLBACK_SCRIPTS) -> its ISO 15924 code, the script
#: subtag of a BCP 47 language tag
SCRIPT_CODES = {
    "arabic": "Arab",
    "hebrew": "Hebr",
    "ethiopic": "Ethi",
    "devanagari": "Deva",
    "thai": "Thai",
}

_BY_CODE = {code.lower(): script for script, code in SCRIPT_CODES.items()}

#: ISO 639 language -> the fallback script it is written in by default (CLDR's likely script)
_LANGUAGE_SCRIPTS = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb", "sd", "ug", "ks", "prs", "arz"), "arabic"),
    **dict.fromkeys(("he", "yi", "iw", "lad"), "hebrew"),
    **dict.fromkeys(("am", "ti", "gez", "tig", "byn"), "ethiopic"),
    **dict.fromkeys(("hi", "mr", "ne", "sa", "mai", "bho", "kok", "new", "dty"), "devanagari"),
    "th": "thai",
}


def language_script(language: str) -> str | None:
    """The fallback script a memo in ``language`` (BCP 47: ``ar``, ``fa-IR``, ``az-Arab``)
    is written in, or None when its script is one the text families draw (Latin, Cyrillic...).
    An explicit script subtag decides; otherwise the language's usual script."""
    parts = language.replace("_", "-").lower().split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return _BY_CODE.get(part)
    return _LANGUAGE_SCRIPTS.get(parts[0])


#: script -> its lines' spacing as a multiple of the style's: Naskh's letters rise and fall
#: further than Latin ones, and a line's note marks would touch the line above.
_TALLER_LINES = {"arabic": 1.15}


def leading_factor(language: str) -> float:
    """How much more line spacing than the style's a memo in ``language`` takes (1.0 for
    the text families' scripts; the PDF and the DOCX both apply it)."""
    return _TALLER_LINES.get(language_script(language) or "", 1.0)
