"""``briefgen new audience``: the scaffold builds at once and documents its blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from conftest import ESSAY_BRIEF


@pytest.mark.parametrize("base", ["negotiator", "executive", "donor", "public"])
def test_scaffold_builds_at_once(tmp_path: Path, base: str) -> None:
    runner = CliRunner()
    templates = tmp_path / "templates"
    result = runner.invoke(main, ["new", "audience", "mine", "--extends", base,
                                  "--templates", str(templates)])  # fmt: skip
    assert result.exit_code == 0, result.output
    template = (templates / "mine" / "memo.html.j2").read_text(encoding="utf-8")
    assert f'{{% extends "builtin/{base}/memo.html.j2" %}}' in template
    assert "header" in template and "sources" in template  # the blocks are documented
    result = runner.invoke(main, ["build", str(ESSAY_BRIEF), "-a", "mine", "-f", "md,pdf",
                                  "--templates", str(templates), "-o", str(tmp_path / "out"),
                                  "--allow-over-budget"])  # fmt: skip
    assert result.exit_code == 0, result.output
    memo = (tmp_path / "out" / "triumph-in-defeat" / "mine.md").read_text(encoding="utf-8")
    assert "Prepared for" in memo


def test_scaffold_can_extend_a_custom_audience(tmp_path: Path) -> None:
    runner = CliRunner()
    templates = tmp_path / "templates"
    args = ["new", "audience"]
    assert (
        runner.invoke(
            main, [*args, "first", "--extends", "executive", "--templates", str(templates)]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        main, [*args, "second", "--extends", "first", "--templates", str(templates)]
    )
    assert result.exit_code == 0, result.output
    assert (
        '{% extends "first/memo.html.j2" %}' in (templates / "second" / "memo.html.j2").read_text()
    )
    result = runner.invoke(main, ["build", str(ESSAY_BRIEF), "-a", "second", "-f", "md",
                                  "--templates", str(templates), "-o", str(tmp_path / "out"),
                                  "--allow-over-budget"])  # fmt: skip
    assert result.exit_code == 0, result.output


def test_scaffold_refuses_existing_and_bad_names(tmp_path: Path) -> None:
    runner = CliRunner()
    templates = tmp_path / "templates"
    args = ["new", "audience", "x", "--extends", "executive", "--templates", str(templates)]
    assert runner.invoke(main, args).exit_code == 0
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "already exists" in result.output
    result = runner.invoke(main, ["new", "audience", "Bad/Name", "--extends", "executive"])
    assert result.exit_code == 2 and "lower-case letters" in result.output
    result = runner.invoke(main, ["new", "audience", "con", "--extends", "executive",
                                  "--templates", str(templates)])  # fmt: skip
    assert result.exit_code == 2 and "reserved device name" in result.output
    assert not (templates / "con").exists()
