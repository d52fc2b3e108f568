"""Reading grade: Flesch-Kincaid grade level of a memo's text.

FK grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59.

Syllables are counted conservatively, as the larger of two estimates: Pyphen's hyphenation
points (the dictionaries LibreOffice uses; what textstat's classic implementation used) and a
vowel-group count with a silent final *e*. Hyphenation alone undercounts words such as
"treaty"; vowel groups alone undercount "reconciliation". Taking the larger estimate errs
towards a higher grade, so a memo that passes is not easier on paper than in fact.

Sentences end at ``.``, ``!``, ``?`` and at the end of every block (a heading or a table cell is
a unit of reading even without a full stop).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.document.tree import Document, Heading, Paragraph, iter_blocks, plain_text
from briefgen.files import cache_folder as kept_work

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſƏə]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@cache
def _hyphenator():  # type: ignore[no-untyped-def]
    import pyphen

    _load_kept_patterns(pyphen)
    return pyphen.Pyphen(lang="en_US")


def _load_kept_patterns(pyphen: Any) -> None:
    """Give pyphen the en_US patterns parsed on an earlier run (briefgen's cache folder),
    or parse them and keep them for the next: parsing the dictionary took 35 ms a run.

    Uses pyphen's dictionary cache (``hdcache``) and ``HyphDict``'s three attributes, so the
    entry's name carries pyphen's version and the dictionary file's size and time; anything
    unexpected falls back to pyphen's own parsing.
    """
    try:
        path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
        info = Path(path).stat()
        name = f"hyphenation-{pyphen.VERSION}-{info.st_size}-{info.st_mtime_ns}.json"
        kept = kept_work.read(name)
        if kept is not None:
            try:
                patterns = {key: (start, tuple(values))
                            for key, (start, values) in json.loads(kept).items()}  # fmt: skip
                parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
                parsed.patterns, parsed.cache = patterns, {}
                parsed.maxlen = max(map(len, patterns))
                pyphen.hdcache[path] = parsed
                return
            except (ValueError, TypeError, AttributeError):  # damaged: parsed and kept again
                pass
        parsed = pyphen.hdcache[path] = pyphen.HyphDict(path)
        patterns = parsed.patterns
        if all(type(value) is int for _start, values in patterns.values() for value in values):
            data = {key: [start, list(values)] for key, (start, values) in patterns.items()}
            kept_work.write(name, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except Exception:  # pyphen's insides changed: its own parsing, as without a cache
        return


@cache
def syllables(word: str) -> int:
    """Estimated syllables of one word (at least 1)."""
    lower = word.lower().replace("’", "'").split("'")[0]
    groups = len(_VOWEL_GROUPS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    hyphenated = len(_hyphenator().positions(lower)) + 1
    return max(1, groups, hyphenated)


@dataclass(frozen=True)
class Readability:
    """Counts and the resulting Flesch-Kincaid grade."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level (0 for empty text)."""
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / self.words - 15.59
        )


def measure(blocks: list[str]) -> Readability:
    """Measure a text given as its blocks (paragraphs, headings, cells) in reading order."""
    words = sentences = total = 0
    for block in blocks:
        found = _WORD.findall(block)
        if not found:
            continue
        words += len(found)
        total += sum(syllables(w) for w in found)
        ends = len(_SENTENCE_END.findall(block.strip()))
        sentences += ends if re.search(r"[.!?]\W*$", block.strip()) else ends + 1
    return Readability(words, sentences, total)


def running_text(document: Document) -> list[str]:
    """The memo's running text (its headings and paragraphs), the reading grade's input."""
    return [
        plain_text(block.children)
        for block in iter_blocks(document.blocks)
        if isinstance(block, (Heading, Paragraph))
    ]


def reading_grade(document: Document) -> float:
    """Flesch-Kincaid grade of the memo's running text (headings and paragraphs)."""
    return round(measure(running_text(document)).grade, 1)
