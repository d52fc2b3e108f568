"""The note a brief writes for one audience's reader (``readers:``), as templates see it.

A reader note is the analyst's: the bottom line written for that reader, what the matter
means for them, the decision asked and the options open to them. The view adds what the
memo must say alongside it in any case: where each source stands (its ``perspective``) and
how many of the sources' claims others dispute or the sources assert without evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from briefgen.audience.profiles import AudienceConfig
from briefgen.brief.model import Brief, ReaderNote, Recommendation

# The parts of a note an audience may require (audience.yaml `requires: [reader.options]`).
READER_PARTS = ("bottom_line", "implications", "decision", "options")
DISPUTED = ("contested", "unsubstantiated")


def lineage(config: AudienceConfig, chain: Sequence[str] = ()) -> tuple[str, ...]:
    """The names a reader note may be keyed by, nearest first: the audience's ``chain`` (itself
    and every audience it builds on) when known, else its name and the audience it extends."""
    names = tuple(chain) or (config.name, *([config.extends] if config.extends else []))
    return tuple(dict.fromkeys(names))


def note_for(
    brief: Brief, config: AudienceConfig, chain: Sequence[str] = ()
) -> tuple[str, ReaderNote] | None:
    """The note written for ``config``'s reader and its key: the audience's own name first,
    then each audience it builds on (:func:`lineage`); None when the brief has none."""
    for name in lineage(config, chain):
        if name in brief.readers:
            return name, brief.readers[name]
    return None


def missing_reader_parts(
    brief: Brief, config: AudienceConfig, parts: list[str], chain: Sequence[str] = ()
) -> list[str]:
    """The paths of the required ``parts`` the brief leaves empty, for "the memo needs ..."
    messages: ``readers.executive`` when the brief has no note for this reader at all, else
    each empty part (``readers.executive.options``)."""
    if not parts:
        return []
    found = note_for(brief, config, chain)
    if found is None:
        return [f"readers.{config.name}"]
    key, note = found
    return [f"readers.{key}.{part}" for part in parts if not getattr(note, part)]


def reader_note_hint(config: AudienceConfig, parts: list[str]) -> str:
    """How to write the missing note, for the same message."""
    return (
        f"write what this memo tells its reader under readers: {config.name}: "
        f"({', '.join(parts)}; see docs/brief-format.md, 'Reader notes')"
    )


def reader_view(
    brief: Brief,
    config: AudienceConfig,
    show: Callable[[Recommendation], dict[str, Any]],
    markdown: Callable[[str], Any],
    chain: Sequence[str] = (),
) -> dict[str, Any] | None:
    """The reader note of ``config``'s audience as templates see it (``reader``), or None.

    ``show`` gives a recommendation's view (with its ``label``, "R4"): ``recommendations``
    holds the views of those the options take up, in brief order, so that a memo can show
    what its options rest on, and each option's ``builds_on`` their labels.
    """
    found = note_for(brief, config, chain)
    if found is None:
        return None
    note = found[1]
    taken_up = {rec for option in note.options for rec in option.builds_on}
    shown = {rec.id: show(rec) for rec in brief.recommendations if rec.id in taken_up}
    return {
        "to": note.to,
        "bottom_line": markdown(note.bottom_line),
        "implications": [markdown(text) for text in note.implications],
        "decision": markdown(note.decision) if note.decision else None,
        "options": [
            {
                "id": option.id,
                "title": option.title,
                "text": markdown(option.text),
                "builds_on": [shown[rec]["label"] for rec in option.builds_on],
                "risks": markdown(option.risks) if option.risks else None,
            }
            for option in note.options
        ],
        "caveats": [markdown(text) for text in note.caveats],
        "recommendations": list(shown.values()),
    }


def disputed_claims(brief: Brief) -> int:
    """How many of the brief's counterpoints record a claim others dispute or its source
    asserts without evidence (every one in the brief, whatever a memo selects)."""
    return sum(1 for point in brief.counterpoints if point.status in DISPUTED)
