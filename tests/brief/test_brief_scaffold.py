"""``briefgen new brief``: a commented brief that validates, builds every built-in audience,
and is checked once its source text exists and is fingerprinted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefgen.brief.load import load_brief
from briefgen.cli import main

# Two paragraphs: the title line (which memos quote as the source's title) and one more.
SOURCE_TEXT = """\
Title of the source

The review argues that the example policy no longer works and should change within a year.
"""
FORMATS = ("docx", "pdf", "html", "md")
AUDIENCES = ("donor", "executive", "negotiator", "public")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: `-a all` finds the built-in audiences only."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_new_brief_validates_builds_every_audience_and_checks(here: Path) -> None:
    result = _run("new", "brief", "water-policy", "--source", "water.txt")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["created water-policy.yaml", "created brief.schema.json"]
    text = (here / "water-policy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=brief.schema.json\n")
    assert '    file: "water.txt"' in text
    assert _run("validate", "water-policy.yaml").exit_code == 0

    build = ["build", "water-policy.yaml", "-a", "all", "-f", ",".join(FORMATS)]
    result = _run(*build)  # the donor and negotiator memos are short: warnings, not errors
    assert result.exit_code == 0, result.output
    assert "briefgen: warning: donor: 1 page, under its budget of 2-3 pages" in result.output
    assert "over budget" not in result.output
    built = {p.name for p in (here / "output" / "water-policy").iterdir()}
    assert {f"{a}.{f}" for a in AUDIENCES for f in FORMATS} <= built

    (here / "water.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    result = _run("check", "water-policy.yaml")
    assert "S003" in result.output and "fingerprint --write" in result.output
    assert _run("fingerprint", "water-policy.yaml", "--write").exit_code == 0
    source = load_brief(here / "water-policy.yaml").sources[0]
    assert source.paragraphs == 2 and source.sha256 and "1" in source.fingerprints
    result = _run("check", "water-policy.yaml")
    assert result.exit_code == 0, result.output
    assert "clean against water.txt" in result.output


def test_source_is_named_relative_to_the_brief(here: Path) -> None:
    result = _run("new", "brief", "river", "--folder", "briefs", "--source", "texts/river.txt")
    assert result.exit_code == 0, result.output
    assert load_brief(here / "briefs" / "river.yaml").sources[0].file == "../texts/river.txt"


def test_without_a_source_the_file_line_is_commented_and_explained(here: Path) -> None:
    result = _run("new", "brief", "river")
    assert result.exit_code == 0, result.output
    assert "set sources[0].file" in result.output
    assert "    # file: source.txt" in (here / "river.yaml").read_text(encoding="utf-8")
    assert load_brief(here / "river.yaml").sources[0].file is None


def test_an_existing_brief_is_never_overwritten(here: Path) -> None:
    (here / "river.yaml").write_text("mine\n", encoding="utf-8")
    result = _run("new", "brief", "river")
    assert result.exit_code == 2
    assert "river.yaml already exists" in result.output
    assert (here / "river.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (here / "brief.schema.json").exists()


def test_an_existing_schema_is_kept(here: Path) -> None:
    (here / "brief.schema.json").write_text("{}\n", encoding="utf-8")
    result = _run("new", "brief", "river")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "created river.yaml"
    assert "brief.schema.json" not in result.output
    assert (here / "brief.schema.json").read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Water Policy", "lower-case"),
        ("water--policy", "lower-case"),
        ("con", "reserved device name"),
        ("../up", "lower-case"),
    ],
)
def test_bad_names_are_refused_and_nothing_is_written(here: Path, name: str, why: str) -> None:
    result = _run("new", "brief", name)
    assert result.exit_code == 2
    assert why in result.output
    assert list(here.iterdir()) == []


def test_help_has_examples() -> None:
    result = _run("new", "brief", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "briefgen new brief water-policy --source water.txt" in result.output
    assert "brief" in _run("new", "--help").output
