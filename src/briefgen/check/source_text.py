"""The source text a brief renders: its paragraphs, their fingerprints, verbatim matching.

One rule for paragraphs everywhere (briefs' ``refs``, ``briefgen check``, the tests): the
source's paragraphs are its blank-line-separated blocks, numbered from 1, the title line being
paragraph 1. A line holding only whitespace counts as blank, and several blank lines are one
separator.

Quotations are compared, and paragraphs fingerprinted, after :func:`normalise`: Unicode NFC,
curly and typographic quotes and apostrophes folded to ``"`` and ``'``, and every run of
whitespace (spaces, tabs, line breaks, no-break spaces) folded to one space, trimmed. Nothing
else is folded: case, punctuation, dashes and words must match exactly.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from briefgen.brief.load import read_file
from briefgen.errors import InputError, Problem

FINGERPRINT_LENGTH = 12  # hex digits of SHA-256: 48 bits, ample to notice an edit

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_QUOTE_FOLDS = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′ʼ`´＇", "'"),
    }
)
_OPEN, _CLOSE = "“", "”"


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blank-line-separated blocks; index 0 is paragraph 1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return [block for block in _PARAGRAPH_BREAK.split(text) if block.strip()] if text else []


def normalise(text: str) -> str:
    """``text`` with quotes, apostrophes and whitespace normalised (see the module notes)."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS).split())


def fingerprint(paragraph: str) -> str:
    """A short, stable fingerprint of one paragraph: SHA-256 of its normalised text, 12 hex."""
    digest = hashlib.sha256(normalise(paragraph).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def quoted_phrases(text: str) -> list[str]:
    """The outermost phrases in curly double quotes (“...”) in ``text``, nesting respected.

    An unbalanced quotation mark ends nothing: text after a stray “ is not a phrase.
    """
    phrases: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == _OPEN:
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == _CLOSE and depth:
            depth -= 1
            if depth == 0 and text[start:index].strip():
                phrases.append(text[start:index])
    return phrases


@dataclass(frozen=True)
class SourceText:
    """A source file read for checking: its name, SHA-256 and paragraphs."""

    name: str
    sha256: str
    paragraphs: tuple[str, ...]

    @cached_property
    def normalised(self) -> tuple[str, ...]:
        """Every paragraph, normalised (index 0 is paragraph 1)."""
        return tuple(normalise(p) for p in self.paragraphs)

    def paragraph(self, number: int) -> str | None:
        """Paragraph ``number`` (1-based), or None when out of range."""
        return self.paragraphs[number - 1] if 1 <= number <= len(self.paragraphs) else None

    def fingerprints(self) -> dict[int, str]:
        """Paragraph number -> fingerprint, for every paragraph."""
        return {n: fingerprint(p) for n, p in enumerate(self.paragraphs, 1)}

    def find(self, phrase: str) -> list[int]:
        """The paragraphs (numbers) that hold ``phrase`` verbatim after normalisation."""
        wanted = normalise(phrase)
        return [n for n, p in enumerate(self.normalised, 1) if wanted and wanted in p]


def source_from_bytes(raw: bytes, name: str) -> SourceText:
    """Read a source text from bytes (UTF-8, a byte-order mark accepted)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8: byte 0x{raw[exc.start]:02X} at offset {exc.start}"
        raise InputError([Problem(name, 0, 0, "", message)]) from None
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise InputError([Problem(name, 0, 0, "", "the source text is empty")])
    return SourceText(name, hashlib.sha256(raw).hexdigest(), tuple(paragraphs))


def read_source(path: Path) -> SourceText:
    """Read the source text at ``path``, or raise :class:`InputError` saying why not.

    Only a regular file is read: a named pipe with no writer would block for ever, and a
    directory or a device is no text. The same limits as for a brief apply
    (:func:`briefgen.brief.load.read_file`).
    """
    kind = _not_a_file(path)
    if kind:
        raise InputError([Problem(str(path), 0, 0, "", f"is {kind}, not a source text file")])
    return source_from_bytes(read_file(path), str(path))


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(path: Path) -> str | None:
    """What ``path`` is if it exists and is not a regular file ("a directory", ...), else None.

    Opened without blocking (a FIFO's open would wait for a writer) and looked at through the
    descriptor, so what is looked at is what was opened.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        return "a directory"
    except OSError:
        return None  # missing or unreadable: read_file says which
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    return next((kind for test, kind in _KINDS if test(mode)), None)
