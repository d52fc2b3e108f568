"""Checks on every text of a brief: characters the bundled fonts cannot draw, unsafe links.

Run at load time, so ``briefgen validate`` reports them with their location, before any
exporter would draw a box for a missing glyph or write a link to ``javascript:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.brief.located_yaml import Path, YamlDocument
from briefgen.errors import Problem
from briefgen.fonts import bundled as fonts

# [label](target) in inline Markdown: the target in <angle brackets>, or up to a space or the
# closing parenthesis (one level of balanced parentheses allowed, as in CommonMark).
_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|((?:[^()\s]|\([^()\s]*\))*))")
_SAFE_TARGET = re.compile(r"^(https?://\S+|mailto:\S+)$", re.IGNORECASE)
# C0 and C1 controls (tab, newline and carriage return aside), lone surrogates, the
# noncharacters (U+FDD0-FDEF and the last two code points of every plane; U+FFFE and U+FFFF are
# invalid in XML, so in DOCX), and the bidirectional embedding, override and isolate controls
# that can make text read differently from its characters ("Trojan source").
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
    + _NONCHARACTERS
    + "]"
)


def string_fields(node: object, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string under ``node`` (plain data: mappings, lists), with its path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from string_fields(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_fields(value, (*path, index))


def forbidden_message(char: str) -> str:
    """What is wrong with ``char``, one that :data:`FORBIDDEN` matches, for an error message."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} in text (half of a character; not valid Unicode)"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"noncharacter U+{code:04X} in text"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"bidirectional control {fonts.describe(char)} in text: remove it"
    return f"control character U+{code:04X} in text"


def forbidden_problems(doc: YamlDocument) -> list[Problem]:
    """Control, bidirectional-control and noncharacter characters in any text of ``doc``
    (a brief or an ``audience.yaml``), the first of each text, located."""
    return [
        doc.problem(path, forbidden_message(bad.group()))
        for path, text in string_fields(doc.data, ())
        if (bad := FORBIDDEN.search(text))
    ]


def text_problems(doc: YamlDocument) -> list[Problem]:
    """Uncovered characters, control characters and unsafe link targets, located."""
    problems: list[Problem] = []
    families = tuple(fonts.FAMILY_KEYS)
    for path, text in string_fields(doc.data, ()):
        bad = FORBIDDEN.search(text)
        if bad:
            problems.append(doc.problem(path, forbidden_message(bad.group())))
            continue
        for char in fonts.missing_characters(text, families):
            problems.append(
                doc.problem(
                    path,
                    f"no bundled font has a glyph for {fonts.describe(char)!s} "
                    f"({char!r}); replace it or remove it",
                )
            )
        for match in _LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if target and not _SAFE_TARGET.match(target):
                problems.append(
                    doc.problem(path, f"link target {target!r} is not an http(s) or mailto URL")
                )
    return problems
