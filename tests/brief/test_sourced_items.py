"""Every sourced item of a brief, walked one way."""

from __future__ import annotations

from briefgen.brief.load import load_located
from briefgen.brief.sourced_items import brief_items
from conftest import ESSAY_BRIEF


def test_every_item_of_the_essay_brief_is_walked_once() -> None:
    brief, doc = load_located(ESSAY_BRIEF)
    items = list(brief_items(brief))
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids))
    positions = sum(len(o.positions) for o in brief.obstacles)
    assert len(items) == (
        2  # bottom line and plain summary
        + len(brief.key_judgments)
        + len(brief.context.background)
        + len(brief.context.timeline)
        + len(brief.context.key_figures)
        + len(brief.obstacles)
        + positions
        + len(brief.recommendations)
        + len(brief.counterpoints)
        + len(brief.editorial_notes)
        + len(brief.next_steps)
        + len(brief.glossary)
        + sum(  # each reader note: its own prose, each implication, caveat and option
            1 + len(n.implications) + len(n.caveats) + len(n.options)
            for n in brief.readers.values()
        )
    )
    assert all(item.path in doc.value_at for item in items)


def test_a_position_is_an_item_with_its_obstacle_in_its_id() -> None:
    brief, _doc = load_located(ESSAY_BRIEF)
    item = next(i for i in brief_items(brief) if i.id == "enclaves/azerbaijan")
    assert item.path == ("obstacles", 1, "positions", "azerbaijan")
    assert [r.paragraph for r in item.refs] == [13] and item.quote is not None
    assert [path[-1] for path, _text in item.texts] == ["text"]


def test_prose_fields_exclude_codes_and_cited_includes_the_quotation() -> None:
    brief, _doc = load_located(ESSAY_BRIEF)
    rec = next(i for i in brief_items(brief) if i.id == "turkey-open-border")
    assert {path[-1] for path, _text in rec.texts} == {"text", "plain", "rationale"}
    judgment = next(i for i in brief_items(brief) if i.id == "kj-opportunity-in-defeat")
    assert [str(r) for r in judgment.cited] == ["essay:7", "essay:8"]
    glossary = next(i for i in brief_items(brief) if i.id == "glossary:Artsakh")
    assert glossary.refs == () and [p[-1] for p, _t in glossary.texts] == ["definition"]
