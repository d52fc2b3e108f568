"""``briefgen check``: provenance and editorial checks of a brief against its sources.

The checks live in their own modules; this one runs them and reports:

- :mod:`briefgen.check.provenance`: source identity, refs, quotations, fingerprints (S, R, Q, P);
- :mod:`briefgen.check.attribution`: balance and attribution in the brief (A001-A004);
- :mod:`briefgen.check.voice`: reported and observed recommendations not worded as advice
  (A006);
- :mod:`briefgen.check.rendered_memos`: the rendered memos (Q003, A003, A005, A007, G001, G002,
  M001) and, through :mod:`briefgen.check.layout`, their PDFs' layout (L001-L006);
- :mod:`briefgen.check.style_rules`: each audience's type sizes and colour contrast
  (T001-T004);
- :mod:`briefgen.check.house_language`: the house style's letterhead and sender in the
  memo's language (T005);
- :mod:`briefgen.check.coverage`: what the brief cites and whom it addresses
  (a report, not findings).

Exit status: 0 no findings, 1 findings, 2 bad input (the brief, the source or an audience).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen import __version__
from briefgen.audience.profiles import Audience
from briefgen.brief.load import load_located
from briefgen.brief.sourced_items import brief_items
from briefgen.check.attribution import attribution_findings
from briefgen.check.coverage import Coverage, coverage
from briefgen.check.findings import Finding
from briefgen.check.house_language import house_language_findings
from briefgen.check.layout import MemoLayout
from briefgen.check.provenance import provenance_findings
from briefgen.check.readability import Grade
from briefgen.check.reader_notes import reader_note_findings
from briefgen.check.rendered_memos import memo_findings
from briefgen.check.source_files import parse_source_options, read_sources, source_paths
from briefgen.check.source_text import SourceText
from briefgen.check.style_rules import style_findings
from briefgen.check.voice import voice_findings


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found about one brief."""

    brief: str
    recorded: dict[str, str | None]  # source id -> the SHA-256 the brief records
    texts: dict[str, SourceText]  # source id -> its text as read now
    findings: tuple[Finding, ...]
    coverage: Coverage
    grades: tuple[Grade, ...]
    notes: tuple[str, ...] = ()  # what could not be checked, and why
    layouts: tuple[MemoLayout, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 when clean, 1 when there is any finding."""
        return 1 if self.findings else 0

    def _count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def _against(self) -> str:
        def one(ident: str, text: SourceText) -> str:
            recorded = self.recorded[ident]
            same = (
                "records no SHA-256 yet" if recorded is None
                else "SHA-256 matches the brief's" if recorded == text.sha256
                else "SHA-256 differs from the brief's"
            )  # fmt: skip
            return f"{text.name} ({len(text.paragraphs)} paragraphs; {same})"

        return "against " + ", ".join(one(i, t) for i, t in self.texts.items())

    def summary(self) -> str:
        """One line: the verdict and what was checked against."""
        against = self._against()
        if not self.findings:
            return f"{self.brief}: clean {against}"
        errors, warnings = self._count("error"), self._count("warning")
        total = len(self.findings)
        return (
            f"{self.brief}: {total} finding{'s' * (total != 1)} ({errors} error"
            f"{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}) {against}"
        )

    def lines(self) -> list[str]:
        """The human-readable report: findings, coverage, readability, layout, the verdict."""
        grades = ", ".join(g.summary() for g in self.grades)
        return [
            *(str(f) for f in self.findings),
            *self.coverage.lines(),
            f"reading grade: {grades}",
            *self.notes,
            *self.layout_lines(),
            self.summary(),
        ]

    def layout_lines(self) -> list[str]:
        """The layout section: each memo's pages and its layout problems (listed above with
        the findings), or that there are none."""
        if not self.layouts:
            return []
        memos = ", ".join(memo.summary() for memo in self.layouts)
        clean = not any(memo.faults for memo in self.layouts)
        return [f"layout: {memos}" + (": no problems" if clean else "")]

    def as_json(self) -> dict[str, object]:
        """The stable JSON report ``--json`` prints."""
        return {
            "briefgen": __version__,
            "brief": self.brief,
            "sources": [
                {
                    "id": ident,
                    "path": text.name,
                    "sha256": text.sha256,
                    "paragraphs": len(text.paragraphs),
                    "recorded_sha256": self.recorded[ident],
                    "changed": self.recorded[ident] not in (None, text.sha256),
                }
                for ident, text in self.texts.items()
            ],
            "clean": not self.findings,
            "summary": {"errors": self._count("error"), "warnings": self._count("warning")},
            "findings": [f.as_json() for f in self.findings],
            "coverage": self.coverage.as_json(),
            "reading_grades": [
                {
                    "audience": g.audience,
                    "grade": g.grade,
                    "target": g.target,
                    "status": g.status,
                    "language": g.language,
                }
                for g in self.grades
            ],
            "notes": list(self.notes),
            "layout": [
                {
                    "audience": memo.audience,
                    "pages": memo.pages,
                    "fill": [round(used, 3) for used in memo.fill],
                    "problems": len(memo.faults),
                }
                for memo in self.layouts
            ],
        }


def _order(finding: Finding) -> tuple:
    return (finding.line == 0, finding.line, finding.column, finding.code, finding.audience or "")


def check(
    brief_path: Path,
    sources: Sequence[str],
    audiences: list[Audience],
    *,
    analyst_labels: bool = True,
) -> Report:
    """Check the brief at ``brief_path`` against the texts of its sources; with
    ``analyst_labels`` (the default), also rule A007 on the memos (see docs/checks.md).

    ``sources`` are ``--source`` values (``FILE`` for a one-source brief, ``ID=FILE``); a
    source they leave out is read from its ``file``. Raises
    :class:`~briefgen.errors.InputError` when the brief or a source cannot be read.
    """
    brief, doc = load_located(brief_path)
    chosen = parse_source_options(sources, brief)
    texts = read_sources(source_paths(brief, doc, brief_path, chosen))
    items = list(brief_items(brief))
    memo, grades, notes, layouts = memo_findings(
        brief, doc, items, texts, audiences, analyst_labels=analyst_labels
    )
    findings = [
        *provenance_findings(brief, doc, items, texts),
        *attribution_findings(brief, doc, items),
        *voice_findings(brief, doc),
        *reader_note_findings(brief, doc),
        *memo,
        *style_findings(audiences),
        *house_language_findings(audiences, brief.meta.language),
    ]
    return Report(
        brief=str(brief_path),
        recorded={source.id: source.sha256 for source in brief.sources},
        texts=texts,
        findings=tuple(sorted(dict.fromkeys(findings), key=_order)),
        coverage=coverage(brief, items, texts),
        grades=tuple(grades),
        notes=tuple(notes),
        layouts=tuple(layouts),
    )
