"""The template context: what a memo holds, selected, ordered, numbered and formatted once.

Templates only lay the view out. Everything that is content logic lives here: which
recommendations an audience gets, how they are grouped by addressee, their stable numbers
(R1..Rn in brief order, the same in every memo), actor names, source references, Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from briefgen.audience.profiles import AudienceConfig
from briefgen.brief.model import (
    Brief,
    Counterpoint,
    EditorialNote,
    GlossaryEntry,
    Judgment,
    KeyFigure,
    Obstacle,
    Quotation,
    Recommendation,
    Source,
    Statement,
    TimelineEvent,
    voice_of,
)
from briefgen.i18n.catalogue import Catalogue
from briefgen.i18n.cldr import long_date, names_list, partial_date
from briefgen.render.citation_notes import References
from briefgen.render.glossary import label as glossary_label
from briefgen.render.glossary import used_entries
from briefgen.render.item_sourcing import sourcing
from briefgen.render.reader_note import disputed_claims, reader_view
from briefgen.render.source_labels import SourceLabels, short_title
from briefgen.render.themes import theme_sections, theme_tags

_MARKDOWN = MarkdownIt("zero").enable(["emphasis", "link", "escape", "entity", "newline"])

PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
CHART_EVENTS = 12  # the most events the timeline graphic shows


def markdown(text: str) -> Markup:
    """Inline Markdown (emphasis, links) to the markup's inline HTML; raw HTML stays text."""
    return Markup(_MARKDOWN.renderInline(text).strip())


def _quote(quote: Quotation | None, labels: SourceLabels) -> dict[str, Any] | None:
    if quote is None:
        return None
    source = labels.sources[quote.ref.source]  # the quotation's own source, not the first
    return {
        "text": quote.text,
        "ref": str(quote.ref),
        "ref_label": labels.quote_label(quote.ref),
        "source_title": source.title,
    }


def _plain(text: str | None) -> Markup | None:
    return markdown(text) if text else None


def _statement(statement: Statement, labels: SourceLabels) -> dict[str, Any]:
    return {
        "id": statement.id,
        "text": markdown(statement.text),
        "plain": _plain(statement.plain),
        "tags": list(statement.tags),
        "concerns": list(statement.concerns),
        "refs": labels.refs(statement.refs),
    }


def _timeline_chart(brief: Brief) -> list[dict[str, str]]:
    """The timeline graphic's events (date, short label) in date order; none at all unless
    every event has a short label (a graphic missing events would mislead) and there are at
    most :data:`CHART_EVENTS` (more do not fit a page's width legibly)."""
    events = brief.context.timeline
    if not events or len(events) > CHART_EVENTS or any(e.short is None for e in events):
        return []
    return [{"date": e.date, "short": e.short or ""} for e in sorted(events, key=lambda e: e.date)]


def _keeps(config: AudienceConfig, status: str) -> bool:
    return not config.selection.counterpoints or status in config.selection.counterpoints


def _glossary_view(entry: GlossaryEntry) -> dict[str, Any]:
    return {
        "term": entry.term,
        "abbreviation": entry.abbreviation,
        "aliases": list(entry.aliases),
        "label": glossary_label(entry),
        "definition": markdown(entry.definition),
    }


@dataclass(frozen=True)
class Numbering:
    """Names and numbers decided once per brief, the same in every memo: R1..Rn in brief
    order, obstacles 1..n, actors in the order they are declared."""

    names: dict[str, str]
    short: dict[str, str]
    actor_order: dict[str, int]
    obstacles: dict[str, int]
    obstacle_titles: dict[str, str]
    recommendations: dict[str, int]
    labels: SourceLabels
    words: Catalogue  # the memo's language

    def join(self, ids: list[str], short: bool = False) -> str:
        """The names of ``ids`` as the memo's language lists them: ``Turkey and Azerbaijan``."""
        table = self.short if short else self.names
        return names_list([table[i] for i in ids], self.words.locale)

    def addressees(self, actor_ids: list[str]) -> tuple[str, ...]:
        """``actor_ids`` without repeats, in declaration order (one order everywhere)."""
        return tuple(sorted(set(actor_ids), key=self.actor_order.__getitem__))


def numbering(brief: Brief, words: Catalogue) -> Numbering:
    """The brief's :class:`Numbering`, its lists and labels in ``words``' language."""
    # A source is named as the brief's prose names it ("the report"), else by its short label.
    names = {s.id: (s.names[0] if s.names else s.short or s.title) for s in brief.sources}
    short = dict(names)
    names |= {actor.id: actor.name for actor in brief.actors}
    short |= {actor.id: actor.short or actor.name for actor in brief.actors}
    return Numbering(
        names=names,
        short=short,
        actor_order={actor.id: n for n, actor in enumerate(brief.actors)},
        obstacles={ob.id: n for n, ob in enumerate(brief.obstacles, 1)},
        obstacle_titles={ob.id: ob.title for ob in brief.obstacles},
        recommendations={rec.id: n for n, rec in enumerate(brief.recommendations, 1)},
        labels=SourceLabels(brief),
        words=words,
    )


# -- selection: what this audience's memo holds -------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The items an audience's selection rule keeps, in brief order."""

    recommendations: list[Recommendation]
    key_judgments: list[Judgment]
    editorial_notes: list[EditorialNote]
    counterpoints: list[Counterpoint]
    background: int | None  # how many background statements are shown (None: all)


def select(brief: Brief, config: AudienceConfig) -> Selection:
    """Apply ``config``'s selection rule to ``brief``."""
    rule = config.selection
    kinds = rule.editorial_notes
    return Selection(
        recommendations=_selected_recommendations(brief, config),
        key_judgments=brief.key_judgments[: rule.key_judgments],
        editorial_notes=[n for n in brief.editorial_notes if not kinds or n.kind in kinds],
        counterpoints=[c for c in brief.counterpoints if _keeps(config, c.status)],
        background=rule.background,
    )


def _selected_recommendations(brief: Brief, config: AudienceConfig) -> list[Recommendation]:
    rule = config.selection
    chosen = [
        rec
        for rec in brief.recommendations
        if (not rule.tags or set(rec.tags) & set(rule.tags))
        and (not rule.addressed_to or set(rec.addressed_to) & set(rule.addressed_to))
        and (not rule.priority or rec.priority in rule.priority)
        and (not rule.themed or set(rec.tags) & theme_tags(brief))
    ]
    if rule.recommendations is not None:
        ranked = sorted(chosen, key=lambda r: PRIORITY_ORDER[r.priority])[: rule.recommendations]
        chosen = [rec for rec in chosen if rec in ranked]
    return chosen


# -- per-kind views -------------------------------------------------------------------------


def recommendation_view(rec: Recommendation, num: Numbering) -> dict[str, Any]:
    """One recommendation as templates see it."""
    addressed = sorted(rec.addressed_to, key=num.actor_order.__getitem__)
    number = num.recommendations[rec.id]
    return {
        "id": rec.id,
        "number": number,
        "label": num.words.text("recommendation_label", number=number),
        "text": markdown(rec.text),
        "addressed_to": [num.names[a] for a in addressed],
        "addressees": num.join(addressed),
        "addressees_short": num.join(addressed, short=True),
        "proposed_by": _proposer(rec, num),
        "voice": voice_of(rec, frozenset(num.labels.sources)),
        "priority": rec.priority,
        "priority_label": num.words.text(f"priority_{rec.priority}"),
        "horizon": rec.horizon,
        "horizon_label": num.words.text(f"horizon_{rec.horizon.replace('-', '_')}"),
        "tags": list(rec.tags),
        "obstacles": [
            {"number": num.obstacles[o], "title": num.obstacle_titles[o]} for o in rec.obstacles
        ],
        "rationale": markdown(rec.rationale) if rec.rationale else None,
        "plain": _plain(rec.plain),
        "quote": _quote(rec.quote, num.labels),
        "refs": num.labels.refs(rec.refs),
    }


def obstacle_view(
    ob: Obstacle, num: Numbering, shown: list[tuple[Recommendation, dict[str, Any]]]
) -> dict[str, Any]:
    """One obstacle with each party's position and the shown recommendations that address it."""
    return {
        "id": ob.id,
        "number": num.obstacles[ob.id],
        "title": ob.title,
        "summary": markdown(ob.summary),
        "positions": [
            {
                "actor": num.names[actor],
                "actor_short": num.short[actor],
                "text": markdown(pos.text),
                "refs": num.labels.refs(pos.refs),
                "quote": _quote(pos.quote, num.labels),
            }
            for actor, pos in ob.positions.items()
        ],
        "openings": markdown(ob.openings) if ob.openings else None,
        "why_it_matters": markdown(ob.why_it_matters) if ob.why_it_matters else None,
        "plain": _plain(ob.plain),
        "tags": list(ob.tags),
        "refs": num.labels.refs(ob.refs),
        "recommendations": [view for rec, view in shown if ob.id in rec.obstacles],
    }


def _status_label(c: Counterpoint, num: Numbering) -> str:
    """ "Contested", "Asserted without evidence", or whose judgment it is."""
    if c.status != "opinion":
        return num.words.text(f"status_{c.status}")
    label = num.words.text("status_opinion", holders=num.join(c.claimed_by))
    return label[:1].upper() + label[1:]


def counterpoint_view(c: Counterpoint, num: Numbering) -> dict[str, Any]:
    """One counterpoint: the claim, who holds it, the counter-view and its status label."""
    return {
        "id": c.id,
        "claim": markdown(c.claim),
        "claimed_by": num.join(c.claimed_by),
        "counter": markdown(c.counter) if c.counter else None,
        "countered_by": num.join(c.countered_by),
        "status": c.status,
        "status_label": _status_label(c, num),
        "plain": _plain(c.plain),
        "quote": _quote(c.quote, num.labels),
        "refs": num.labels.refs(c.refs),
    }


def _judgment_view(j: Judgment, labels: SourceLabels) -> dict[str, Any]:
    return {
        "id": j.id,
        "text": markdown(j.text),
        "plain": _plain(j.plain),
        "refs": labels.refs(j.refs),
    }


def _note_view(n: EditorialNote, labels: SourceLabels) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "text": markdown(n.text),
        "plain": _plain(n.plain),
        "refs": labels.refs(n.refs),
    }


def _event_view(e: TimelineEvent, num: Numbering) -> dict[str, Any]:
    labels = num.labels
    return {
        "id": e.id,
        "date": e.date,
        "when": partial_date(e.date, num.words.locale, month="MMMM"),
        "event": markdown(e.event),
        "short": e.short,
        "plain": _plain(e.plain),
        "tags": list(e.tags),
        "concerns": list(e.concerns),
        "refs": labels.refs(e.refs),
    }


def _figure_view(f: KeyFigure, labels: SourceLabels) -> dict[str, Any]:
    return {
        "id": f.id,
        "value": f.value,
        "label": markdown(f.label),
        "tags": list(f.tags),
        "concerns": list(f.concerns),
        "refs": labels.refs(f.refs),
    }


# -- grouping -------------------------------------------------------------------------------


def group_by_addressees(
    shown: list[tuple[Recommendation, dict[str, Any]]], num: Numbering
) -> list[dict[str, Any]]:
    """Recommendations grouped by their set of addressees ("Turkey and Azerbaijan" is
    "Azerbaijan and Turkey"), named in declaration order; groups in order of first appearance."""
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for rec, view in shown:
        key = num.addressees(rec.addressed_to)
        group = groups.setdefault(key, {"addressees": num.join(list(key)), "recommendations": []})
        group["recommendations"].append(view)
    return list(groups.values())


def _tagged_finder(
    parts: dict[str, list[dict[str, Any]]],
) -> Callable[..., dict[str, list[dict[str, Any]]]]:
    """``tagged(*tags)``: the memo's items carrying any of ``tags``, by kind (topical sections)."""

    def tagged(*tags: str) -> dict[str, list[dict[str, Any]]]:
        wanted = set(tags)
        return {
            kind: [item for item in items if wanted & set(item["tags"])]
            for kind, items in parts.items()
        }

    return tagged


# -- the whole view -------------------------------------------------------------------------


def _source_view(source: Source, words: Catalogue) -> dict[str, Any]:
    return {
        "id": source.id,
        "kind": source.kind,
        "title": source.title,
        "short_title": short_title(source),
        "label": source.short or source.id,
        "publisher": source.publisher,
        "container": source.container,
        "author": names_list(list(source.authors), words.locale) or None,
        "date": source.date,
        "url": source.url,
        "perspective": markdown(source.perspective) if source.perspective else None,
        "sha256": source.sha256,
        "paragraphs": source.paragraphs,
        "names": list(source.names),
    }


def _proposer(rec: Recommendation, num: Numbering) -> str | None:
    """Who proposes ``rec`` when it is a party's proposal the sources report; None when it is
    a source's own recommendation."""
    if rec.proposed_by is None or rec.proposed_by in num.labels.sources:
        return None
    return num.names[rec.proposed_by]


def sources_named(brief: Brief, words: Catalogue) -> dict[str, Any]:
    """How a memo's own sentences name the sources together: a single source by its first
    declared name ("the report"), else by the label ``the_sources`` ("the sources", "the
    source"); ``Name`` is capitalised. Labels whose verb agrees with it take the number of
    sources as ``count``; ``s`` is the English verb ending, for templates written before
    labels ("the report argue{{ s }}")."""
    several = len(brief.sources) > 1
    first = brief.sources[0]
    name = (
        first.names[0]
        if first.names and not several
        else words.text("the_sources", count=len(brief.sources))
    )
    return {
        "name": name,
        "Name": name[:1].upper() + name[1:],
        "several": several,
        "s": "" if several else "s",
    }


def information_date(brief: Brief) -> str | None:
    """The date the brief's information reflects: its ``meta.as_of``, else its latest
    source's date when that is older than the memo's date; None when neither says."""
    if brief.meta.as_of:
        return brief.meta.as_of
    dated = [source.date for source in brief.sources if source.date]
    if not dated:
        return None
    latest = max(dated, key=lambda iso: iso.ljust(10, "~"))  # "2026-04" after "2026-04-09"
    return latest if latest[: len(brief.meta.date)] < brief.meta.date[: len(latest)] else None


def _as_of(brief: Brief, words: Catalogue) -> str | None:
    """:func:`information_date` as the memo writes it ("April 2026", "8 April 2026")."""
    date = information_date(brief)
    return partial_date(date, words.locale, month="MMMM") if date else None


def _header_views(brief: Brief, config: AudienceConfig, words: Catalogue) -> dict[str, Any]:
    meta = brief.meta
    return {
        "meta": {
            "title": meta.title,
            "subtitle": meta.subtitle,
            "date": long_date(meta.date, words.locale),
            "language": meta.language,
            "as_of": _as_of(brief, words),
            "organisation": meta.organisation,
            "author": meta.author,
            "marking": config.style.marking or meta.marking,
        },
        "source": _source_view(brief.sources[0], words),
        "sources": [_source_view(source, words) for source in brief.sources],
        "sources_named": sources_named(brief, words),
        "audience": {
            "name": config.name,
            "description": config.description,
            "reader": config.reader,
            "to": config.memo.to,
            "sender": config.memo.sender or meta.organisation,
            "subject": _subject_line(config.memo.subject or meta.subject, meta.title),
        },
    }


def _subject_line(subject: str | None, title: str) -> str | None:
    """The memo header's Subject: None when there is none or it only repeats the title
    (printed just above it)."""
    if not subject or " ".join(subject.split()).casefold() == " ".join(title.split()).casefold():
        return None
    return subject


def _plain_texts(brief: Brief, sel: Selection, view: dict[str, Any]) -> list[str]:
    """Every plain-language text the memo may print: the glossary keeps the terms they use."""
    return [
        brief.plain_summary or "",
        *(j.plain or "" for j in sel.key_judgments),
        *(s["plain"] or "" for s in view["background"] + view["next_steps"]),
        *(e.plain or "" for e in brief.context.timeline),
        *(f"{o['title']} {o['plain'] or ''}" for o in view["obstacles"]),
        *(r["plain"] or "" for r in view["recommendations"]),
        *(c.plain or "" for c in sel.counterpoints),
        *(n.plain or "" for n in sel.editorial_notes),
    ]


def build_view(
    brief: Brief, config: AudienceConfig, words: Catalogue, chain: Sequence[str] = ()
) -> dict[str, Any]:
    """The context every template of ``config``'s audience receives, in the language of
    ``words`` (whose labels templates print as ``t('key', ...)``); ``chain`` names the
    audiences it builds on, itself first, for its reader note.

    Four steps: number the brief once, select what this audience keeps, build a view of
    each kind of item, then group the recommendations and index the items by tag.
    """
    num = numbering(brief, words)
    sel = select(brief, config)
    glossary = sorted(brief.glossary, key=lambda g: g.term.casefold())
    shown = [(rec, recommendation_view(rec, num)) for rec in sel.recommendations]
    background = [_statement(s, num.labels) for s in brief.context.background]
    view: dict[str, Any] = {
        **_header_views(brief, config, words),
        "t": words.template_function(),
        "bottom_line": markdown(brief.bottom_line),
        "plain_summary": _plain(brief.plain_summary),
        "key_judgments": [_judgment_view(j, num.labels) for j in sel.key_judgments],
        "background": background[: sel.background],
        "timeline": [_event_view(e, num) for e in brief.context.timeline],
        "timeline_chart": _timeline_chart(brief),
        "key_figures": [_figure_view(f, num.labels) for f in brief.context.key_figures],
        "obstacles": [obstacle_view(ob, num, shown) for ob in brief.obstacles],
        "recommendations": [v for _, v in shown],
        "recommendations_total": len(brief.recommendations),
        "recommendation_groups": group_by_addressees(shown, num),
        "counterpoints": [counterpoint_view(c, num) for c in sel.counterpoints],
        "editorial_notes": [_note_view(n, num.labels) for n in sel.editorial_notes],
        "glossary": [_glossary_view(g) for g in glossary],
        "next_steps": [_statement(s, num.labels) for s in brief.next_steps],
    }
    parts = {
        "background": background,
        "next_steps": view["next_steps"],
        "recommendations": view["recommendations"],
        "obstacles": view["obstacles"],
    }
    view["tagged"] = _tagged_finder(parts)
    view["themes"] = theme_sections(brief, parts, markdown)
    plain = " ".join(_plain_texts(brief, sel, view))
    view["glossary_plain"] = [_glossary_view(g) for g in used_entries(glossary, plain)]
    view["reader"] = reader_view(
        brief, config, lambda rec: recommendation_view(rec, num), markdown, chain
    )
    if view["reader"] and view["reader"]["to"]:  # the brief names this memo's reader
        view["audience"] = {**view["audience"], "to": view["reader"]["to"]}
    view["disputed_claims"] = disputed_claims(brief)
    view["sourcing"] = sourcing(brief, view, words)  # paragraphs per shown item, for source notes
    view["references"] = References(brief, config)  # formatted when a template asks
    return view
