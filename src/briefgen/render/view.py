"""The template context: what a memo holds, selected, ordered, numbered and formatted once.

Templates only lay the view out. Everything that is content logic lives here: which
recommendations an audience gets, how they are grouped by addressee, their stable numbers
(R1..Rn in brief order, the same in every memo), actor names, source references, Markdown.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from briefgen.audience.profiles import AudienceConfig
from briefgen.brief.model import Brief, Quotation, Recommendation, Statement
from briefgen.render.item_sourcing import sourcing

_MARKDOWN = MarkdownIt("zero").enable(["emphasis", "link", "escape", "entity", "newline"])

STATUS_LABELS = {
    "contested": "Contested",
    "unsubstantiated": "Asserted without evidence",
    "opinion": "The essay's judgment",
}
PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
CHART_EVENTS = 12  # the most events the timeline graphic shows


def markdown(text: str) -> Markup:
    """Inline Markdown (emphasis, links) to the markup's inline HTML; raw HTML stays text."""
    return Markup(_MARKDOWN.renderInline(text).strip())


def refs_label(refs: list[int]) -> str:
    """``[3, 9]`` -> ``"¶3, ¶9"``."""
    return ", ".join(f"¶{ref}" for ref in sorted(set(refs)))


def join_names(names: list[str]) -> str:
    """``["Turkey", "Azerbaijan"]`` -> ``"Turkey and Azerbaijan"``; Oxford-comma-free lists."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def long_date(iso: str) -> str:
    """``"2026-11-26"`` -> ``"26 November 2026"``."""
    value = date.fromisoformat(iso)
    return f"{value.day} {value:%B %Y}"


def _quote(quote: Quotation | None) -> dict[str, Any] | None:
    if quote is None:
        return None
    return {"text": quote.text, "ref": quote.ref, "ref_label": f"¶{quote.ref}"}


def _plain(text: str | None) -> Markup | None:
    return markdown(text) if text else None


def _statement(statement: Statement) -> dict[str, Any]:
    return {
        "id": statement.id,
        "text": markdown(statement.text),
        "plain": _plain(statement.plain),
        "tags": list(statement.tags),
        "refs": refs_label(statement.refs),
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


def _used_terms(glossary: list[dict[str, Any]], texts: list[str]) -> list[dict[str, Any]]:
    """The ``glossary`` entries whose term occurs in ``texts`` (whole words, any case)."""
    haystack = " ".join(texts)
    return [
        entry
        for entry in glossary
        if re.search(rf"(?<!\w){re.escape(entry['term'])}(?!\w)", haystack, re.IGNORECASE)
    ]


def _selected(brief: Brief, config: AudienceConfig) -> list[Recommendation]:
    rule = config.selection
    chosen = [
        rec
        for rec in brief.recommendations
        if (not rule.tags or set(rec.tags) & set(rule.tags))
        and (not rule.addressed_to or set(rec.addressed_to) & set(rule.addressed_to))
        and (not rule.priority or rec.priority in rule.priority)
    ]
    if rule.recommendations is not None:
        ranked = sorted(chosen, key=lambda r: PRIORITY_ORDER[r.priority])[: rule.recommendations]
        chosen = [rec for rec in chosen if rec in ranked]
    return chosen


def build_view(brief: Brief, config: AudienceConfig) -> dict[str, Any]:
    """The context every template of ``config``'s audience receives."""
    names = {actor.id: actor.name for actor in brief.actors}
    short = {actor.id: actor.short or actor.name for actor in brief.actors}
    names["essay"] = "the essay"
    short["essay"] = "the essay"
    obstacle_numbers = {ob.id: n for n, ob in enumerate(brief.obstacles, 1)}
    obstacle_titles = {ob.id: ob.title for ob in brief.obstacles}
    rec_numbers = {rec.id: n for n, rec in enumerate(brief.recommendations, 1)}

    actor_order = {actor.id: n for n, actor in enumerate(brief.actors)}

    def rec_view(rec: Recommendation) -> dict[str, Any]:
        addressed = sorted(rec.addressed_to, key=actor_order.__getitem__)  # one order everywhere
        return {
            "id": rec.id,
            "number": rec_numbers[rec.id],
            "label": f"R{rec_numbers[rec.id]}",
            "text": markdown(rec.text),
            "addressed_to": [names[a] for a in addressed],
            "addressees": join_names([names[a] for a in addressed]),
            "addressees_short": join_names([short[a] for a in addressed]),
            "proposed_by": None if rec.proposed_by == "essay" else names[rec.proposed_by],
            "priority": rec.priority,
            "horizon": rec.horizon,
            "tags": list(rec.tags),
            "obstacles": [
                {"number": obstacle_numbers[o], "title": obstacle_titles[o]} for o in rec.obstacles
            ],
            "rationale": markdown(rec.rationale) if rec.rationale else None,
            "plain": _plain(rec.plain),
            "quote": _quote(rec.quote),
            "refs": refs_label(rec.refs),
        }

    chosen = _selected(brief, config)
    selected = [rec_view(rec) for rec in chosen]
    # Group by the set of addressees ("Turkey and Azerbaijan" = "Azerbaijan and Turkey"),
    # named in the order the actors are declared; groups in order of first appearance.
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for rec, view in zip(chosen, selected, strict=True):
        key = tuple(sorted(set(rec.addressed_to), key=actor_order.__getitem__))
        group = groups.setdefault(
            key, {"addressees": join_names([names[a] for a in key]), "recommendations": []}
        )
        group["recommendations"].append(view)

    judgments = brief.key_judgments[: config.selection.key_judgments]
    kinds = config.selection.editorial_notes
    notes = [n for n in brief.editorial_notes if not kinds or n.kind in kinds]

    view_obstacles = [
        {
            "id": ob.id,
            "number": obstacle_numbers[ob.id],
            "title": ob.title,
            "summary": markdown(ob.summary),
            "positions": [
                {
                    "actor": names[actor],
                    "actor_short": short[actor],
                    "text": markdown(pos.text),
                    "refs": refs_label(pos.refs),
                    "quote": _quote(pos.quote),
                }
                for actor, pos in ob.positions.items()
            ],
            "openings": markdown(ob.openings) if ob.openings else None,
            "why_it_matters": markdown(ob.why_it_matters) if ob.why_it_matters else None,
            "plain": _plain(ob.plain),
            "tags": list(ob.tags),
            "refs": refs_label(ob.refs),
            "recommendations": [
                view for rec, view in zip(chosen, selected, strict=True) if ob.id in rec.obstacles
            ],
        }
        for ob in brief.obstacles
    ]
    background = [_statement(s) for s in brief.context.background]
    next_steps = [_statement(s) for s in brief.next_steps]

    def tagged(*tags: str) -> dict[str, list[dict[str, Any]]]:
        """The memo's items carrying any of ``tags``, by kind (for topical sections)."""
        wanted = set(tags)
        return {
            "background": [s for s in background if wanted & set(s["tags"])],
            "next_steps": [s for s in next_steps if wanted & set(s["tags"])],
            "recommendations": [r for r in selected if wanted & set(r["tags"])],
            "obstacles": [o for o in view_obstacles if wanted & set(o["tags"])],
        }

    glossary = [
        {"term": g.term, "definition": markdown(g.definition)}
        for g in sorted(brief.glossary, key=lambda g: g.term.casefold())
    ]
    plain_texts = [
        brief.plain_summary or "",
        *(j.plain or "" for j in judgments),
        *(s["plain"] or "" for s in background[: config.selection.background] + next_steps),
        *(e.plain or "" for e in brief.context.timeline),
        *(f"{o['title']} {o['plain'] or ''}" for o in view_obstacles),
        *(r["plain"] or "" for r in selected),
        *(c.plain or "" for c in brief.counterpoints if _keeps(config, c.status)),
        *(n.plain or "" for n in notes),
    ]
    meta = brief.meta
    view: dict[str, Any] = {
        "meta": {
            "title": meta.title,
            "subtitle": meta.subtitle,
            "date": long_date(meta.date),
            "organisation": meta.organisation,
            "author": meta.author,
            "marking": config.style.marking or meta.marking,
        },
        "source": {
            "title": meta.source.title,
            "short_title": meta.source.title.split(":")[0].strip(),
            "publisher": meta.source.publisher,
            "author": meta.source.author,
            "url": meta.source.url,
        },
        "audience": {
            "name": config.name,
            "description": config.description,
            "reader": config.reader,
            "to": config.memo.to,
            "sender": config.memo.sender or meta.organisation,
            "subject": config.memo.subject or meta.title,
        },
        "bottom_line": markdown(brief.bottom_line),
        "plain_summary": _plain(brief.plain_summary),
        "key_judgments": [
            {
                "id": j.id,
                "text": markdown(j.text),
                "plain": _plain(j.plain),
                "refs": refs_label(j.refs),
            }
            for j in judgments
        ],
        "background": background[: config.selection.background],
        "timeline": [
            {
                "id": e.id,
                "date": e.date,
                "event": markdown(e.event),
                "short": e.short,
                "plain": _plain(e.plain),
                "refs": refs_label(e.refs),
            }
            for e in brief.context.timeline
        ],
        "timeline_chart": _timeline_chart(brief),
        "key_figures": [
            {"id": f.id, "value": f.value, "label": markdown(f.label), "refs": refs_label(f.refs)}
            for f in brief.context.key_figures
        ],
        "obstacles": view_obstacles,
        "recommendations": selected,
        "recommendations_total": len(brief.recommendations),
        "recommendation_groups": list(groups.values()),
        "counterpoints": [
            {
                "id": c.id,
                "claim": markdown(c.claim),
                "claimed_by": join_names([names[a] for a in c.claimed_by]),
                "counter": markdown(c.counter) if c.counter else None,
                "countered_by": join_names([names[a] for a in c.countered_by]),
                "status": c.status,
                "status_label": STATUS_LABELS[c.status],
                "plain": _plain(c.plain),
                "quote": _quote(c.quote),
                "refs": refs_label(c.refs),
            }
            for c in brief.counterpoints
            if _keeps(config, c.status)
        ],
        "editorial_notes": [
            {
                "id": n.id,
                "kind": n.kind,
                "text": markdown(n.text),
                "plain": _plain(n.plain),
                "refs": refs_label(n.refs),
            }
            for n in notes
        ],
        "glossary": glossary,
        "glossary_plain": _used_terms(glossary, plain_texts),
        "next_steps": next_steps,
        "tagged": tagged,
    }
    view["sourcing"] = sourcing(brief, view)  # paragraphs per shown item, for source notes
    return view
