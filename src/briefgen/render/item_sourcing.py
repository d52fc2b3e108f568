"""The memo's sourcing for templates: which source paragraphs each shown item rests on.

:func:`sourcing` reads the template context :func:`briefgen.render.view.build_view` built
(so it sees
exactly the items the audience shows, selected and ordered once, there) and adds, per section,
the paragraphs of each item (for the negotiator memo's "Sources and method" annex) and of the
section as a whole (for the compact "Sources" notes of the other memos).
"""

from __future__ import annotations

from typing import Any

from briefgen.brief.model import Brief, SourceRef
from briefgen.brief.sourced_items import brief_items
from briefgen.i18n.catalogue import Catalogue
from briefgen.render.source_labels import SourceLabels

# Context key, how items are labelled in the annex (whose heading is the label annex_KEY).
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("key_judgments", "number"),
    ("background", "number"),
    ("timeline", "date"),
    ("key_figures", "value"),
    ("obstacles", "number"),
    ("recommendations", "label"),
    ("counterpoints", "number"),
    ("editorial_notes", "number"),
    ("next_steps", "number"),
)


def sourcing(brief: Brief, view: dict[str, Any], words: Catalogue) -> dict[str, Any]:
    """Per section of ``view``: its items' paragraphs (``annex``) and the section's (``cited``).

    ``annex`` lists the sections that have items, in memo order, each item labelled as the memo
    shows it (its number, R-label, date or value); ``cited`` maps every section key to the
    paragraphs its items rest on ("" when it has none), and ``cited_in(key, ...)`` gives them
    for several sections together. An obstacle's paragraphs include those
    of the parties' positions on it.
    """
    labels = SourceLabels(brief)
    declared = {source.id: n for n, source in enumerate(brief.sources)}

    def label(refs: set[SourceRef]) -> str:
        # Sources in declaration order: a set's order changes from one run to the next.
        ordered = sorted(refs, key=lambda ref: (declared[ref.source], ref.paragraph))
        return labels.label(ordered, ranges=True)

    refs: dict[str, set[SourceRef]] = {}
    for item in brief_items(brief):
        owner = item.id.split("/")[0]  # a position counts for its obstacle
        refs.setdefault(owner, set()).update(item.cited)
    annex: list[dict[str, Any]] = []
    cited: dict[str, str] = {}
    sections: dict[str, set[SourceRef]] = {}
    for key, how in _SECTIONS:
        shown = [(entry, refs.get(entry.get("id", ""), set())) for entry in view.get(key) or []]
        sections[key] = set().union(*(paragraphs for _e, paragraphs in shown))
        cited[key] = label(sections[key])
        if not shown:
            continue
        rows = [
            {
                "label": str(number) if how == "number" else str(entry[how]),
                "refs": label(paragraphs),
            }
            for number, (entry, paragraphs) in enumerate(shown, 1)
        ]
        annex.append({"section": words.text(f"annex_{key}"), "key": key, "items": rows})

    def cited_in(*keys: str) -> str:
        """The paragraphs the items of the sections ``keys`` rest on, together."""
        return label(set().union(*(sections.get(key, set()) for key in keys)))

    return {"annex": annex, "cited": cited, "cited_in": cited_in}
