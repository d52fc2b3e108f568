"""Every sourced item of a brief, walked uniformly: where it is, its id, refs, prose and quote.

The checks in :mod:`briefgen.check.report` look at a brief's items one way whatever their kind:
a key
judgment, a background statement, an obstacle, one party's position on an obstacle (id
``obstacle-id/actor-id``), a recommendation, a counterpoint, an editorial note, a next step, a
glossary entry (id ``glossary:TERM``), and the brief-wide ``bottom_line`` and
``plain_summary`` (which have no refs).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from briefgen.brief.located_yaml import Path
from briefgen.brief.model import Brief, Quotation

# String fields that are codes or values, not prose a reader reads as the brief's words.
_NOT_PROSE = frozenset(
    {"id", "date", "value", "priority", "horizon", "status", "kind", "proposed_by", "term"}
)


@dataclass(frozen=True)
class Item:
    """One item: its YAML path, display id, cited paragraphs, prose fields and quotation."""

    path: Path
    id: str
    refs: tuple[int, ...]
    texts: tuple[tuple[Path, str], ...]
    quote: Quotation | None = None

    @property
    def cited(self) -> tuple[int, ...]:
        """Every paragraph the item cites: its refs and its quotation's paragraph."""
        extra = (self.quote.ref,) if self.quote and self.quote.ref not in self.refs else ()
        return (*self.refs, *extra)


def _prose(model: BaseModel, path: Path) -> tuple[tuple[Path, str], ...]:
    return tuple(
        ((*path, name), value)
        for name in type(model).model_fields
        if name not in _NOT_PROSE and isinstance(value := getattr(model, name), str)
    )


def _item(model: BaseModel, path: Path, item_id: str) -> Item:
    refs = getattr(model, "refs", ())
    return Item(path, item_id, tuple(refs), _prose(model, path), getattr(model, "quote", None))


def brief_items(brief: Brief) -> Iterator[Item]:
    """Every item of ``brief`` in document order."""
    yield Item(("bottom_line",), "bottom_line", (), ((("bottom_line",), brief.bottom_line),))
    if brief.plain_summary:
        yield Item(
            ("plain_summary",), "plain_summary", (), ((("plain_summary",), brief.plain_summary),)
        )
    collections: list[tuple[Path, list]] = [
        (("key_judgments",), brief.key_judgments),
        (("context", "background"), brief.context.background),
        (("context", "timeline"), brief.context.timeline),
        (("context", "key_figures"), brief.context.key_figures),
    ]
    for path, models in collections:
        for index, model in enumerate(models):
            yield _item(model, (*path, index), model.id)
    for index, obstacle in enumerate(brief.obstacles):
        yield _item(obstacle, ("obstacles", index), obstacle.id)
        for actor, position in obstacle.positions.items():
            path = ("obstacles", index, "positions", actor)
            yield _item(position, path, f"{obstacle.id}/{actor}")
    later: list[tuple[Path, list]] = [
        (("recommendations",), brief.recommendations),
        (("counterpoints",), brief.counterpoints),
        (("editorial_notes",), brief.editorial_notes),
        (("next_steps",), brief.next_steps),
    ]
    for path, models in later:
        for index, model in enumerate(models):
            yield _item(model, (*path, index), model.id)
    for index, entry in enumerate(brief.glossary):
        yield _item(entry, ("glossary", index), f"glossary:{entry.term}")
    yield from _reader_items(brief)


def _reader_items(brief: Brief) -> Iterator[Item]:
    """The prose of each reader note: the analyst's, citing nothing itself, but held to the
    same rules (a quoted phrase is the source's words; a contested claim keeps its holder)."""
    for reader, note in brief.readers.items():
        path = ("readers", reader)
        yield _item(note, path, f"readers:{reader}")
        for field in ("implications", "caveats"):
            for index, text in enumerate(getattr(note, field)):
                where = (*path, field, index)
                yield Item(where, f"readers:{reader}/{field}[{index}]", (), ((where, text),))
        for index, option in enumerate(note.options):
            yield _item(option, (*path, "options", index), f"readers:{reader}/{option.id}")
