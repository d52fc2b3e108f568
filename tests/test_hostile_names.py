"""Names that become files: the brief file's stem (the output folder) and audience names.

``build`` writes ``OUT/<brief file stem>/<audience>.<format>``. A stem or audience name that
would escape ``OUT``, name a Windows device or carry odd characters is refused (exit 2, before
anything is rendered or written); it is never silently rewritten.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.files.names import MAX_NAME_CHARS, name_problem, output_name
from conftest import ESSAY_BRIEF

ONLY = "use letters, digits, '-', '_', '.' and spaces only"
REFUSED_STEMS = {
    "..yaml": "'.' must start with a letter or a digit",
    ".yaml": "'.yaml' must start with a letter or a digit",
    "CON.yaml": "'CON' is a reserved device name on Windows",
    "nul.txt.yaml": "'nul.txt' is a reserved device name on Windows",
    "Com1.yaml": "'Com1' is a reserved device name on Windows",
    "lpt9 .yaml": "'lpt9 ' must not end with a dot or a space",
    "a;rm -rf.yaml": f"'a;rm -rf' contains ';': {ONLY}",
    "tab\there.yaml": f"'tab\\there' contains '\\t': {ONLY}",
    "ends-with-dot..yaml": "'ends-with-dot.' must not end with a dot or a space",
    "-starts-with-dash.yaml": "'-starts-with-dash' must start with a letter or a digit",
}


@pytest.mark.parametrize(("name", "problem"), REFUSED_STEMS.items(), ids=list(REFUSED_STEMS))
def test_an_unsafe_brief_file_name_is_refused_before_anything_is_written(
    tmp_path: Path, name: str, problem: str
) -> None:
    brief = tmp_path / name
    brief.write_bytes(ESSAY_BRIEF.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(brief), "-f", "md", "-o", str(out)])
    assert result.exit_code == 2
    assert result.output == (
        f"briefgen: {brief}: the file's name becomes the output folder's name: {problem}; "
        "rename the brief\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("stem", ["triumph-in-defeat", "Brief 2024", "мой_бриф", "Հայերեն.v2"])
def test_ordinary_names_in_any_script_are_accepted(stem: str) -> None:
    assert name_problem(stem) is None


# Devanagari with vowel signs and a virama, Arabic with harakat and a shadda, a decomposed "é".
WITH_MARKS = ["हिन्दी", "العَرَبِيَّة", "cafe\u0301", "Ελληνικά\u0301"]


@pytest.mark.parametrize("stem", WITH_MARKS)
def test_letters_with_combining_marks_are_accepted(stem: str) -> None:
    assert name_problem(stem) is None


@pytest.mark.parametrize(
    ("name", "char"), [("\u0301abc", "\u0301"), ("1\u0301", "\u0301"), ("a-\u0301", "\u0301")]
)
def test_a_combining_mark_not_after_a_letter_is_refused(name: str, char: str) -> None:
    assert name_problem(name) in (
        f"{name!r} must start with a letter or a digit",
        f"{name!r} contains {char!r}: {ONLY}",
    )


def test_the_output_name_is_in_normal_form_c() -> None:
    assert output_name("cafe\u0301") == "caf\u00e9"
    assert output_name("हिन्दी") == "हिन्दी"


def test_a_brief_named_in_devanagari_builds(tmp_path: Path) -> None:
    brief = tmp_path / "हिन्दी.yaml"
    brief.write_bytes(ESSAY_BRIEF.read_bytes())
    result = CliRunner().invoke(main, ["build", str(brief), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "हिन्दी" / "negotiator.md").is_file()


def test_an_overlong_name_is_refused() -> None:
    assert name_problem("a" * (MAX_NAME_CHARS + 1)) == (
        f"the name is {MAX_NAME_CHARS + 1} characters long; the limit is {MAX_NAME_CHARS}"
    )


def test_a_brief_named_with_spaces_builds_into_that_folder(tmp_path: Path) -> None:
    brief = tmp_path / "My brief.yaml"
    brief.write_bytes(ESSAY_BRIEF.read_bytes())
    result = CliRunner().invoke(main, ["build", str(brief), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "My brief" / "negotiator.md").is_file()


def test_an_audience_named_like_a_windows_device_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "aux"
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(
        "name: aux\nextends: negotiator\ndescription: A reserved name\n", encoding="utf-8"
    )
    args = ["build", str(ESSAY_BRIEF), "-a", "aux", "-f", "md", "-o", str(tmp_path / "out"),
            "--templates", str(tmp_path / "templates")]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output == (
        "briefgen: audience 'aux' names its output files: 'aux' is a reserved device name on "
        "Windows; rename the audience\n"
    )
    assert not (tmp_path / "out").exists()
