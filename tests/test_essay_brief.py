"""The essay's brief: valid, tied to the real source, quotations verbatim, nothing out of range."""

from __future__ import annotations

import hashlib

import pytest

from briefgen.brief.load import load_brief
from briefgen.check.source_text import split_paragraphs
from conftest import ESSAY_BRIEF, SOURCE

pytestmark = pytest.mark.skipif(not SOURCE.exists(), reason="the shared source essay is absent")


def paragraphs() -> list[str]:
    return split_paragraphs(SOURCE.read_text(encoding="utf-8"))


def test_source_hash_and_paragraph_count_match_the_essay() -> None:
    brief = load_brief(ESSAY_BRIEF)
    assert brief.sources[0].sha256 == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert brief.sources[0].paragraphs == len(paragraphs())


def test_every_quotation_is_verbatim_in_its_paragraph() -> None:
    brief = load_brief(ESSAY_BRIEF)
    paras = paragraphs()
    quotes = [r.quote for r in brief.recommendations] + [c.quote for c in brief.counterpoints]
    quotes += [p.quote for o in brief.obstacles for p in o.positions.values()]
    quotes = [q for q in quotes if q is not None]
    assert quotes
    for quote in quotes:
        assert quote.text in paras[quote.ref.paragraph - 1], (str(quote.ref), quote.text)


def test_the_essay_brief_covers_what_the_issue_lists() -> None:
    brief = load_brief(ESSAY_BRIEF)
    assert len(brief.obstacles) == 5
    assert len(brief.recommendations) >= 10
    cited = {ref.paragraph for rec in brief.recommendations for ref in rec.refs}
    assert {8, 10, 11, 12, 13, 15} <= cited
    addressees = {a for rec in brief.recommendations for a in rec.addressed_to}
    assert {
        "armenia",
        "azerbaijan",
        "turkey",
        "russia",
        "eu",
        "us",
        "regional-neighbours",
    } <= addressees
    statuses = {c.status for c in brief.counterpoints}
    assert "contested" in statuses and "unsubstantiated" in statuses
    assert any("Artsakh" in n.text and n.kind == "correction" for n in brief.editorial_notes)
    assert brief.glossary and brief.context.timeline and brief.context.key_figures


def test_the_turkish_high_command_claim_is_never_stated_as_fact() -> None:
    brief = load_brief(ESSAY_BRIEF)
    claims = [c for c in brief.counterpoints if "high command" in c.claim]
    assert claims and all(c.status != "contested" or c.counter for c in claims)
    assert all(c.status in {"unsubstantiated", "contested"} for c in claims)
