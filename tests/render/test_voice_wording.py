"""Templates word each recommendation by its voice: the source's advice as advice, a party's
proposal as the party's, an observation as the source's, never as advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import resolve, search_path
from briefgen.brief.load import load_brief
from briefgen.document import tree as d
from briefgen.render.assemble import render
from conftest import REPO
from edits import brief_copy

OBSERVED = "The essay notes that the resettlement of refugees needs economic assistance."
# Each recommendation's words in the memos (text) and in the public memo (plain).
PROPOSED = {"text": "foster closer ties", "plain": "build closer ties"}
ADVISED = {"text": "Address the property issues", "plain": "deal with property on both sides"}


def _three_voices(tmp_path: Path) -> Path:
    """The essay's brief with one recommendation of each voice, all in every selection."""
    return brief_copy(
        tmp_path,
        (
            "    text: Provide economic assistance for the resettlement of refugees.\n",
            f"    text: {OBSERVED}\n    voice: observes\n",
        ),
        (
            "      The United States, the European Union and nearby countries should give money "
            "to help\n      refugees settle in new homes.\n",
            f"      {OBSERVED}\n",
        ),
        (
            "      relations.\n",
            "      relations.\n    voice: reports\n    proposed_by: armenia\n",
        ),
    )


def _said_of(lines: list[str], words: str, span: int) -> str:
    """The line of the memo holding ``words`` and those after it that belong to the same
    recommendation (``span`` lines in all: the negotiator and legislative memos print the
    attribution in a line of its own)."""
    index = next(i for i, line in enumerate(lines) if words in line)
    return " ".join(lines[index : index + span])


@pytest.mark.parametrize("name", ["donor", "negotiator", "public", "legislative"])
def test_each_voice_is_worded_as_such(tmp_path: Path, name: str) -> None:
    brief = load_brief(_three_voices(tmp_path))
    audience = resolve(name, search_path(REPO / "templates"))
    lines = d.dump_text(render(brief, audience).document).split("\n")
    form = "plain" if name == "public" else "text"
    span = 2 if name in ("negotiator", "legislative") else 1
    observed = _said_of(lines, OBSERVED, span).casefold()
    assert "observed by the essay, not advised" in observed
    proposed = _said_of(lines, PROPOSED[form], span).casefold()
    assert "proposed by armenia, as the essay reports" in proposed
    advised = _said_of(lines, ADVISED[form], span).casefold()
    assert "observed by" not in advised and "proposed by" not in advised


def test_the_executive_memo_marks_what_its_options_take_up_by_voice(tmp_path: Path) -> None:
    # R4 (observed here) is taken up by the worked example's first option, R3 advised.
    brief = load_brief(_three_voices(tmp_path))
    audience = resolve("executive", search_path(REPO / "templates"))
    lines = d.dump_text(render(brief, audience).document).split("\n")
    assert "observed by the essay, not advised" in _said_of(lines, OBSERVED, 1).casefold()
    advised = _said_of(lines, ADVISED["text"], 1).casefold()
    assert "observed by" not in advised and "proposed by" not in advised
