"""Findings: one line each for people, one stable object each for tools."""

from __future__ import annotations

import re

from briefgen.check.findings import CODES, Finding


def test_a_located_finding_reads_like_a_compiler_message() -> None:
    finding = Finding("Q001", "quotation not found in ¶8: “x”", "b.yaml", 12, 7, "rec-1", 8, "r[0]")
    assert str(finding) == "b.yaml:12:7: Q001 error: rec-1, ¶8: quotation not found in ¶8: “x”"


def test_a_memo_finding_names_the_memo() -> None:
    finding = Finding(
        "G002", "acronym NATO (1x) has no glossary entry", "b.yaml", audience="public"
    )
    assert (
        str(finding) == "b.yaml: G002 error: public memo: acronym NATO (1x) has no glossary entry"
    )
    data = finding.as_json()
    assert data["line"] is None and data["column"] is None and data["audience"] == "public"
    assert data["name"] == "acronym-unexplained"


def test_codes_are_well_formed() -> None:
    assert all(re.fullmatch(r"[SRQPAGMLT]\d{3}", code) for code in CODES)
    assert len({c.name for c in CODES.values()}) == len(CODES)
    assert {c.severity for c in CODES.values()} == {"error", "warning"}
