"""The brief: typed pydantic models (unknown fields rejected) whose descriptions become the schema.

Models are strict: a number is not silently read as text, nor ``"no"`` as a boolean. Text fields
(:data:`Text`) take inline Markdown (emphasis, links) and accept a bare number, which YAML users
write for figures such as ``value: 7``. Cross-references between items (actors, obstacles,
source paragraphs) are checked in :mod:`briefgen.brief.cross_references`, on the raw data,
so they are reported together with structural errors in one run.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from briefgen.brief.located_yaml import written_text

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
#: A BCP 47 language tag as briefgen reads one: a language, optionally a region (``ar-EG``).
LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Z]{2})?$"


def _number_as_text(value: object) -> object:
    # `value: 7` is text the user wrote; a boolean is not (``true`` is almost always a mistake).
    # The text is what was written: `1e3` stays "1e3", not "1000.0".
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return written_text(value)
    return value


def _real_date(value: str) -> str:
    # The pattern checks the shape; the calendar checks 2024-02-30 and 0000-00-00. A partial
    # date (YYYY or YYYY-MM) is checked as its first day.
    try:
        datetime.date.fromisoformat((value + "-01-01")[:10])
    except ValueError as exc:
        message = f"{value!r} is not a date of the calendar: {exc}"
        raise PydanticCustomError("date_value", "{message}", {"message": message}) from None
    return value


_WEB_URL = re.compile(r"^(https?://[^\s/?#]+[^\s]*|mailto:[^\s]+)$", re.IGNORECASE)


def _web_url(value: str) -> str:
    # Checked where it is written, not only where a template links it.
    if not _WEB_URL.match(value):
        message = f"{value!r} is not an http, https or mailto URL"
        raise PydanticCustomError("url_scheme", "{message}", {"message": message})
    return value


Url = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_web_url),
    Field(description="An http, https or mailto URL."),
]
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=48),
    Field(
        description="Identifier: lower-case letters, digits, single hyphens (safe in file names)."
    ),
]
Text = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
]
ShortText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
]
TimelineLabel = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=40),
]
SOURCE_REF_PATTERN = r"^([a-z][a-z0-9]*(?:-[a-z0-9]+)*):([1-9][0-9]{0,5})$"


class SourceRef(BaseModel):
    """A place in a source: its id and a paragraph (a blank-line-separated block of the
    source's text, numbered from 1; the title line is paragraph 1).

    Written ``ID:N`` (``crs:12``); in a brief with one source, a bare paragraph number."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    source: str
    paragraph: int = Field(ge=1)

    def __str__(self) -> str:
        return f"{self.source}:{self.paragraph}"


def _source_ref(value: object) -> object:
    # The loader has already written a one-source brief's bare numbers as "ID:N".
    if isinstance(value, str) and (match := re.match(SOURCE_REF_PATTERN, value)):
        return {"source": match[1], "paragraph": int(match[2])}
    return value


Ref = Annotated[
    SourceRef,
    BeforeValidator(_source_ref),
    Field(
        json_schema_extra={
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": SOURCE_REF_PATTERN},
            ]
        }
    ),
]
Refs = Annotated[
    list[Ref],
    Field(
        min_length=1,
        description="Where in its sources this item rests: 'ID:N' names source ID's paragraph N "
        "(blank-line-separated blocks of the source text, numbered from 1; the title line is "
        "paragraph 1). In a brief with one source, N alone.",
    ),
]
Tag = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=32)]
Plain = Annotated[
    Text | None,
    Field(
        description="The same point in plain words (Flesch-Kincaid grade 9 or below, no "
        "unexplained acronym), for the public memo. Say the same thing, attributed the same way.",
    ),
]
Tags = Annotated[
    list[Tag],
    Field(description="Themes used to select items per audience, e.g. humanitarian, economic."),
]
Concerns = Annotated[
    list[Id],
    Field(
        description="Actor ids of the parties this item is about (a toll one side suffered, "
        "an event one side brought about). `briefgen check` reports a memo that shows an item "
        "of a kind (a tag) concerning one party and drops every item of that kind concerning "
        "another (A008). Omitted: the item is outside that rule.",
    ),
]


class Strict(BaseModel):
    """Base of every brief model: unknown fields are errors, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Quotation(Strict):
    """A short verbatim quotation from one source paragraph."""

    text: ShortText = Field(description="The words exactly as the source has them.")
    ref: Ref = Field(description="The paragraph the quotation is taken from (ID:N, or N).")


SourceKind = Literal[
    "essay",
    "article",
    "report",
    "book",
    "chapter",
    "statement",
    "resolution",
    "dataset",
    "interview",
    "web-page",
    "other",
]
PartialDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_real_date),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known."),
]


class Source(Strict):
    """A document the brief rests on: its bibliographic fields (citations are formatted from
    them), how the brief refers to it, and optionally its text file and fingerprints."""

    id: Id
    kind: SourceKind = Field(description="What sort of document it is.")
    title: ShortText = Field(description="Title of the document.")
    authors: list[ShortText] = Field(
        default_factory=list,
        description="Authors: 'Family, Given' for a person, an organisation's name as it signs.",
    )
    container: ShortText | None = Field(
        None, description="The journal, book, website or series it appears in."
    )
    publisher: ShortText | None = Field(None, description="Who published it.")
    place: ShortText | None = Field(None, description="Place of publication.")
    date: PartialDate | None = None
    number: ShortText | None = Field(None, description="Report or resolution number.")
    volume: ShortText | None = Field(None, description="Volume (journals, series).")
    issue: ShortText | None = Field(None, description="Issue (journals).")
    pages: ShortText | None = Field(None, description="Page range, e.g. 251-265.")
    url: Url | None = Field(None, description="Where it can be read (http, https).")
    doi: str | None = Field(
        None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI, e.g. 10.1000/xyz."
    )
    language: str | None = Field(
        None, pattern=LANGUAGE_TAG, description="BCP 47 tag of its language."
    )
    names: list[ShortText] = Field(
        default_factory=list,
        description="How the brief's prose refers to it ('the article', 'the ICG report', "
        "'Hafez'): attribution checks accept any of these as naming this source.",
    )
    short: ShortText | None = Field(
        None,
        description="Short label before paragraph references when a brief has several "
        "sources, e.g. 'ICG' (default: the id).",
    )
    perspective: Text | None = Field(
        None,
        description="The source's standpoint, as the analyst judges it, in a sentence (e.g. "
        "'The report argues from a perspective close to one party.'); audiences print it as a "
        "caveat.",
    )
    file: str | None = Field(
        None,
        description="Its text file, relative to the brief: `briefgen check` reads it from here "
        "unless --source names another.",
    )
    sha256: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the text file the refs were taken from (hex); written by "
        "`briefgen fingerprint --write`.",
    )
    paragraphs: int | None = Field(
        None, ge=1, description="Number of paragraphs in its text: every ref is at most this."
    )
    fingerprints: dict[
        Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,5}$")],
        Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")],
    ] = Field(
        default_factory=dict,
        description="Fingerprint of each cited paragraph when the brief was written, keyed by "
        "paragraph number: the first 12 hex digits of the SHA-256 of the paragraph's text with "
        "quotes, apostrophes and whitespace normalised. `briefgen check` lists the items whose "
        "paragraphs changed since; `briefgen fingerprint --write` writes this block.",
    )


class Meta(Strict):
    """What the brief is, who issues it, and what it renders."""

    id: Id
    title: ShortText = Field(description="Title of the brief (and of every memo built from it).")
    subject: ShortText | None = Field(
        None, description="The memos' 'Subject' line (default: the title)."
    )
    subtitle: ShortText | None = Field(None, description="One-line subtitle.")
    date: Annotated[str, AfterValidator(_real_date)] = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Date of the brief, YYYY-MM-DD (quote it or not: it is always read as text).",
    )
    organisation: ShortText = Field(description="Who issues the memos (the 'From' line).")
    author: ShortText | None = Field(None, description="The analyst who wrote the brief.")
    marking: ShortText | None = Field(
        None, description="Handling marking shown in every running header, e.g. DRAFT."
    )
    as_of: PartialDate | None = Field(
        None,
        description="The date the brief's information reflects (its sources' date, YYYY, "
        "YYYY-MM or YYYY-MM-DD) when it is older than `date`: memos print 'as of' it "
        "(default: the latest source's date, when older than `date`).",
    )
    language: str = Field("en", pattern=LANGUAGE_TAG, description="BCP 47 tag.")


class Judgment(Strict):
    """A key judgment: one sentence a reader should remember, attributed to its holder."""

    id: Id
    text: Text = Field(description="The judgment, attributed ('The report argues that ...').")
    plain: Plain = None
    refs: Refs


class Statement(Strict):
    """A paragraph of background or outlook, in the brief's words, tied to its sources."""

    id: Id
    text: Text = Field(description="The statement, in the brief's words.")
    plain: Plain = None
    tags: Tags = Field(default_factory=list)
    concerns: Concerns = Field(default_factory=list)
    refs: Refs


class TimelineEvent(Strict):
    """A dated event the source mentions."""

    id: Id
    date: Annotated[str, AfterValidator(_real_date)] = Field(
        pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
        description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is.",
    )
    event: ShortText = Field(description="What happened.")
    short: TimelineLabel | None = Field(
        None,
        description="A few words for the timeline graphic (at most 40 characters, plain text, "
        "no Markdown), e.g. 'First Karabakh War: Armenian victory'. Memos draw the graphic "
        "only when every event has one and there are at most 12 events.",
    )
    plain: Plain = None
    tags: Tags = Field(default_factory=list)
    concerns: Concerns = Field(default_factory=list)
    refs: Refs


class KeyFigure(Strict):
    """A number the source gives, with what it counts."""

    id: Id
    value: Annotated[str, BeforeValidator(_number_as_text)] = Field(
        max_length=24, description="The figure as printed, e.g. '700,000+'."
    )
    label: ShortText = Field(description="What the figure counts.")
    tags: Tags = Field(default_factory=list)
    concerns: Concerns = Field(default_factory=list)
    refs: Refs


class Context(Strict):
    """Background, timeline and key figures."""

    background: list[Statement] = Field(default_factory=list, description="Background.")
    timeline: list[TimelineEvent] = Field(default_factory=list, description="Dated events.")
    key_figures: list[KeyFigure] = Field(default_factory=list, description="Key figures.")


class Actor(Strict):
    """A party the brief names: a state, an organisation, a group or a person."""

    id: Id
    name: ShortText = Field(description="Display name, e.g. 'the European Union'.")
    short: ShortText | None = Field(None, description="Short name for tables, e.g. 'EU'.")
    kind: Literal["state", "organisation", "group", "person", "states"] = Field(
        description="What sort of actor ('states' for a set of states, e.g. regional neighbours)."
    )


class Position(Strict):
    """One party's position on an obstacle, as the source states it."""

    text: Text = Field(description="The position, in the brief's words.")
    refs: Refs
    quote: Quotation | None = Field(None, description="A short verbatim quotation backing it.")


class Obstacle(Strict):
    """An obstacle to the settlement, with each party's stated position."""

    id: Id
    title: ShortText = Field(description="Short title.")
    summary: Text = Field(description="What the obstacle is.")
    positions: dict[str, Position] = Field(
        default_factory=dict,
        description="Position per actor id, only as the source states it.",
    )
    openings: Text | None = Field(
        None, description="What the source says could move it (omit if it says nothing)."
    )
    why_it_matters: Text | None = Field(None, description="Why it matters to a settlement.")
    plain: Plain = None
    tags: Tags = Field(default_factory=list)
    refs: Refs


Voice = Literal["recommends", "reports", "observes"]


class Recommendation(Strict):
    """A course of action the source recommends (or reports a party proposing).

    ``voice`` says which: the source's own advice, a party's proposal the source reports, or
    only a fact the source observes (which usually belongs in context, an obstacle's position
    or a key judgment instead, and is never worded as an instruction)."""

    id: Id
    text: Text = Field(
        description="The recommendation: as an instruction to its addressees when its source "
        "recommends it; as the party's proposal ('Azerbaijan proposes ...') when the source "
        "reports it; as the source's observation ('The essay notes ...') when it observes."
    )
    addressed_to: list[Id] = Field(min_length=1, description="Actor ids it is addressed to.")
    voice: Voice | None = Field(
        None,
        description="recommends: the source advises it; reports: the source reports a party "
        "(`proposed_by`) proposing it; observes: the source only notes a fact. Omitted: "
        "reports when `proposed_by` names an actor, recommends otherwise.",
    )
    proposed_by: Id | None = Field(
        None,
        description="Whose proposal it is: a source id (that source recommends it) or an actor "
        "id (a party proposes it, as the sources report; `voice: reports`). Omitted: the "
        "source it cites.",
    )
    priority: Literal["high", "medium", "low"] = Field(
        description="How urgent it is, in the analyst's judgment (not the source's)."
    )
    horizon: Literal["immediate", "short-term", "medium-term", "long-term"] = Field(
        description="When it can take effect, in the analyst's judgment (not the source's)."
    )
    tags: Tags = Field(default_factory=list)
    obstacles: list[Id] = Field(default_factory=list, description="Obstacle ids it addresses.")
    rationale: Text | None = Field(None, description="Why, as the source argues it.")
    plain: Plain = None
    quote: Quotation | None = Field(None, description="A short verbatim quotation backing it.")
    refs: Refs


def voice_of(rec: Recommendation, sources: set[str] | frozenset[str]) -> Voice:
    """``rec``'s voice as written, or as its ``proposed_by`` implies: a party's proposal
    (``proposed_by`` not one of ``sources``, the brief's source ids) is reported."""
    if rec.voice is not None:
        return rec.voice
    return "reports" if rec.proposed_by and rec.proposed_by not in sources else "recommends"


class Counterpoint(Strict):
    """A claim that is contested, unsubstantiated or opinion, with who disputes it."""

    id: Id
    claim: Text = Field(description="The claim, attributed to whoever makes it.")
    claimed_by: list[Id] = Field(
        min_length=1, description="Source and/or actor ids making the claim."
    )
    counter: Text | None = Field(
        None, description="The opposing view, as the source records it (omit if none)."
    )
    countered_by: list[Id] = Field(default_factory=list, description="Actor ids disputing it.")
    status: Literal["contested", "unsubstantiated", "opinion"] = Field(
        description="contested: the source records opposing views; unsubstantiated: asserted "
        "without evidence; opinion: its holder's judgment."
    )
    plain: Plain = None
    quote: Quotation | None = Field(None, description="The claim's words, verbatim.")
    refs: Refs


class EditorialNote(Strict):
    """A correction or caveat added by the brief's editor, always shown as editorial."""

    id: Id
    kind: Literal["correction", "caveat"] = Field(description="A correction or a caveat.")
    text: Text = Field(description="The note, in the editor's voice.")
    plain: Plain = None
    refs: Refs


class GlossaryEntry(Strict):
    """A term or acronym and its plain-language definition."""

    term: ShortText = Field(description="The term or acronym as the memos use it.")
    abbreviation: ShortText | None = Field(
        None,
        description="Its abbreviation ('EU' for 'European Union'): printed after the term, "
        "'European Union (EU)', and matched like the term.",
    )
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="Other forms the memos may use, matched but not printed: a plural "
        "('enclaves'), another spelling. A memo shows the entry when its text uses the term, "
        "the abbreviation or an alias (whole words, any case; a word in capitals only in "
        "capitals).",
    )
    definition: Text = Field(description="Plain-language definition.")


class Theme(Strict):
    """A theme the analyst declares: the items tagged with it, grouped under its title in the
    memos that print themes (the donor memo)."""

    tag: Tag = Field(description="The tag of the items it groups (some item must carry it).")
    title: ShortText = Field(description="The section heading, e.g. 'Displacement and return'.")
    summary: Text | None = Field(None, description="A sentence introducing the section.")


class ReaderOption(Strict):
    """A course open to the reader, in the analyst's words: what it involves, which of the
    sources' recommendations it takes up, and what it costs or risks."""

    id: Id
    title: ShortText = Field(description="The option in a few words, e.g. 'Fund resettlement'.")
    text: Text = Field(description="What taking it would involve for the reader.")
    builds_on: list[Id] = Field(
        default_factory=list,
        description="Ids of the recommendations it takes up (the memo cites them as R1, R2 ...).",
    )
    risks: Text | None = Field(None, description="What it costs or risks, as the analyst sees it.")


class ReaderNote(Strict):
    """What one reader's memo says to that reader, in the analyst's voice: the bottom line
    written for them, what the matter means for them, the decision asked of them and the
    options they have. Memos mark all of it as the analyst's, apart from the sources."""

    to: ShortText | None = Field(
        None, description="The memo's 'To' line for this brief, e.g. 'The Foreign Minister'."
    )
    bottom_line: Text = Field(
        description="The bottom line up front, written for this reader (the analyst's)."
    )
    implications: list[Text] = Field(
        default_factory=list, max_length=6, description="What it means for this reader."
    )
    decision: Text | None = Field(
        None, description="The decision or action asked of this reader, as one sentence."
    )
    options: list[ReaderOption] = Field(
        default_factory=list, max_length=6, description="The options open to this reader."
    )
    caveats: list[Text] = Field(
        default_factory=list,
        max_length=6,
        description="The analyst's caveats; memos add the sources' perspectives and the count "
        "of disputed claims themselves.",
    )


class Brief(Strict):
    """A structured policy brief: the substance every audience's memo is built from."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="briefgen brief",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    meta: Meta = Field(description="Identity and issuer of the brief.")
    sources: list[Source] = Field(
        min_length=1, description="The documents the brief rests on, each with an id refs name."
    )
    bottom_line: Text = Field(description="The one paragraph a minister must read.")
    plain_summary: Plain = None
    key_judgments: list[Judgment] = Field(
        min_length=1, description="The key judgments, most important first."
    )
    context: Context = Field(default_factory=Context, description="Background and facts.")
    actors: list[Actor] = Field(min_length=1, description="Every party the brief names.")
    obstacles: list[Obstacle] = Field(default_factory=list, description="Obstacles to settlement.")
    recommendations: list[Recommendation] = Field(
        default_factory=list, description="Recommendations, most important first."
    )
    counterpoints: list[Counterpoint] = Field(
        default_factory=list, description="Contested claims and the views that answer them."
    )
    editorial_notes: list[EditorialNote] = Field(
        default_factory=list, description="The editor's corrections and caveats."
    )
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Terms explained.")
    next_steps: list[Statement] = Field(
        default_factory=list,
        description="What happens next, as the source describes the road ahead (plain words).",
    )
    themes: list[Theme] = Field(
        default_factory=list,
        description="Themes, in the order the donor memo prints them: each groups the "
        "background, obstacles and recommendations tagged with it (an item carrying several "
        "themes' tags goes under the first).",
    )
    readers: dict[Id, ReaderNote] = Field(
        default_factory=dict,
        description="Notes written for one audience's reader, keyed by the audience's name "
        "(an audience that extends another also reads the base audience's note): the "
        "executive memo needs one.",
    )
