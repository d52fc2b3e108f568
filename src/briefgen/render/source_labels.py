"""How a memo names places in its sources: ``¶3, ¶9`` in a one-source brief, ``ICG ¶3; CRS ¶9``
when there are several, and the references a citing footnote names.

Decided once here for every template, so a label reads the same in every memo and format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from briefgen.brief.model import Brief, Source, SourceRef
from briefgen.render.csl_items import short_title as main_title


def short_title(source: Source) -> str:
    """A title's main part, before any subtitle: ``"Triumph in Defeat: ..."`` -> ``"Triumph in
    Defeat"`` (the rule citations shorten titles by); the whole title when it has none."""
    return main_title(source.title) or source.title.strip()


def paragraph_numbers(numbers: Iterable[int], ranges: bool = False) -> str:
    """``{9, 3, 4, 5}`` -> ``"¶3, ¶4, ¶5, ¶9"``, or with ``ranges`` ``"¶3–5, ¶9"`` (runs of
    three or more)."""
    ordered = sorted(set(numbers))
    if not ranges:
        return ", ".join(f"¶{n}" for n in ordered)
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"¶{ordered[start]}–{ordered[end]}")
        else:
            parts.extend(f"¶{n}" for n in ordered[start : end + 1])
        start = end + 1
    return ", ".join(parts)


@dataclass(frozen=True)
class RefsLabel:
    """An item's references as templates print them: ``{{ item.refs }}`` is the label, and
    ``.refs`` the ``ID:N`` references a citing footnote names (render formats the note in the
    audience's citation style)."""

    label: str
    refs: tuple[str, ...]  # "ID:N", in the brief's order

    def __str__(self) -> str:
        return self.label

    def __html__(self) -> str:  # Jinja's autoescape prints the label, escaped
        return str(escape(self.label))

    def __bool__(self) -> bool:
        return bool(self.refs)


class SourceLabels:
    """Labels for one brief's references."""

    def __init__(self, brief: Brief) -> None:
        self.sources = {source.id: source for source in brief.sources}
        self.several = len(self.sources) > 1

    def _by_source(self, refs: Iterable[SourceRef]) -> dict[str, set[int]]:
        grouped: dict[str, set[int]] = {}
        for ref in refs:
            grouped.setdefault(ref.source, set()).add(ref.paragraph)
        return grouped

    def _prefix(self, source_id: str) -> str:
        source = self.sources[source_id]
        return f"{source.short or source.id} " if self.several else ""

    def label(self, refs: Iterable[SourceRef], ranges: bool = False) -> str:
        """``¶3, ¶9`` (one source) or ``ICG ¶3; CRS ¶9`` (several)."""
        grouped = self._by_source(refs)
        return "; ".join(
            self._prefix(sid) + paragraph_numbers(numbers, ranges)
            for sid, numbers in grouped.items()
        )

    def refs(self, refs: Iterable[SourceRef]) -> RefsLabel:
        """The :class:`RefsLabel` of an item's ``refs``."""
        refs = list(refs)
        return RefsLabel(self.label(refs), tuple(str(ref) for ref in refs))

    def quote_label(self, ref: SourceRef) -> str:
        """A quotation's place: ``¶3`` or ``ICG ¶3``."""
        return f"{self._prefix(ref.source)}¶{ref.paragraph}"
