"""Render: Brief + Audience -> Jinja (sandboxed) -> markup -> Document.

Render is the only stage that knows both the brief and the audience. Exporters get the
Document it returns and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen.audience.profiles import BUILTIN_ROOT, ENTRY_TEMPLATE, Audience
from briefgen.audience.style import Letterhead
from briefgen.brief.model import Brief
from briefgen.document import tree as d
from briefgen.document.markup_parser import MarkupError, parse
from briefgen.errors import InputError
from briefgen.i18n.builtin import warm
from briefgen.i18n.catalogue import Catalogue
from briefgen.render.citation_notes import cite_notes, memo_citations
from briefgen.render.glossary import keep_used_entries
from briefgen.render.glyph_check import glyph_problems
from briefgen.render.jinja_sandbox import BoundedEnvironment, make_environment, render_template
from briefgen.render.memo_language import (
    dated_timelines,
    labels,
    localised,
    located_labels,
    memo_words,
)
from briefgen.render.process_limits import run_limited
from briefgen.render.reader_note import missing_reader_parts, reader_note_hint
from briefgen.render.template_lines import locate_problems
from briefgen.render.view import build_view

# Where each requirement lives in the brief, for "the brief lacks ..." messages.
_REQUIREMENT_FIELDS = {
    "key_judgments": ("key_judgments", lambda b: b.key_judgments),
    "background": ("context.background", lambda b: b.context.background),
    "timeline": ("context.timeline", lambda b: b.context.timeline),
    "key_figures": ("context.key_figures", lambda b: b.context.key_figures),
    "obstacles": ("obstacles", lambda b: b.obstacles),
    "recommendations": ("recommendations", lambda b: b.recommendations),
    "counterpoints": ("counterpoints", lambda b: b.counterpoints),
    "editorial_notes": ("editorial_notes", lambda b: b.editorial_notes),
    "glossary": ("glossary", lambda b: b.glossary),
    "next_steps": ("next_steps", lambda b: b.next_steps),
    "themes": ("themes", lambda b: b.themes),
}
# What to write when a requirement is missing, where the field's name alone does not say.
_REQUIREMENT_HINTS = {
    "themes": "declare themes (- tag: TAG, title: TITLE) naming tags that the background, "
    "obstacles or recommendations carry",
}


@dataclass(frozen=True)
class Rendered:
    """A rendered memo: the Document and the markup it was parsed from."""

    document: d.Document
    markup: str


@cache
def _environment(chain: tuple[tuple[str, Path], ...]) -> BoundedEnvironment:
    # One environment per audience chain: each template is compiled once per process.
    return make_environment(chain, BUILTIN_ROOT)


def missing_requirements(brief: Brief, audience: Audience) -> list[str]:
    """Brief fields that ``audience`` requires and the brief leaves empty."""
    requires = audience.config.requires
    return [
        field
        for requirement in requires
        if requirement in _REQUIREMENT_FIELDS
        for field, getter in [_REQUIREMENT_FIELDS[requirement]]
        if not getter(brief)
    ] + missing_reader_parts(brief, audience.config, _reader_parts(audience), _names(audience))


def _names(audience: Audience) -> tuple[str, ...]:
    """``audience`` and every audience it builds on, nearest first."""
    return tuple(name for name, _folder in audience.chain)


def _reader_parts(audience: Audience) -> list[str]:
    """The parts of a reader note ``audience`` requires (``reader.options`` -> ``options``)."""
    return [r.removeprefix("reader.") for r in audience.config.requires if r.startswith("reader.")]


def missing_plain_texts(brief: Brief) -> list[str]:
    """Paths of the items whose plain-language text (``plain``) is missing."""
    missing = [] if brief.plain_summary else ["plain_summary"]
    collections = {
        "key_judgments": brief.key_judgments,
        "context.background": brief.context.background,
        "context.timeline": brief.context.timeline,
        "obstacles": brief.obstacles,
        "recommendations": brief.recommendations,
        "counterpoints": brief.counterpoints,
        "editorial_notes": brief.editorial_notes,
        "next_steps": brief.next_steps,
    }
    for name, items in collections.items():
        missing.extend(f"{name}[{i}] ({item.id})" for i, item in enumerate(items) if not item.plain)
    return missing


def render(brief: Brief, audience: Audience, brief_name: str = "brief") -> Rendered:
    """Build ``audience``'s Document from ``brief``, in a child process with its own memory
    and time limits where the system allows (see :mod:`briefgen.render.process_limits`)."""
    warm(brief.meta.language)  # here, so that every forked render has the CLDR data loaded
    return run_limited(render_here, brief, audience, brief_name, what=_work(brief_name, audience))


def _work(brief_name: str, audience: Audience) -> str:
    """What a render is, in messages: "briefs/x.yaml: the negotiator memo"."""
    return f"{brief_name}: the {audience.name} memo"


def _nothing_themed(brief: Brief, audience: Audience, brief_name: str) -> str:
    """The message for a memo of themes none of which has anything this memo shows."""
    tags = ", ".join(theme.tag for theme in brief.themes)
    return (
        f"{brief_name}: the {audience.name} memo needs themes with content, and nothing it "
        f"shows is tagged with a theme ({tags}): tag the background, obstacles or "
        "recommendations it should show with a theme's tag"
    )


def _letterhead_words(head: Letterhead) -> tuple[str, tuple[str, ...]] | None:
    """The letterhead's organisation and lines (the house style's variant for the memo's
    language, if it has one), or None when it has no words."""
    if not head.organisation and not head.lines:
        return None
    return head.organisation, tuple(head.lines)


def _document(
    brief: Brief,
    audience: Audience,
    words: Catalogue,
    blocks: tuple[d.Block, ...],
    footnotes: tuple[d.Footnote, ...],
) -> d.Document:
    """The memo's Document: its blocks, notes and properties, and the words exporters print
    around it (labels, running header and footer, letterhead) in the memo's language."""
    meta = brief.meta
    style = audience.config.style
    subject = words.text(
        "document_subject", description=audience.config.description, audience=audience.name
    )
    return d.Document(
        meta=d.Metadata(
            title=meta.title,
            subtitle=meta.subtitle or "",
            author=meta.organisation,
            subject=subject,
            keywords=tuple(sorted({tag for rec in brief.recommendations for tag in rec.tags})),
            date=meta.date,
            language=meta.language,
            marking=style.marking or meta.marking or "",
            labels=labels(words),
            header=style.header,
            footer=style.footer,
            letterhead=_letterhead_words(style.letterhead),
        ),
        blocks=blocks,
        footnotes=footnotes,
    )


def render_here(brief: Brief, audience: Audience, brief_name: str = "brief") -> Rendered:
    """Build ``audience``'s Document from ``brief`` in this process."""
    missing = missing_requirements(brief, audience)
    if missing:
        hints = [_REQUIREMENT_HINTS[field] for field in missing if field in _REQUIREMENT_HINTS]
        if any(field.startswith("readers.") for field in missing):
            hints.append(reader_note_hint(audience.config, _reader_parts(audience)))
        raise InputError(
            f"{brief_name}: the {audience.name} memo needs {', '.join(missing)}, "
            "which the brief leaves empty" + "".join(f"; {hint}" for hint in hints)
        )
    if audience.config.plain_language:
        lacking = missing_plain_texts(brief)
        if lacking:
            raise InputError(
                f"{brief_name}: the {audience.name} memo is in plain language and needs a "
                f"'plain' text for: {', '.join(lacking)}"
            )
    words = memo_words(brief, audience, brief_name)
    with located_labels(words):
        audience = localised(audience, words)
        view = build_view(brief, audience.config, words, _names(audience))
    if "themes" in audience.config.requires and not view["themes"]:
        raise InputError(_nothing_themed(brief, audience, brief_name))
    env = _environment(audience.chain)
    markup = render_template(env, ENTRY_TEMPLATE, view, work=_work(brief_name, audience))
    where = f"{audience.name}/{ENTRY_TEMPLATE} (rendered)"
    citable = {source.id: source.paragraphs for source in brief.sources}
    try:
        blocks, footnotes = parse(markup, where, citable)
    except MarkupError as exc:  # point at the template lines that wrote the bad markup
        located = locate_problems(exc.problems, env, ENTRY_TEMPLATE, view, markup)
        raise MarkupError(located) from None
    citations = memo_citations(brief, audience.config)
    blocks, footnotes = cite_notes(blocks, footnotes, citations, f"{where}, a citation")
    with located_labels(words):
        document = _document(brief, audience, words, dated_timelines(blocks, words), footnotes)
    document = keep_used_entries(document, brief.glossary)  # what the memo's own text uses
    missing = glyph_problems(document, audience, brief, brief_name, env, view, markup)
    if missing:  # a box where a character should be: never written, in any format
        raise InputError(missing)
    return Rendered(document, markup)
