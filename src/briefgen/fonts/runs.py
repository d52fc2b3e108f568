"""Split text into runs, each set in one bundled family: the fallback per character.

A letter of a script in :data:`~briefgen.fonts.scripts.FALLBACK_SCRIPTS` goes to that
script's family, everything else to the text family. Characters that belong to no script
(spaces, punctuation, digits) and combining marks stay in the run they follow when its
family draws them, so that "(ירושלים)," keeps its brackets beside the word and a shaper
sees whole words; when it cannot draw them they go to the next run's family, else to the
text family. The exporters set each run in its family: the PDF by font, the DOCX by its
``w:rFonts`` slots and ``w:lang``, the HTML by ``lang`` and ``dir``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from briefgen.fonts.bundled import coverage, fallback_key
from briefgen.fonts.scripts import RTL_SCRIPTS, script_of


@dataclass(frozen=True)
class FontRun:
    """``text`` set in family ``family``; ``script`` is its fallback script (None for the
    text family's own scripts)."""

    text: str
    family: str
    script: str | None

    @property
    def rtl(self) -> bool:
        """Whether the run is in a right-to-left script."""
        return self.script in RTL_SCRIPTS


def needs_fallback(text: str) -> bool:
    """Whether any character of ``text`` goes to a script's family (a quick test that lets
    Latin text skip the per-character work)."""
    return not text.isascii() and any(script_of(char) for char in text if ord(char) >= 0x0590)


def font_runs(text: str, text_family: str) -> list[FontRun]:
    """``text`` cut into runs of one family each, in logical order (see the module notes)."""
    if not needs_fallback(text):
        return [FontRun(text, text_family, None)] if text else []
    scripts = _strong_scripts(text)
    runs: list[FontRun] = []
    current: str | None = None  # the script of the run being built
    start = 0
    for index, char in enumerate(text):
        script = scripts[index]
        if script is False:  # weak or neutral: join the run it follows if it can
            script = _neutral_script(char, current, _next_script(scripts, index), text_family)
        if script != current and index > start:
            runs.append(_run(text[start:index], current, text_family))
            start = index
        current = script
    runs.append(_run(text[start:], current, text_family))
    return runs


def _run(text: str, script: str | None, text_family: str) -> FontRun:
    family = fallback_key(text_family, script) if script else text_family
    return FontRun(text, family, script)


def _strong_scripts(text: str) -> list[str | bool | None]:
    """Per character: its fallback script, None for a letter of the text family, or False
    for a character that belongs to no run by itself (neutral, digit, mark, joiner)."""
    result: list[str | bool | None] = []
    for char in text:
        script = script_of(char)
        if script is None and not unicodedata.category(char).startswith("L"):
            result.append(False)
        else:
            result.append(script)
    return result


def _next_script(scripts: list[str | bool | None], index: int) -> str | bool | None:
    return next((s for s in scripts[index + 1 :] if s is not False), False)


def _neutral_script(
    char: str, current: str | None, following: str | bool | None, text_family: str
) -> str | None:
    """Where a neutral character goes: the run it follows, the run after it, or the text
    family, the first whose family draws it."""
    code = ord(char)
    for script in (current, following):
        if script is False:
            continue
        if script is None or code in coverage(fallback_key(text_family, script)):
            return script  # type: ignore[return-value]
    return None
