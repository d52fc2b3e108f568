"""Coverage: what of its sources the brief draws on, and whom its recommendations address.

Not findings: an editor reads it to see what the brief leaves out (a paragraph no item cites)
and where its recommendations point (each actor with the number of recommendations addressed
to it, most first; declared actors none is addressed to).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefgen.brief.model import Brief
from briefgen.brief.sourced_items import Item
from briefgen.check.source_text import SourceText, normalise

EXCERPT = 60


@dataclass(frozen=True)
class SourceCoverage:
    """Citations per paragraph of one source."""

    source: str
    paragraphs: int
    cited: dict[int, int]
    uncited: dict[int, str]

    def as_json(self) -> dict[str, object]:
        """The stable JSON form (paragraph numbers as object keys are strings)."""
        return {
            "source": self.source,
            "paragraphs": self.paragraphs,
            "cited": {str(n): count for n, count in self.cited.items()},
            "uncited": list(self.uncited),
        }

    def lines(self, several: bool) -> list[str]:
        """This source's coverage as text lines."""
        cited = ", ".join(f"¶{n} {count}" for n, count in self.cited.items())
        which = f" of {self.source!r}" if several else " source"
        lines = [
            f"coverage: {len(self.cited)} of {self.paragraphs}{which} paragraphs cited "
            f"(items citing each: {cited})",
        ]
        if self.uncited:
            lines.append(f"  not cited: {', '.join(f'¶{n}' for n in self.uncited)}")
            lines.extend(f"    ¶{n}: {text}" for n, text in self.uncited.items())
        return lines


@dataclass(frozen=True)
class Coverage:
    """Citations per paragraph of each source, and recommendations per addressee."""

    sources: tuple[SourceCoverage, ...]
    addressees: dict[str, int]
    not_addressed: tuple[str, ...]
    recommendations: int

    def as_json(self) -> dict[str, object]:
        """The stable JSON form."""
        return {
            "sources": [source.as_json() for source in self.sources],
            "recommendations": self.recommendations,
            "addressees": self.addressees,
            "not_addressed": list(self.not_addressed),
        }

    def lines(self) -> list[str]:
        """The report as text lines."""
        several = len(self.sources) > 1
        lines = [line for source in self.sources for line in source.lines(several)]
        addressed = ", ".join(f"{actor} {count}" for actor, count in self.addressees.items())
        lines.append(
            f"recommendations: {self.recommendations}, addressed to {len(self.addressees)} "
            f"actors: {addressed}"
        )
        if self.not_addressed:
            lines.append(f"  never addressed: {', '.join(self.not_addressed)}")
        return lines


def _excerpt(paragraph: str) -> str:
    text = normalise(paragraph)
    return text if len(text) <= EXCERPT else text[: EXCERPT - 3].rstrip() + "..."


def source_coverage(source_id: str, items: list[Item], text: SourceText) -> SourceCoverage:
    """How ``items`` cite the paragraphs of one source."""
    counts = Counter(
        ref.paragraph for item in items for ref in set(item.cited) if ref.source == source_id
    )
    total = len(text.paragraphs)
    return SourceCoverage(
        source=source_id,
        paragraphs=total,
        cited={n: counts[n] for n in range(1, total + 1) if counts[n]},
        uncited={n: _excerpt(p) for n, p in enumerate(text.paragraphs, 1) if not counts[n]},
    )


def coverage(brief: Brief, items: list[Item], texts: dict[str, SourceText]) -> Coverage:
    """The coverage of every source by ``brief``'s items, and whom it addresses."""
    addressed = Counter(actor for rec in brief.recommendations for actor in rec.addressed_to)
    order = {actor.id: n for n, actor in enumerate(brief.actors)}
    return Coverage(
        sources=tuple(source_coverage(s.id, items, texts[s.id]) for s in brief.sources),
        addressees=dict(sorted(addressed.items(), key=lambda kv: (-kv[1], order[kv[0]]))),
        not_addressed=tuple(a.id for a in brief.actors if a.id not in addressed),
        recommendations=len(brief.recommendations),
    )
