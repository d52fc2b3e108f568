"""Map a position in a template's rendered output back to the template line that wrote it.

The markup parser sees only the rendered output, so its errors carry output lines, which mean
nothing to the template's author. When parsing fails, render asks this module to render the
template once more, noting for every chunk of output the template frame that yielded it (the
innermost Jinja generator, its template and, through Jinja's debug information, its line). The
successful path pays nothing.

A chunk is either text written in the template itself (then the exact line and column are
found in the template's source) or the output of an expression (then the expression's line,
and the message says so). Where no template frame is known (rendering is not repeatable, say),
the message names the line of the rendered output instead.
"""

from __future__ import annotations

import bisect
import types
from dataclasses import dataclass, replace
from typing import Any

import jinja2

from briefgen.errors import Problem
from briefgen.render.template_limits import render_budget

# How far below the line Jinja reports a chunk of template text may start (Jinja reports the
# line of a preceding block tag whose newline trim_blocks removed).
_SLACK_LINES = 2


@dataclass(frozen=True)
class _Chunk:
    """One piece of output and where it was yielded."""

    start: int
    text: str
    template: jinja2.Template | None
    line: int


def innermost_frame(generator: types.GeneratorType) -> types.FrameType | None:
    """The frame of the innermost generator ``generator`` is delegating to."""
    current = generator
    while True:
        inner = current.gi_yieldfrom
        if inner is None and current.gi_frame is not None:
            # {% include %} loops over the included template's generator, held in ``gen``.
            local = current.gi_frame.f_locals.get("gen")
            if isinstance(local, types.GeneratorType) and local.gi_frame is not None:
                inner = local
        if not isinstance(inner, types.GeneratorType) or inner.gi_frame is None:
            return current.gi_frame
        current = inner


def _trace(env: jinja2.Environment, name: str, context: dict[str, Any]) -> list[_Chunk]:
    """Render ``name`` again, noting the template and line of every chunk of output."""
    chunks: list[_Chunk] = []
    offset = 0
    with render_budget():
        generator = env.get_template(name).generate(context)
        for text in generator:
            frame = innermost_frame(generator)
            template = frame.f_globals.get("__jinja_template__") if frame else None
            line = 0
            if isinstance(template, jinja2.Template) and frame is not None:
                line = template.get_corresponding_lineno(frame.f_lineno)
            else:
                template = None
            chunks.append(_Chunk(offset, text, template, line))
            offset += len(text)
    return chunks


class SourceMap:
    """Output positions -> template positions, for one rendered output."""

    def __init__(self, env: jinja2.Environment, output: str, chunks: list[_Chunk]) -> None:
        """A map of ``output`` from its ``chunks``; ``env`` loads template sources."""
        self.env = env
        self.chunks = chunks
        self.starts = [chunk.start for chunk in chunks]
        self.line_starts = [0] + [i + 1 for i, char in enumerate(output) if char == "\n"]
        self._sources: dict[str, str] = {}

    def _source(self, template: jinja2.Template) -> str:
        """The source of ``template``, newlines normalised as Jinja does (cached)."""
        name = template.name or ""
        if name not in self._sources:
            assert self.env.loader is not None
            text = self.env.loader.get_source(self.env, name)[0]
            self._sources[name] = text.replace("\r\n", "\n").replace("\r", "\n")
        return self._sources[name]

    def locate(self, line: int, column: int) -> tuple[str, int, int, bool] | None:
        """(template file, line, column, written in the template?) of an output position.

        ``line`` and ``column`` are 1-based; the column is 0 when unknown.
        """
        if not 1 <= line <= len(self.line_starts) or not self.chunks:
            return None
        offset = self.line_starts[line - 1] + max(column - 1, 0)
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        chunk = self.chunks[index]
        template = chunk.template
        if template is None or not chunk.line:
            return None
        file = template.filename or template.name or "?"
        if type(chunk.text) is not str:  # Markup: the output of an expression
            return file, chunk.line, 0, False
        source = self._source(template)
        source_lines = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
        found, matched = _find_text(source, source_lines, chunk.text, chunk.line)
        if found < 0:
            return file, chunk.line, 0, True
        inside = offset - chunk.start
        if inside < matched:  # the position is in text copied verbatim from the source
            position = found + inside
            at_line = bisect.bisect_right(source_lines, position)
            return file, at_line, position - source_lines[at_line - 1] + 1, True
        # Text Jinja folded at compile time ({{ "<b>"|safe }}): right line, column unknown.
        at_line = bisect.bisect_right(source_lines, found) + chunk.text.count("\n", 0, inside)
        return file, at_line, 0, True


def _find_text(source: str, source_lines: list[int], text: str, line: int) -> tuple[int, int]:
    """Where ``text``, or its longest start found, begins in ``source`` at or just below
    ``line``: (offset, characters matched), or (-1, 0)."""
    start = source_lines[min(line, len(source_lines)) - 1]
    below = line + _SLACK_LINES
    limit = source_lines[below] if below < len(source_lines) else len(source)

    def at(size: int) -> int:
        """Where the first ``size`` characters of ``text`` are in the window, or -1."""
        found = source.find(text[:size], start)
        return found if 0 <= found < limit else -1

    if at(len(text)) >= 0:
        return at(len(text)), len(text)
    low, high = 0, len(text) - 1  # a prefix found anywhere in the window keeps shorter ones
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if at(middle) >= 0 else (low, middle - 1)
    return (at(low), low) if low >= 3 else (-1, 0)


def source_map(
    env: jinja2.Environment, name: str, context: dict[str, Any], output: str
) -> SourceMap | None:
    """A map for ``output``, if rendering ``name`` again reproduces it exactly."""
    try:
        chunks = _trace(env, name, context)
    except Exception:  # the first render succeeded; if this one fails, fall back quietly
        return None
    if "".join(chunk.text for chunk in chunks) != output:
        return None  # not repeatable (a random filter, say): positions would lie
    return SourceMap(env, output, chunks)


def locate_problems(
    problems: list[Problem], env: jinja2.Environment, name: str, context: dict[str, Any],
    output: str,
) -> list[Problem]:  # fmt: skip
    """``problems`` located in the output of template ``name``, moved to the template lines."""
    mapping = source_map(env, name, context, output)
    entry = env.get_template(name)
    entry_file = entry.filename or name
    located = []
    for problem in problems:
        where = mapping.locate(problem.line, problem.column) if mapping else None
        if where is None:
            message = f"line {problem.line} of the rendered output of {name}: {problem.message}"
            located.append(replace(problem, file=entry_file, line=0, column=0, message=message))
            continue
        file, line, column, literal = where
        message = problem.message
        if not literal:
            message = f"{message} (in the output of the expression on this line)"
        located.append(replace(problem, file=file, line=line, column=column or 1, message=message))
    return located
