"""The worked example's framing: whose every figure, toll and judgment is, in every memo."""

from __future__ import annotations

import pytest

from briefgen.audience.profiles import Audience
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.render.assemble import render
from conftest import ESSAY_BRIEF
from edits import builtin_audiences

BRIEF = load_brief(ESSAY_BRIEF)


def memo_text(name: str) -> str:
    audience = next(a for a in builtin_audiences() if a.name == name)
    return d.dump_text(render(BRIEF, audience).document)


def test_every_key_figure_says_it_is_the_essays() -> None:
    assert all("essay" in figure.label for figure in BRIEF.context.key_figures)


@pytest.mark.parametrize("name", ["executive", "donor"])
def test_the_figures_shown_keep_both_sides_displacement(name: str) -> None:
    text = memo_text(name)
    assert "700,000+" in text and "Hundreds of thousands" in text


def test_the_public_background_tells_both_sides_toll() -> None:
    text = memo_text("public")
    what_happened = text[text.index("What happened") : text.index("Timeline")]
    assert "More than 700,000 people had to leave their homes" in what_happened
    assert "Hundreds of thousands of Armenians had to leave their homes" in what_happened


@pytest.mark.parametrize("audience", builtin_audiences(), ids=lambda a: a.name)
def test_no_memo_turns_the_essays_words_into_the_analysts(audience: Audience) -> None:
    text = d.dump_text(render(BRIEF, audience).document)
    for wrong in ("within reach", "spells the name", "Keep drafting", "China-initiated"):
        assert wrong not in text, (audience.name, wrong)
