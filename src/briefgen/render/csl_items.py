"""A brief's source as a CSL-JSON item: the input that citeproc-py formats.

Kinds map to CSL types as follows (the CSL type decides which fields a style prints and how):

    essay       -> article-magazine  (an essay in a periodical or online publication: CSL's
                                      `article` is a preprint, printed as such)
    article     -> article-journal   (a periodical article: container, volume, issue, pages)
    report      -> report            (number printed as the report's number)
    book        -> book
    chapter     -> chapter           (container is the book)
    statement   -> speech            (a speech or official statement by a person or body)
    resolution  -> document          (not `legislation`: Chicago prints that the Bluebook
                                      way, as a statute; the number is kept)
    dataset     -> dataset
    interview   -> interview
    web-page    -> webpage           (container is the website)
    other       -> document

A title with a subtitle gets its main title as the CSL `title-short` (short notes print it).
Authors are "Family, Given" for a person (split at the only comma) or an organisation's name
(no comma, or more than one: printed as given). A `url` that is a DOI link (doi.org) becomes the
DOI, and a `url` equal to the DOI's link is dropped, so a style prints the DOI once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CSL_TYPES: dict[str, str] = {
    "essay": "article-magazine",
    "article": "article-journal",
    "report": "report",
    "book": "book",
    "chapter": "chapter",
    "statement": "speech",
    "resolution": "document",
    "dataset": "dataset",
    "interview": "interview",
    "web-page": "webpage",
    "other": "document",
}
_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class CitableSource:
    """The fields of one source that a citation style may print."""

    id: str
    kind: str  # a key of CSL_TYPES
    title: str
    authors: tuple[str, ...] = ()  # "Family, Given" for a person, or an organisation's name
    container: str | None = None  # journal, book, website or series
    publisher: str | None = None
    place: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    doi: str | None = None
    number: str | None = None  # report or resolution number
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    language: str | None = None


def csl_name(author: str) -> dict[str, str]:
    """A CSL name: family and given parts for "Family, Given", else a literal name."""
    if author.count(",") == 1:
        family, given = (part.strip() for part in author.split(","))
        if family and given:
            return {"family": family, "given": given}
    return {"literal": author.strip()}


def csl_date(date: str) -> dict[str, list[list[int]]]:
    """A CSL date from YYYY, YYYY-MM or YYYY-MM-DD; anything else is a ValueError."""
    match = _DATE.match(date)
    if not match:
        raise ValueError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def short_title(title: str) -> str | None:
    """The main title when `title` has a subtitle ("Triumph in Defeat: Inaugurating …" ->
    "Triumph in Defeat"), which CSL styles print in short notes (CMOS 18 14.30); else None,
    and styles shorten the whole title as they see fit."""
    main, colon, _subtitle = title.partition(": ")
    return main.strip() if colon and main.strip() else None


def doi_and_url(source: CitableSource) -> tuple[str | None, str | None]:
    """The DOI and the URL to give the style, so that a DOI is printed once."""
    doi, url = source.doi, source.url
    link = _DOI_LINK.match(url) if url else None
    if link:
        doi = doi or link.group(1)
        if link.group(1).lower() == doi.lower():
            url = None
    return doi, url


def csl_item(source: CitableSource, escape: Any = str) -> dict[str, Any]:
    """The CSL-JSON item of `source`; `escape` is applied to every text value (the engine
    does not escape variables itself)."""
    if source.kind not in CSL_TYPES:
        raise ValueError(f"source {source.id!r}: unknown kind {source.kind!r}")
    doi, url = doi_and_url(source)
    texts = {
        "title": source.title,
        "title-short": short_title(source.title),
        "container-title": source.container,
        "publisher": source.publisher,
        "publisher-place": source.place,
        "URL": url,
        "DOI": doi,
        "number": source.number,
        "volume": source.volume,
        "issue": source.issue,
        "page": source.pages,
        "language": source.language,
    }
    item: dict[str, Any] = {"id": source.id, "type": CSL_TYPES[source.kind]}
    item.update({key: escape(value) for key, value in texts.items() if value})
    if source.authors:
        names = [csl_name(author) for author in source.authors]
        item["author"] = [{key: escape(part) for key, part in n.items()} for n in names]
    if source.date:
        item["issued"] = csl_date(source.date)
    return item
