"""What ``briefgen check`` reports: findings, each with a stable code, and the code table.

A finding's code never changes meaning; tools read ``--json`` and match on it.
docs/checks.md documents every code in :data:`CODES` (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.brief.located_yaml import Path, YamlDocument, format_path

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A finding code: its severity, short name and what it means."""

    severity: Severity
    name: str
    meaning: str


CODES: dict[str, Code] = {
    "S001": Code(
        "warning",
        "source-changed",
        "A source's SHA-256 differs from its `sha256` in the brief: the source changed since the "
        "brief was written (P003 lists the items it affects).",
    ),
    "S002": Code(
        "warning",
        "paragraph-count",
        "A source's `paragraphs` differs from the number of paragraphs in the source.",
    ),
    "S003": Code(
        "warning",
        "source-not-fingerprinted",
        "A source records no `sha256` (nor paragraph fingerprints) yet, so a later change to "
        "it would go unnoticed: run `briefgen fingerprint --write`.",
    ),
    "R001": Code(
        "error",
        "ref-out-of-range",
        "A ref or a quotation's `ref` points past the last paragraph of the source.",
    ),
    "Q001": Code(
        "error",
        "quote-not-found",
        "A `quote.text` is not verbatim in the paragraph its `quote.ref` names.",
    ),
    "Q002": Code(
        "error",
        "quoted-phrase-not-found",
        "A phrase in curly double quotes (“...”) in a text field is not verbatim in any "
        "paragraph the item cites (in the whole source for items without refs).",
    ),
    "Q003": Code(
        "error",
        "memo-quote-not-found",
        "A phrase in curly double quotes in a rendered memo is nowhere in the source.",
    ),
    "P001": Code(
        "warning",
        "fingerprint-missing",
        "A cited paragraph has no fingerprint in its source's `fingerprints`, so a later change "
        "to it would go unnoticed (run `briefgen fingerprint`).",
    ),
    "P002": Code(
        "error",
        "fingerprint-wrong",
        "The source is the one the brief records (same SHA-256), yet a recorded fingerprint "
        "does not match its paragraph: the fingerprints block was edited by hand.",
    ),
    "P003": Code(
        "warning",
        "stale",
        "The source changed and a paragraph this item cites is no longer the text the brief was "
        "written from (its fingerprint differs). One finding per item and paragraph.",
    ),
    "A001": Code(
        "error",
        "judgment-unattributed",
        "The bottom line, the plain summary or a key judgment (text or plain) does not name "
        "its holder (a source by a declared name, or the editor) in its first sentence.",
    ),
    "A002": Code(
        "error",
        "claim-unattributed",
        "A counterpoint's `claim` or `plain` does not name who makes the claim.",
    ),
    "A003": Code(
        "error",
        "claim-stated-as-fact",
        "A sentence restates a counterpoint's claim (shares a run of four words with its "
        "quotation) without naming who makes it, in the brief or in a rendered memo.",
    ),
    "A004": Code(
        "error",
        "contested-without-counter",
        "A counterpoint with status `contested` has neither a `counter` nor `countered_by`.",
    ),
    "A005": Code(
        "error",
        "counter-view-apart",
        "A rendered memo shows a claim but not its counter-view in the same box (or the block "
        "right after it).",
    ),
    "A006": Code(
        "error",
        "report-worded-as-advice",
        "A recommendation whose source only reports a party's proposal or observes a fact "
        "(`voice: reports` or `observes`) has a sentence worded as advice in the brief's own "
        "voice: an imperative ('Keep ...') or an unattributed 'should'/'must' (English only).",
    ),
    "A007": Code(
        "error",
        "analyst-label-unmarked",
        "A rendered memo shows the analyst's own labels (priority, horizon, a selection such as "
        "'the most urgent') as plain fields, with nothing saying they are the analyst's, so "
        "they read as the source's (English labels only).",
    ),
    "A008": Code(
        "error",
        "one-sided-selection",
        "A rendered memo shows a key figure, timeline event or background statement of a kind "
        "(a tag) concerning one party and drops every item of that kind concerning another "
        "party (items name the parties they concern with `concerns:`).",
    ),
    "A009": Code(
        "error",
        "option-takes-up-observation",
        "A reader note's option takes up (`builds_on`) a recommendation its source only "
        "observes (`voice: observes`): the option would make an observation advice.",
    ),
    "A010": Code(
        "warning",
        "bottom-line-too-long",
        "A reader note's bottom line runs over 60 words: a summary of the argument, not the "
        "bottom line up front the reader acts on.",
    ),
    "G001": Code(
        "warning",
        "reading-grade",
        "A memo's reading grade (the published formula for its language) is above its "
        "audience's `reading_grade` target.",
    ),
    "G002": Code(
        "error",
        "acronym-unexplained",
        "A plain-language memo uses an acronym (a word of two or more capitals, in any cased "
        "script) that the glossary does not define.",
    ),
    "M001": Code(
        "error",
        "memo-not-rendered",
        "An audience's memo cannot be rendered from the brief (the message says why).",
    ),
    "M002": Code(
        "warning",
        "timeline-twice",
        "A rendered memo draws the timeline graphic and also lists the same events in a table.",
    ),
    "M003": Code(
        "warning",
        "callout-repeats-title",
        "A box in a rendered memo opens by repeating its own title (title 'Editorial "
        "correction', text 'Editor's correction: ...').",
    ),
    "M004": Code(
        "error",
        "unnamed-source",
        "A rendered memo cites paragraphs of a source (CRS ¶9) whose title it never prints, "
        "so its reader cannot tell what the paragraphs are of.",
    ),
    "L001": Code(
        "warning",
        "stranded-heading",
        "A heading in the memo's PDF has fewer than two lines of its text (or a table's or "
        "box's first row) under it on its page, and its text goes on overleaf.",
    ),
    "L002": Code(
        "warning",
        "split-callout",
        "A callout in the memo's PDF is split across pages though it is no taller than a "
        "page, or its continuation does not repeat its title marked as continued.",
    ),
    "L003": Code(
        "warning",
        "short-page",
        "A page of the memo's PDF other than the last is under a quarter full, and no part "
        "(a level-1 heading) starts on the next page.",
    ),
    "L004": Code(
        "warning",
        "overfull",
        "A line or table cell in the memo's PDF runs past its frame.",
    ),
    "L005": Code(
        "warning",
        "unbalanced-figures",
        "The key-figures grid has rows more than one figure apart (e.g. 4 + 1).",
    ),
    "L006": Code(
        "warning",
        "broken-range",
        "A line of the memo's PDF breaks inside a number range such as 20,000-30,000.",
    ),
    "T001": Code(
        "warning",
        "body-text-small",
        "An audience's body text (`style.font_size`, after the house style) is under 9.5 pt.",
    ),
    "T002": Code(
        "warning",
        "text-under-8pt",
        "A size an audience's style sets (body, a heading, the title) is under 8 pt (sizes "
        "derived from the body size are raised to 8 pt).",
    ),
    "T003": Code(
        "warning",
        "low-contrast",
        "A text colour (text, muted, primary, accent) has a WCAG 2 contrast ratio under 4.5:1 "
        "against a fill it is drawn on (white, table_header, callout, editorial, contested).",
    ),
    "T004": Code(
        "warning",
        "docx-differs",
        "An audience sets a reference DOCX: its DOCX takes that file's styles while the PDF "
        "and HTML keep the house style, so the formats of one memo differ.",
    ),
    "T005": Code(
        "warning",
        "letterhead-language",
        "The memo's language differs from the house style's `language` and the house style "
        "has no `languages:` variant for it: the letterhead and sender are printed in the "
        "house style's language.",
    ),
}


@dataclass(frozen=True)
class Finding:
    """One finding, located in the brief (line 0: no location) and, for memos, its audience."""

    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0
    item: str | None = None
    paragraph: int | None = None
    path: str | None = None
    audience: str | None = None

    @property
    def severity(self) -> Severity:
        """``error`` or ``warning``, from the code."""
        return CODES[self.code].severity

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        subject = ", ".join(
            part
            for part in (
                f"{self.audience} memo" if self.audience else None,
                self.item,
                f"¶{self.paragraph}" if self.paragraph else None,
            )
            if part
        )
        head = f"{where}: {self.code} {self.severity}"
        return f"{head}: {subject}: {self.message}" if subject else f"{head}: {self.message}"

    def as_json(self) -> dict[str, object]:
        """The finding as the stable JSON object ``--json`` prints."""
        return {
            "code": self.code,
            "name": CODES[self.code].name,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line or None,
            "column": self.column or None,
            "path": self.path,
            "item": self.item,
            "paragraph": self.paragraph,
            "audience": self.audience,
        }


def located(
    doc: YamlDocument,
    path: Path,
    code: str,
    message: str,
    *,
    item: str | None = None,
    paragraph: int | None = None,
    audience: str | None = None,
) -> Finding:
    """A finding at ``path`` of the brief read as ``doc`` (its nearest located ancestor)."""
    line, column = doc.locate(path)
    return Finding(
        code, message, doc.filename, line, column, item, paragraph, format_path(path), audience
    )
