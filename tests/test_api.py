"""The Python API, end to end: build to a folder and to bytes, validate, check, the errors."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefgen
from briefgen import api
from briefgen.cli import main
from briefgen.errors import BuildError, InputError, Problem, WriteError
from conftest import ESSAY_BRIEF, SOURCE


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the PDF's dates: comparable bytes


def test_import_briefgen_imports_nothing_else_until_used() -> None:
    code = (
        "import sys, briefgen; "
        "print(sorted(m for m in sys.modules if m.startswith(('briefgen', 'pydantic', 'yaml'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['briefgen']", result.stderr


def test_the_package_names_the_api() -> None:
    assert briefgen.validate is api.validate and briefgen.render_bytes is api.render_bytes
    assert briefgen.api is api and briefgen.InputError is InputError
    assert briefgen.CheckReport.__name__ == "Report"
    assert set(briefgen.__all__) <= set(dir(briefgen))
    with pytest.raises(AttributeError):
        _ = briefgen.no_such_name


def test_build_writes_the_files_it_returns(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = api.build(ESSAY_BRIEF, audiences=["executive", "public"], formats="MD,html",
                       output=tmp_path, progress=lambda *call: calls.append(call))  # fmt: skip
    folder = tmp_path / "triumph-in-defeat"
    assert [(f.audience, f.format) for f in result.files] == [
        ("executive", "md"), ("executive", "html"), ("public", "md"), ("public", "html")
    ]  # fmt: skip
    for file in result.files:
        assert file.path == folder / f"{file.audience}.{file.format}"
        assert file.path.is_file() and file.words > 100 and file.pages is None
    (brief,) = result.briefs
    assert brief.brief == ESSAY_BRIEF and brief.folder == folder and brief.over_budget == ()
    assert json.loads(brief.manifest.read_text(encoding="utf-8"))["brief"]["id"]
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert re.fullmatch(rf"built 4 files for 1 brief in \d+\.\d s \({re.escape(str(folder))}/\)",
                        result.summary())  # fmt: skip


def test_build_writes_what_the_command_line_writes(tmp_path: Path) -> None:
    api.build(ESSAY_BRIEF, audiences="executive", formats=["pdf", "docx"], output=tmp_path / "a")
    args = ["build", str(ESSAY_BRIEF), "-a", "executive", "-o", str(tmp_path / "b"), "-j", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    for name in ("executive.pdf", "executive.docx", "manifest.json"):
        a, b = (tmp_path / side / "triumph-in-defeat" / name for side in "ab")
        assert a.read_bytes() == b.read_bytes(), name


def test_render_bytes_is_the_built_file_without_writing(tmp_path: Path) -> None:
    result = api.build(ESSAY_BRIEF, audiences="executive", formats="md,pdf", output=tmp_path)
    for file in result.files:
        assert api.render_bytes(ESSAY_BRIEF, "executive", file.format) == file.path.read_bytes()
    with pytest.raises(InputError, match="one audience and one format"):
        api.render_bytes(ESSAY_BRIEF, "executive", "md,pdf")
    with pytest.raises(InputError, match="no audience named 'nobody'"):
        api.render_bytes(ESSAY_BRIEF, "nobody", "md")


def test_validate_returns_located_problems_in_file_order(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = ESSAY_BRIEF.read_text(encoding="utf-8").replace("\n  title:", "\n  titel:", 1)
    bad.write_text(text.replace("addressed_to: [turkey", "addressed_to: [narnia", 1), "utf-8")
    problems = api.validate(bad)
    assert all(isinstance(p, Problem) and p.file == str(bad) and p.line for p in problems)
    assert [p.path for p in problems[:2]] == ["meta.titel", "meta.title"]
    assert problems[0].message == "unknown field 'titel': did you mean 'title'?"
    assert "'narnia' is not a declared actor" in problems[2].message
    assert problems == sorted(problems, key=lambda p: (p.line, p.column))
    assert api.validate(ESSAY_BRIEF) == []
    assert [p.message for p in api.validate(tmp_path / "none.yaml")] == ["no such file"]


def test_load_raises_the_error_the_command_line_prints(tmp_path: Path) -> None:
    assert api.load(ESSAY_BRIEF).meta.id == "triumph-in-defeat"
    bad = tmp_path / "bad.yaml"
    bad.write_text(ESSAY_BRIEF.read_text(encoding="utf-8").replace("bottom_line:", "bottom_lin:"))
    with pytest.raises(InputError) as info:
        api.load(bad)
    printed = CliRunner().invoke(main, ["validate", str(bad)]).stderr
    assert str(info.value) + "\n" == printed
    assert str(info.value).startswith(f"{bad}:")


def test_check_the_worked_example_against_its_source() -> None:
    report = api.check(ESSAY_BRIEF, SOURCE, audiences="executive")
    assert isinstance(report, api.CheckReport)
    assert report.recorded == {"essay": report.texts["essay"].sha256}
    assert all(f.code and f.severity in {"error", "warning"} for f in report.findings)
    args = ["check", str(ESSAY_BRIEF), "--source", str(SOURCE), "-a", "executive"]
    printed = CliRunner().invoke(main, args)
    assert printed.stdout == "\n".join(report.lines()) + "\n"
    assert printed.exit_code == report.exit_code
    with pytest.raises(InputError, match="no such file"):
        api.check(ESSAY_BRIEF, SOURCE.with_name("none.txt"))


def test_an_output_that_is_a_file_is_a_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("")
    with pytest.raises(WriteError, match=f"output folder {re.escape(str(blocker))} is a file"):
        api.build(ESSAY_BRIEF, formats="md", output=blocker)


def test_over_budget_is_an_error_unless_allowed(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    api.new_audience("tight", "executive", templates)
    config = templates / "tight" / "audience.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "budget:\n  words:\n    max: 10\n")
    options = {"audiences": "tight", "formats": "md", "templates": templates}
    with pytest.raises(BuildError, match="over budget"):
        api.build(ESSAY_BRIEF, output=tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()
    result = api.build(ESSAY_BRIEF, output=tmp_path / "out", allow_over_budget=True, **options)
    assert result.briefs[0].over_budget[0].startswith("tight: ")


def test_audiences_schema_and_fingerprint(tmp_path: Path) -> None:
    names = [info.name for info in api.audiences()]
    assert names == api.audience_names() and "negotiator" in names
    assert json.loads(api.schema(tmp_path / "s.json")) == json.loads(
        (tmp_path / "s.json").read_text(encoding="utf-8")
    )
    found = api.fingerprint(ESSAY_BRIEF, SOURCE)
    assert found.changes == () and not found.written and "sha256:" in found.block


def test_one_build_per_brief_fans_out_to_worker_processes(tmp_path: Path) -> None:
    """docs/api.md's fan-out: each brief its own api.build call in a process pool; the results
    and a located InputError come back whole, and the bad brief stops only itself."""
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    good.write_text(text, encoding="utf-8")
    bad.write_text(text.replace("\n  title:", "\n  titel:", 1), encoding="utf-8")
    options = {"audiences": "executive", "formats": "md", "output": tmp_path / "out"}
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(api.build, brief, **options) for brief in (good, bad)]
    result = futures[0].result()
    assert result.summary().endswith(f"({tmp_path / 'out' / 'good'}/)")
    assert [f.path for f in result.files] == [tmp_path / "out" / "good" / "executive.md"]
    assert result.files[0].path.is_file()
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(InputError) as info:
        futures[1].result()
    assert [(p.file, p.line, p.path) for p in info.value.problems[:1]] == [
        (str(bad), 16, "meta.titel")
    ]
    assert not (tmp_path / "out" / "bad").exists()


def test_a_build_of_several_briefs_sums_up_in_the_output_folder(tmp_path: Path) -> None:
    second = tmp_path / "second.yaml"
    second.write_text(ESSAY_BRIEF.read_text(encoding="utf-8"), encoding="utf-8")
    result = api.build([second, ESSAY_BRIEF], audiences="executive", formats="md",
                       output=tmp_path / "out")  # fmt: skip
    assert [brief.brief for brief in result.briefs] == [second, ESSAY_BRIEF]
    assert [brief.folder.name for brief in result.briefs] == ["second", "triumph-in-defeat"]
    folder = re.escape(f"{tmp_path / 'out'}/")
    assert re.fullmatch(rf"built 2 files for 2 briefs in \d+\.\d s \({folder}\)", result.summary())


def test_unlocated_problems_are_messages_the_cli_prefixes(tmp_path: Path) -> None:
    """docs/api.md: a problem without a position is about a whole file or none; lines() gives
    the message, and the command line puts 'briefgen: ' before it."""
    with pytest.raises(InputError) as info:
        api.build(ESSAY_BRIEF, formats="rtf", output=tmp_path)
    assert info.value.lines() == ["unknown format rtf: choose from docx, pdf, html, md"]
    assert info.value.problems[0].line == 0 and info.value.problems[0].file == ""
    printed = CliRunner().invoke(
        main, ["build", str(ESSAY_BRIEF), "-f", "rtf", "-o", str(tmp_path)]
    )
    assert (printed.exit_code, printed.output) == (2, f"briefgen: {info.value.lines()[0]}\n")
