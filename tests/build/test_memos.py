"""Builds: budgets on the real PDF, the report, the manifest, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.audience.profiles import resolve, search_path
from briefgen.build.batch import build_memos
from briefgen.build.memos import Budgets, budget_problems, pdf_page_count
from briefgen.check.readability import Grade
from briefgen.cli import main
from briefgen.errors import BuildError
from conftest import ESSAY_BRIEF


def tight_audience(root: Path) -> Path:
    folder = root / "tight"
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(
        "name: tight\nextends: negotiator\ndescription: Too long on purpose\n"
        "budget: {pages: {min: 1, max: 2}, words: {max: 100}}\n",
        encoding="utf-8",
    )
    return root


def test_over_budget_is_an_error_naming_audience_budget_and_actual(tmp_path: Path) -> None:
    templates = tight_audience(tmp_path / "templates")
    audience = resolve("tight", search_path(templates))
    with pytest.raises(BuildError) as info:
        build_memos(ESSAY_BRIEF, [audience], ["md"], tmp_path / "out")
    message = str(info.value)
    assert "tight: " in message and "pages, budget 1-2 pages" in message
    assert "words, budget at most 100 words" in message
    assert not (tmp_path / "out").exists()


def test_cli_over_budget_exits_1_and_writes_nothing_unless_allowed(tmp_path: Path) -> None:
    templates = tight_audience(tmp_path / "templates")
    runner = CliRunner()
    args = ["build", str(ESSAY_BRIEF), "-a", "tight", "-f", "md", "--templates", str(templates),
            "-o", str(tmp_path / "out")]  # fmt: skip
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "over budget" in result.output and "--allow-over-budget" in result.output
    assert not (tmp_path / "out").exists()
    result = runner.invoke(main, [*args, "--allow-over-budget"])
    assert result.exit_code == 0
    assert "warning: over budget: tight:" in result.output
    assert (tmp_path / "out" / "triumph-in-defeat" / "tight.md").is_file()


def test_budget_problems_cover_pages_words_and_grade() -> None:
    public = resolve("public", search_path(None))
    assert budget_problems(public, 2, 900, Grade("public", 8.5, 9)) == Budgets([], [])
    assert budget_problems(public, 4, 900, Grade("public", 9.7, 9)).over == [
        "public: 4 pages, budget 1-3 pages",
        "public: reading grade 9.7, target 9 or below",
    ]
    executive = resolve("executive", search_path(None))
    assert budget_problems(executive, 2, 500, Grade("executive", 12, None)).over == [
        "executive: 2 pages, budget exactly 1 page"
    ]


def test_a_memo_under_a_minimum_is_a_note_not_a_problem() -> None:
    donor = resolve("donor", search_path(None))  # 2-3 pages
    budgets = budget_problems(donor, 1, 500, Grade("donor", 10, None))
    assert budgets == Budgets([], ["donor: 1 page, under its budget of 2-3 pages"])


def test_a_grade_target_without_a_formula_is_not_checked_not_passed() -> None:
    public = resolve("public", search_path(None))
    budgets = budget_problems(public, 2, 900, Grade("public", None, 9, "hy"))
    assert budgets == Budgets(
        [], ["public: reading grade not checked (no published grade formula for hy)"]
    )
    assert Grade("public", None, 9, "hy").status == "not checked"
    assert Grade("public", 9.5, 9).status == "over" and Grade("public", 9, 9).status == "within"


def test_cli_short_memo_builds_with_a_warning(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "roomy"
    templates.mkdir(parents=True)
    (templates / "audience.yaml").write_text(
        "name: roomy\nextends: executive\ndescription: Wants more pages than it gets\n"
        "budget: {pages: {min: 5, max: 9}, words: {min: 5000, max: 9000}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["build", str(ESSAY_BRIEF), "-a", "roomy", "-f", "md", "--templates",
               str(tmp_path / "templates"), "-o", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "briefgen: warning: roomy: 1 page, under its budget of 5-9 pages" in result.output
    assert (
        "briefgen: warning: roomy: " in result.output
        and "under its budget of 5000-9000 words" in result.output
    )
    assert "over budget" not in result.output
    assert (tmp_path / "out" / "triumph-in-defeat" / "roomy.md").is_file()


def test_cli_grade_target_in_a_language_without_formula_is_reported_not_checked(
    tmp_path: Path,
) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8").replace("  language: en\n", "  language: hy\n")
    brief = tmp_path / "hy.yaml"
    brief.write_text(text, encoding="utf-8")
    (tmp_path / "templates").mkdir()  # the built-in house style: no letterhead
    args = ["build", str(brief), "-a", "public", "-f", "md", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--templates", str(tmp_path / "templates")])
    assert result.exit_code == 0, result.output
    assert (
        "briefgen: warning: public: reading grade not checked (no published grade formula for hy)"
        in result.output
    )
    manifest = json.loads((tmp_path / "out" / "hy" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][0]["reading_grade"] is None


def test_report_lines_and_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(ESSAY_BRIEF), "-a", "negotiator", "-f", "pdf,md", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().split("\n")
    assert lines[0].split()[:3] == ["negotiator", "pdf", lines[0].split()[2]]
    assert "pages" in lines[0] and "words" in lines[0]
    folder = tmp_path / "triumph-in-defeat"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["brief"]["id"] == "triumph-in-defeat"
    assert manifest["sources"][0]["sha256"].startswith("05d522f4")
    assert manifest["briefgen"]
    entries = {(f["audience"], f["format"]): f for f in manifest["files"]}
    pdf = entries[("negotiator", "pdf")]
    data = (folder / "negotiator.pdf").read_bytes()
    assert pdf["pages"] == pdf_page_count(data) and 4 <= pdf["pages"] <= 8
    import hashlib

    assert pdf["sha256"] == hashlib.sha256(data).hexdigest()
    # A later build of another format keeps the earlier entries that are still on disk.
    assert (
        CliRunner()
        .invoke(
            main, ["build", str(ESSAY_BRIEF), "-a", "negotiator", "-f", "html", "-o", str(tmp_path)]
        )
        .exit_code
        == 0
    )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {(f["audience"], f["format"]) for f in manifest["files"]} == {
        ("negotiator", "pdf"), ("negotiator", "md"), ("negotiator", "html"),
    }  # fmt: skip


def test_manifest_is_reproducible_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()
    args = ["build", str(ESSAY_BRIEF), "-a", "negotiator", "-f", "md"]
    assert runner.invoke(main, [*args, "-o", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(main, [*args, "-o", str(tmp_path / "b")]).exit_code == 0
    a = (tmp_path / "a" / "triumph-in-defeat" / "manifest.json").read_bytes()
    b = (tmp_path / "b" / "triumph-in-defeat" / "manifest.json").read_bytes()
    assert a == b and b'"built": "2023-11-14T22:13:20+00:00"' in a


def test_layout_problems_are_build_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.export.pdf import layout, writer

    laid_out = writer.export_with_layout

    def faulty(document: object, style: object) -> tuple[bytes, layout.Layout]:
        data, real = laid_out(document, style)  # type: ignore[arg-type]
        fault = layout.Fault("stranded-heading", 1, "Key judgments", "heading at the foot")
        return data, layout.Layout(real.pages, real.fill, (fault,), real.placed)

    monkeypatch.setattr(writer, "export_with_layout", faulty)
    out = tmp_path / "out"
    args = ["build", str(ESSAY_BRIEF), "-a", "executive", "-f", "pdf,md", "-o", str(out), "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    pdf = out / ESSAY_BRIEF.stem / "executive.pdf"
    assert result.stderr.splitlines() == [
        f"briefgen: warning: layout: {pdf}: page 1: heading at the foot at “Key judgments”"
    ]
    assert pdf.is_file()  # a warning, not a failure


def test_the_worked_example_builds_without_layout_warnings(tmp_path: Path) -> None:
    audience = resolve("negotiator", search_path(None))
    memos, _over, _brief = build_memos(ESSAY_BRIEF, [audience], ["pdf"], tmp_path / "out")
    assert [memo.layout for memo in memos] == [()]
