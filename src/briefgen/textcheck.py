"""Checks on every text of a brief: characters the bundled fonts cannot draw, unsafe links.

Run at load time, so ``briefgen validate`` reports them with their location, before any
exporter would draw a box for a missing glyph or write a link to ``javascript:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen import fonts
from briefgen.errors import Problem
from briefgen.yamlsource import Path, YamlDocument

# [label](target) in inline Markdown; the target up to the closing parenthesis or a space.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(r"^(https?://\S+|mailto:\S+)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _strings(node: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))


def text_problems(doc: YamlDocument) -> list[Problem]:
    """Uncovered characters, control characters and unsafe link targets, located."""
    problems: list[Problem] = []
    families = tuple(fonts.FAMILY_KEYS)
    for path, text in _strings(doc.data, ()):
        bad = _CONTROL.search(text)
        if bad:
            char = bad.group()
            problems.append(doc.problem(path, f"control character U+{ord(char):04X} in text"))
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
            target = match.group(1)
            if target and not _SAFE_TARGET.match(target):
                problems.append(
                    doc.problem(path, f"link target {target!r} is not an http(s) or mailto URL")
                )
    return problems
