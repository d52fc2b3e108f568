"""The glossary a memo prints: the entries whose term, abbreviation or alias the memo uses.

A template lists the whole glossary as ``<dl class="glossary">``; after the markup is parsed,
:func:`keep_used_entries` drops each entry that the rest of the Document (every other block,
the title and the footnotes) never mentions. Matching the rendered memo, not the brief, is
exact: whatever the template chose to print is what a reader sees, in every format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from briefgen.brief.model import GlossaryEntry
from briefgen.document import tree as d

_ACRONYM = re.compile(r"^[^a-z]*[A-Z][^a-z]*[A-Z][^a-z]*$")


def label(entry: GlossaryEntry) -> str:
    """How the glossary prints the entry's head: ``European Union (EU)``."""
    return f"{entry.term} ({entry.abbreviation})" if entry.abbreviation else entry.term


def _pattern(word: str) -> re.Pattern[str]:
    # Whole words, any case; but a word in capitals (an acronym: EU, US) only in capitals,
    # so "US" is not found in "tell us" nor "IT" in "it".
    flags = 0 if _ACRONYM.match(word) else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", flags)


def mentions(entry: GlossaryEntry, text: str) -> bool:
    """Whether ``text`` uses the entry's term, abbreviation or an alias as a whole word."""
    words = (entry.term, entry.abbreviation, *entry.aliases)
    return any(_pattern(word).search(text) for word in words if word)


def used_entries(glossary: Iterable[GlossaryEntry], text: str) -> list[GlossaryEntry]:
    """The entries of ``glossary`` that ``text`` mentions, in the given order."""
    return [entry for entry in glossary if mentions(entry, text)]


def _is_glossary(block: d.Block) -> bool:
    return isinstance(block, d.FieldList) and block.role == "glossary"


def _text_around_glossaries(document: d.Document) -> str:
    """The reader's text of ``document`` without its glossary lists."""
    meta = document.meta
    lines = [meta.title, meta.subtitle]
    lines += [
        line
        for block in d.iter_blocks(document.blocks)
        if not _is_glossary(block)
        for line in d.own_text(block)
    ]
    lines += [d.plain_text(fn.children) for fn in document.footnotes]
    return "\n".join(lines)


def keep_used_entries(document: d.Document, glossary: Iterable[GlossaryEntry]) -> d.Document:
    """``document`` with each glossary list holding only the entries its text uses.

    A ``<dt>`` is matched to its brief entry by :func:`label` or by the bare term; a ``<dt>``
    that names no entry (a template's own line) is matched by its own words. A list left
    empty is dropped with the heading right before it, which would otherwise introduce nothing.
    """
    text = _text_around_glossaries(document)
    entries = {key: entry for entry in glossary for key in (entry.term, label(entry))}

    def used(field: d.Field) -> bool:
        entry = entries.get(field.label)
        if entry is None:
            return bool(_pattern(field.label).search(text))
        return mentions(entry, text)

    return replace(document, blocks=_filtered(document.blocks, used))


def _filtered(blocks: tuple[d.Block, ...], used: Callable[[d.Field], bool]) -> tuple[d.Block, ...]:
    out: list[d.Block] = []
    for block in blocks:
        if isinstance(block, d.FieldList) and block.role == "glossary":
            fields = tuple(f for f in block.fields if used(f))
            if fields:
                out.append(replace(block, fields=fields))
            elif out and isinstance(out[-1], d.Heading):
                out.pop()
        elif isinstance(block, (d.Quote, d.Callout)):
            out.append(replace(block, blocks=_filtered(block.blocks, used)))
        elif isinstance(block, d.List):
            items = tuple(d.ListItem(_filtered(i.blocks, used)) for i in block.items)
            out.append(replace(block, items=items))
        else:  # a glossary in a table cell is not a case any template has; it stays whole
            out.append(block)
    return tuple(out)
