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

from collections.abc import Callable
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


@cache
def hyphenator(patterns: str) -> Callable[[str], list[tuple[str, str]]]:
    """reportlab's hyphenator for Pyphen's ``patterns``: the (head, tail) splits of a word,
    none for a URL or a path. reportlab tries a word's hyphenation points before cutting it
    by characters, so a hyphenated URL could keep a head wider than a narrow column (a note
    column) and run off the page; left whole, it is cut by characters to fit."""
    import pyphen

    splits = pyphen.Pyphen(lang=patterns).iterate

    def hyphenate(word: str) -> list[tuple[str, str]]:
        if any(mark in word for mark in ("/", "@", "://", "www.")):
            return []
        return list(splits(word))

    return hyphenate
