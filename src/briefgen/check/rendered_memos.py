"""Checks on the rendered memos: what each reader actually gets.

Every audience's memo is rendered to its Document (no export) and checked:

- **Q003** every phrase in curly double quotes is in the source (verbatim, normalised); those
  the brief supplies are checked against their paragraphs by Q001 and Q002 instead, and a
  source's title, which citations put in quotes, is none;
- **A003** no sentence restates a counterpoint's claim without naming who makes it (the rule of
  :mod:`briefgen.check.attribution`; sentences taken whole from the brief are reported there, once);
- **A005** a claim shown with its text is followed by its counter-view in the same box, or in
  the block right after it;
- **A007** the analyst's labels (priority, horizon, "the most urgent") are marked as the
  analyst's (the rule of :mod:`briefgen.check.voice`; English briefs only; skipped with
  ``--no-analyst-labels``);
- **A008** a selection keeps both sides of a kind of key figure, event or background
  statement, or neither (:mod:`briefgen.check.balance`);
- **G001** the reading grade (the published formula for the memo's language, see
  :mod:`briefgen.check.grade_formulas`) is within the audience's ``reading_grade`` target; a
  language without one is reported as not checked;
- **G002** a plain-language memo uses no acronym (a word of two or more capitals in any cased
  script, ``U.S.`` counted as ``US``; see :mod:`briefgen.check.acronyms`) that the brief's
  glossary does not define; in a memo written in a script without capitals the rule does not
  apply, and the report says so.
- **M002, M003, M004** the timeline is a figure or a table, never both; no box opens by
  repeating its title; a source whose paragraphs the memo cites is named in it
  (:mod:`briefgen.check.memo_form`);
- **L001-L006** the memo laid out as its PDF breaks no layout rule
  (:mod:`briefgen.check.layout`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from briefgen.audience.profiles import Audience
from briefgen.brief.located_yaml import Path, YamlDocument
from briefgen.brief.model import Brief
from briefgen.brief.sourced_items import Item
from briefgen.check.acronyms import acronyms, uncased_script
from briefgen.check.attribution import ClaimIndex, claims
from briefgen.check.balance import BalanceChecker
from briefgen.check.findings import Finding, located
from briefgen.check.layout import MemoLayout, lay_out, layout_findings
from briefgen.check.memo_form import repeated_titles, timeline_twice, unnamed_sources
from briefgen.check.memo_text import memo_lines, plain_of
from briefgen.check.readability import Grade, reading_grade
from briefgen.check.source_text import SourceText, normalise, quoted_phrases
from briefgen.check.voice import english, label_kind, unmarked_labels
from briefgen.document import tree as d
from briefgen.errors import InputError
from briefgen.render.assemble import render
from briefgen.render.memo_style import memo_style
from briefgen.render.source_labels import short_title

_FOOTNOTE_MARK = re.compile(r"\[\d+\]")


def _text(block: d.Block) -> str:
    """All the words of ``block`` and what it holds, normalised, footnote marks dropped."""
    parts = []
    for inner in d.iter_blocks((block,)):
        if isinstance(inner, (d.Heading, d.Paragraph)):
            parts.append(d.plain_text(inner.children))
        elif isinstance(inner, d.Callout) and inner.title:
            parts.append(d.plain_text(inner.title))
        elif isinstance(inner, d.FieldList):
            parts.extend(d.plain_text(f.value) for f in inner.fields)
    return normalise(_FOOTNOTE_MARK.sub("", " ".join(parts)))


def _labelled_texts(document: d.Document) -> Iterator[tuple[str, str]]:
    """The memo's text a paragraph at a time, each with the text that labels it: a table
    cell's row (the party heading a row of positions), nothing elsewhere."""
    rows: dict[str, str] = {}
    for block in d.iter_blocks(document.blocks):
        if isinstance(block, d.Table):
            for row in block.rows:
                cells = [replace(document, blocks=cell.blocks, footnotes=()) for cell in row]
                lines = [line for cell in cells for line in memo_lines(cell)]
                for line in lines:
                    rows.setdefault(line, " ".join(lines))
    for text in memo_lines(document):
        yield text, rows.get(text, "")


def _sibling_runs(blocks: tuple[d.Block, ...]) -> Iterator[tuple[d.Block, ...]]:
    """``blocks`` and every sequence of sibling blocks nested in them."""
    yield blocks
    for block in blocks:
        if isinstance(block, d.List):
            for item in block.items:
                yield from _sibling_runs(item.blocks)
        elif isinstance(block, d.Table):
            for row in ((block.header,) if block.header else ()) + block.rows:
                for cell in row:
                    yield from _sibling_runs(cell.blocks)
        elif isinstance(block, (d.Quote, d.Callout)):
            yield from _sibling_runs(block.blocks)


class _MemoChecker:
    """Checks one brief's memos; holds what every memo's checks share."""

    def __init__(
        self, brief: Brief, doc: YamlDocument, items: list[Item], texts: dict[str, SourceText]
    ) -> None:
        self.brief, self.doc, self.texts = brief, doc, texts
        self.claims = ClaimIndex(claims(brief))
        self.prose = [(path, item, plain_of(text)) for item in items for path, text in item.texts]
        # Quotations from the brief are checked against their paragraphs (Q001, Q002) already.
        self.quotations = {normalise(i.quote.text) for i in items if i.quote} | {
            normalise(phrase) for _p, _i, text in self.prose for phrase in quoted_phrases(text)
        }
        # A citation style quotes a source's title (in full or short, punctuation inside the
        # quotes in American usage): that is a citation, not a quotation of the source's text.
        self.titles = {normalise(t) for s in brief.sources for t in (s.title, short_title(s))}
        glossary = {
            word for g in brief.glossary for word in (g.term, g.abbreviation, *g.aliases) if word
        }
        glossary |= {m for g in brief.glossary for m in re.findall(r"\(([^)]+)\)", g.term)}
        self.glossary = {term.replace(".", "") for term in glossary}

    def _from_brief(self, phrase: str) -> tuple[Path, Item] | None:
        """The brief field (path and item) whose text holds ``phrase``, if any."""
        wanted = normalise(phrase)
        return next(((p, i) for p, i, text in self.prose if wanted in text), None)

    def _finding(self, code: str, message: str, phrase: str, audience: str) -> Finding:
        origin = self._from_brief(phrase)
        if origin is None:
            message += f" (from the {audience} audience's templates)"
            return Finding(code, message, self.doc.filename, audience=audience)
        path, item = origin
        return located(self.doc, path, code, message, item=item.id, audience=audience)

    def quotes(self, document: d.Document, audience: str) -> list[Finding]:
        """Q003: quoted phrases in the memo that the source does not hold."""
        missing = dict.fromkeys(
            phrase
            for text in memo_lines(document)
            for phrase in quoted_phrases(text)
            if normalise(phrase) not in self.quotations
            and normalise(phrase.rstrip(".,;: ")) not in self.titles
            and not any(text.find(phrase) for text in self.texts.values())
        )
        return [
            self._finding("Q003", f"quotation not in the source: “{phrase}”", phrase, audience)
            for phrase in missing
        ]

    def restatements(self, document: d.Document, audience: str) -> list[Finding]:
        """A003 on the memo's own sentences (those not taken whole from the brief)."""
        findings = []
        for text, context in dict.fromkeys(_labelled_texts(document)):
            for claim, sentence in self.claims.unattributed(text, context=context):
                if self._from_brief(sentence) is None:
                    findings.append(
                        Finding(
                            "A003",
                            f"restates {claim.id} as fact: “{sentence}” names none of "
                            f"{', '.join(claim.claimants)} (from the {audience} audience's "
                            "templates)",
                            self.doc.filename,
                            item=claim.id,
                            audience=audience,
                        )
                    )
        return findings

    def counter_views(self, document: d.Document, audience: str) -> list[Finding]:
        """A005: claims shown without their counter-view beside them."""
        runs = [[_text(block) for block in run] for run in _sibling_runs(document.blocks)]
        findings = []
        for index, counterpoint in enumerate(self.brief.counterpoints):
            if not counterpoint.counter:
                continue
            claim, counter = plain_of(counterpoint.claim), plain_of(counterpoint.counter)
            shown = apart = False
            for texts in runs:
                for position, text in enumerate(texts):
                    if claim not in text:
                        continue
                    shown = True
                    beside = text + (texts[position + 1] if position + 1 < len(texts) else "")
                    apart = apart or counter not in beside
            if shown and apart:
                findings.append(
                    located(
                        self.doc,
                        ("counterpoints", index, "counter"),
                        "A005",
                        "the memo shows the claim without its counter-view beside it",
                        item=counterpoint.id,
                        audience=audience,
                    )
                )
        return findings

    def labels(self, document: d.Document, audience: str) -> list[Finding]:
        """A007: the analyst's labels shown as plain fields, unmarked (English briefs only);
        one finding per kind of label, with its first instance and a count."""
        if not english(self.brief):
            return []
        kinds: dict[str, list[str]] = {}
        for label in unmarked_labels(memo_lines(document)):
            kinds.setdefault(label_kind(label), []).append(label)
        return [
            Finding(
                "A007",
                f"the analyst's {kind} label “{labels[0]}” ({len(labels)}x) reads as the "
                f"source's: say it is the analyst's (from the {audience} audience's templates)",
                self.doc.filename,
                audience=audience,
            )
            for kind, labels in kinds.items()
        ]

    def acronyms(self, document: d.Document, audience: str) -> list[Finding]:
        """G002: acronyms the glossary does not define (plain-language memos only)."""
        found: dict[str, int] = {}
        for text in memo_lines(document):
            for acronym in acronyms(text):
                if acronym not in self.glossary:
                    found[acronym] = found.get(acronym, 0) + 1
        return [
            Finding(
                "G002",
                f"acronym {acronym} ({count}x) has no glossary entry",
                self.doc.filename,
                audience=audience,
            )
            for acronym, count in found.items()
        ]


def memo_findings(
    brief: Brief,
    doc: YamlDocument,
    items: list[Item],
    texts: dict[str, SourceText],
    audiences: list[Audience],
    *,
    analyst_labels: bool = False,
) -> tuple[list[Finding], list[Grade], list[str], list[MemoLayout]]:
    """Render every audience's memo and check it; also each memo's reading grade, notes on
    what could not be checked (the acronym rule in a script without capitals) and its PDF's
    layout. A007 (the analyst's labels marked) runs only with ``analyst_labels``."""
    checker = _MemoChecker(brief, doc, items, texts)
    balance = BalanceChecker(brief, doc)
    findings: list[Finding] = []
    grades: list[Grade] = []
    layouts: list[MemoLayout] = []
    language = brief.meta.language
    script = uncased_script(language)
    plain = [a.name for a in audiences if a.config.plain_language]
    notes = [
        f"acronym rule (G002) not applicable to {', '.join(plain)}: {language} is written in "
        f"the {script} script, which has no capital letters"
    ] if script and plain else []  # fmt: skip
    for audience in audiences:
        name = audience.name
        try:
            document = render(brief, audience, doc.filename).document
        except InputError as exc:
            message = "; ".join(exc.lines())
            findings.append(Finding("M001", message, doc.filename, audience=name))
            continue
        grade = Grade(name, reading_grade(document), audience.config.reading_grade,
                      document.meta.language)  # fmt: skip
        grades.append(grade)
        if grade.status == "over":
            findings.append(
                Finding(
                    "G001",
                    f"reading grade {grade.grade:.1f}, target {grade.target:g} or below",
                    doc.filename,
                    audience=name,
                )
            )
        findings += checker.quotes(document, name)
        findings += checker.restatements(document, name)
        findings += checker.counter_views(document, name)
        findings += balance.findings(" ".join(memo_lines(document)), name)
        findings += [
            Finding("M002", message, doc.filename, audience=name)
            for message in timeline_twice(document)
        ]
        findings += [
            Finding("M003", message, doc.filename, audience=name)
            for message in repeated_titles(document)
        ]
        findings += [
            Finding("M004", message, doc.filename, audience=name)
            for message in unnamed_sources(" ".join(memo_lines(document)), brief.sources)
        ]
        if analyst_labels:
            findings += checker.labels(document, name)
        if audience.config.plain_language and not script:
            findings += checker.acronyms(document, name)
        layouts.append(lay_out(document, memo_style(document, audience), name))
        findings += layout_findings(layouts[-1], doc.filename)
    return findings, grades, notes, layouts
