"""A008: a memo keeps both sides' figures, events and background of a kind, or neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.audience.profiles import Audience
from briefgen.brief.load import load_located
from briefgen.check.balance import BalanceChecker
from briefgen.check.memo_text import plain_of
from conftest import ESSAY_BRIEF, REPO, SOURCE
from edits import brief_copy, probe, run

HORMUZ = REPO / "briefs" / "strait-of-hormuz.yaml"


def _a008(brief: Path, audience: Audience) -> list[tuple[str | None, str]]:
    found = run(brief, SOURCE, [audience]).findings
    return [(f.item, f.message) for f in found if f.code == "A008"]


def _checker(brief: Path) -> BalanceChecker:
    loaded, doc = load_located(brief)
    return BalanceChecker(loaded, doc)


def _label(brief: Path, ident: str) -> str:
    loaded, _doc = load_located(brief)
    return next(f.label for f in loaded.context.key_figures if f.id == ident)


def test_one_sides_figure_kept_and_the_others_dropped_is_reported() -> None:
    checker = _checker(HORMUZ)
    memo = plain_of(_label(HORMUZ, "kf-combat-days"))  # security, concerning the US
    found = checker.findings(memo, "executive")
    # The US is covered (by the figure shown); Israel, by no figure shown.
    assert [(f.code, f.audience, f.item) for f in found] == [("A008", "executive", "kf-lebanon")]
    assert found[0].message == (
        "one-sided selection: shows kf-combat-days (concerning us) but drops every one of the "
        "key figures tagged 'security' concerning israel: kf-lebanon"
    )
    assert found[0].path == "context.key_figures[7]"


def test_both_sides_shown_or_neither_is_balanced() -> None:
    checker = _checker(HORMUZ)
    both = " ".join(plain_of(_label(HORMUZ, i)) for i in ("kf-combat-days", "kf-lebanon"))
    assert checker.findings(both, "negotiator") == []
    # Figures of other kinds, or with no `concerns`, are outside the rule.
    other = " ".join(plain_of(_label(HORMUZ, i)) for i in ("kf-attacks", "kf-ships-before"))
    assert checker.findings(other, "executive") == []


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")
def test_a_public_memo_keeping_one_sides_toll_is_reported(tmp_path: Path) -> None:
    # The defect the issue found: "What happened" keeps the first war's toll on Azerbaijan and
    # drops the Armenian exodus.
    audience = probe(
        tmp_path,
        "negotiator",
        "{% block context %}<h1>Background</h1><p>{{ background[0].text }}</p>{% endblock %}",
    )
    found = _a008(ESSAY_BRIEF, audience)
    assert [item for item, _message in found] == ["bg-armenian-exodus", "bg-armenian-exodus"]
    assert "tagged 'security' concerning armenia" in found[0][1]
    assert "tagged 'humanitarian' concerning armenia" in found[1][1]


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")
def test_the_worked_examples_key_figures_keep_both_sides(tmp_path: Path) -> None:
    # Four figures show both sides' displaced; moving the Armenian one past the fourth
    # would keep only Azerbaijan's toll in the executive and donor memos.
    audience = probe(
        tmp_path,
        "negotiator",
        "{% block key_figures %}{{ m.figures(key_figures[:4]) }}{% endblock %}",
    )
    assert _a008(ESSAY_BRIEF, audience) == []
    moved = brief_copy(
        tmp_path,
        ("    - id: kf-armenians-displaced\n", "    - id: kf-armenians-later\n"),
    )
    text = moved.read_text(encoding="utf-8")
    start = text.index("    - id: kf-armenians-later\n")
    end = text.index("    - id: kf-dead\n")
    block = text[start:end]
    last = text[end:].replace("\n# ----", block + "\n# ----", 1)  # after the last figure
    moved.write_text(text[:start] + last, encoding="utf-8")
    found = _a008(moved, audience)
    assert [item for item, _message in found] == ["kf-armenians-later"]
    assert "shows kf-displaced (concerning azerbaijan)" in found[0][1]
