"""Render: both worked examples through every audience, as golden Document dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.errors import InputError
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, REPO
from golden_files import assert_golden


@pytest.fixture(scope="module")
def negotiator() -> d.Document:
    brief = load_brief(ESSAY_BRIEF)
    return render(brief, resolve("negotiator", search_path(None))).document


@pytest.mark.parametrize("name", ["negotiator", "executive", "donor", "public", "legislative"])
def test_golden_dump_per_audience(name: str) -> None:
    audience = resolve(name, search_path(REPO / "templates"))
    document = render(load_brief(ESSAY_BRIEF), audience).document
    assert_golden(f"{name}.txt", d.dump(document))


@pytest.mark.parametrize("name", ["negotiator", "executive", "donor", "public", "legislative"])
def test_golden_dump_of_the_several_source_example(name: str) -> None:
    audience = resolve(name, search_path(REPO / "templates"))
    document = render(load_brief(REPO / "briefs" / "strait-of-hormuz.yaml"), audience).document
    assert_golden(f"strait-of-hormuz-{name}.txt", d.dump(document))


def test_each_audience_is_its_own_structure() -> None:
    brief = load_brief(ESSAY_BRIEF)
    headings = {}
    for name in ("negotiator", "executive", "donor", "public"):
        document = render(brief, resolve(name, search_path(None))).document
        headings[name] = [
            d.plain_text(b.children)
            for b in d.iter_blocks(document.blocks)
            if isinstance(b, d.Heading)
        ]
    # A decision note: the bottom line box, then what it means for the reader and the decision
    assert headings["executive"][:2] == ["What this means for you", "The decision and your options"]
    assert headings["public"][0] == "What happened"  # explains before it judges
    assert "Glossary" not in headings["negotiator"]
    assert "Displacement and resettlement" in headings["donor"]
    assert len({tuple(h) for h in headings.values()}) == 4


def test_negotiator_holds_what_the_issue_requires(negotiator: d.Document) -> None:
    text = d.dump_text(negotiator)
    brief = load_brief(ESSAY_BRIEF)
    for obstacle in brief.obstacles:
        assert obstacle.title in text
    for number in range(1, len(brief.recommendations) + 1):
        assert f"R{number}." in text
    assert "Artsakh" in text
    for figure in brief.context.key_figures:
        assert figure.value in text
    assert "Contested" in text and "Asserted without evidence" in text


def test_every_source_reference_is_a_footnote(negotiator: d.Document) -> None:
    assert negotiator.footnotes
    assert all(fn.cites for fn in negotiator.footnotes)
    # Chicago with "Ibid." (the negotiator's style): the source in full once, then short
    first, *rest = (d.plain_text(fn.children) for fn in negotiator.footnotes)
    assert first.startswith("“Triumph in Defeat: Inaugurating") and "E-International" in first
    assert all(text.startswith("Ibid.") and len(text) < 40 for text in rest)
    numbers = [fn.number for fn in negotiator.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_brief_missing_what_the_audience_needs_is_named(tmp_path: Path) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    start = text.index("counterpoints:")
    end = text.index("editorial_notes:")
    path = tmp_path / "b.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    brief = load_brief(path)
    with pytest.raises(InputError) as info:
        render(brief, resolve("negotiator", search_path(None)), "b.yaml")
    assert info.value.lines() == [
        "b.yaml: the negotiator memo needs counterpoints, which the brief leaves empty"
    ]


def test_timeline_graphic_where_every_event_has_a_short_label() -> None:
    brief = load_brief(ESSAY_BRIEF)
    kinds = {}
    for name in ("negotiator", "public", "executive", "donor"):
        document = render(brief, resolve(name, search_path(None))).document
        kinds[name] = {type(b).__name__ for b in d.iter_blocks(document.blocks)}
    assert "TimelineChart" in kinds["negotiator"] and "TimelineChart" in kinds["public"]
    assert "TimelineChart" not in kinds["executive"] | kinds["donor"]
    events = list(brief.context.timeline)
    events[0] = events[0].model_copy(update={"short": None})
    context = brief.context.model_copy(update={"timeline": events})
    lacking = brief.model_copy(update={"context": context})
    public = render(lacking, resolve("public", search_path(None))).document
    blocks = list(d.iter_blocks(public.blocks))
    assert not any(isinstance(b, d.TimelineChart) for b in blocks)
    assert "The events of 1915." in d.dump_text(public)  # the plain-language table instead
