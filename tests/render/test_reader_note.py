"""The reader note as templates see it, and the executive memo built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.brief.model import Brief
from briefgen.document.tree import dump
from briefgen.errors import InputError
from briefgen.i18n.builtin import english
from briefgen.render.assemble import missing_requirements, render
from briefgen.render.reader_note import disputed_claims, note_for
from briefgen.render.view import build_view
from conftest import ESSAY_BRIEF, REPO


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_brief(ESSAY_BRIEF)


def without_note(brief: Brief) -> Brief:
    return brief.model_copy(update={"readers": {}})


def test_an_audience_reads_its_own_note_then_its_base_audiences(brief: Brief) -> None:
    path = search_path(REPO / "templates")
    assert note_for(brief, resolve("executive", path).config)[0] == "executive"
    negotiator_note = brief.readers["executive"]
    moved = brief.model_copy(update={"readers": {"negotiator": negotiator_note}})
    found = note_for(moved, resolve("legislative", path).config)  # legislative extends it
    assert found == ("negotiator", negotiator_note)
    assert note_for(moved, resolve("donor", path).config) is None


def test_the_view_labels_options_and_lists_what_they_take_up(brief: Brief) -> None:
    config = resolve("executive", search_path(None)).config
    view = build_view(brief, config, english())
    reader = view["reader"]
    assert view["audience"]["to"] == "The Minister for Foreign Affairs"  # the note's To line
    assert [o["builds_on"] for o in reader["options"]] == [["R4"], ["R3", "R7"], []]
    assert [r["label"] for r in reader["recommendations"]] == ["R3", "R4", "R7"]
    assert reader["options"][2]["risks"] == "The essay calls the present opening fragile."
    assert view["disputed_claims"] == disputed_claims(brief) == 3  # 2 contested, 1 unsupported


def test_a_memo_without_a_note_gets_none(brief: Brief) -> None:
    view = build_view(brief, resolve("negotiator", search_path(None)).config, english())
    assert view["reader"] is None and view["audience"]["to"] == "Mediation and negotiation team"


def test_the_build_names_a_missing_note_and_its_empty_parts(brief: Brief) -> None:
    executive = resolve("executive", search_path(None))
    assert missing_requirements(without_note(brief), executive) == ["readers.executive"]
    note = brief.readers["executive"].model_copy(update={"options": [], "decision": None})
    partial = brief.model_copy(update={"readers": {"executive": note}})
    assert missing_requirements(partial, executive) == [
        "readers.executive.decision",
        "readers.executive.options",
    ]
    with pytest.raises(InputError) as info:
        render(without_note(brief), executive, "b.yaml")
    assert str(info.value) == (
        "b.yaml: the executive memo needs readers.executive, which the brief leaves empty; "
        "write what this memo tells its reader under readers: executive: (bottom_line, "
        "implications, decision, options; see docs/brief-format.md, 'Reader notes')"
    )


def test_the_executive_memo_is_a_decision_note(brief: Brief) -> None:
    text = dump(render(brief, resolve("executive", search_path(None))).document)
    order = [
        "Bottom line: the analyst's assessment",
        "What this means for you",
        "The decision and your options",
        "What the options take up",
        "Read with care",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "Whether to fund refugee resettlement" in text
    assert "The essay argues from a perspective close to Azerbaijan's." in text
    assert "Of the claims in the essay, 3 are disputed or made without evidence" in text


def test_an_audience_extending_executive_may_require_less(tmp_path: Path, brief: Brief) -> None:
    folder = tmp_path / "summary"
    folder.mkdir()
    (folder / "audience.yaml").write_text(
        "name: summary\nextends: executive\ndescription: d\nreader: r\nmemo: {to: t}\n"
        "requires: [reader.bottom_line, key_figures]\n",
        encoding="utf-8",
    )
    audience = resolve("summary", search_path(tmp_path))
    assert missing_requirements(brief, audience) == []  # it reads the executive note
    assert missing_requirements(without_note(brief), audience) == ["readers.summary"]
    deeper = tmp_path / "deeper"
    deeper.mkdir()
    (deeper / "audience.yaml").write_text(
        "name: deeper\nextends: summary\ndescription: d\nreader: r\nmemo: {to: t}\n",
        encoding="utf-8",
    )
    audience = resolve("deeper", search_path(tmp_path))  # deeper -> summary -> executive
    assert missing_requirements(brief, audience) == []
    assert "Bottom line: the analyst's assessment" in dump(render(brief, audience).document)
