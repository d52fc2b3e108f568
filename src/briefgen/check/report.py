"""``briefgen check``: provenance and editorial checks of a brief against its source.

The checks live in their own modules; this one runs them and reports:

- :mod:`briefgen.check.provenance`: source identity, refs, quotations, fingerprints (S, R, Q, P);
- :mod:`briefgen.check.attribution`: balance and attribution in the brief (A001-A004);
- :mod:`briefgen.check.rendered_memos`: the rendered memos (Q003, A003, A005, G001, G002, M001);
- :mod:`briefgen.check.coverage`: what the brief cites and whom it addresses
  (a report, not findings).

Exit status: 0 no findings, 1 findings, 2 bad input (the brief, the source or an audience).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen import __version__
from briefgen.audience.profiles import Audience
from briefgen.brief.load import load_located
from briefgen.brief.sourced_items import brief_items
from briefgen.check.attribution import attribution_findings
from briefgen.check.coverage import Coverage, coverage
from briefgen.check.findings import Finding
from briefgen.check.provenance import provenance_findings
from briefgen.check.rendered_memos import Grade, memo_findings
from briefgen.check.source_text import SourceText, read_source


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found about one brief."""

    brief: str
    recorded_sha256: str
    source: SourceText
    findings: tuple[Finding, ...]
    coverage: Coverage
    grades: tuple[Grade, ...]

    @property
    def exit_code(self) -> int:
        """0 when clean, 1 when there is any finding."""
        return 1 if self.findings else 0

    def _count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def summary(self) -> str:
        """One line: the verdict and what was checked against."""
        same = "matches" if self.recorded_sha256 == self.source.sha256 else "differs from"
        against = (
            f"against {self.source.name} ({len(self.source.paragraphs)} paragraphs; "
            f"SHA-256 {same} the brief's)"
        )
        if not self.findings:
            return f"{self.brief}: clean {against}"
        errors, warnings = self._count("error"), self._count("warning")
        total = len(self.findings)
        return (
            f"{self.brief}: {total} finding{'s' * (total != 1)} ({errors} error"
            f"{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}) {against}"
        )

    def lines(self) -> list[str]:
        """The human-readable report: findings, coverage, readability, the verdict."""
        grades = ", ".join(
            f"{g.audience} {g.grade:.1f}" + (f" (target {g.target:g})" if g.target else "")
            for g in self.grades
        )
        return [
            *(str(f) for f in self.findings),
            *self.coverage.lines(),
            f"reading grade: {grades}",
            self.summary(),
        ]

    def as_json(self) -> dict[str, object]:
        """The stable JSON report ``--json`` prints."""
        return {
            "briefgen": __version__,
            "brief": self.brief,
            "source": {
                "path": self.source.name,
                "sha256": self.source.sha256,
                "paragraphs": len(self.source.paragraphs),
                "recorded_sha256": self.recorded_sha256,
                "changed": self.recorded_sha256 != self.source.sha256,
            },
            "clean": not self.findings,
            "summary": {"errors": self._count("error"), "warnings": self._count("warning")},
            "findings": [f.as_json() for f in self.findings],
            "coverage": self.coverage.as_json(),
            "reading_grades": [
                {"audience": g.audience, "grade": g.grade, "target": g.target} for g in self.grades
            ],
        }


def _order(finding: Finding) -> tuple:
    return (finding.line == 0, finding.line, finding.column, finding.code, finding.audience or "")


def check(brief_path: Path, source_path: Path, audiences: list[Audience]) -> Report:
    """Check the brief at ``brief_path`` against the source text at ``source_path``.

    Raises :class:`~briefgen.errors.InputError` when the brief or the source cannot be read.
    """
    brief, doc = load_located(brief_path)
    source = read_source(source_path)
    items = list(brief_items(brief))
    memo, grades = memo_findings(brief, doc, items, source, audiences)
    findings = [
        *provenance_findings(brief, doc, items, source),
        *attribution_findings(brief, doc, items),
        *memo,
    ]
    return Report(
        brief=str(brief_path),
        recorded_sha256=brief.meta.source.sha256,
        source=source,
        findings=tuple(sorted(dict.fromkeys(findings), key=_order)),
        coverage=coverage(brief, items, source),
        grades=tuple(grades),
    )
