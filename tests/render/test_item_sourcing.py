"""Sourcing for templates: paragraphs per item (the negotiator annex) and per section."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefgen.audience.profiles import resolve, resolve_many, search_path
from briefgen.brief.load import load_brief
from briefgen.build.batch import build_memos
from briefgen.document import tree as d
from briefgen.i18n.builtin import english
from briefgen.render.assemble import render
from briefgen.render.source_labels import paragraph_numbers
from briefgen.render.view import build_view
from conftest import ESSAY_BRIEF, REPO

HORMUZ_BRIEF = REPO / "briefs" / "strait-of-hormuz.yaml"


def test_paragraphs_label_folds_runs_of_three() -> None:
    assert paragraph_numbers({9, 3, 4, 5}, ranges=True) == "¶3–5, ¶9"
    assert paragraph_numbers([13, 14], ranges=True) == "¶13, ¶14"
    assert paragraph_numbers(set(), ranges=True) == ""


def test_the_annex_lists_each_item_the_memo_shows_with_its_paragraphs() -> None:
    brief = load_brief(ESSAY_BRIEF)
    view = build_view(brief, resolve("negotiator", search_path(None)).config, english())
    annex = {row["key"]: row["items"] for row in view["sourcing"]["annex"]}
    assert annex["recommendations"][0] == {"label": "R1", "refs": "¶8"}
    assert len(annex["recommendations"]) == len(brief.recommendations)
    assert annex["key_judgments"][4] == {"label": "5", "refs": "¶2–5, ¶16"}
    assert annex["timeline"][0] == {"label": "1915", "refs": "¶4, ¶9"}
    # an obstacle's paragraphs include its positions' (enclaves: ¶13 from Azerbaijan's position)
    assert annex["obstacles"][1] == {"label": "2", "refs": "¶13–15"}


def test_sections_follow_the_audiences_selection() -> None:
    brief = load_brief(ESSAY_BRIEF)
    public = build_view(brief, resolve("public", search_path(None)).config, english())["sourcing"]
    # the two background items it shows: each side's war and toll
    assert public["cited"]["background"] == "¶3, ¶5, ¶6, ¶9, ¶11"
    assert public["cited_in"]("background", "key_judgments") == "¶3, ¶5–11"


def test_the_negotiator_memo_ends_with_sources_and_method() -> None:
    document = render(load_brief(ESSAY_BRIEF), resolve("negotiator", search_path(None))).document
    headings = [d.plain_text(b.children) for b in document.blocks if isinstance(b, d.Heading)]
    assert headings[-2:] == ["Sources and method", "References"]
    essay = d.plain_text(document.blocks[-1].children)
    assert essay.startswith("E-International Relations. “Triumph in Defeat:")  # CMOS 14.87
    table = document.blocks[-3]
    assert isinstance(table, d.Table)
    rows = {
        d.plain_text(r[0].blocks[0].children): d.plain_text(r[1].blocks[0].children)
        for r in table.rows
    }
    assert rows["Recommendations"].startswith("R1 ¶8; R2 ¶9, ¶10;")
    assert "Next steps, in order" not in rows  # the negotiator memo has no next steps


def test_with_their_source_notes_every_memo_keeps_its_budget(tmp_path: Path) -> None:
    audiences = resolve_many("all", search_path(None))
    memos, over, _brief = build_memos(ESSAY_BRIEF, audiences, ["pdf"], tmp_path)  # raises if over
    assert over == [] and {m.audience for m in memos} >= {"negotiator", "public"}


def test_a_sections_sources_come_in_declaration_order_whatever_the_hash_seed() -> None:
    """Several sources' paragraphs, gathered in a set, are labelled in the order the brief
    declares the sources: the same bytes in every run (string hashing is seeded per process)."""
    script = (
        "from pathlib import Path\n"
        "from briefgen.audience.profiles import resolve, search_path\n"
        "from briefgen.brief.load import load_brief\n"
        "from briefgen.i18n.builtin import english\n"
        "from briefgen.render.view import build_view\n"
        f"brief = load_brief(Path({str(HORMUZ_BRIEF)!r}))\n"
        "view = build_view(brief, resolve('public', search_path(None)).config, english())\n"
        "print(view['sourcing']['cited_in']('key_judgments', 'background', 'obstacles'))\n"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(printed) == 1
    (label,) = printed
    assert label.index("R48903") < label.index("IN12678") < label.index("White House")
