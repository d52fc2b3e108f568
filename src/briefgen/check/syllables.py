"""Syllable counters, one per language the reading grade has a formula for.

Each follows its language's orthography:

- **English** (:func:`english`): the larger of two estimates, Pyphen's hyphenation points (the
  dictionaries LibreOffice uses) and a vowel-group count with a silent final *e*. Hyphenation
  alone undercounts "treaty", vowel groups alone "reconciliation"; the larger errs towards a
  higher grade, so a memo that passes is not easier on paper than in fact.
- **Spanish** (:func:`spanish`): the rules of the Real Academia's *Ortografía* (2010): a strong
  vowel (*a, e, o*, or an accented *í, ú*) is a nucleus of its own, so two of them are a hiatus
  (*le-er*, *dí-a*, *pa-ís*); an unaccented weak vowel (*i, u, ü*, and *y* ending a word) joins
  its neighbours in a diphthong or triphthong (*ciu-dad*, *a-cuer-do*, *U-ru-guay*).
- **Russian** (:func:`russian`): every vowel letter (*а е ё и о у ы э ю я*) is one syllable, and
  a word without one (the prepositions *в, к, с*) has none.
- **German** (:func:`german`): a vowel group is one syllable where it spells a diphthong or a
  long vowel (*ei, ai, au, eu, äu, ey, ay, ie, aa, ee, oo*), otherwise each vowel is one
  (*Si-tu-a-ti-on*, *The-a-ter*); the *u* of *qu* is no vowel. (Pyphen's German patterns are
  not used: they split *Gren-z-öff-nung*.)

A word in a script its language's counter does not read (a Cyrillic name in a Spanish memo)
is counted by vowel groups (:func:`vowel_groups`), at least one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.files import cache_folder as kept_work

_ENGLISH_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowels of the Latin, Greek and Cyrillic alphabets, for words no language counter reads.
_ANY_VOWELS = re.compile(
    r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīĭįıōŏőœūŭůűųəǎǐǒǔ"
    r"αεηιουωάέήίόύώϊϋΐΰаеёиоуыэюяіїєў]+"
)
_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúü]*y$|[aeiouáéíóúü]+")
_SPANISH_STRONG = set("aeoáéóíú")
_RUSSIAN_VOWELS = set("аеёиоуыэюя")
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-zß-ÿ]")
_GERMAN_VOWELS = re.compile(r"[aeiouyäöü]+")
_GERMAN_ONE_SOUND = ("ei", "ai", "au", "eu", "äu", "ey", "ay", "ie", "aa", "ee", "oo")


def vowel_groups(word: str) -> int:
    """Syllables of a word in any Latin, Greek or Cyrillic spelling: its vowel groups (at
    least 1)."""
    return max(1, len(_ANY_VOWELS.findall(word.lower())))


@cache
def english(word: str) -> int:
    """Estimated syllables of one English word (at least 1)."""
    lower = word.lower().replace("’", "'").split("'")[0]
    groups = len(_ENGLISH_VOWEL_GROUPS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    hyphenated = len(_hyphenator().positions(lower)) + 1
    return max(1, groups, hyphenated)


@cache
def spanish(word: str) -> int:
    """Syllables of one Spanish word: a nucleus per strong vowel of each vowel group, one for
    a group of weak vowels only."""
    lower = word.lower()
    if not _LATIN.search(lower):
        return vowel_groups(word)
    groups = _SPANISH_VOWELS.findall(lower)
    return max(1, sum(max(1, sum(c in _SPANISH_STRONG for c in g)) for g in groups))


@cache
def russian(word: str) -> int:
    """Syllables of one Russian word: its vowel letters (0 for *в*, *к*, *с*)."""
    lower = word.lower()
    if not _CYRILLIC.search(lower):
        return vowel_groups(word)
    return sum(c in _RUSSIAN_VOWELS for c in lower)


@cache
def german(word: str) -> int:
    """Syllables of one German word: each vowel group, split where it is no diphthong."""
    lower = word.lower().replace("qu", "kw")
    if not _LATIN.search(lower):
        return vowel_groups(word)
    count = 0
    for group in _GERMAN_VOWELS.findall(lower):
        at = 0
        while at < len(group):
            at += 2 if group[at : at + 2] in _GERMAN_ONE_SOUND else 1
            count += 1
    return max(1, count)


COUNTERS: dict[str, Callable[[str], int]] = {
    "en": english,
    "es": spanish,
    "ru": russian,
    "de": german,
}


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
