"""Directional isolates in the HTML memo: each stretch of a block that runs the other way
than the block (:func:`briefgen.fonts.direction_stretches.isolated_stretches`) becomes an
element with ``dir``, which a browser isolates as it does ``<bdi>``.

A stretch is found in the block's whole text, for it often crosses inline elements (a
bold report number, an italic title, a link); the inlines are regrouped so that each
stretch is one :class:`Isolate` among its container's children. Where a stretch cannot be
nested (it starts inside an emphasis and ends after it), it is held between the Unicode
isolate characters instead (LRI or RLI ... PDI), which the HTML standard leaves to the bidi
algorithm and Blink and Gecko honour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from briefgen.document import tree as d
from briefgen.fonts.direction_stretches import isolated_stretches
from briefgen.fonts.scripts import has_rtl

_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"
_ELEMENTS = (d.Strong, d.Emph, d.Link)


@dataclass(frozen=True)
class Isolate:
    """Inlines to be written in an element of their own direction (right to left when
    ``rtl``)."""

    children: tuple[Node, ...]
    rtl: bool


Node = d.Inline | Isolate


def isolated(inlines: tuple[d.Inline, ...], rtl: bool) -> tuple[Node, ...]:
    """``inlines`` of a block running right to left when ``rtl``, each stretch to isolate
    grouped into an :class:`Isolate` (or held between isolate characters)."""
    text = d.plain_text(inlines)
    if not rtl and not has_rtl(text):
        return inlines
    stretches = isolated_stretches(text, rtl)
    if not stretches:
        return inlines
    marks: dict[int, str] = {}
    nodes = _arranged(inlines, stretches, not rtl, 0, marks)
    if not marks:
        return nodes
    nodes = _marked(nodes, marks, 0)[0]
    if marks:  # a stretch that ends the block: its PDI after everything
        nodes += (d.Text("".join(marks.pop(offset) for offset in sorted(marks))),)
    return nodes


def _length(node: d.Inline) -> int:
    return len(d.plain_text((node,)))


def _arranged(nodes: tuple[d.Inline, ...], stretches: list[tuple[int, int]], rtl: bool,
              base: int, marks: dict[int, str]) -> tuple[Node, ...]:  # fmt: skip
    """``nodes`` (starting at offset ``base`` of the block's text) with the stretches that
    lie in them grouped; the stretches inside one element are grouped inside it, those that
    cannot be nested go to ``marks`` (offset -> isolate character)."""
    bounds, at = [], base
    for node in nodes:
        bounds.append((at, at + _length(node)))
        at += bounds[-1][1] - bounds[-1][0]
    inner: dict[int, list[tuple[int, int]]] = {}
    here: list[tuple[int, int]] = []
    for start, end in stretches:
        holder = _holder(nodes, bounds, start, end)
        if holder is not None:
            inner.setdefault(holder, []).append((start, end))
        elif _nestable(nodes, bounds, start, end):
            here.append((start, end))
        else:
            marks[start], marks[end] = (_RLI if rtl else _LRI), _PDI
    cut: list[tuple[Node, int]] = []  # (node, its start offset)
    cuts = sorted({offset for stretch in here for offset in stretch})
    for index, (node, (a, b)) in enumerate(zip(nodes, bounds, strict=True)):
        if index in inner:
            children = _arranged(node.children, inner[index], rtl, a, marks)  # type: ignore[union-attr]
            cut.append((replace(node, children=children), a))
        elif isinstance(node, d.Text):
            edges = [a, *(c for c in cuts if a < c < b), b]
            cut += [(d.Text(node.text[x - a : y - a]), x) for x, y in pairwise(edges)]
        else:
            cut.append((node, a))
    return _grouped(cut, here, rtl)


def _holder(nodes: tuple[d.Inline, ...], bounds: list[tuple[int, int]], start: int,
            end: int) -> int | None:  # fmt: skip
    """The index of the element (bold, italic, link) holding the whole stretch, if one does."""
    for index, (a, b) in enumerate(bounds):
        if isinstance(nodes[index], _ELEMENTS) and a <= start and end <= b:
            return index
    return None


def _nestable(nodes: tuple[d.Inline, ...], bounds: list[tuple[int, int]], start: int,
              end: int) -> bool:  # fmt: skip
    """Whether a stretch's ends fall in this container's text or at its elements' edges."""
    ok_start = any((a <= start < b and isinstance(n, d.Text)) or a == start
                   for n, (a, b) in zip(nodes, bounds, strict=True))  # fmt: skip
    ok_end = any((a < end <= b and isinstance(n, d.Text)) or b == end
                 for n, (a, b) in zip(nodes, bounds, strict=True))  # fmt: skip
    return ok_start and ok_end


def _grouped(
    cut: list[tuple[Node, int]], here: list[tuple[int, int]], rtl: bool
) -> tuple[Node, ...]:
    """The cut nodes with those inside each stretch of ``here`` gathered into an Isolate."""
    out: list[Node] = []
    index = 0
    for start, end in sorted(here):
        while index < len(cut) and cut[index][1] < start:
            out.append(cut[index][0])
            index += 1
        group = []
        while index < len(cut) and cut[index][1] < end:
            group.append(cut[index][0])
            index += 1
        out.append(Isolate(tuple(group), rtl))
    out += [node for node, _at in cut[index:]]
    return tuple(out)


def _marked(
    nodes: tuple[Node, ...], marks: dict[int, str], base: int
) -> tuple[tuple[Node, ...], int]:
    """``nodes`` with each isolate character of ``marks`` put before the character at its
    offset (text order is all the bidi algorithm sees: an element edge between changes
    nothing); returns them and the offset after them (in the text without the characters)."""
    out: list[Node] = []
    at = base
    for node in nodes:
        if isinstance(node, d.Text):
            text = "".join(marks.pop(at + i, "") + char for i, char in enumerate(node.text))
            out.append(d.Text(text))
            at += len(node.text)
        elif isinstance(node, (*_ELEMENTS, Isolate)):
            children, at = _marked(node.children, marks, at)
            out.append(replace(node, children=children))
        else:
            at += _length(node)
            out.append(node)
    return tuple(out), at
