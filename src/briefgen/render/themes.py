"""The brief's themes as memo sections: each theme's items, by kind, each item under one theme.

A theme (``themes: [{tag, title, summary}]`` in the brief) groups the background, obstacles
and recommendations tagged with it. An item carrying several themes' tags is shown
under the first theme declared, so no section repeats another; a theme left with nothing to
show is not a section at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from briefgen.brief.model import Brief

# The kinds of item a theme groups, in the order a section prints them.
KINDS = ("background", "obstacles", "recommendations")


def theme_sections(
    brief: Brief, parts: dict[str, list[dict[str, Any]]], markdown: Callable[[str], Markup]
) -> list[dict[str, Any]]:
    """The sections of the brief's themes that have something to show, in declared order.

    ``parts`` holds the memo's items of each of :data:`KINDS` (views with their ``tags``).
    Each section has the theme's ``tag``, ``title`` and ``summary`` (through ``markdown``)
    and a list per kind.
    """
    claimed: set[tuple[str, str]] = set()  # (kind, item id) already under an earlier theme
    sections = []
    for theme in brief.themes:
        section: dict[str, Any] = {
            "tag": theme.tag,
            "title": theme.title,
            "summary": markdown(theme.summary) if theme.summary else None,
        }
        for kind in KINDS:
            items = [
                item
                for item in parts.get(kind, [])
                if theme.tag in item["tags"] and (kind, item["id"]) not in claimed
            ]
            claimed.update((kind, item["id"]) for item in items)
            section[kind] = items
        if any(section[kind] for kind in KINDS):
            sections.append(section)
    return sections


def theme_tags(brief: Brief) -> set[str]:
    """The tags the brief declares as themes."""
    return {theme.tag for theme in brief.themes}
