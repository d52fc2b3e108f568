"""A008: an audience's selection keeps both sides of a kind, or neither.

Key figures, timeline events and background statements may name the parties they concern
(``concerns:``). For each of those three sections and each kind of item in it (a tag; an item
with no tags is of its section's untagged kind), when the brief has items of that kind
concerning different parties, a memo that shows one concerning party A and drops every one
concerning party B is one-sided: the public memo keeping the first war's toll on one side and
dropping the other side's exodus. Items without ``concerns`` are outside the rule.

An item is *shown* when the memo's text holds any of its texts as the memo prints them
(a statement's or event's ``text``/``event`` or ``plain``, an event's ``short`` label, a
figure's ``label``), normalised as the other memo checks read text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefgen.brief.located_yaml import Path, YamlDocument
from briefgen.brief.model import Brief, KeyFigure, Statement, TimelineEvent
from briefgen.check.findings import Finding, located
from briefgen.check.memo_text import plain_of
from briefgen.check.source_text import normalise

ConcerningItem = Statement | TimelineEvent | KeyFigure

#: (the brief's path to the section, the section as findings name it)
SECTIONS: tuple[tuple[Path, str], ...] = (
    (("context", "key_figures"), "key figure"),
    (("context", "timeline"), "timeline event"),
    (("context", "background"), "background statement"),
)


@dataclass(frozen=True)
class _Entry:
    """One item under the rule: where it is in the brief, what it is, the texts that show it."""

    path: Path
    item: ConcerningItem
    texts: tuple[str, ...]


def _texts(item: ConcerningItem) -> tuple[str, ...]:
    """The texts whose presence in a memo shows ``item``, as a memo prints them."""
    if isinstance(item, KeyFigure):
        raw: tuple[str | None, ...] = (item.label,)
    elif isinstance(item, TimelineEvent):
        raw = (item.event, item.plain, item.short)
    else:
        raw = (item.text, item.plain)
    return tuple(plain_of(text) for text in raw if text)


def _section(brief: Brief, path: Path) -> list[ConcerningItem]:
    context = brief.context
    return {
        "key_figures": context.key_figures,
        "timeline": context.timeline,
        "background": context.background,
    }[str(path[1])]


def _kinds(entries: list[_Entry]) -> Iterator[tuple[str | None, list[_Entry]]]:
    """Each kind (tag, or None for untagged items) with the entries of that kind."""
    kinds: dict[str | None, list[_Entry]] = {}
    for entry in entries:
        for tag in entry.item.tags or [None]:
            kinds.setdefault(tag, []).append(entry)
    yield from kinds.items()


class BalanceChecker:
    """A008 for one brief's memos: the items under the rule, gathered once."""

    def __init__(self, brief: Brief, doc: YamlDocument) -> None:
        self.doc = doc
        self.sections = [
            (
                noun,
                [
                    _Entry((*path, index), item, _texts(item))
                    for index, item in enumerate(_section(brief, path))
                    if item.concerns
                ],
            )
            for path, noun in SECTIONS
        ]

    def findings(self, memo_text: str, audience: str) -> list[Finding]:
        """A008 on one memo whose whole text, normalised, is ``memo_text``: one finding per
        section, kind and party whose every item of that kind the memo drops while it shows
        one of that kind concerning another party."""
        text = normalise(memo_text)
        found: list[Finding] = []
        for noun, entries in self.sections:
            shown = {id(e) for e in entries if any(t in text for t in e.texts)}
            for kind, items in _kinds(entries):
                kept = [e for e in items if id(e) in shown]
                if not kept:
                    continue
                covered = {party for e in kept for party in e.item.concerns}
                dropped: dict[str, list[_Entry]] = {}
                for entry in items:
                    for party in entry.item.concerns:
                        if party not in covered:
                            dropped.setdefault(party, []).append(entry)
                for party, missing in dropped.items():
                    found.append(self._finding(noun, kind, party, kept, missing, audience))
        return found

    def _finding(self, noun: str, kind: str | None, party: str, kept: list[_Entry],
                 missing: list[_Entry], audience: str) -> Finding:  # fmt: skip
        shown = kept[0].item
        others = ", ".join(p for p in shown.concerns if p != party) or ", ".join(shown.concerns)
        of_kind = f"{noun}s tagged {kind!r}" if kind else f"untagged {noun}s"
        message = (
            f"one-sided selection: shows {shown.id} (concerning {others}) but drops every "
            f"one of the {of_kind} concerning {party}: "
            f"{', '.join(e.item.id for e in missing)}"
        )
        return located(
            self.doc, missing[0].path, "A008", message, item=missing[0].item.id, audience=audience
        )
