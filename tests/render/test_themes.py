"""Donor themes and the neutral wording of the built-in memos, on both worked examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.errors import InputError
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF, REPO

HORMUZ_BRIEF = REPO / "briefs" / "strait-of-hormuz.yaml"
BUILTINS = ("negotiator", "executive", "donor", "public")


def _text(brief_path: Path, audience: str) -> str:
    document = render(load_brief(brief_path), resolve(audience, search_path(None))).document
    return d.dump_text(document)


def _headings(brief_path: Path, audience: str) -> list[str]:
    document = render(load_brief(brief_path), resolve(audience, search_path(None))).document
    return [
        d.plain_text(b.children) for b in d.iter_blocks(document.blocks) if isinstance(b, d.Heading)
    ]


def _without_themes(tmp_path: Path) -> Path:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    start = text.index("themes:\n")
    end = text.index("# ----", start)
    path = tmp_path / "b.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_the_donor_memo_has_a_section_per_theme_in_the_declared_order() -> None:
    for path in (ESSAY_BRIEF, HORMUZ_BRIEF):
        titles = [theme.title for theme in load_brief(path).themes]
        headings = _headings(path, "donor")
        assert [h for h in headings if h in titles] == titles


def test_a_theme_with_nothing_to_show_is_not_printed() -> None:
    brief = load_brief(ESSAY_BRIEF)
    # Every item tagged property also carries humanitarian: the property theme comes out empty.
    first = brief.themes[0].model_copy(update={"tag": "legal"})
    themes = [first, *brief.themes[1:]]
    document = render(
        brief.model_copy(update={"themes": themes}), resolve("donor", search_path(None))
    ).document
    headings = [
        d.plain_text(b.children) for b in d.iter_blocks(document.blocks) if isinstance(b, d.Heading)
    ]
    assert "Displacement and resettlement" in headings
    assert "Property and compensation" not in headings  # its items went under the first theme


def test_a_donor_memo_without_themes_names_what_to_add(tmp_path: Path) -> None:
    brief = load_brief(_without_themes(tmp_path))
    with pytest.raises(InputError) as info:
        render(brief, resolve("donor", search_path(None)), "b.yaml")
    assert info.value.lines() == [
        "b.yaml: the donor memo needs themes, which the brief leaves empty; declare themes "
        "(- tag: TAG, title: TITLE) naming tags that the background, obstacles or "
        "recommendations carry"
    ]
    render(brief, resolve("negotiator", search_path(None)), "b.yaml")  # the others need none


def test_themes_whose_items_the_memo_does_not_show_fail_by_name() -> None:
    brief = load_brief(ESSAY_BRIEF)
    # Tagged on a recommendation only, which this donor selection leaves out.
    theme = brief.themes[0].model_copy(update={"tag": "borders", "title": "Borders"})
    background = [s.model_copy(update={"tags": []}) for s in brief.context.background]
    obstacles = [o.model_copy(update={"tags": []}) for o in brief.obstacles]
    lacking = brief.model_copy(
        update={
            "themes": [theme],
            "context": brief.context.model_copy(update={"background": background}),
            "obstacles": obstacles,
        }
    )
    audience = resolve("donor", search_path(None))
    config = audience.config.model_copy(
        update={"selection": audience.config.selection.model_copy(update={"priority": ["low"]})}
    )
    narrowed = type(audience)(config, audience.chain, audience.origin)
    with pytest.raises(InputError) as info:
        render(lacking, narrowed, "b.yaml")
    assert info.value.lines() == [
        "b.yaml: the donor memo needs themes with content, and nothing it shows is tagged with "
        "a theme (borders): tag the background, obstacles or recommendations it should show "
        "with a theme's tag"
    ]


@pytest.mark.parametrize(
    ("theme", "message"),
    [
        (
            "  - {tag: weather, title: Weather}\n",
            "themes[3].tag: no background, obstacle or recommendation is tagged 'weather'",
        ),
        (
            "  - {tag: property, title: Again}\n",
            "themes[3].tag: the theme 'property' is declared twice",
        ),
    ],
)
def test_a_theme_must_group_something_once(tmp_path: Path, theme: str, message: str) -> None:
    text = ESSAY_BRIEF.read_text(encoding="utf-8")
    anchor = "    title: Regional economic integration\n"
    path = tmp_path / "b.yaml"
    path.write_text(text.replace(anchor, anchor + theme), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_brief(path)
    assert [line.split(": ", 1)[1] for line in info.value.lines()] == [message]
    assert info.value.problems[0].line > 0


@pytest.mark.parametrize("audience", [*BUILTINS, "legislative"])
def test_every_partys_proposal_says_whose_it_is(audience: str) -> None:
    """Every recommendation a party proposes is shown with its proposer, never as the
    sources' own."""
    brief = load_brief(HORMUZ_BRIEF)
    resolved = resolve(audience, search_path(REPO / "templates"))
    text = d.dump_text(render(brief, resolved).document)
    names = {actor.id: actor.name for actor in brief.actors}
    words = {
        rec.id: rec.plain if audience == "public" else rec.text for rec in brief.recommendations
    }
    shown = [rec for rec in brief.recommendations if " ".join(words[rec.id].split())[:30] in text]
    assert shown
    for rec in shown:
        proposer = names[rec.proposed_by or ""]
        assert f"roposed by {proposer}, as the sources report" in text, rec.id


def test_several_sources_are_named_together_and_each_perspective_is_a_caveat() -> None:
    brief = load_brief(HORMUZ_BRIEF)
    for audience in ("negotiator", "donor"):
        text = " ".join(_text(HORMUZ_BRIEF, audience).split())
        for source in brief.sources:
            assert " ".join((source.perspective or "").split()) in text, (audience, source.id)
    public = _text(HORMUZ_BRIEF, "public")
    negotiator = _text(HORMUZ_BRIEF, "negotiator")
    for source in brief.sources:
        title = " ".join(source.title.split())
        assert title in public and title in negotiator
    assert "The sources name 4 obstacles." in negotiator
    assert "What the sources argue" in public


def test_one_source_is_named_by_its_first_name_and_no_subject_repeats_the_title() -> None:
    brief = load_brief(ESSAY_BRIEF)
    negotiator = _text(ESSAY_BRIEF, "negotiator")
    assert "The essay names 5 obstacles." in negotiator
    assert f"{brief.sources[0].perspective} These are its claims" in negotiator
    assert "Proposed by Azerbaijan, as the essay reports" in negotiator
    for audience in BUILTINS:  # the brief has no subject: the title is not printed twice
        assert "Subject:" not in _text(ESSAY_BRIEF, audience)
    for subject, shown in (("Where funding fits", True), (f" {brief.meta.title.upper()} ", False)):
        meta = brief.meta.model_copy(update={"subject": subject})
        memo = render(brief.model_copy(update={"meta": meta}), resolve("donor", search_path(None)))
        assert ("Subject: Where funding fits" in d.dump_text(memo.document)) is shown
        assert ("Subject:" in d.dump_text(memo.document)) is shown
