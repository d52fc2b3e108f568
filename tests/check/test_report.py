"""``briefgen check`` from the command line: exit statuses, the text report, the JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.check.findings import CODES
from briefgen.cli import main
from conftest import ESSAY_BRIEF, REPO, SOURCE
from edits import brief_copy, line_of, source_copy

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")

FINDING_KEYS = {
    "code", "name", "severity", "message", "file", "line", "column", "path", "item",
    "paragraph", "audience",
}  # fmt: skip


def check(*args: str) -> subprocess.CompletedProcess[str]:
    """``briefgen check`` run as a user runs it, from the repository."""
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "check", *args],
        capture_output=True, text=True, cwd=REPO, timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip


def test_the_essay_brief_checks_clean() -> None:
    relative = os.path.relpath(SOURCE, REPO)
    result = check("briefs/triumph-in-defeat.yaml", "--source", relative)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().split("\n")
    assert lines[0].startswith("coverage: 16 of 21 source paragraphs cited")
    assert lines[-1] == (
        f"briefs/triumph-in-defeat.yaml: clean against {relative} (21 paragraphs; SHA-256 "
        "matches the brief's)"
    )
    assert any(line.startswith("reading grade: donor ") for line in lines)
    assert result.stderr == ""


def test_json_report_is_stable_and_complete(tmp_path: Path) -> None:
    source = source_copy(
        tmp_path, ("It was the Turkish high command who ran the war.", "Turkey helped.")
    )
    result = check(str(ESSAY_BRIEF), "--source", str(source), "--json", "-a", "negotiator")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {
        "briefgen", "brief", "sources", "clean", "summary", "findings", "coverage",
        "reading_grades", "notes", "layout",
    }  # fmt: skip
    assert report["layout"] == [
        {"audience": "negotiator", "pages": report["layout"][0]["pages"],
         "fill": report["layout"][0]["fill"], "problems": 0}
    ]  # fmt: skip
    assert len(report["layout"][0]["fill"]) == report["layout"][0]["pages"] >= 4
    assert report["clean"] is False and report["sources"][0]["changed"] is True
    assert all(set(f) == FINDING_KEYS for f in report["findings"])
    misquote = next(f for f in report["findings"] if f["code"] == "Q001")
    assert misquote == {
        "code": "Q001",
        "name": "quote-not-found",
        "severity": "error",
        "message": "quotation not found in ¶7: “It was the Turkish high command who ran the war.”"
        " (nor anywhere in the source)",
        "file": str(ESSAY_BRIEF),
        "line": line_of(ESSAY_BRIEF, 'text: "It was the Turkish high command'),
        "column": misquote["column"],
        "path": "counterpoints[2].quote.text",
        "item": "cp-turkish-high-command",
        "paragraph": 7,
        "audience": None,
    }
    codes = {f["code"] for f in report["findings"]}
    assert codes == {"S001", "P003", "Q001"}
    assert report["summary"] == {
        "errors": 1,
        "warnings": sum(f["severity"] == "warning" for f in report["findings"]),
    }
    assert report["reading_grades"] == [
        {"audience": "negotiator", "grade": report["reading_grades"][0]["grade"], "target": None,
         "status": "within", "language": "en"}
    ]  # fmt: skip
    assert report["notes"] == []
    assert report["coverage"]["sources"][0]["uncited"] == [17, 18, 19, 20, 21]


def test_text_findings_are_located_lines(tmp_path: Path) -> None:
    brief = brief_copy(
        tmp_path, ('text: "amend its constitution’s preamble"', 'text: "amend the preamble"')
    )
    result = CliRunner().invoke(
        main, ["check", str(brief), "--source", str(SOURCE), "-a", "executive"]
    )
    assert result.exit_code == 1
    line = line_of(brief, 'text: "amend the preamble"')
    assert result.stdout.split("\n")[0] == (
        f"{brief}:{line}:13: Q001 error: amend-constitution-preamble, ¶13: quotation not found in "
        "¶13: “amend the preamble” (nor anywhere in the source)"
    )
    assert (
        result.stdout.strip()
        .split("\n")[-1]
        .startswith(f"{brief}: 1 finding (1 error, 0 warnings)")
    )


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    missing = check(str(ESSAY_BRIEF), "--source", str(tmp_path / "none.txt"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"briefgen: {tmp_path / 'none.txt'}: no such file"
    broken = brief_copy(tmp_path, ("bottom_line:", "bottom_lines:"))
    result = check(str(broken), "--source", str(SOURCE))
    assert result.returncode == 2
    assert f"{broken}:" in result.stderr and "Traceback" not in result.stderr
    elsewhere = brief_copy(tmp_path, ("bottom_line:", "bottom_line:"))  # its `file` is not there
    unfound = check(str(elsewhere))
    assert unfound.returncode == 2 and unfound.stderr.startswith("briefgen: ")
    assert unfound.stderr.strip().endswith("shared/source/triumph-in-defeat.txt: no such file")
    binary = tmp_path / "essay.txt"
    binary.write_bytes(b"\x00\xff" * 10)
    result = check(str(ESSAY_BRIEF), "--source", str(binary))
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr
    result = check(str(ESSAY_BRIEF), "--source", str(SOURCE), "-a", "nobody")
    assert result.returncode == 2 and "no audience named 'nobody'" in result.stderr


def test_every_finding_code_is_documented_in_docs_checks() -> None:
    page = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, info in CODES.items():
        assert f"| `{code}` | {info.severity} | `{info.name}` | {info.meaning} |" in page, code


def test_memo_in_a_language_without_formula_or_capitals_says_what_is_not_checked(
    tmp_path: Path,
) -> None:
    brief = brief_copy(tmp_path, ("  language: en", "  language: ar"))
    result = check(str(brief), "--source", str(SOURCE), "-a", "public")
    lines = result.stdout.strip().split("\n")
    assert (
        "reading grade: public not checked (no published grade formula for ar; target 9)" in lines
    )
    assert (
        "acronym rule (G002) not applicable to public: ar is written in the Arabic script, "
        "which has no capital letters"
    ) in lines
    assert " G001 " not in result.stdout and " G002 " not in result.stdout
    report = json.loads(check(str(brief), "--source", str(SOURCE), "-a", "public", "--json").stdout)
    assert report["reading_grades"] == [
        {"audience": "public", "grade": None, "target": 9, "status": "not checked",
         "language": "ar"}
    ]  # fmt: skip
    assert report["notes"][0].startswith("acronym rule (G002) not applicable to public")
