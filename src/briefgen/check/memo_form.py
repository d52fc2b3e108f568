"""Rules on a rendered memo's form: one telling of each thing.

- **M002** the timeline is drawn as a figure or listed in a table, never both: a memo holding
  a timeline graphic and a table whose rows give the dates of at least two of its events (and
  of at least half of them) says the same thing twice;
- **M003** a callout does not open by repeating its own title ("Editorial correction", then
  "Editor's correction: ..."): its text's first words match the title's word for word, or its
  text opens with a lead-in (at most four words before a colon) whose first word is the title's.
  Words match when one is the other or they share their first five letters ("Editor's" and
  "Editorial"), case aside;
- **M004** a memo that points into a source names it: a memo whose text cites paragraphs
  (``CRS ¶9``, or ``¶9`` in a one-source brief) of a source whose title (its main part, before
  any subtitle) it never prints leaves the reader unable to find what ``¶9`` is of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefgen.brief.model import Source
from briefgen.check.source_text import normalise
from briefgen.document import tree as d
from briefgen.render.source_labels import short_title

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_LEAD_IN = re.compile(r"^\W*((?:\S+\s+){0,3}\S+?):")
_STEM = 5  # letters two words must share to count as one word in a lead-in


def _cells(row: tuple[d.Cell, ...]) -> list[str]:
    return [" ".join(d.plain_text(p.children) for p in d.iter_blocks(c.blocks)
                     if isinstance(p, d.Paragraph)).strip() for c in row]  # fmt: skip


def _event_dates(chart: d.TimelineChart) -> list[set[str]]:
    """Each event's date as a table could print it: ISO, or as the memo writes it."""
    return [{e.date, e.shown} - {""} for e in chart.events]


def timeline_twice(document: d.Document) -> list[str]:
    """M002: a line for each table that lists the events a timeline graphic of the memo draws."""
    blocks = list(d.iter_blocks(document.blocks))
    charts = [b for b in blocks if isinstance(b, d.TimelineChart) and b.events]
    tables = [b for b in blocks if isinstance(b, d.Table)]
    found = []
    for chart in charts:
        dates = _event_dates(chart)
        for table in tables:
            firsts = {cells[0] for cells in map(_cells, table.rows) if cells}
            listed = sum(1 for forms in dates if forms & firsts)
            if listed >= 2 and listed * 2 >= len(dates):
                found.append(
                    f"the timeline graphic's events are listed again in a table ({listed} of "
                    f"{len(dates)} dates): draw the graphic or the table, not both"
                )
    return found


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _same(a: str, b: str) -> bool:
    return a == b or (len(a) >= _STEM and len(b) >= _STEM and a[:_STEM] == b[:_STEM])


def _callouts(document: d.Document) -> Iterator[d.Callout]:
    yield from (b for b in d.iter_blocks(document.blocks) if isinstance(b, d.Callout))


def repeated_titles(document: d.Document) -> list[str]:
    """M003: a line for each callout whose text opens by repeating its title."""
    found = []
    for callout in _callouts(document):
        first = next((b for b in callout.blocks if isinstance(b, d.Paragraph)), None)
        if not callout.title or first is None:
            continue
        title, text = d.plain_text(callout.title), d.plain_text(first.children)
        heads, opening = _words(title), _words(text)
        if not heads or not opening:
            continue
        word_for_word = len(opening) >= len(heads) and all(map(_same, heads, opening))
        lead_in = _LEAD_IN.match(text)
        echoed = bool(lead_in) and _same(heads[0], (_words(lead_in[1]) or [""])[0])
        if word_for_word or echoed:
            opening_words = (lead_in[1] + ":") if lead_in else " ".join(text.split()[: len(heads)])
            found.append(f"the box “{title}” opens by repeating its title: “{opening_words}”")
    return found


def unnamed_sources(text: str, sources: tuple[Source, ...]) -> list[str]:
    """M004: a line for each source whose paragraphs the memo ``text`` cites (``LABEL ¶N``, or
    ``¶N`` with one source) while its title appears nowhere in the memo."""
    text = normalise(text)
    found = []
    for source in sources:
        label = re.escape(source.short or source.id)
        cited = rf"(?<!\w){label} ¶\d" if len(sources) > 1 else r"¶\d"
        title = normalise(short_title(source))
        if re.search(cited, text) and title.casefold() not in text.casefold():
            found.append(
                f"the memo cites paragraphs of {source.short or source.id} but never names the "
                f"source (“{title}”): list it with the memo's sources"
            )
    return found
