"""Loading briefs: every error located as FILE:LINE:COL: path: message, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.brief.load import load_brief
from briefgen.errors import InputError
from conftest import ESSAY_BRIEF

MINIMAL = """\
meta:
  id: mini
  title: A minimal brief
  date: 2024-05-01
  organisation: Unit
sources:
  - id: report
    kind: report
    title: Source
    publisher: Publisher
    sha256: "{sha}"
    paragraphs: 3
bottom_line: Peace is possible.
key_judgments:
  - id: kj-one
    text: The essay argues it.
    refs: [1]
actors:
  - id: armenia
    name: Armenia
    kind: state
recommendations:
  - id: rec-one
    text: Talk.
    addressed_to: [armenia]
    priority: high
    horizon: immediate
    refs: [2]
""".replace("{sha}", "0" * 64)


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_brief(path, "b.yaml")
    return info.value.lines()


def write(tmp_path: Path, text: str) -> Path:
    """``text`` as the brief file b.yaml in ``tmp_path``."""
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_brief_loads(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    brief = load_brief(path)
    assert brief.meta.date == "2024-05-01"  # a bare date stays text
    assert brief.recommendations[0].proposed_by is None  # the source it cites recommends it


def test_duplicate_key(tmp_path: Path) -> None:
    text = MINIMAL.replace("  id: mini\n", "  id: mini\n  id: again\n")
    assert errors_of(tmp_path, text) == [
        "b.yaml:3:3: meta.id: duplicate key 'id' (first on line 2)"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    text = MINIMAL.replace("    paragraphs: 3", "    paragraphs: three")
    assert errors_of(tmp_path, text) == [
        "b.yaml:12:17: sources[0].paragraphs: input should be a valid integer, got 'three'"
    ]


def test_unknown_field_points_at_the_key_and_lists_the_allowed_ones(tmp_path: Path) -> None:
    text = MINIMAL.replace("    priority: high\n", "    priority: high\n    urgency: high\n")
    assert errors_of(tmp_path, text) == [
        "b.yaml:27:5: recommendations[0].urgency: unknown field 'urgency' (allowed here: "
        "addressed_to, horizon, id, obstacles, plain, priority, proposed_by, quote, rationale, "
        "refs, tags, text, voice)"
    ]


def test_misspelt_field_comes_first_with_a_suggestion_then_the_missing_one(
    tmp_path: Path,
) -> None:
    text = MINIMAL.replace("  title: A minimal", "  titel: A minimal")
    assert errors_of(tmp_path, text) == [
        "b.yaml:3:3: meta.titel: unknown field 'titel': did you mean 'title'?",
        "b.yaml:3:3: meta.title: missing required field 'title'",
    ]


def test_missing_field_without_a_misspelling_stays_at_its_mapping(tmp_path: Path) -> None:
    text = MINIMAL.replace("  title: A minimal brief\n", "").replace("Unit\n", "Unit\n  zzz: 1\n")
    missing, unknown = errors_of(tmp_path, text)
    assert missing == "b.yaml:2:3: meta.title: missing required field 'title'"
    assert unknown.startswith("b.yaml:5:3: meta.zzz: unknown field 'zzz' (allowed here: ")


def test_unknown_obstacle_lists_the_declared_ones(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    horizon: immediate\n", "    horizon: immediate\n    obstacles: [nope]\n"
    )
    text += "obstacles:\n  - id: border\n    title: B\n    summary: S.\n    refs: [1]\n"
    text += "  - id: access\n    title: A\n    summary: S.\n    refs: [1]\n"
    assert errors_of(tmp_path, text) == [
        "b.yaml:28:17: recommendations[0].obstacles[0]: no obstacle has the id 'nope' "
        "(declared: access, border)",
    ]


def test_undeclared_actor(tmp_path: Path) -> None:
    text = MINIMAL.replace("addressed_to: [armenia]", "addressed_to: [armenia, atlantis]")
    assert errors_of(tmp_path, text) == [
        "b.yaml:25:29: recommendations[0].addressed_to[1]: 'atlantis' is not a declared actor "
        "(declared: armenia)"
    ]


def test_reference_out_of_range(tmp_path: Path) -> None:
    text = MINIMAL.replace("    refs: [2]", "    refs: [2, 9]")
    assert errors_of(tmp_path, text) == [
        "b.yaml:28:15: recommendations[0].refs[1]: paragraph 9 is out of range: the source has 3"
    ]


def test_missing_field_and_bad_enum(tmp_path: Path) -> None:
    text = MINIMAL.replace("bottom_line: Peace is possible.\n", "").replace(
        "horizon: immediate", "horizon: someday"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:1:1: bottom_line: missing required field 'bottom_line'",
        "b.yaml:26:14: recommendations[0].horizon: 'someday' is not allowed: "
        "'immediate', 'short-term', 'medium-term' or 'long-term'",
    ]


def test_unknown_obstacle_and_duplicate_ids(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    horizon: immediate\n", "    horizon: immediate\n    obstacles: [nope]\n"
    )
    text = text.replace("  - id: kj-one", "  - id: rec-one")
    assert errors_of(tmp_path, text) == [
        "b.yaml:23:9: recommendations[0].id: duplicate id 'rec-one' (also used by key_judgments.0)",
        "b.yaml:28:17: recommendations[0].obstacles[0]: no obstacle has the id 'nope' "
        "(declared: none declared)",
    ]


def test_characters_no_font_covers_are_named(tmp_path: Path) -> None:
    text = MINIMAL.replace("Peace is possible.", "Peace 𓀀 is possible.")
    assert errors_of(tmp_path, text) == [
        "b.yaml:13:14: bottom_line: no bundled font has a glyph for U+13000 EGYPTIAN "
        "HIEROGLYPH A001 ('𓀀'); replace it or remove it"
    ]


def test_javascript_links_in_text_are_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("Peace is possible.", "See [this](javascript:alert(1)).")
    assert errors_of(tmp_path, text) == [
        "b.yaml:13:14: bottom_line: link target 'javascript:alert(1)' is not an http(s) or "
        "mailto URL"
    ]


def test_essay_copy_with_three_mistakes_reports_all_three(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    text = text.replace("  id: triumph-in-defeat\n", "  id: triumph-in-defeat\n  id: twice\n", 1)
    text = text.replace("  marking: DRAFT\n", "  marking: DRAFT\n  classification: secret\n", 1)
    text = text.replace("addressed_to: [turkey", "addressed_to: [narnia", 1)
    lines = errors_of(tmp_path, text)
    assert len(lines) == 3, lines
    assert "meta.id: duplicate key 'id'" in lines[0]
    assert "meta.classification: unknown field 'classification'" in lines[1]
    assert "'narnia' is not a declared actor" in lines[2]
    assert all(line.startswith("b.yaml:") for line in lines)


def test_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_brief(tmp_path)
    assert info.value.lines() == [f"{tmp_path}: is a directory, not a brief file"]
    with pytest.raises(InputError) as info:
        load_brief(tmp_path / "none.yaml")
    assert info.value.lines() == [f"{tmp_path / 'none.yaml'}: no such file"]


def test_empty_file_and_non_mapping(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "") == ["b.yaml:1:1: the file is empty: a brief is a mapping"]
    assert errors_of(tmp_path, "- a\n") == [
        "b.yaml:1:1: (document): a brief is a mapping of fields (meta, bottom_line, ...)"
    ]


@pytest.mark.parametrize(
    "written", ["1e3", "1.50", "1e999", ".nan", "-.inf", "007.0", "+12", "3.0e+00"]
)
def test_a_number_in_a_text_field_is_kept_as_written(tmp_path: Path, written: str) -> None:
    text = MINIMAL.replace(
        "  organisation: Unit\n", f"  organisation: Unit\n  marking: {written}\n"
    )
    text = text.replace("bottom_line: Peace is possible.", f"bottom_line: {written}")
    brief = load_brief(write(tmp_path, text))
    assert (brief.meta.marking, brief.bottom_line) == (written, written)


def test_a_huge_integer_is_refused_where_it_is_written(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("paragraphs: 3", "paragraphs: " + "9" * 5001))
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert str(caught.value) == (
        f"{path}:12:17: sources[0].paragraphs: a number of 5,001 characters: the limit is "
        "100; quote it if it is text"
    )


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("date: 2024-05-01", "2024-02-30", "day is out of range for month"),
        ("date: 2024-05-01", "0000-00-00", "year 0 is out of range"),
        ("date: 2024-05-01", "2023-13-01", "month must be in 1..12"),
    ],
)
def test_a_date_not_in_the_calendar_is_refused_at_the_field(
    tmp_path: Path, field: str, value: str, reason: str
) -> None:
    path = write(tmp_path, MINIMAL.replace(field, f"date: {value}"))
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert str(caught.value) == (
        f"{path}:4:9: meta.date: {value!r} is not a date of the calendar: {reason}"
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)", "file:///etc/passwd", "data:text/html,x",
            "http:/no-host", "https://"],
)  # fmt: skip
def test_a_url_field_takes_only_web_and_mail_addresses(tmp_path: Path, url: str) -> None:
    path = write(
        tmp_path, MINIMAL.replace("    paragraphs: 3", f"    paragraphs: 3\n    url: '{url}'")
    )
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert str(caught.value) == (
        f"{path}:13:10: sources[0].url: {url!r} is not an http, https or mailto URL"
    )


@pytest.mark.parametrize("url", ["https://example.org/a?b#c", "HTTP://x.y", "mailto:a@b.c"])
def test_web_and_mail_addresses_are_accepted(tmp_path: Path, url: str) -> None:
    path = write(
        tmp_path, MINIMAL.replace("    paragraphs: 3", f"    paragraphs: 3\n    url: {url}")
    )
    assert load_brief(path).sources[0].url == url


SECOND_SOURCE = """\
  - id: statement
    kind: statement
    title: A statement
    paragraphs: 5
"""


def _two_sources(text: str) -> str:
    return text.replace("bottom_line:", SECOND_SOURCE + "bottom_line:", 1)


def test_a_one_source_brief_writes_bare_paragraph_numbers(tmp_path: Path) -> None:
    brief = load_brief(write(tmp_path, MINIMAL))
    assert [str(ref) for ref in brief.key_judgments[0].refs] == ["report:1"]


def test_with_several_sources_a_ref_names_its_source(tmp_path: Path) -> None:
    text = _two_sources(MINIMAL).replace("    refs: [2]", "    refs: [statement:5, report:2]")
    brief = load_brief(write(tmp_path, text.replace("    refs: [1]", "    refs: [report:1]")))
    assert [str(ref) for ref in brief.recommendations[0].refs] == ["statement:5", "report:2"]


def test_with_several_sources_a_bare_number_is_located_and_names_them(tmp_path: Path) -> None:
    text = _two_sources(MINIMAL).replace("    refs: [2]", "    refs: [report:2]")
    assert errors_of(tmp_path, text) == [
        "b.yaml:21:12: key_judgments[0].refs[0]: name the source of paragraph 1: the brief has "
        "several sources, so write ID:1 (sources: report, statement)"
    ]


def test_a_ref_to_an_undeclared_source_or_past_its_end(tmp_path: Path) -> None:
    text = _two_sources(MINIMAL).replace("    refs: [1]", "    refs: [memo:1]")
    text = text.replace("    refs: [2]", "    refs: [statement:6]")
    assert errors_of(tmp_path, text) == [
        "b.yaml:21:12: key_judgments[0].refs[0]: 'memo' is not a declared source (declared: "
        "report, statement)",
        "b.yaml:32:12: recommendations[0].refs[0]: paragraph 6 is out of range: source "
        "'statement' has 5",
    ]


def test_the_old_single_source_says_where_it_moved(tmp_path: Path) -> None:
    text = MINIMAL.replace("sources:\n  - id: report\n    kind: report\n", "  source:\n")
    text = text.replace("    title: Source", "    title: Source", 1)
    lines = errors_of(tmp_path, text)
    assert "b.yaml:1:1: sources: missing required field 'sources'" in lines
    assert any(": meta.source: the source moved to a top-level list" in line for line in lines)
    assert not any("refs" in line for line in lines)  # no noise about the bare numbers


def test_a_proposal_or_a_claim_may_be_a_sources_own(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    horizon: immediate", "    horizon: immediate\n    proposed_by: report"
    )
    assert load_brief(write(tmp_path, text)).recommendations[0].proposed_by == "report"
    text = MINIMAL.replace(
        "    horizon: immediate", "    horizon: immediate\n    proposed_by: nobody"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:28:18: recommendations[0].proposed_by: 'nobody' is not a declared source or "
        "actor (armenia, report)"
    ]


def test_concerns_name_declared_actors(tmp_path: Path) -> None:
    text = MINIMAL + (
        "context:\n  key_figures:\n"
        "    - id: kf-one\n      value: 7\n      label: drafts\n"
        "      tags: [talks]\n      concerns: [armenia, atlantis]\n      refs: [1]\n"
    )
    line = text.splitlines().index("      concerns: [armenia, atlantis]") + 1
    assert errors_of(tmp_path, text) == [
        f"b.yaml:{line}:27: context.key_figures[0].concerns[1]: 'atlantis' is not a declared "
        "actor (declared: armenia)"
    ]
