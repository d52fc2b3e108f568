"""Fail a memo that would draw a box: each uncovered character named where it came from.

:func:`briefgen.document.glyphs.uncovered` finds the characters of a rendered Document that
the font setting them lacks; this module says where each came from: the template and line
that wrote it (through :mod:`.template_lines`, as markup errors are), the brief field that
holds it when a template printed a brief's text, or the audience setting (running header,
footer, marking) when it is not in the markup at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from briefgen.audience.profiles import ENTRY_TEMPLATE, Audience
from briefgen.brief.load import read_file
from briefgen.brief.located_yaml import Path as FieldPath
from briefgen.brief.located_yaml import format_path, read_yaml
from briefgen.brief.model import Brief
from briefgen.brief.text_checks import string_fields
from briefgen.document import tree as d
from briefgen.document.glyphs import Uncovered, uncovered
from briefgen.errors import InputError, Problem
from briefgen.fonts import bundled as fonts
from briefgen.render.template_lines import locate_problems

_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def glyph_problems(
    document: d.Document, audience: Audience, brief: Brief, brief_name: str,
    env: jinja2.Environment, view: dict[str, Any], markup: str,
) -> list[Problem]:  # fmt: skip
    """Located problems for the characters of ``document`` its fonts cannot draw."""
    style = audience.config.style
    running = tuple(text for text in (style.header, style.footer, style.watermark) if text)
    missing = uncovered(document, style.body_font, style.heading_font, running)
    if not missing:
        return []
    source = f"{audience.name}/{ENTRY_TEMPLATE} (rendered)"
    problems: list[Problem] = []
    for item in missing:
        message = _message(item, audience.name)
        position = _find(markup, item.char)
        printed = None
        if position is not None:
            problem = Problem(source, *position, "", message)
            printed = locate_problems([problem], env, ENTRY_TEMPLATE, view, markup)[0]
        field = _brief_field(brief, item.char)
        if field is not None:  # the brief's text: located at its field, as load's checks are
            where = f" (printed by {printed.file}:{printed.line})" if printed else ""
            problems.append(_at_field(brief_name, field, message + where))
        elif printed is not None:
            problems.append(printed)
        else:  # not in the markup nor the brief: the audience's running texts
            problems.append(_at_setting(audience, item.char, message))
    return problems


def _at_setting(audience: Audience, char: str, message: str) -> Problem:
    """A problem at the ``style`` setting (header, footer, watermark) holding ``char``, in
    the nearest ``audience.yaml`` of the chain that sets it."""
    for folder in audience.folders:
        name = str(folder / "audience.yaml")
        try:
            doc = read_yaml(read_file(Path(name)), name)
        except InputError:
            continue
        style = doc.data.get("style") if isinstance(doc.data, dict) else None
        for key in ("header", "footer", "watermark"):
            value = style.get(key) if isinstance(style, dict) else None
            if isinstance(value, str) and char in value:
                return doc.problem(("style", key), message)
    return Problem(str(audience.folders[0] / "audience.yaml"), 0, 0, "style", message)


def _at_field(brief_name: str, field: FieldPath, message: str) -> Problem:
    """A problem at brief field ``field``, with its line when the brief file can be read."""
    try:
        doc = read_yaml(read_file(Path(brief_name)), brief_name)
    except InputError:  # not a file (a brief given as data) or gone since: no line
        return Problem(brief_name, 0, 0, format_path(field), message)
    return doc.problem(field, message)


def _message(item: Uncovered, audience: str) -> str:
    name = fonts.family(item.family).name
    return (
        f"no glyph for {fonts.describe(item.char)} in {name}, the font of {item.what} in the "
        f"{audience} memo: it would be drawn as a box; replace it or remove it"
    )


def _find(markup: str, char: str) -> tuple[int, int] | None:
    """Output line and column of ``char``'s first appearance in ``markup``, literal or as a
    numeric character reference."""
    offsets = [markup.find(char)] if char in markup else []
    for match in _REFERENCE.finditer(markup):
        hex_digits, decimal = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(decimal)
        if code == ord(char):
            offsets.append(match.start())
            break
    if not offsets:
        return None
    offset = min(offsets)
    line = markup.count("\n", 0, offset) + 1
    return line, offset - (markup.rfind("\n", 0, offset) + 1) + 1


def _brief_field(brief: Brief, char: str) -> FieldPath | None:
    """The path of the first brief field whose text holds ``char``."""
    return next((path for path, text in string_fields(brief.model_dump()) if char in text), None)
