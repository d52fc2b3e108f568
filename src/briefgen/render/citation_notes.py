"""A memo's citations, written after parsing: each citing note's text, or in-text citations.

The template marks where a note cites what (``<footnote data-cite="report:3 report:9">``); this
step walks the notes in number order, which is reading order, so the citation style decides
first, subsequent and "Ibid." notes from the order a reader meets them. A note style (Chicago)
fills each citing footnote; an in-text style (APA, Harvard) prints the citation in the text
where the note's mark was, and the memo keeps only the notes that have words of their own,
renumbered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from typing import Any

from markupsafe import Markup

from briefgen.audience.citation_style import resolved_style
from briefgen.audience.profiles import AudienceConfig
from briefgen.brief.model import Brief, Source
from briefgen.document import tree as d
from briefgen.document.markup_parser import parse
from briefgen.render.citations import Citations
from briefgen.render.csl_items import CitableSource

_INLINE_TYPES = (d.Text, d.Strong, d.Emph, d.Link, d.LineBreak, d.FootnoteRef)


def citable(source: Source) -> CitableSource:
    """The fields of a brief's source that a citation style prints."""
    return CitableSource(
        id=source.id,
        kind=source.kind,
        title=source.title,
        authors=tuple(source.authors),
        container=source.container,
        publisher=source.publisher,
        place=source.place,
        date=source.date,
        url=str(source.url) if source.url else None,
        doi=source.doi,
        number=source.number,
        volume=source.volume,
        issue=source.issue,
        pages=source.pages,
        language=source.language,
    )


def csl_locale(language: str) -> str:
    """The CSL locale of a memo's language: ``en`` is American English (the default of the
    bundled styles); anything else is passed on (citeproc falls back to en-US)."""
    return "en-US" if language == "en" else language


def memo_citations(brief: Brief, config: AudienceConfig) -> Citations:
    """A fresh :class:`Citations` for one memo of ``brief`` in ``config``'s citation style."""
    style = resolved_style(config.style.citation_style)
    sources = [citable(source) for source in brief.sources]
    return Citations(sources, style, csl_locale(brief.meta.language))


def reference_list(
    brief: Brief, config: AudienceConfig, source_ids: Collection[str] | None = None
) -> list[str]:
    """The reference list of ``source_ids`` (default: every source of the brief) as inline
    markup, sorted as the style says. A bibliography entry does not depend on the order of
    notes, so the list is known before the template runs."""
    citations = memo_citations(brief, config)
    for source in brief.sources:
        if source_ids is None or source.id in source_ids:
            citations.register(source.id)
    return citations.bibliography()


class References:
    """The memo's reference list as templates see it: ``{% for entry in references %}`` is
    every source of the brief (the memo draws on all of them); ``references.cited_by(items)``
    only the sources the given items' refs cite, as a compact sources note needs."""

    def __init__(self, brief: Brief, config: AudienceConfig) -> None:
        self._brief, self._config = brief, config
        self._lists: dict[frozenset[str] | None, list[Markup]] = {}

    def _of(self, source_ids: frozenset[str] | None) -> list[Markup]:
        if source_ids not in self._lists:
            entries = reference_list(self._brief, self._config, source_ids)
            self._lists[source_ids] = [Markup(entry) for entry in entries]  # escaped markup
        return self._lists[source_ids]

    def __iter__(self) -> Iterator[Markup]:
        return iter(self._of(None))

    def __len__(self) -> int:
        return len(self._of(None))

    def cited_by(self, items: Iterable[Mapping[str, Any]]) -> list[Markup]:
        """The entries of the sources that ``items`` (views with ``refs``) cite."""
        cited = {ref.split(":")[0] for item in items for ref in item["refs"].refs}
        return self._of(frozenset(cited))


def inline_markup(text: str, where: str) -> tuple[d.Inline, ...]:
    """A citation's inline markup as Document inlines, through the memo's own parser (so its
    escaping and links are checked like the template's)."""
    blocks, _notes = parse(f"<p>{text}</p>", where)
    return blocks[0].children if blocks else ()


def cite_notes(
    blocks: tuple[d.Block, ...],
    footnotes: tuple[d.Footnote, ...],
    citations: Citations,
    where: str,
) -> tuple[tuple[d.Block, ...], tuple[d.Footnote, ...]]:
    """``blocks`` and ``footnotes`` with every citing note written in the citations' style."""
    texts = {
        note.number: inline_markup(citations.cite(note.cites), where)
        for note in sorted(footnotes, key=lambda note: note.number)
        if note.cites
    }
    if citations.is_note_style:
        return blocks, tuple(_filled(note, texts.get(note.number)) for note in footnotes)
    # A citing note with words of its own stays a note (its words), its citation in the text.
    kept = [note for note in footnotes if note.number not in texts or note.children]
    numbers = {note.number: new for new, note in enumerate(kept, 1)}
    rewrite = _InText(texts, numbers)
    notes = tuple(
        replace(note, number=numbers[note.number], children=rewrite.inlines(note.children))
        for note in kept
    )
    return tuple(rewrite.node(block) for block in blocks), notes


def _filled(note: d.Footnote, citation: tuple[d.Inline, ...] | None) -> d.Footnote:
    """A citing note's text: the citation, then the note's own words if it has any."""
    if citation is None:
        return note
    own = (d.Text(" "), *note.children) if note.children else ()
    return replace(note, children=(*citation, *own))


class _InText:
    """Rewrites a Document's inlines: a citing note's mark becomes its in-text citation, and
    the other notes' marks take their new numbers."""

    def __init__(self, texts: dict[int, tuple[d.Inline, ...]], numbers: dict[int, int]) -> None:
        self.texts = texts
        self.numbers = numbers

    def node(self, node: Any) -> Any:
        """``node`` (a block, a list item, a cell, ...) with its inlines rewritten."""
        if not is_dataclass(node):
            return node
        changes = {}
        for spec in fields(node):
            value = getattr(node, spec.name)
            if isinstance(value, tuple):
                changes[spec.name] = self.sequence(value)
        return replace(node, **changes) if changes else node

    def sequence(self, items: tuple[Any, ...]) -> tuple[Any, ...]:
        """A tuple of inlines, of nodes, or of rows (tuples of cells)."""
        if items and all(isinstance(item, _INLINE_TYPES) for item in items):
            return self.inlines(items)
        return tuple(self.sequence(i) if isinstance(i, tuple) else self.node(i) for i in items)

    def inlines(self, inlines: tuple[d.Inline, ...]) -> tuple[d.Inline, ...]:
        """``inlines`` with note marks replaced or renumbered."""
        out: list[d.Inline] = []
        for node in inlines:
            if isinstance(node, d.FootnoteRef):
                if node.number in self.texts:
                    _cite_in_text(out, self.texts[node.number])
                if node.number in self.numbers:
                    out.append(d.FootnoteRef(self.numbers[node.number]))
            elif isinstance(node, (d.Strong, d.Emph, d.Link)):
                out.append(replace(node, children=self.inlines(node.children)))
            else:
                out.append(node)
        return tuple(out)


def _cite_in_text(out: list[d.Inline], citation: tuple[d.Inline, ...]) -> None:
    """Append an in-text citation to the text before it: inside the sentence it supports
    ("… the dam (UN-Water, 2021, para. 3).") when that sentence ends in a full stop."""
    last = out[-1] if out else None
    if isinstance(last, d.Text) and last.text.endswith(".") and not last.text.endswith(".."):
        out[-1] = d.Text(last.text[:-1] + " ")
        out.extend((*citation, d.Text(".")))
    elif isinstance(last, d.Text) and not last.text.endswith(" "):
        out.extend((d.Text(" "), *citation))
    elif last is None or isinstance(last, (d.Text, d.LineBreak)):
        out.extend(citation)
    else:
        out.extend((d.Text(" "), *citation))
