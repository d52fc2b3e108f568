"""The command line, as a user runs it: exit statuses, messages, files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from conftest import ESSAY_BRIEF, REPO


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        capture_output=True, text=True, cwd=cwd or REPO, timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip


def test_help_via_python_m() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "build", "schema", "audiences"):
        assert command in result.stdout


def test_validate_essay_brief() -> None:
    result = CliRunner().invoke(main, ["validate", str(ESSAY_BRIEF)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{ESSAY_BRIEF}: valid\n"


def test_validate_reports_three_located_errors_and_exits_2(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    text = text.replace("  id: triumph-in-defeat\n", "  id: triumph-in-defeat\n  id: twice\n", 1)
    text = text.replace("  marking: DRAFT\n", "  marking: DRAFT\n  classification: x\n", 1)
    text = text.replace("addressed_to: [turkey", "addressed_to: [narnia", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 3, result.stderr
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in result.stderr


def test_build_writes_the_four_formats(tmp_path: Path) -> None:
    result = run("build", str(ESSAY_BRIEF), "-a", "negotiator", "-f", "docx,pdf,html,md",
                 "-o", str(tmp_path))  # fmt: skip
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "triumph-in-defeat"
    for ext in ("docx", "pdf", "html", "md"):
        assert (folder / f"negotiator.{ext}").stat().st_size > 1000
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 6 and lines[-2].split()[0] == "manifest"
    assert re.fullmatch(
        rf"built 4 files for 1 brief in [0-9]+\.[0-9] s \({re.escape(str(folder))}/\)", lines[-1]
    )
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary files


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(ESSAY_BRIEF), "-f", "odt", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format odt: choose from docx, pdf, html, md" in result.output
    result = runner.invoke(main, ["build", str(ESSAY_BRIEF), "-a", "nobody", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "no audience named 'nobody'" in result.output
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2


def test_failed_build_leaves_earlier_output_as_it_was(tmp_path: Path) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(main, ["build", str(ESSAY_BRIEF), "-f", "md", "-o", str(tmp_path)]).exit_code
        == 0
    )
    target = tmp_path / "triumph-in-defeat" / "negotiator.md"
    before = target.read_bytes()
    broken = tmp_path / "triumph-in-defeat.yaml"
    broken.write_text(
        ESSAY_BRIEF.read_text(encoding="utf-8").replace("bottom_line:", "bottom_lines:")
    )
    result = runner.invoke(main, ["build", str(broken), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_schema_command_matches_the_checked_in_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    checked_in = (REPO / "schema" / "brief.schema.json").read_text(encoding="utf-8")
    assert result.output == checked_in, (
        "schema drifted: run `briefgen schema -o schema/brief.schema.json`"
    )
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False


def test_brief_files_point_editors_at_the_schema() -> None:
    for brief in (REPO / "briefs").glob("*.yaml"):
        first = brief.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == "# yaml-language-server: $schema=../schema/brief.schema.json"


def test_audiences_lists_name_description_origin() -> None:
    result = CliRunner().invoke(main, ["audiences"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.strip().split("\n")]
    assert [rows[0][0], rows[0][2]] == ["negotiator", "built-in"] or any(
        r[0] == "negotiator" and r[2] == "built-in" for r in rows
    )


def test_ctrl_c_while_parsing_options_exits_130_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import click as click_module

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(click_module.Group, "make_context", interrupted)
    result = CliRunner().invoke(main, ["validate", str(ESSAY_BRIEF)])
    assert result.exit_code == 130
    assert result.output.strip() == "briefgen: interrupted"


def test_every_command_has_examples_and_the_command_list_is_not_cut_off() -> None:
    runner = CliRunner()
    top = runner.invoke(main, ["--help"]).output
    commands = top.split("Commands:\n", 1)[1]
    assert "..." not in commands and len(commands.strip().splitlines()) == 7
    for command in (["validate"], ["build"], ["check"], ["fingerprint"], ["schema"],
                    ["audiences"], ["new"], ["new", "audience"], []):  # fmt: skip
        text = runner.invoke(main, [*command, "--help"]).output
        assert "Examples:\n\n    briefgen " in text, command
    assert "BASE" not in runner.invoke(main, ["new", "audience", "--help"]).output


def test_formats_and_all_take_any_case(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(ESSAY_BRIEF), "-a", "ALL", "-f", "Md",
                                       "-o", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "triumph-in-defeat" / "negotiator.md").is_file()
    assert (tmp_path / "triumph-in-defeat" / "executive.md").is_file()


def test_an_output_that_is_a_file_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "output"
    blocker.write_text("")
    result = CliRunner().invoke(main, ["build", str(ESSAY_BRIEF), "-f", "md", "-o", str(blocker)])
    assert result.exit_code == 1
    assert result.output == f"briefgen: output folder {blocker} is a file, not a folder\n"


def test_every_error_line_starts_briefgen_or_a_location(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "none.yaml"
    for args in (["validate", str(missing)], ["build", str(missing)]):
        result = runner.invoke(main, args)
        assert (result.exit_code, result.output) == (2, f"briefgen: {missing}: no such file\n")
    result = runner.invoke(main, ["build", str(ESSAY_BRIEF), "--templates", str(tmp_path / "x")])
    assert result.output.startswith("briefgen: --templates ")


def completions(args: list[str], incomplete: str) -> list[str]:
    from click.shell_completion import ShellComplete

    complete = ShellComplete(main, {}, "briefgen", "_BRIEFGEN_COMPLETE")
    return [item.value for item in complete.get_completions(args, incomplete)]


def test_audience_and_format_names_complete_in_comma_lists(tmp_path: Path) -> None:
    names = completions(["build", "b.yaml", "-a"], "")
    assert {"executive", "negotiator", "public", "all"} <= set(names)
    assert completions(["build", "b.yaml", "-a"], "ex") == ["executive"]
    assert completions(["check", "b.yaml", "-a"], "executive,ne") == ["executive,negotiator"]
    assert "executive,executive" not in completions(["build", "-a"], "executive,")
    assert completions(["build", "-f"], "") == ["docx", "pdf", "html", "md"]
    assert completions(["build", "-f"], "docx,p") == ["docx,pdf"]
    assert "all" not in completions(["new", "audience", "x", "--extends"], "")


def test_audience_completion_follows_templates_given_before_it(tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    assert CliRunner().invoke(main, ["new", "audience", "ministry", "--extends", "executive",
                                     "--templates", str(templates)]).exit_code == 0  # fmt: skip
    assert "ministry" not in completions(["build", "-a"], "")
    assert completions(["build", "--templates", str(templates), "-a"], "mi") == ["ministry"]


def test_the_shell_asks_for_completions_through_the_environment() -> None:
    env = {**os.environ, "_BRIEFGEN_COMPLETE": "bash_complete",
           "COMP_WORDS": "briefgen build b.yaml -f docx,h", "COMP_CWORD": "4"}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "briefgen"], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=60)  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "plain,docx,html\n")
    env["_BRIEFGEN_COMPLETE"] = "bash_source"
    script = subprocess.run([sys.executable, "-m", "briefgen"], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=60).stdout  # fmt: skip
    assert "complete -o nosort -F _briefgen_completion briefgen" in script
