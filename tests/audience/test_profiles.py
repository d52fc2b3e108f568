"""Audience profiles: search path, extends, block overrides, located configuration errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import BUILTIN_ROOT, discover, resolve, resolve_many, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.errors import InputError
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, REPO

BUILTINS = ("donor", "executive", "negotiator", "public")


def write_audience(root: Path, name: str, yaml: str, template: str | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "audience.yaml").write_text(yaml, encoding="utf-8")
    if template is not None:
        (folder / "memo.html.j2").write_text(template, encoding="utf-8")
    return folder


def test_builtins_are_package_data_and_listed() -> None:
    found = discover((BUILTIN_ROOT,))
    assert tuple(sorted(found)) == BUILTINS
    for name in BUILTINS:
        audience = resolve(name, (BUILTIN_ROOT,))
        assert audience.origin == "built-in"
        assert audience.config.description and audience.config.reader


def test_budgets_match_the_audience_table() -> None:
    budgets = {n: resolve(n, (BUILTIN_ROOT,)).config.budget.pages for n in BUILTINS}
    assert (budgets["executive"].min, budgets["executive"].max) == (1, 1)
    assert (budgets["negotiator"].min, budgets["negotiator"].max) == (4, 8)
    assert (budgets["donor"].min, budgets["donor"].max) == (2, 3)
    assert (budgets["public"].min, budgets["public"].max) == (1, 3)
    assert resolve("public", (BUILTIN_ROOT,)).config.reading_grade == 9


def test_custom_audience_overrides_one_block_and_inherits_the_rest(tmp_path: Path) -> None:
    write_audience(
        tmp_path, "brief-note",
        "name: brief-note\nextends: negotiator\ndescription: Short\nstyle: {marking: INTERNAL}\n",
        '{% extends "builtin/negotiator/memo.html.j2" %}\n'
        "{% block bottom_line %}<p>Overridden bottom line.</p>{% endblock %}\n",
    )  # fmt: skip
    audience = resolve("brief-note", search_path(tmp_path))
    assert audience.config.reader == "Mediation and diplomatic staff"  # inherited
    assert audience.config.style.marking == "INTERNAL"  # merged into the inherited style
    assert audience.config.style.body_font == "serif"
    assert audience.origin == str(tmp_path / "brief-note")
    document = render(load_brief(ESSAY_BRIEF), audience).document
    text = d.dump_text(document)
    assert "Overridden bottom line." in text
    assert "Key judgments" in text and "The 5 obstacles to a settlement" in text
    assert document.meta.marking == "INTERNAL"


def test_builtin_prefix_reaches_the_original_when_a_user_folder_shadows_it(
    tmp_path: Path,
) -> None:
    write_audience(
        tmp_path, "negotiator",
        "name: negotiator\nextends: negotiator\ndescription: My negotiator\n",
        '{% extends "builtin/negotiator/memo.html.j2" %}\n'
        "{% block sources %}<p>My own source note.</p>{% endblock %}\n",
    )  # fmt: skip
    audience = resolve("negotiator", search_path(tmp_path))
    assert audience.config.description == "My negotiator"
    text = d.dump_text(render(load_brief(ESSAY_BRIEF), audience).document)
    assert "My own source note." in text and "Key judgments" in text


def test_all_includes_custom_audiences(tmp_path: Path) -> None:
    write_audience(tmp_path, "extra", "name: extra\nextends: executive\ndescription: Extra\n")
    names = [a.name for a in resolve_many("all", search_path(tmp_path))]
    assert names == sorted([*BUILTINS, "extra"])
    assert [a.name for a in resolve_many("public, executive,public", search_path(None))] == [
        "public", "executive",
    ]  # fmt: skip


def test_repo_templates_hold_the_legislative_audience() -> None:
    audience = resolve("legislative", search_path(REPO / "templates"))
    assert audience.config.extends == "negotiator"
    assert audience.config.selection.priority == ["high"]
    document = render(load_brief(ESSAY_BRIEF), audience).document
    text = d.dump_text(document)
    assert "Cover note" in text
    assert "Recommendations the analyst rates high priority" in text
    assert "R5." in text and "R7." not in text  # R7 is of medium priority
    assert document.meta.marking == "FOR COMMITTEE USE"


def test_audience_file_errors_are_located(tmp_path: Path) -> None:
    write_audience(
        tmp_path,
        "bad",
        "name: bad\ndescription: x\nreader: y\nmemo: {to: z}\nstyle:\n  font: Comic\n",
    )
    with pytest.raises(InputError) as info:
        resolve("bad", search_path(tmp_path))
    assert info.value.lines() == [
        f"{tmp_path / 'bad' / 'audience.yaml'}:6:3: style.font: unknown field 'font' (allowed "
        "here: body_font, citation_style, colours, embed_fonts, font_size, footer, header, "
        "heading_font, heading_sizes, letterhead, line_spacing, margins, marking, page_size, "
        "reference_docx, title_size, watermark)"
    ]


def test_extends_errors(tmp_path: Path) -> None:
    write_audience(tmp_path, "a", "name: a\nextends: b\ndescription: A\n")
    write_audience(tmp_path, "b", "name: b\nextends: a\ndescription: B\n")
    write_audience(tmp_path, "c", "name: c\nextends: nowhere\ndescription: C\n")
    with pytest.raises(InputError, match="forms a loop"):
        resolve("a", search_path(tmp_path))
    with pytest.raises(InputError, match="no audience named 'nowhere'"):
        resolve("c", search_path(tmp_path))
    with pytest.raises(InputError, match="available: "):
        resolve("zzz", search_path(tmp_path))


def test_folder_name_must_match(tmp_path: Path) -> None:
    write_audience(tmp_path, "one", "name: two\nextends: executive\ndescription: x\n")
    with pytest.raises(InputError, match="must match the folder name 'one'"):
        resolve("one", search_path(tmp_path))
