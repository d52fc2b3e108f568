"""Which hyphenation patterns the PDF's paragraphs use: those of the memo's language.

reportlab hyphenates a word that does not fit at the end of a line with Pyphen's patterns (the
dictionaries LibreOffice uses) for the language a paragraph style names (``hyphenationLang``).
Pyphen has patterns for English, French, Spanish, Russian and some 40 other languages, but none
for Arabic, Armenian, Azerbaijani, Georgian, Hebrew, Amharic or Hindi: a memo in one of those
is not hyphenated (a word too long for its line is still broken, as before, without a hyphen).

English memos stay unhyphenated, as they always were: their text is set ragged right, where
English house styles leave words whole, and their pages are laid out exactly as before.
"""

from __future__ import annotations

from functools import cache

# Languages whose memos are not hyphenated although Pyphen has their patterns.
UNHYPHENATED = frozenset({"en"})


@cache
def hyphenation_language(language: str) -> str:
    """Pyphen's name for the patterns of the BCP 47 tag ``language`` (``de-AT`` -> ``de_AT``,
    ``pt-BR`` -> ``pt_BR``, ``ru`` -> ``ru``), or ``""`` when the memo is not hyphenated."""
    import pyphen

    tag = language.replace("-", "_")
    if tag.split("_")[0].lower() in UNHYPHENATED:
        return ""
    return pyphen.language_fallback(tag) or ""
