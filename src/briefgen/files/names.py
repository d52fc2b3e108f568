"""Names that become files and folders: the brief file's stem and the audience names.

A build writes ``OUT/<brief file stem>/<audience>.<format>``, so both names must be safe and
portable: a brief called ``..yaml`` must not write into ``OUT/`` itself (its stem is ``.``), and
``CON.yaml`` or an audience called ``nul`` would name a device on Windows. A name is accepted
when it is made of letters (any script, with their combining marks: the vowel signs of
Devanagari, Arabic harakat, a decomposed accent), digits, ``-``, ``_``, ``.`` and inner spaces,
starts with a letter or digit, does not end with a dot or a space, is at most :data:`MAX_NAME_CHARS`
characters long, and is not a Windows device name (``CON``, ``PRN``, ``AUX``, ``NUL``,
``COM1``-``COM9``, ``LPT1``-``LPT9``, in any case, with or without an extension). Anything else
is refused with a message asking to rename the file; nothing is silently rewritten, except
that the name a file is written under is the name in Unicode normal form C
(:func:`output_name`), so a decomposed "é" and a composed one name the same file.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_CHARS = 100
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
_PUNCTUATION = frozenset("-_. ")


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a file or folder briefgen writes; None if it can."""
    if not name:
        return "the name is empty"
    if len(name) > MAX_NAME_CHARS:
        return f"the name is {len(name)} characters long; the limit is {MAX_NAME_CHARS}"
    if not name[0].isalnum():
        return f"{name!r} must start with a letter or a digit"
    bad = _first_unsafe(name)
    if bad is not None:
        return f"{name!r} contains {bad!r}: use letters, digits, '-', '_', '.' and spaces only"
    if name[-1] in ". ":
        return f"{name!r} must not end with a dot or a space"
    if name.split(".", 1)[0].strip().casefold() in _RESERVED:
        return f"{name!r} is a reserved device name on Windows"
    return None


def _first_unsafe(name: str) -> str | None:
    """The first character of ``name`` that is not a letter, a digit, allowed punctuation or
    a combining mark (Unicode category M*) following a letter or its marks; None if none."""
    after_letter = False
    for char in name:
        if unicodedata.category(char).startswith("M"):
            if not after_letter:
                return char
        elif char.isalnum() or char in _PUNCTUATION:
            after_letter = char.isalpha()
        else:
            return char
    return None


def output_name(name: str) -> str:
    """The name (accepted by :func:`name_problem`) that a file or folder is written under:
    ``name`` in Unicode normal form C, so the same name typed composed or decomposed is one
    file on every file system."""
    return unicodedata.normalize("NFC", name)
